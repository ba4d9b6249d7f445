import { Field, ObjectType } from '@nestjs/graphql';

/** Where a page of a connection ends (Relay cursor connections), shared by every paged list. */
@ObjectType('PageInfo')
export class PageInfoType {
  @Field() hasNextPage!: boolean;
  @Field(() => String, { nullable: true }) endCursor?: string | null;
}
