import { supplierOrderTotals } from '@app/ordering';
import { splitProportionally as serverSplit, vatOnCents as serverVat } from '@app/platform';
import {
  feeInclVat,
  partInclVat,
  splitProportionally,
  type TaxedLine,
  unitInclVatTimesQuantity,
  vatOnCents,
} from '../apps/web/app/lib/vat-inclusive';

/**
 * The web's amounts including VAT (apps/web/app/lib/vat-inclusive.ts: cart, checkout and order pages of a person
 * buying) against the API's own money (libs/ordering `supplierOrderTotals`, the totals charged and invoiced): the
 * same rule, so that what a consumer reads adds up to what they pay and to their invoice's TTC.
 */
const RATES = [0.021, 0.055, 0.1, 0.2];

function randomParts(count: number): { lines: TaxedLine[]; feeCents: number }[] {
  let seed = 2026;
  const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
  return Array.from({ length: count }, () => ({
    lines: Array.from({ length: 1 + Math.floor(random() * 6) }, () => ({
      totalCents: Math.floor(random() * 20_000),
      vatRate: RATES[Math.floor(random() * RATES.length)],
    })),
    feeCents: random() < 0.3 ? 0 : Math.floor(random() * 1_500),
  }));
}

const serverTotals = (lines: readonly TaxedLine[], feeCents: number) =>
  supplierOrderTotals(
    lines.map((line) => ({ totalCents: line.totalCents, vatRateBasisPoints: Math.round(line.vatRate * 10_000) })),
    feeCents,
  );

describe('amounts including VAT on the web, by the API’s rule', () => {
  it('rounds VAT and splits amounts exactly as the server does', () => {
    for (let cents = 0; cents < 5_000; cents += 7)
      for (const rate of RATES) expect(vatOnCents(cents, rate)).toBe(serverVat(cents, Math.round(rate * 10_000)));
    expect(splitProportionally(1001, [3, 3, 3])).toEqual(serverSplit(1001, [3, 3, 3]));
    expect(splitProportionally(57, [0, 0])).toEqual(serverSplit(57, [0, 0]));
    expect(splitProportionally(900, [2700, 1560])).toEqual(serverSplit(900, [2700, 1560]));
  });

  it('gives a part the total the API charges and invoices, its lines and fee adding up to it, each line within a cent of its own VAT', () => {
    for (const { lines, feeCents } of randomParts(2_000)) {
      const web = partInclVat(lines, feeCents);
      const server = serverTotals(lines, feeCents);
      expect(web.totalCents).toBe(server.totalCents);
      expect(web.lineCents.reduce((sum, cents) => sum + cents, 0) + web.feeCents).toBe(server.totalCents);
      lines.forEach((line, index) =>
        expect(Math.abs(web.lineCents[index] - line.totalCents * (1 + line.vatRate))).toBeLessThan(1),
      );
    }
  });

  it('says of a delivery fee not chosen yet exactly what choosing it adds to the total, at its goods’ rates', () => {
    for (const { lines, feeCents } of randomParts(1_000))
      expect(feeInclVat(lines, feeCents)).toBe(
        serverTotals(lines, feeCents).totalCents - serverTotals(lines, 0).totalCents,
      );
  });

  it('is not the rounded unit price including VAT times the quantity, which is not what is charged', () => {
    // 3 kg at 4,50 € HT, 5,5 %: 4,75 € TTC a kilo (24,75 c rounded up), but 13,50 € + 74 c (74,25 c) = 14,24 €.
    const line = { unitPriceCents: 450, quantity: 3, vatRate: 0.055, totalCents: 1350 };
    expect(unitInclVatTimesQuantity(line)).toBe(1425);
    expect(partInclVat([line], 0).lineCents).toEqual([1424]);
    expect(serverTotals([line], 0).totalCents).toBe(1424);
  });
});
