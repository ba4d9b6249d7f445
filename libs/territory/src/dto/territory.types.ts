import { Field, Float, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { BrandMembershipStatus } from '../entities/brand-membership.entity';
import { BrandStatus } from '../entities/brand.entity';

registerEnumType(BrandStatus, {
  name: 'BrandStatus',
  description:
    'A new brand waits for a platform admin to verify it; until then it is not shown publicly and decides on nothing.',
});

registerEnumType(BrandMembershipStatus, {
  name: 'ApprovalStatus',
  description: "A brand's decision on a producer's membership or on a product's label.",
});

@ObjectType('Commune')
export class CommuneType {
  @Field() inseeCode!: string;
  @Field() name!: string;
  @Field(() => [String]) postalCodes!: string[];
  @Field() departmentCode!: string;
  @Field() regionCode!: string;
  @Field(() => Float, { nullable: true, description: 'The commune centre, once imported (npm run geo:import).' })
  latitude?: number;
  @Field(() => Float, { nullable: true }) longitude?: number;
}

@ObjectType('Brand')
export class BrandType {
  @Field(() => ID) id!: string;
  @Field() name!: string;
  @Field() slug!: string;
  @Field(() => [String], { description: 'The départements of the territory (INSEE codes: 39, 2A, 971…).' })
  departmentCodes!: string[];
  @Field() charter!: string;
  @Field(() => String, {
    nullable: true,
    description: 'What the public page says of the territory, written by the brand (null: nothing yet).',
  })
  territoryText?: string | null;
  @Field(() => BrandStatus) status!: BrandStatus;
  @Field(() => Date, { nullable: true }) verifiedAt?: Date | null;
}

@ObjectType('BrandMembership')
export class BrandMembershipType {
  @Field(() => ID) id!: string;
  @Field(() => BrandMembershipStatus) status!: BrandMembershipStatus;
  @Field(() => String, { nullable: true, description: "The brand's reason for its latest decision." }) reason?: string;
  @Field(() => Date, { nullable: true }) decidedAt?: Date;
}

@InputType()
export class CreateBrandInput {
  @Field(() => ID, { description: 'The BRAND organization that runs it.' }) organizationId!: string;
  @Field() name!: string;
  @Field({ description: 'Lower-case words joined by hyphens, used in addresses: made-in-jura.' }) slug!: string;
  @Field(() => [String]) departmentCodes!: string[];
  @Field(() => String, { nullable: true }) charter?: string | null;
}

@InputType({ description: "The public brand page's content; an absent field is left as it is." })
export class UpdateBrandPageInput {
  @Field(() => String, { nullable: true, description: 'What the label promises (1 to 20,000 characters).' })
  charter?: string | null;
  @Field(() => String, {
    nullable: true,
    description: "The territory in the brand's words (at most 5,000; empty: none).",
  })
  territoryText?: string | null;
  @Field(() => ID, { nullable: true, description: "One of the brand organization's own media (POST /media)." })
  logoMediaId?: string | null;
  @Field(() => Boolean, { nullable: true, description: 'Removes the logo.' })
  removeLogo?: boolean | null;
}
