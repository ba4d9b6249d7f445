import { sampleLine } from './exports/writers/testing/rse-samples';
import { RseAccumulator } from './rse-accumulator';

describe('RseAccumulator with credit notes', () => {
  // One supplier order: 36,00 € of labelled vegetables and 12,00 € of eggs; 6,00 € HT credited on its invoice.
  const vegetables = sampleLine({ spendCents: 3600, labelled: true, productCategory: 'FRESH_VEGETABLES' });
  const eggs = sampleLine({ spendCents: 1200, labelled: false, productCategory: 'EGGS' });
  const summed = (credits: Map<string, number>) => {
    const accumulator = new RseAccumulator(credits);
    accumulator.enterPart('part-1');
    accumulator.add([vegetables, eggs]);
    accumulator.enterPart('part-2');
    accumulator.add([
      sampleLine({ spendCents: 1000, labelled: false, local: false, producerSiret: '1', producerName: 'B' }),
    ]);
    return accumulator.totals();
  };

  it('takes the credit off the spend, shared 36 : 12 among categories and labelled goods; the transport stays', () => {
    const gross = summed(new Map());
    const net = summed(new Map([['part-1', 600]]));
    expect([net.spendCents, net.creditedCents, net.localSpendCents, net.labelledSpendCents]).toEqual([
      5200, 600, 4200, 3150,
    ]);
    expect(Object.fromEntries(net.byCategory.map((row) => [row.category, row.spendCents]))).toEqual({
      FRESH_VEGETABLES: 3150 + 1000,
      EGGS: 1050,
    });
    expect(net.bySupplier.map((row) => [row.producerName, row.spendCents, row.creditedCents])).toEqual([
      ['Ferme du Haut-Jura', 4200, 600],
      ['B', 1000, 0],
    ]);
    expect([net.massKg, net.tkm, net.emissionsKgCo2e, net.baselineKgCo2e, net.savedKgCo2e]).toEqual([
      gross.massKg,
      gross.tkm,
      gross.emissionsKgCo2e,
      gross.baselineKgCo2e,
      gross.savedKgCo2e,
    ]);
  });

  it('brings a wholly credited part back to nothing, its delivery fee never below it', () => {
    const net = summed(new Map([['part-1', 4800 + 500]]));
    expect([net.spendCents, net.creditedCents, net.labelledSpendCents]).toEqual([1000, 4800, 0]);
  });
});
