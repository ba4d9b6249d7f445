export { IDENTITY_ENTITIES, IdentityApiModule, IdentityModule } from './identity.module';
export type { AuthUser } from './auth/auth-user';
export { CurrentUser } from './auth/current-user.decorator';
export { AuthService, USER_REGISTERED } from './auth/auth.service';
export { AccessTokenService } from './auth/access-token.service';
export { assertFreshSignIn, FRESH_SIGN_IN_MAX_AGE_MS, FRESH_SIGN_IN_REQUIRED } from './auth/session-lifetime';
export { BearerUser } from './auth/bearer-user';
export { enqueueSecurityNotice, SECURITY_NOTICE, type SecurityNotice } from './auth/security-notice.email';
export { AccessPolicy, type MemberRequirement, membershipOf } from './organizations/access-policy.service';
export { readAccount } from './auth/auth.guard';
export { ORGANIZATION_MOVED, type OrganizationMoved, OrganizationService } from './organizations/organization.service';
export { freeSlug, isSlug, slugify } from './organizations/slug';
export { formatIban, ibanProblem, isValidBic, normalizeBic, normalizeIban } from './organizations/bank-account';
export { Media } from './media/media.entity';
export { MediaService, mediaUrl } from './media/media.service';
export { processImage, MEDIA_MAX_BYTES, MEDIA_MAX_PIXELS, MEDIA_WIDTHS } from './media/image-processing';
export { mediaLoader } from './organizations/organization.resolver';
export { organizationLoader } from './organizations/organization-loader';
export {
  ADDRESS_RESOLVER,
  type AddressResolver,
  type AddressInputValues,
  departmentOfPostalCode,
  validatedAddress,
} from './organizations/address-input';
export { Address, GeoPrecision } from './entities/address.embeddable';
export {
  Organization,
  OrganizationKind,
  OrganizationVerificationStatus,
  type SireneCheck,
  SireneOutcome,
} from './entities/organization.entity';
export {
  ORGANIZATION_VERIFICATION_DECIDED,
  type OrganizationVerificationDecided,
  OrganizationVerificationService,
} from './organizations/organization-verification.service';
export { assertOrganizationVerified, isVerified, ORGANIZATION_NOT_VERIFIED } from './organizations/verification-rules';
export { MembershipRole } from './entities/membership.entity';
export { AddressInput, AddressType, MediaType, OrganizationType, UserType } from './dto/identity.types';
export { grantPlatformAdmin } from './platform-admins';
export { AdminApiModule } from './admin/admin.module';
export { assertPlatformAdmin } from './admin/platform-admin-only';
export { hashPassword, verifyPassword } from './auth/password-hasher';
