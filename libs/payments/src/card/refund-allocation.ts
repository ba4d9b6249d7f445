import { splitProportionally } from '@app/platform';

/**
 * What a card payment owes, supplier order by supplier order: its total (what the buyer paid for it), the transfer
 * its producer received (total − commission), and how much of each was already given back. Refunds are allocated to
 * parts and producers give back a share that follows the part's cumulative refund, so that rounding never drifts
 * and a fully refunded part is fully reversed (DATA-09).
 */
export interface PartLedger {
  supplierOrderId: string;
  totalCents: number;
  transferCents: number;
  refundedCents: number;
  reversedCents: number;
}

/** What a transfer row records, as much as the ledger needs. */
export interface TransferFigures {
  supplierOrderId: string;
  amountCents: number;
  commissionCents: number;
  refundedCents: number;
  reversedCents: number;
}

/** The ledger of a supplier order from its transfer: its total is what the producer received plus the commission. */
export function ledgerOf(transfer: TransferFigures): PartLedger {
  return {
    supplierOrderId: transfer.supplierOrderId,
    totalCents: transfer.amountCents + transfer.commissionCents,
    transferCents: transfer.amountCents,
    refundedCents: transfer.refundedCents,
    reversedCents: transfer.reversedCents,
  };
}

export interface PartRefund {
  supplierOrderId: string;
  refundCents: number;
  reversalCents: number;
}

/** The producer's cumulative give-back for a part refunded `refundedCents` of `totalCents`: its transfer's share, half-up. */
function reversedFor(part: PartLedger, refundedCents: number): number {
  if (part.totalCents === 0) return 0;
  return Number(
    (BigInt(refundedCents) * BigInt(part.transferCents) * 2n + BigInt(part.totalCents)) /
      (2n * BigInt(part.totalCents)),
  );
}

/**
 * A refund of `refundCents` of a part, with the producer's give-back that follows the part's cumulative refund: what
 * the give-back due grows by, from the refunds before this one to this one included. Not from what was reversed so
 * far: a reversal is a job of its own, so an earlier one may still be waiting (or have failed, to be retried by an
 * admin), and counting from `reversedCents` would make this one take it back a second time (DATA-09 on the services).
 */
export function refundOf(part: PartLedger, refundCents: number): PartRefund {
  const due = (refunded: number) => reversedFor(part, refunded);
  return {
    supplierOrderId: part.supplierOrderId,
    refundCents,
    reversalCents: Math.max(0, due(part.refundedCents + refundCents) - due(part.refundedCents)),
  };
}

/** A refund of `amountCents` spread over the parts in proportion to what is left of each (caller checks it fits). */
export function allocateRefund(parts: readonly PartLedger[], amountCents: number): PartRefund[] {
  const left = parts.map((part) => part.totalCents - part.refundedCents);
  const shares = splitProportionally(amountCents, left);
  return parts.map((part, index) => refundOf(part, shares[index]));
}

/** A cancelled part: the buyer gets back what is left of it, the producer gives back what is left of its transfer. */
export function cancelPart(part: PartLedger): PartRefund {
  return refundOf(part, part.totalCents - part.refundedCents);
}
