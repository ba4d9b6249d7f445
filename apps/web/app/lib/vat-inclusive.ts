/**
 * Prices including VAT as a person buying reads them. A part's lines and fees including VAT come from the API
 * (`totalInclVatCents`, `feeInclVatCents`: libs/ordering money.ts `partInclVat`, the rule its totals are charged and
 * invoiced on); what is worked out here is a shelf price, one unit with its VAT rounded half-up to the cent as the API
 * rounds VAT (libs/platform money-arithmetic.ts `vatOnCents`; test/consumer-prices.e2e-spec.ts checks they agree).
 *
 * Integer cents, rates as the API gives them (0.055) taken in basis points, products in BigInt: exact.
 */

const BASIS_POINTS = 10_000n;

/** A rate as the API gives it (0.055) in basis points (550), as the server computes with. */
const basisPointsOf = (rate: number): number => Math.round(rate * 10_000);

/** `numerator / denominator` rounded half-up, for non-negative integers. */
function divideHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

/** The VAT on an amount excluding it, rounded half-up to the cent. */
export const vatOnCents = (baseCents: number, rate: number): number =>
  divideHalfUp(BigInt(baseCents) * BigInt(basisPointsOf(rate)), BASIS_POINTS);

/** A price excluding VAT with its VAT added, rounded half-up to the cent: 4,50 € at 5,5 % → 4,75 €. */
export const withVat = (cents: number, rate: number): number => cents + vatOnCents(cents, rate);

/**
 * A line's quantity times its unit price including VAT as shown (rounded to the cent), rounded half-up: what a
 * reader would work out, not what is charged (VAT is rounded once per rate, not per unit) — the pages say so where
 * the two differ.
 */
export const unitInclVatTimesQuantity = (line: { unitPriceCents: number; quantity: number; vatRate: number }): number =>
  divideHalfUp(BigInt(Math.round(line.quantity * 1000)) * BigInt(withVat(line.unitPriceCents, line.vatRate)), 1000n);
