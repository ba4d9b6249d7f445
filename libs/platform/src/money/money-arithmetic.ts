/**
 * Money arithmetic in integer euro cents (PRODUCT.md §2 "Money"): one place for every rounding rule, shared by
 * ordering, payments and reporting. Quantities are integer thousandths of the unit and VAT rates integer basis
 * points, so every product and quotient is taken exactly with BigInt and rounded once, half-up (amounts are never
 * negative).
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

/**
 * `cents` split in proportion to `weights`, exactly (largest remainder): the shares sum to `cents`. With no weight,
 * everything goes to the first share.
 */
export function splitProportionally(cents: number, weights: readonly number[]): number[] {
  if (weights.length === 0) return [];
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  if (total === 0) return weights.map((_, index) => (index === 0 ? cents : 0));
  return apportion(
    cents,
    weights.map((weight) => BigInt(cents) * BigInt(weight)),
    BigInt(total),
  );
}

/**
 * The VAT of a rate's lines, each its own (its amount × the rate) floored, the cents that `vatCents` — that rate's
 * VAT, rounded once on their sum — has beyond them going one each to the largest remainders: the shares sum to
 * `vatCents` and each is its line's own VAT rounded down or up, within a cent of it.
 */
export function splitVatByLine(
  vatCents: number,
  amountsCents: readonly number[],
  vatRateBasisPoints: number,
): number[] {
  return apportion(
    vatCents,
    amountsCents.map((cents) => BigInt(cents) * BigInt(vatRateBasisPoints)),
    BASIS_POINTS,
  );
}

/**
 * `total` shared out as the exact quotas `numerators[i] / denominator`, largest remainder (ties to the first): each
 * share its quota floored, then one more cent to the largest remainders until the shares sum to `total` (which must
 * lie between the floors' sum and that sum plus the number of shares).
 */
function apportion(total: number, numerators: readonly bigint[], denominator: bigint): number[] {
  const shares = numerators.map((value) => Number(value / denominator));
  let left = total - shares.reduce((sum, share) => sum + share, 0);
  const byRemainder = numerators
    .map((value, index) => ({ index, remainder: value % denominator }))
    .sort((a, b) => (a.remainder === b.remainder ? a.index - b.index : a.remainder > b.remainder ? -1 : 1));
  for (const { index } of byRemainder) {
    if (left === 0) break;
    shares[index] += 1;
    left -= 1;
  }
  return shares;
}
