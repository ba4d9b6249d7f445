/**
 * How one card charge is shared ("separate charges and transfers", RELIABILITY.md §5): each producer receives its
 * supplier order's total minus the platform commission, rounded half-up per supplier order; the platform keeps the
 * rest. Integer cents throughout, so transfers + commissions = the charge exactly (PAY-15).
 */
export interface SupplierOrderCharge {
  supplierOrderId: string;
  producerId: string;
  totalCents: number;
}

export interface ProducerShare extends SupplierOrderCharge {
  commissionCents: number;
  transferCents: number;
}

/** A commission rate as whole basis points (0.05 → 500), so that no float touches money. */
export const commissionBasisPoints = (rate: number): number => Math.round(rate * 10_000);

export function splitCharge(parts: readonly SupplierOrderCharge[], basisPoints: number): ProducerShare[] {
  if (!Number.isInteger(basisPoints) || basisPoints < 0 || basisPoints > 10_000)
    throw new RangeError('The commission is between 0 and 10,000 basis points.');
  return parts.map((part) => {
    const commissionCents = Number((BigInt(part.totalCents) * BigInt(basisPoints) * 2n + 10_000n) / 20_000n);
    return { ...part, commissionCents, transferCents: part.totalCents - commissionCents };
  });
}
