import { vatOnCents as serverVat } from '@app/platform';
import { vatOnCents } from '../apps/web/app/lib/vat-inclusive';

/**
 * The web's shelf prices including VAT (apps/web/app/lib/vat-inclusive.ts: one unit, on a product's card and page)
 * against the API's rounding of VAT (libs/platform `vatOnCents`, what orders are charged on): the same half-up cent.
 * A part's lines and fees including VAT are the API's own (test/cart-quote.e2e-spec.ts).
 */
describe('shelf prices including VAT on the web, by the API’s rounding', () => {
  it('rounds VAT as the server does, at every French rate', () => {
    for (let cents = 0; cents < 20_000; cents += 7)
      for (const rate of [0.021, 0.055, 0.1, 0.2])
        expect(vatOnCents(cents, rate)).toBe(serverVat(cents, Math.round(rate * 10_000)));
  });
});
