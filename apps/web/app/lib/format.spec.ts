import { describe, expect, it } from '@jest/globals';
import { PRODUCT_COUNT_CAP, productCount, productTotal } from './format';

// The API counts products exactly up to 1,000 and answers 1,001 for more (ProductConnection.totalCount).
describe('product counts as the pages say them', () => {
  it('says an exact count as it is, agreed in number', () => {
    expect(productCount(1)).toBe('1 produit');
    expect(productCount(12)).toBe('12 produits');
    expect(productCount(PRODUCT_COUNT_CAP)).toBe('1000 produits');
    expect(productCount(3, 'produit labellisé', 'produits labellisés')).toBe('3 produits labellisés');
    expect(productTotal(1000)).toBe('1000');
  });

  it('says the capped count as "plus de 1 000", never as 1,001', () => {
    expect(PRODUCT_COUNT_CAP).toBe(1000);
    expect(productCount(1001).replace(/\s/g, ' ')).toBe('plus de 1 000 produits');
    expect(productCount(1001, 'produit en vente', 'produits en vente').replace(/\s/g, ' ')).toBe(
      'plus de 1 000 produits en vente',
    );
    expect(productTotal(1001).replace(/\s/g, ' ')).toBe('plus de 1 000');
  });
});
