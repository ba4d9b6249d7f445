import { Field, Int, ObjectType } from '@nestjs/graphql';
import { PageInfoType } from '@app/platform';
import { BrandMembershipStatus as LabelStatus } from '@app/territory';
import { ProductLabelType } from '../dto/catalog.types';

@ObjectType('ProductLabelEdge')
export class ProductLabelEdgeType {
  @Field() cursor!: string;
  @Field(() => ProductLabelType) node!: ProductLabelType;
}

@ObjectType('ProductLabelConnection', { description: "A brand's label requests, oldest first (its review queue)." })
export class ProductLabelConnectionType {
  @Field(() => [ProductLabelEdgeType]) edges!: ProductLabelEdgeType[];
  @Field(() => PageInfoType) pageInfo!: PageInfoType;
  @Field(() => Int) totalCount!: number;
}

@ObjectType('LabelDecision', {
  description: "One decision of the brand on a label, kept for good (the label's history).",
})
export class LabelDecisionType {
  @Field(() => LabelStatus) fromStatus!: LabelStatus;
  @Field(() => LabelStatus) toStatus!: LabelStatus;
  @Field(() => String, { nullable: true }) reason?: string | null;
  @Field(() => Date) decidedAt!: Date;
}
