import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { AppError, byKeys, ErrorCode, type GraphqlContext, requestLoader } from '@app/platform';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/current-user.decorator';
import {
  CreateOrganizationInput,
  MediaType,
  OrganizationMemberType,
  OrganizationType,
  OrganizationVerificationType,
  UpdateOrganizationInput,
} from '../dto/identity.types';
import type { Media } from '../media/media.entity';
import { MediaService, mediaUrl } from '../media/media.service';
import type { Organization } from '../entities/organization.entity';
import { AccessPolicy } from './access-policy.service';
import { OrganizationService } from './organization.service';

@Resolver(() => OrganizationType)
export class OrganizationResolver {
  constructor(
    private readonly organizations: OrganizationService,
    private readonly policy: AccessPolicy,
    private readonly media: MediaService,
  ) {}

  @Mutation(() => OrganizationType, { description: 'Creates an organization; the caller becomes its OWNER.' })
  createOrganization(@CurrentUser() user: AuthUser, @Args('input') input: CreateOrganizationInput) {
    return this.organizations.create(user, input);
  }

  @Mutation(() => OrganizationType, {
    description: 'Its owners change its name, public description, logo or address (the SIRET never changes).',
  })
  updateOrganization(
    @CurrentUser() user: AuthUser,
    @Args('id', { type: () => ID }) id: string,
    @Args('input') input: UpdateOrganizationInput,
  ) {
    return this.organizations.update(user, id, input);
  }

  @ResolveField(() => MediaType, { nullable: true })
  logo(@Parent() organization: Organization, @Context() context: GraphqlContext) {
    return organization.logoMediaId ? mediaLoader(context, this.media).load(organization.logoMediaId) : null;
  }

  @Query(() => OrganizationType, { nullable: true, description: 'An organization the caller is a member of.' })
  organization(@CurrentUser() user: AuthUser, @Args('id', { type: () => ID }) id: string) {
    return this.policy.assertMember(user, id);
  }

  @ResolveField(() => OrganizationVerificationType, {
    description:
      "Its members and platform admins: the verification's status, the admin's reason and the SIRENE directory's answer.",
  })
  async verification(
    @Parent() organization: Organization,
    @CurrentUser() user: AuthUser | null,
  ): Promise<OrganizationVerificationType> {
    await this.assertMemberSees(organization, user);
    const sirene = organization.sireneCheck;
    return {
      status: organization.verificationStatus,
      reason: organization.verificationReason ?? null,
      decidedAt: organization.verificationDecidedAt ?? null,
      sirene: sirene ? { ...sirene, checkedAt: new Date(sirene.checkedAt) } : null,
    };
  }

  @ResolveField(() => [OrganizationMemberType])
  async members(@Parent() organization: Organization, @CurrentUser() user: AuthUser | null) {
    await this.assertMemberSees(organization, user);
    return this.organizations.membersOf(organization.id);
  }

  @ResolveField(() => String, {
    nullable: true,
    description:
      "A producer's IBAN for transfers, normalised (no spaces): its members and platform admins only, null for anyone else.",
  })
  async iban(
    @Parent() organization: Organization,
    @CurrentUser() user: AuthUser | null,
    @Context() context: GraphqlContext,
  ) {
    return organization.iban && (await this.memberSees(organization, user, context)) ? organization.iban : null;
  }

  @ResolveField(() => String, {
    nullable: true,
    description: 'The BIC of its bank, if given: its members and platform admins only, null for anyone else.',
  })
  async bic(
    @Parent() organization: Organization,
    @CurrentUser() user: AuthUser | null,
    @Context() context: GraphqlContext,
  ) {
    return organization.bic && (await this.memberSees(organization, user, context)) ? organization.bic : null;
  }

  /** Whether the caller is one of its members (or a platform admin), asked once a request per organization. */
  private memberSees(organization: Organization, user: AuthUser | null, context: GraphqlContext): Promise<boolean> {
    if (!user) return Promise.resolve(false);
    return requestLoader<string, boolean>(context, 'organization-member-sees', (ids) =>
      Promise.all(ids.map((id) => this.policy.isMember(user, id))),
    ).load(organization.id);
  }

  /**
   * Field-level: an organization's members are shown to its own members only, whatever path led to it. In the
   * resolver, not a guard: field resolvers run without Nest's enhancers (graphql-api.module.ts).
   */
  private async assertMemberSees(organization: Organization, user: AuthUser | null): Promise<void> {
    if (user && (await this.policy.isMember(user, organization.id))) return;
    throw new AppError(ErrorCode.FORBIDDEN, "Only the organization's members may see this.");
  }
}

/** The request's loader of media by id. */
export const mediaLoader = (context: GraphqlContext, media: MediaService) =>
  requestLoader<string, Media | null>(context, 'media-by-id', async (ids) =>
    byKeys(ids, await media.findByIds(ids), (item) => item.id),
  );

@Resolver(() => MediaType)
export class MediaResolver {
  @ResolveField(() => String, {
    description: 'The file of the narrowest width at least `width` (the widest without it).',
  })
  url(@Parent() media: Media, @Args('width', { type: () => Int, nullable: true }) width?: number | null) {
    return mediaUrl(media, width);
  }
}
