import { bankRefundOf, settledByLostDispute } from './disputed-payments';
import { allocateRefund, ledgerOf } from './refund-allocation';

/** A transfer row of a 50.00 € part at 10 % commission, `refundedCents` of it given back so far. */
const transfer = (refundedCents: number) => ({
  supplierOrderId: 'so-1',
  amountCents: 4500,
  commissionCents: 500,
  refundedCents,
  reversedCents: 0,
});

describe('settledByLostDispute: a part the buyer got back whole through a lost dispute may be cancelled without a refund', () => {
  it('lost, the part given back whole (by the dispute, or by a refund and the dispute): settled', () => {
    expect(settledByLostDispute({ outcome: 'LOST' }, transfer(5000))).toBe(true);
    const [share] = allocateRefund([ledgerOf(transfer(1200))], 3800);
    expect(settledByLostDispute({ outcome: 'LOST' }, transfer(1200 + share.refundCents))).toBe(true);
  });

  it('lost for less than what was left of the part: not settled (a refund would still be due, which Stripe refuses)', () => {
    expect(settledByLostDispute({ outcome: 'LOST' }, transfer(4999))).toBe(false);
  });

  it('open or won, whatever was given back: not settled', () => {
    expect(settledByLostDispute({ outcome: 'OPEN' }, transfer(5000))).toBe(false);
    expect(settledByLostDispute({ outcome: 'WON' }, transfer(5000))).toBe(false);
  });

  it('no transfer row for the part (a dispute racing with its cancellation): not settled', () => {
    expect(settledByLostDispute({ outcome: 'LOST' }, null)).toBe(false);
  });
});

describe('bankRefundOf', () => {
  const dispute = { parts: [{ supplierOrderId: 'so-1', refundCents: 3800, reversalCents: 3420 }] };

  it("is the part's share of the disputed amount, 0 for a part the dispute took nothing of", () => {
    expect(bankRefundOf(dispute, 'so-1')).toBe(3800);
    expect(bankRefundOf(dispute, 'so-2')).toBe(0);
  });
});
