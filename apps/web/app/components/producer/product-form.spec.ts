import { describe, expect, it } from '@jest/globals';
import {
  EMPTY_PRODUCT,
  productInputOf,
  tierRowsOf,
  valuesOfForm,
  valuesOfProduct,
  type ProductFormValues,
} from './product-form';

const typed = (values: Partial<ProductFormValues>): ProductFormValues => ({
  ...EMPTY_PRODUCT,
  name: 'Poireaux',
  category: 'FRESH_VEGETABLES',
  price: '2,20',
  stock: '120',
  ...values,
});

describe('productInputOf', () => {
  it('reads euros as cents and quantities as numbers, tiers included', () => {
    const result = productInputOf(
      typed({
        unit: 'PIECE',
        unitMassKg: '0,4',
        minOrderQuantity: '6',
        tiers: [{ minQuantity: '24', unitPrice: '1,9' }],
        certifications: ['AB'],
        ciqualCode: ' 20047 ',
      }),
    );
    expect(result).toEqual({
      input: {
        name: 'Poireaux',
        description: '',
        category: 'FRESH_VEGETABLES',
        unitMassKg: 0.4,
        priceCents: 220,
        vatRate: 0.055,
        stock: 120,
        minOrderQuantity: 6,
        b2bPriceTiers: [{ minQuantity: 24, unitPriceCents: 190 }],
        certifications: ['AB'],
        ciqualCode: '20047',
      },
    });
  });

  it('leaves the unit mass out when it is not typed (1 kg for a product sold by the kilo) and the minimum at 0', () => {
    const result = productInputOf(typed({}));
    expect('input' in result && result.input.unitMassKg).toBeUndefined();
    expect('input' in result && result.input.minOrderQuantity).toBe(0);
  });

  it('names the field of a text that is no number, as the API names it', () => {
    expect(productInputOf(typed({ price: 'abc' }))).toMatchObject({
      error: { field: 'priceCents', code: 'BAD_USER_INPUT' },
    });
    expect(productInputOf(typed({ stock: 'beaucoup' }))).toMatchObject({ error: { field: 'stock' } });
    expect(productInputOf(typed({ category: '' }))).toMatchObject({
      error: { field: 'category', message: 'Choisissez une catégorie.' },
    });
    expect(
      productInputOf(
        typed({
          tiers: [
            { minQuantity: '10', unitPrice: '2' },
            { minQuantity: '20', unitPrice: '' },
          ],
        }),
      ),
    ).toMatchObject({
      error: { field: 'b2bPriceTiers.1.unitPriceCents' },
    });
  });

  it('sends a negative price on, for the API to say why it refuses it', () => {
    expect(productInputOf(typed({ price: '-3' }))).toMatchObject({ input: { priceCents: -300 } });
  });
});

describe('valuesOfForm', () => {
  it('keeps the tier rows typed, in order, without the empty ones', () => {
    const form = new FormData();
    for (const [quantity, price] of [
      ['', ''],
      ['10', '2,00'],
      ['', ''],
      ['20', ''],
    ]) {
      form.append('tierMinQuantity', quantity);
      form.append('tierUnitPrice', price);
    }
    form.append('certifications', 'AB');
    form.append('certifications', 'HVE');
    const values = valuesOfForm(form);
    expect(values.tiers).toEqual([
      { minQuantity: '10', unitPrice: '2,00' },
      { minQuantity: '20', unitPrice: '' },
    ]);
    expect(values.certifications).toEqual(['AB', 'HVE']);
  });
});

describe('valuesOfProduct and tierRowsOf', () => {
  it('writes a product back as a producer types it, with empty tier rows to fill', () => {
    const values = valuesOfProduct({
      name: 'Échalotes',
      description: '',
      category: 'FRESH_VEGETABLES',
      unit: 'KG',
      unitMassKg: 1,
      priceCents: 380,
      vatRate: 0.055,
      stock: 87.5,
      minOrderQuantity: 0,
      b2bPriceTiers: [{ minQuantity: 10, unitPriceCents: 360 }],
      certifications: [],
      ciqualCode: null,
    });
    expect(values).toMatchObject({
      price: '3,80',
      stock: '87,5',
      minOrderQuantity: '',
      vatRate: '0.055',
      ciqualCode: '',
      tiers: [{ minQuantity: '10', unitPrice: '3,60' }],
    });
    expect(tierRowsOf(values.tiers)).toHaveLength(3);
    expect(
      tierRowsOf([
        { minQuantity: '1', unitPrice: '1' },
        { minQuantity: '2', unitPrice: '1' },
        { minQuantity: '3', unitPrice: '1' },
      ]),
    ).toHaveLength(4);
    expect(tierRowsOf([], 2)).toHaveLength(5);
  });
});
