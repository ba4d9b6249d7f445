/**
 * Amounts including VAT as a person buying reads them (cart, checkout, their order), on the one rule the API charges
 * and the invoice prints (PRODUCT.md §2 "Money"; libs/platform money-arithmetic.ts, libs/ordering money.ts
 * `supplierOrderTotals`): lines are priced excluding VAT, round(quantity × unit price); the delivery fee is split
 * across the goods' VAT rates in their proportions (largest remainder); VAT is taken ONCE per rate, on that rate's
 * goods and share of the fee, rounded half-up. The invoice shows no line including VAT: each line here takes its
 * share of its rate's VAT (in proportion to its amount, largest remainder, as the fee is split), so that the lines and
 * the fee add up to the part's total to the cent, each line within a cent of its own VAT — never the rounded unit
 * price including VAT times the quantity, which can be cents away from what is charged.
 *
 * Integer cents, rates as the API gives them (0.055) taken in basis points, products in BigInt: exact.
 */

const BASIS_POINTS = 10_000n;

/** A rate as the API gives it (0.055) in basis points (550), as the server computes with. */
export const basisPointsOf = (rate: number): number => Math.round(rate * 10_000);

/** `numerator / denominator` rounded half-up, for non-negative integers. */
function divideHalfUp(numerator: bigint, denominator: bigint): number {
  return Number((numerator * 2n + denominator) / (denominator * 2n));
}

const vatAt = (baseCents: number, basisPoints: number): number =>
  divideHalfUp(BigInt(baseCents) * BigInt(basisPoints), BASIS_POINTS);

/** The VAT on an amount excluding it, rounded half-up to the cent. */
export const vatOnCents = (baseCents: number, rate: number): number => vatAt(baseCents, basisPointsOf(rate));

/** A price excluding VAT with its VAT added, rounded half-up to the cent: 4,50 € at 5,5 % → 4,75 €. */
export const withVat = (cents: number, rate: number): number => cents + vatOnCents(cents, rate);

/**
 * `cents` split in proportion to `weights`, exactly (largest remainder, ties to the first): the shares sum to
 * `cents`. With no weight, everything goes to the first share. The server's own rule (splitProportionally).
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

/** A line of a producer's part: its total excluding VAT (as the API priced it) and its VAT rate (0.055). */
export interface TaxedLine {
  totalCents: number;
  vatRate: number;
}

export interface PartInclVat {
  /** Each line including VAT, in the order given. */
  lineCents: number[];
  /** The delivery fee including VAT: what it adds to the part's total (its VAT at its goods' rates). */
  feeCents: number;
  /** The part's total including VAT: what is charged and invoiced for it. */
  totalCents: number;
}

/**
 * A producer's part including VAT, line by line, and its delivery fee (excluding VAT, 0 when none is chosen): the
 * lines of a rate share the VAT of that rate's goods; the fee takes what its share of each rate adds to that rate's
 * VAT. Lines + fee = total, and the total is the API's (`supplierOrderTotals`) — the invoice's TTC.
 */
export function partInclVat(lines: readonly TaxedLine[], feeCents: number): PartInclVat {
  const goodsByRate = new Map<number, number>();
  for (const line of lines) {
    const rate = basisPointsOf(line.vatRate);
    goodsByRate.set(rate, (goodsByRate.get(rate) ?? 0) + line.totalCents);
  }
  const rates = [...goodsByRate.keys()].sort((a, b) => a - b);
  const feeShares = splitProportionally(
    feeCents,
    rates.map((rate) => goodsByRate.get(rate)!),
  );
  const lineCents = lines.map((line) => line.totalCents);
  let feeInclVat = 0;
  let totalCents = 0;
  rates.forEach((rate, index) => {
    const goodsCents = goodsByRate.get(rate)!;
    const goodsVat = vatAt(goodsCents, rate);
    const rateVat = vatAt(goodsCents + feeShares[index], rate);
    const ofRate = lines.flatMap((line, position) => (basisPointsOf(line.vatRate) === rate ? [position] : []));
    const vatShares = splitProportionally(
      goodsVat,
      ofRate.map((position) => lines[position].totalCents),
    );
    ofRate.forEach((position, share) => (lineCents[position] += vatShares[share]));
    feeInclVat += feeShares[index] + rateVat - goodsVat;
    totalCents += goodsCents + feeShares[index] + rateVat;
  });
  return { lineCents, feeCents: feeInclVat, totalCents };
}

/**
 * What a delivery fee (excluding VAT) adds to a part including VAT, before it is chosen: exactly the figure its row
 * shows once chosen, and the difference it makes to the total — at its goods' rates, however many.
 */
export const feeInclVat = (lines: readonly TaxedLine[], feeCents: number): number =>
  partInclVat(lines, feeCents).feeCents;

/**
 * A line's quantity times its unit price including VAT as shown (rounded to the cent), rounded half-up: what a
 * reader would work out, not what is charged (`partInclVat`) — the pages say so where the two differ.
 */
export const unitInclVatTimesQuantity = (line: { unitPriceCents: number; quantity: number; vatRate: number }): number =>
  divideHalfUp(BigInt(Math.round(line.quantity * 1000)) * BigInt(withVat(line.unitPriceCents, line.vatRate)), 1000n);
