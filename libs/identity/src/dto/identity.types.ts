import { Field, Float, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { GeoPrecision } from '../entities/address.embeddable';
import { MembershipRole } from '../entities/membership.entity';
import { OrganizationKind } from '../entities/organization.entity';

registerEnumType(OrganizationKind, { name: 'OrganizationKind' });
registerEnumType(GeoPrecision, {
  name: 'GeoPrecision',
  description: 'How precisely the coordinates of an address are known.',
});
registerEnumType(MembershipRole, { name: 'MembershipRole' });

@ObjectType('Address')
export class AddressType {
  @Field() line1!: string;
  @Field() postalCode!: string;
  @Field(() => String, { nullable: true }) city?: string;
  @Field(() => String, { nullable: true }) inseeCode?: string;
  @Field(() => String, { nullable: true }) departmentCode?: string;
  @Field(() => Float, { nullable: true }) latitude?: number;
  @Field(() => Float, { nullable: true }) longitude?: number;
  @Field(() => GeoPrecision) precision!: GeoPrecision;
}

@ObjectType('Organization')
export class OrganizationType {
  @Field(() => ID) id!: string;
  @Field(() => OrganizationKind) kind!: OrganizationKind;
  @Field() name!: string;
  @Field(() => String, { nullable: true }) siret?: string;
  @Field(() => String, { nullable: true, description: 'French intra-community VAT number, derived from the SIREN.' })
  vatNumber?: string;
  @Field(() => AddressType) address!: AddressType;
}

@ObjectType('User')
export class UserType {
  @Field(() => ID) id!: string;
  @Field() email!: string;
  @Field() displayName!: string;
}

@ObjectType('Membership', { description: 'An organization the user acts for, and as what.' })
export class MembershipType {
  @Field(() => MembershipRole) role!: MembershipRole;
  @Field(() => OrganizationType) organization!: OrganizationType;
}

@ObjectType('OrganizationMember')
export class OrganizationMemberType {
  @Field(() => MembershipRole) role!: MembershipRole;
  @Field(() => UserType) user!: UserType;
}

@ObjectType('AuthPayload')
export class AuthPayloadType {
  @Field({ description: 'JWT for the Authorization header; valid 15 minutes.' }) accessToken!: string;
  @Field({ description: 'Opaque; spend it with refreshSession for a new pair. Valid 30 days, once.' }) refreshToken!: string;
  @Field(() => UserType) user!: UserType;
}

@InputType()
export class RegisterInput {
  @Field() email!: string;
  @Field({ description: 'At least 8 characters; not one of the most common passwords.' }) password!: string;
  @Field() displayName!: string;
}

@InputType()
export class LoginInput {
  @Field() email!: string;
  @Field() password!: string;
}

@InputType()
export class AddressInput {
  @Field() line1!: string;
  @Field() postalCode!: string;
  @Field(() => String, { nullable: true }) city?: string | null;
  @Field(() => String, { nullable: true }) inseeCode?: string | null;
  @Field(() => Float, { nullable: true, description: 'With longitude: the exact place (precision ADDRESS).' })
  latitude?: number | null;
  @Field(() => Float, { nullable: true }) longitude?: number | null;
}

@InputType()
export class CreateOrganizationInput {
  @Field(() => OrganizationKind) kind!: OrganizationKind;
  @Field() name!: string;
  @Field(() => String, { nullable: true, description: 'Required for producers and businesses.' }) siret?: string | null;
  @Field(() => AddressInput) address!: AddressInput;
}
