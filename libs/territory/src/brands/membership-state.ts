import { BrandMembershipStatus as Status } from '../entities/brand-membership.entity';

/**
 * The decisions a brand may take on an application or a label (the same states): approve or reject a pending one,
 * revoke an approved one. Anything else is not a transition.
 */
export function decisionTarget(current: Status, approve: boolean): Status | undefined {
  if (current === Status.PENDING) return approve ? Status.APPROVED : Status.REJECTED;
  if (current === Status.APPROVED && !approve) return Status.REVOKED;
  return undefined;
}

/** A producer may apply again after a rejection or a revocation, not while pending or approved. */
export function mayApplyAgain(current: Status): boolean {
  return current === Status.REJECTED || current === Status.REVOKED;
}
