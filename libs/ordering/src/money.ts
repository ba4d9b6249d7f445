/**
 * Order money, in integer euro cents (PRODUCT.md §2 "Money"): one place for every rounding rule.
 * Quantities are integer thousandths of the unit and VAT rates integer basis points, so every product and quotient
 * is taken exactly with BigInt and rounded once, half-up (amounts are never negative).
 */

const THOUSANDTHS = 1000n;
const BASIS_POINTS = 10_000n;

/** `numerator / denominator` rounded half-up, for non-negative integers. */
function divideHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

/** Line total = round(quantity × unit price). */
export function lineTotalCents(quantityThousandths: number, unitPriceCents: number): number {
  return divideHalfUp(BigInt(quantityThousandths) * BigInt(unitPriceCents), THOUSANDTHS);
}

/** The VAT on a base, rounded half-up to the cent. */
export function vatOnCents(baseCents: number, vatRateBasisPoints: number): number {
  return divideHalfUp(BigInt(baseCents) * BigInt(vatRateBasisPoints), BASIS_POINTS);
}

export interface PriceTierValues {
  minQuantityThousandths: number;
  unitPriceCents: number;
}

/**
 * The unit price a buyer pays for a quantity: a business gets the best B2B tier the quantity reaches (the consumer
 * price below the first tier), a consumer the consumer price.
 */
export function unitPriceFor(
  b2b: boolean,
  consumerPriceCents: number,
  tiers: readonly PriceTierValues[],
  quantityThousandths: number,
): number {
  if (!b2b) return consumerPriceCents;
  let price = consumerPriceCents;
  let reached = -1;
  for (const tier of tiers) {
    if (tier.minQuantityThousandths <= quantityThousandths && tier.minQuantityThousandths > reached) {
      reached = tier.minQuantityThousandths;
      price = tier.unitPriceCents;
    }
  }
  return price;
}

export interface TaxedAmount {
  totalCents: number;
  vatRateBasisPoints: number;
}

export interface VatRateTotal {
  vatRateBasisPoints: number;
  baseCents: number;
  vatCents: number;
}

export interface MoneyTotals {
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
}

export interface SupplierOrderTotals extends MoneyTotals {
  goodsCents: number;
  /** The delivery fee split across the goods' VAT rates, in the goods' proportions (an accessory follows its goods). */
  feeByRate: TaxedAmount[];
  /** Base and VAT per rate, ascending: what the invoice shows. */
  vatByRate: VatRateTotal[];
}

/**
 * The totals of one supplier order: goods lines plus the delivery fee. VAT is computed once per rate on that rate's
 * base (not per line), rounded half-up, so that subtotal + VAT = total exactly.
 */
export function supplierOrderTotals(lines: readonly TaxedAmount[], feeCents: number): SupplierOrderTotals {
  const goodsByRate = new Map<number, number>();
  for (const line of lines)
    goodsByRate.set(line.vatRateBasisPoints, (goodsByRate.get(line.vatRateBasisPoints) ?? 0) + line.totalCents);
  const rates = [...goodsByRate.keys()].sort((a, b) => a - b);
  const goodsCents = [...goodsByRate.values()].reduce((sum, cents) => sum + cents, 0);
  const feeShares = splitProportionally(
    feeCents,
    rates.map((rate) => goodsByRate.get(rate)!),
  );
  const feeByRate = rates
    .map((vatRateBasisPoints, index) => ({ vatRateBasisPoints, totalCents: feeShares[index] }))
    .filter((fee) => fee.totalCents > 0);
  const vatByRate = rates.map((vatRateBasisPoints, index) => {
    const baseCents = goodsByRate.get(vatRateBasisPoints)! + feeShares[index];
    return { vatRateBasisPoints, baseCents, vatCents: vatOnCents(baseCents, vatRateBasisPoints) };
  });
  return {
    goodsCents,
    feeByRate,
    vatByRate,
    ...sumTotals(
      vatByRate.map(({ baseCents, vatCents }) => ({
        subtotalCents: baseCents,
        vatCents,
        totalCents: baseCents + vatCents,
      })),
    ),
  };
}

export function sumTotals(parts: readonly MoneyTotals[]): MoneyTotals {
  const totals = { subtotalCents: 0, vatCents: 0, totalCents: 0 };
  for (const part of parts) {
    totals.subtotalCents += part.subtotalCents;
    totals.vatCents += part.vatCents;
    totals.totalCents += part.totalCents;
  }
  return totals;
}

/**
 * `cents` split in proportion to `weights`, exactly (largest remainder): the shares sum to `cents`. With no weight,
 * everything goes to the first share.
 */
export function splitProportionally(cents: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total === 0) return weights.map((_, index) => (index === 0 ? cents : 0));
  const exact = weights.map((weight) => BigInt(cents) * BigInt(weight));
  const shares = exact.map((value) => Number(value / BigInt(total)));
  let left = cents - shares.reduce((sum, share) => sum + share, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value % BigInt(total) }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder) {
    if (left === 0) break;
    shares[index] += 1;
    left -= 1;
  }
  return shares;
}

/** Cents as people read them in French: 1234 → "12,34 €". */
export const eurosText = (cents: number): string => `${(cents / 100).toFixed(2).replace('.', ',')} €`;
