import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AccessPolicy, type AuthUser, AuthService, CurrentUser, UserType } from '@app/identity';
import { AppError, byKeys, connectionOf, ErrorCode, type GraphqlContext, requestLoader } from '@app/platform';
import { type BrandDecision, BrandMembershipStatus as LabelStatus, BrandService, BrandType } from '@app/territory';
import { ProductLabelType, ProductType } from '../dto/catalog.types';
import type { ProductLabel } from '../entities/product-label.entity';
import type { Product } from '../entities/product.entity';
import { ProductService } from '../products/product.service';
import { LabelDecisionType, ProductLabelConnectionType } from './label.types';
import { ProductLabelService } from './product-label.service';

/** Whether the caller acts for this organization, asked once per organization and request. */
function actsFor(
  context: GraphqlContext,
  policy: AccessPolicy,
  user: AuthUser | null,
  organizationId: string,
): Promise<boolean> {
  if (!user) return Promise.resolve(false);
  return requestLoader(context, 'acts-for-organization', async (ids: readonly string[]) =>
    Promise.all(ids.map((id) => policy.isMember(user, id))),
  ).load(organizationId);
}

@Resolver(() => ProductLabelType)
export class ProductLabelResolver {
  constructor(
    private readonly labels: ProductLabelService,
    private readonly products: ProductService,
    private readonly brands: BrandService,
    private readonly users: AuthService,
    private readonly policy: AccessPolicy,
  ) {}

  @Mutation(() => ProductLabelType, { description: "A producer asks for a brand's label on one of its products." })
  requestProductLabel(
    @CurrentUser() user: AuthUser,
    @Args('productId', { type: () => ID }) productId: string,
    @Args('brandId', { type: () => ID }) brandId: string,
  ) {
    return this.labels.request(user, productId, brandId);
  }

  @Mutation(() => ProductLabelType, {
    description: 'The brand approves or refuses a label, or withdraws it (approve: false); a refusal needs a reason.',
  })
  decideProductLabel(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('approve') approve: boolean,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ) {
    return this.labels.decide(user, id, approve, reason);
  }

  @Query(() => ProductLabelConnectionType, {
    description:
      "The brand's review queue (its managers): requests waiting, or all, oldest request first; decided ones (APPROVED, REJECTED, REVOKED) newest decision first.",
  })
  async productLabels(
    @CurrentUser() user: AuthUser,
    @Args('brandId', { type: () => ID }) brandId: string,
    @Args('status', { type: () => LabelStatus, nullable: true }) status?: LabelStatus | null,
    @Args('first', { type: () => Int, defaultValue: 20 }) first = 20,
    @Args('after', { type: () => String, nullable: true }) after?: string | null,
  ) {
    return connectionOf(await this.labels.queue(user, brandId, status, first, after));
  }

  @ResolveField(() => ProductType)
  product(@Parent() label: ProductLabel, @Context() context: GraphqlContext) {
    return requestLoader(context, 'product-by-id', async (ids: readonly string[]) =>
      byKeys(ids, await this.products.findByIds(ids), (product) => product.id),
    ).load(label.product.id);
  }

  @ResolveField(() => BrandType)
  brand(@Parent() label: ProductLabel, @Context() context: GraphqlContext) {
    return this.loadBrand(label, context);
  }

  @ResolveField(() => Date, { description: 'When the producer asked (again, after a refusal).' })
  requestedAt(@Parent() label: ProductLabel) {
    return label.createdAt;
  }

  @ResolveField(() => Boolean, {
    description: "Approved but not shown while the producer's brand membership is not approved.",
  })
  suspended(@Parent() label: ProductLabel) {
    return label.suspended;
  }

  @ResolveField(() => UserType, {
    nullable: true,
    description: 'Who took the latest decision (to the brand and the producer).',
  })
  async decidedBy(
    @Parent() label: ProductLabel,
    @CurrentUser() user: AuthUser | null,
    @Context() context: GraphqlContext,
  ) {
    if (!label.decidedById || !(await this.isParty(label, user, context))) return null;
    return requestLoader(context, 'user-by-id', async (ids: readonly string[]) =>
      byKeys(ids, await this.users.findUsersByIds(ids), (found) => found.id),
    ).load(label.decidedById);
  }

  @ResolveField(() => [LabelDecisionType], {
    description: 'Every decision of the brand on this label, oldest first (to the brand and the producer).',
  })
  async decisions(
    @Parent() label: ProductLabel,
    @CurrentUser() user: AuthUser | null,
    @Context() context: GraphqlContext,
  ) {
    if (!(await this.isParty(label, user, context)))
      throw new AppError(ErrorCode.FORBIDDEN, "Only the brand and the producer see a label's history.");
    return requestLoader(context, 'label-decisions', async (ids: readonly string[]) => {
      const decisions = await this.labels.decisionsOn(ids);
      return ids.map((id) => decisions.filter((decision: BrandDecision) => decision.subjectId === id));
    }).load(label.id);
  }

  private loadBrand(label: ProductLabel, context: GraphqlContext) {
    return requestLoader(context, 'brand-by-id', async (ids: readonly string[]) =>
      byKeys(ids, await this.brands.findByIds(ids), (brand) => brand.id),
    ).load(label.brandId);
  }

  /** The two parties of a label: the brand's managers and the producer's members. */
  private async isParty(label: ProductLabel, user: AuthUser | null, context: GraphqlContext): Promise<boolean> {
    if (!user) return false;
    if (await actsFor(context, this.policy, user, label.producerId)) return true;
    const brand = await this.loadBrand(label, context);
    return brand !== null && (await actsFor(context, this.policy, user, brand.organizationId));
  }
}

/** The producer's view of its product's labels: every request, whatever its status, with the brand's reason. */
@Resolver(() => ProductType)
export class ProductLabelRequestsResolver {
  constructor(
    private readonly labels: ProductLabelService,
    private readonly policy: AccessPolicy,
  ) {}

  @ResolveField(() => [ProductLabelType], {
    description:
      "Every label asked for on the product, with its status and the brand's reason (the producer's members).",
  })
  async labelRequests(
    @Parent() product: Product,
    @CurrentUser() user: AuthUser | null,
    @Context() context: GraphqlContext,
  ) {
    if (!(await actsFor(context, this.policy, user, product.producerId))) {
      throw new AppError(ErrorCode.FORBIDDEN, "Only the producer's members see its label requests.");
    }
    return requestLoader(context, 'label-requests-by-product', async (ids: readonly string[]) => {
      const labels = await this.labels.requestsOn(ids);
      return ids.map((id) => labels.filter((label) => label.product.id === id));
    }).load(product.id);
  }
}
