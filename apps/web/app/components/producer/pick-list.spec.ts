import { describe, expect, it } from '@jest/globals';
import { pickList } from './pick-list';

describe('the pick list of the orders to prepare', () => {
  it('adds up each product across orders, and counts the orders it is in', () => {
    const orders = [
      {
        lines: [
          { productId: 'p1', name: 'Tomates', unit: 'KG', quantity: 2.5 },
          { productId: 'p2', name: 'Artichauts', unit: 'PIECE', quantity: 12 },
        ],
      },
      { lines: [{ productId: 'p1', name: 'Tomates', unit: 'KG', quantity: 0.1 }] },
      { lines: [{ productId: 'p1', name: 'Tomates', unit: 'KG', quantity: 0.2 }] },
    ];
    expect(pickList(orders)).toEqual([
      { productId: 'p2', name: 'Artichauts', unit: 'PIECE', quantity: 12, orders: 1 },
      { productId: 'p1', name: 'Tomates', unit: 'KG', quantity: 2.8, orders: 3 },
    ]);
  });

  it('is empty when there is nothing to prepare', () => {
    expect(pickList([])).toEqual([]);
  });
});
