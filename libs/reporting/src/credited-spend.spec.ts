import { creditedGoodsCents } from './credited-spend';

describe('creditedGoodsCents', () => {
  it('takes the credit off the goods first, never more than the goods nor less than nothing', () => {
    expect(creditedGoodsCents(616, 15_000)).toBe(616);
    // A whole invoice credited, its 8,00 € fee with it: the goods come back to 0.
    expect(creditedGoodsCents(15_800, 15_000)).toBe(15_000);
    expect(creditedGoodsCents(0, 15_000)).toBe(0);
  });
});
