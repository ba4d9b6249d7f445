import { AppError, ErrorCode } from '@app/platform';
import { type Organization, OrganizationVerificationStatus } from '../entities/organization.entity';

/** The `extensions.reason` of every refusal that waits for the organization's verification (issue #20 item 5). */
export const ORGANIZATION_NOT_VERIFIED = 'ORGANIZATION_NOT_VERIFIED';

export function isVerified(organization: Pick<Organization, 'verificationStatus'>): boolean {
  return organization.verificationStatus === OrganizationVerificationStatus.VERIFIED;
}

/**
 * What only a verified organization may do (a producer's payouts…): INVALID_STATE_TRANSITION with the reason
 * ORGANIZATION_NOT_VERIFIED and its status (UNVERIFIED: wait for the admin; REJECTED: see its reason).
 */
export function assertOrganizationVerified(
  organization: Pick<Organization, 'id' | 'verificationStatus'>,
  what: string,
): void {
  if (isVerified(organization)) return;
  throw new AppError(
    ErrorCode.INVALID_STATE_TRANSITION,
    `${what} waits for the organization's verification by the Ancrage team (it is ${organization.verificationStatus.toLowerCase()}).`,
    { reason: ORGANIZATION_NOT_VERIFIED, organizationId: organization.id, status: organization.verificationStatus },
  );
}
