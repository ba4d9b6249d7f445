import { Args, Context, ID, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import {
  AccessPolicy,
  AuthService,
  type AuthUser,
  CurrentUser,
  mediaLoader,
  MediaService,
  MediaType,
  organizationLoader,
  type Organization,
  OrganizationService,
  OrganizationType,
  UserType,
} from '@app/identity';
import { AppError, byKeys, ErrorCode, type GraphqlContext, Public, requestLoader } from '@app/platform';
import { BrandMembershipType, BrandType, CreateBrandInput, UpdateBrandPageInput } from '../dto/territory.types';
import { BrandMembership, BrandMembershipStatus } from '../entities/brand-membership.entity';
import { type Brand, BrandStatus } from '../entities/brand.entity';
import { BrandService } from './brand.service';

@Resolver(() => BrandType)
export class BrandResolver {
  constructor(
    private readonly brandService: BrandService,
    private readonly organizations: OrganizationService,
    private readonly media: MediaService,
  ) {}

  @Public()
  @Query(() => [BrandType], {
    description: "The verified brands, and the unverified ones of the caller's own brand organizations.",
  })
  brands(@CurrentUser() user: AuthUser | null) {
    return this.brandService.list(user);
  }

  @Public()
  @Query(() => BrandType, {
    nullable: true,
    description: "A verified brand, or an unverified one the caller's organization runs.",
  })
  brand(@CurrentUser() user: AuthUser | null, @Args('slug') slug: string) {
    return this.brandService.bySlug(slug, user);
  }

  @Query(() => [BrandType], {
    description: 'Platform admins: every brand, or those with this status (PENDING_VERIFICATION: the ones to verify).',
  })
  adminBrands(
    @CurrentUser() user: AuthUser,
    @Args('status', { type: () => BrandStatus, nullable: true }) status?: BrandStatus | null,
  ) {
    return this.brandService.adminBrands(user, status);
  }

  @Mutation(() => BrandType, {
    description: 'Platform admins: the brand is who it says it is; it is shown publicly and may decide from now on.',
  })
  verifyBrand(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.brandService.verify(user, id);
  }

  @Mutation(() => BrandType, {
    description:
      'Creates a territory brand run by a BRAND organization the caller belongs to; it waits for verification by a platform admin.',
  })
  createBrand(@CurrentUser() user: AuthUser, @Args('input') input: CreateBrandInput) {
    return this.brandService.create(user, input);
  }

  @Mutation(() => BrandType, {
    description:
      "The brand's managers write its public page (charter, territory text, logo): FORBIDDEN to others; bad input changes nothing.",
  })
  updateBrandPage(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateBrandPageInput,
  ) {
    return this.brandService.updatePage(user, id, input);
  }

  @ResolveField(() => MediaType, { nullable: true, description: "The brand's logo, if it gave one." })
  logo(@Parent() brand: Brand, @Context() context: GraphqlContext) {
    return brand.logoMediaId ? mediaLoader(context, this.media).load(brand.logoMediaId) : null;
  }

  @Mutation(() => BrandMembershipType, { description: 'A producer located in the territory applies to the brand.' })
  applyToBrand(
    @CurrentUser() user: AuthUser,
    @Args('brandId', { type: () => ID }) brandId: string,
    @Args('producerId', { type: () => ID }) producerId: string,
    @Args('message', { type: () => String, nullable: true }) message?: string | null,
  ) {
    return this.brandService.apply(user, brandId, producerId, message);
  }

  @Mutation(() => BrandMembershipType, {
    description:
      'The brand approves or rejects an application, or revokes a membership (approve: false); a refusal needs a reason.',
  })
  decideBrandMembership(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('approve') approve: boolean,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ) {
    return this.brandService.decideMembership(user, id, approve, reason);
  }

  @ResolveField(() => OrganizationType)
  organization(@Parent() brand: Brand, @Context() context: GraphqlContext) {
    return organizationLoader(context, this.organizations).load(brand.organizationId);
  }

  /** Approved members are public; the brand's own members see the applications and refusals too. */
  @ResolveField(() => [BrandMembershipType])
  async members(
    @Parent() brand: Brand,
    @CurrentUser() user: AuthUser | null,
    @Args('status', { type: () => BrandMembershipStatus, nullable: true }) status?: BrandMembershipStatus | null,
  ) {
    const runsBrand = await this.brandService.runsBrand(user, brand);
    if (status && status !== BrandMembershipStatus.APPROVED && !runsBrand) {
      throw new AppError(ErrorCode.FORBIDDEN, "Only the brand's members see applications that are not approved.");
    }
    const statuses = status
      ? [status]
      : runsBrand
        ? Object.values(BrandMembershipStatus)
        : [BrandMembershipStatus.APPROVED];
    return this.brandService.membershipsOf([brand.id], statuses);
  }
}

/** A producer's own applications to brands, on its organization (its members only). */
@Resolver(() => OrganizationType)
export class OrganizationBrandApplicationsResolver {
  constructor(private readonly brandService: BrandService) {}

  @ResolveField(() => [BrandMembershipType], {
    description:
      "A producer's applications to brands, every status, newest first, with the brand's answer and reason: its members only (FORBIDDEN to others).",
  })
  brandApplications(@Parent() organization: Organization, @CurrentUser() user: AuthUser | null) {
    return this.brandService.applicationsOf(user, organization.id);
  }
}

@Resolver(() => BrandMembershipType)
export class BrandMembershipResolver {
  constructor(
    private readonly brands: BrandService,
    private readonly users: AuthService,
    private readonly policy: AccessPolicy,
  ) {}

  private loadBrand(membership: BrandMembership, context: GraphqlContext) {
    return requestLoader(context, 'brand-by-id', async (ids: readonly string[]) =>
      byKeys(ids, await this.brands.findByIds(ids), (brand) => brand.id),
    ).load(membership.brand.id);
  }

  /** The application's message and who decided are for the two parties: the brand and the producer. */
  private async isParty(membership: BrandMembership, user: AuthUser | null, context: GraphqlContext): Promise<boolean> {
    if (!user) return false;
    const brand = await this.loadBrand(membership, context);
    return (
      (brand !== null && (await this.brands.runsBrand(user, brand))) ||
      this.policy.isMember(user, membership.producerId)
    );
  }

  @ResolveField(() => BrandType)
  brand(@Parent() membership: BrandMembership, @Context() context: GraphqlContext) {
    return this.loadBrand(membership, context);
  }

  @ResolveField(() => String, {
    nullable: true,
    description: "The producer's message with its application (to the brand and the producer).",
  })
  async message(
    @Parent() membership: BrandMembership,
    @CurrentUser() user: AuthUser | null,
    @Context() context: GraphqlContext,
  ) {
    return (await this.isParty(membership, user, context)) ? (membership.message ?? null) : null;
  }

  // `producer` is resolved by the catalog (BrandMemberProducerResolver), which shows it by the public-position rule.

  @ResolveField(() => UserType, {
    nullable: true,
    description: 'Who took the latest decision (to the brand and the producer).',
  })
  async decidedBy(
    @Parent() membership: BrandMembership,
    @CurrentUser() user: AuthUser | null,
    @Context() context: GraphqlContext,
  ) {
    if (!membership.decidedById || !(await this.isParty(membership, user, context))) return null;
    return requestLoader(context, 'user-by-id', async (ids: readonly string[]) =>
      byKeys(ids, await this.users.findUsersByIds(ids), (user) => user.id),
    ).load(membership.decidedById);
  }
}
