import { BrandMembershipStatus as Status } from '../entities/brand-membership.entity';
import { decisionTarget, mayApplyAgain } from './membership-state';

describe('brand decisions: every (state × decision)', () => {
  it.each([
    [Status.PENDING, true, Status.APPROVED],
    [Status.PENDING, false, Status.REJECTED],
    [Status.APPROVED, true, undefined],
    [Status.APPROVED, false, Status.REVOKED],
    [Status.REJECTED, true, undefined],
    [Status.REJECTED, false, undefined],
    [Status.REVOKED, true, undefined],
    [Status.REVOKED, false, undefined],
  ])('%s, approve=%s → %s', (current, approve, target) => {
    expect(decisionTarget(current, approve)).toBe(target);
  });

  it.each([
    [Status.PENDING, false],
    [Status.APPROVED, false],
    [Status.REJECTED, true],
    [Status.REVOKED, true],
  ])('a producer %s may apply again: %s', (current, allowed) => {
    expect(mayApplyAgain(current)).toBe(allowed);
  });
});
