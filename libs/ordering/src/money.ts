/**
 * Order money, in integer euro cents (PRODUCT.md §2 "Money"): tier prices and the totals of a supplier order, on
 * the rounding rules of `@app/platform`'s money arithmetic.
 */
import { lineTotalCents, splitProportionally, splitVatByLine, vatOnCents } from '@app/platform';

export { lineTotalCents, splitProportionally, vatOnCents };

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

/** A producer's part including VAT, as a person buying reads it (`partInclVat`). */
export interface PartInclVat {
  /** Each line including VAT, in the order given. */
  lineCents: number[];
  /** The delivery fee including VAT: what it adds to the part's total (its VAT at its goods' rates). */
  feeCents: number;
  /** The part's total including VAT: `supplierOrderTotals`' total, what is charged and invoiced. */
  totalCents: number;
}

/**
 * A supplier order including VAT, line by line, on the rule of its totals (`supplierOrderTotals`): each rate's VAT is
 * taken once on that rate's goods and share of the fee; a line takes its own VAT rounded down or up so that the lines
 * of a rate carry that rate's goods VAT (`splitVatByLine`: within a cent of its own, whatever its place), the fee what
 * its shares add to the rates' VAT. Lines + fee = total, to the cent. The invoice shows no line including VAT; a
 * consumer's pages do.
 */
export function partInclVat(lines: readonly TaxedAmount[], feeCents: number): PartInclVat {
  const totals = supplierOrderTotals(lines, feeCents);
  const lineCents = lines.map((line) => line.totalCents);
  let goodsVatCents = 0;
  for (const { vatRateBasisPoints } of totals.vatByRate) {
    const ofRate = lines.flatMap((line, index) => (line.vatRateBasisPoints === vatRateBasisPoints ? [index] : []));
    const amounts = ofRate.map((index) => lines[index].totalCents);
    const goodsVat = vatOnCents(
      amounts.reduce((sum, cents) => sum + cents, 0),
      vatRateBasisPoints,
    );
    goodsVatCents += goodsVat;
    splitVatByLine(goodsVat, amounts, vatRateBasisPoints).forEach((vat, share) => (lineCents[ofRate[share]] += vat));
  }
  return { lineCents, feeCents: totals.totalCents - totals.goodsCents - goodsVatCents, totalCents: totals.totalCents };
}
