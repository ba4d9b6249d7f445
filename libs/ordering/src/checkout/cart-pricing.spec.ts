import { greatCircleKm, supplierOrderFootprint, sumFootprints } from '@app/carbon';
import { AppError } from '@app/platform';
import {
  type CartDeliveryOption,
  type CartPricingInput,
  type CartProducer,
  type CartProduct,
  MAX_CART_LINES,
  assertOrderable,
  malformedInputErrors,
  priceCart,
  problemMessage,
  quantityText,
} from './cart-pricing';

/** Guéret (the farm), Limoges (the orchard), and two places to deliver to: Aubusson (~33 km) and Quimper (far). */
const GUERET = { latitude: 46.15847, longitude: 1.87047 };
const LIMOGES = { latitude: 45.85668, longitude: 1.22604 };
const AUBUSSON = { latitude: 45.9558, longitude: 2.1683 };
const QUIMPER = { latitude: 47.99816, longitude: -4.09721 };

const farm: CartProducer = { id: 'farm', name: 'Ferme du Gué', address: GUERET };
const orchard: CartProducer = { id: 'orchard', name: 'Vergers de la Vienne', address: LIMOGES };

const product = (values: Partial<CartProduct> & Pick<CartProduct, 'id' | 'producerId' | 'name'>): CartProduct => ({
  category: 'FRESH_VEGETABLES',
  unit: 'KG',
  unitMassKg: 1,
  priceCents: 100,
  vatRateBasisPoints: 550,
  b2bPriceTiers: [],
  stockThousandths: 1_000_000,
  minOrderThousandths: 0,
  active: true,
  ...values,
});

const carrots = product({
  id: 'carrots',
  producerId: 'farm',
  name: 'Carottes',
  priceCents: 250,
  stockThousandths: 500_000,
  b2bPriceTiers: [
    { minQuantityThousandths: 10_000, unitPriceCents: 180 },
    { minQuantityThousandths: 50_000, unitPriceCents: 150 },
  ],
});
const eggs = product({
  id: 'eggs',
  producerId: 'farm',
  name: 'Œufs fermiers',
  category: 'EGGS',
  unit: 'PIECE',
  unitMassKg: 0.065,
  priceCents: 40,
  minOrderThousandths: 6000,
});
const juice = product({
  id: 'juice',
  producerId: 'orchard',
  name: 'Jus de pomme',
  category: 'BEVERAGES',
  unit: 'LITRE',
  unitMassKg: 1.1,
  priceCents: 450,
});
const cider = product({
  id: 'cider',
  producerId: 'orchard',
  name: 'Cidre brut',
  category: 'BEVERAGES',
  unit: 'PIECE',
  unitMassKg: 1.2,
  priceCents: 520,
  vatRateBasisPoints: 2000,
  stockThousandths: 3000,
});
const withdrawn = product({ id: 'withdrawn', producerId: 'farm', name: 'Radis', active: false });

const option = (
  values: Partial<CartDeliveryOption> & Pick<CartDeliveryOption, 'id' | 'producerId'>,
): CartDeliveryOption => ({
  mode: 'PRODUCER_DELIVERY',
  label: values.id,
  vehicleId: 'vul_diesel',
  maxDistanceKm: null,
  feeCents: 0,
  minOrderCents: 0,
  active: true,
  weekdays: [],
  cutoffHours: 24,
  ...values,
});
const farmVan = option({
  id: 'farmVan',
  producerId: 'farm',
  label: 'Tournée du mardi',
  maxDistanceKm: 80,
  feeCents: 500,
  minOrderCents: 2000,
});
const farmPickup = option({
  id: 'farmPickup',
  producerId: 'farm',
  mode: 'PICKUP',
  label: 'Retrait à la ferme',
  vehicleId: null,
  minOrderCents: 1000,
});
const orchardVan = option({ id: 'orchardVan', producerId: 'orchard', label: 'Livraison Limoges', maxDistanceKm: 30 });
const orchardCarrier = option({
  id: 'orchardCarrier',
  producerId: 'orchard',
  mode: 'CARRIER',
  label: 'Messagerie',
  feeCents: 900,
});
const orchardRetired = option({
  id: 'orchardRetired',
  producerId: 'orchard',
  label: 'Ancienne tournée',
  active: false,
});

type Input = CartPricingInput<CartProduct, CartProducer, CartDeliveryOption>;

const cart = (values: Partial<Input>): Input => ({
  lines: [],
  deliveries: [],
  products: [carrots, eggs, juice, cider, withdrawn],
  producers: [farm, orchard],
  deliveryOptions: [farmVan, farmPickup, orchardVan, orchardCarrier, orchardRetired],
  b2b: false,
  destination: AUBUSSON,
  // Friday 4 December 2026, 10:00 in Paris.
  now: new Date('2026-12-04T09:00:00Z'),
  ...values,
});

const errorOf = (run: () => unknown): AppError => {
  try {
    run();
  } catch (error) {
    if (error instanceof AppError) return error;
    throw error;
  }
  throw new Error('expected an AppError');
};

describe('priceCart: prices', () => {
  it('a consumer pays the consumer price whatever the quantity; a business the best tier its quantity reaches', () => {
    const lines = [
      { productId: 'carrots', quantity: 12 },
      { productId: 'eggs', quantity: 30 },
    ];
    const deliveries = [{ producerId: 'farm', deliveryOptionId: 'farmVan' }];
    const consumer = priceCart(cart({ lines, deliveries }));
    const business = priceCart(cart({ lines, deliveries, b2b: true }));
    expect(consumer.parts[0].lines.map((line) => [line.product.id, line.unitPriceCents, line.totalCents])).toEqual([
      ['carrots', 250, 3000],
      ['eggs', 40, 1200],
    ]);
    // 12 kg reaches the 10 kg tier (1.80 €), not the 50 kg one; eggs have no tier: consumer price.
    expect(business.parts[0].lines.map((line) => [line.product.id, line.unitPriceCents, line.totalCents])).toEqual([
      ['carrots', 180, 2160],
      ['eggs', 40, 1200],
    ]);
    expect(
      priceCart(cart({ lines: [{ productId: 'carrots', quantity: 50 }], b2b: true })).parts[0].lines[0].unitPriceCents,
    ).toBe(150);
    expect(
      priceCart(cart({ lines: [{ productId: 'carrots', quantity: 9.999 }], b2b: true })).parts[0].lines[0]
        .unitPriceCents,
    ).toBe(250);
  });

  it('rounds each line total half-up to the cent, from exact thousandths', () => {
    // 1.005 × 1.00 € = 100.5 c → 101 (a float product would give 100.499…); 0.125 kg × 2.50 € = 31.25 c → 31.
    const priced = priceCart(
      cart({
        lines: [
          { productId: 'odd', quantity: 1.005 },
          { productId: 'carrots', quantity: 0.125 },
        ],
        products: [carrots, product({ id: 'odd', producerId: 'farm', name: 'Odd', priceCents: 100 })],
      }),
    );
    expect(priced.parts[0].lines.map((line) => [line.quantityThousandths, line.totalCents])).toEqual([
      [1005, 101],
      [125, 31],
    ]);
  });

  it('adds the chosen option’s fee and splits VAT per rate, the fee shared in the goods’ proportions, half-up once per rate', () => {
    const priced = priceCart(
      cart({
        lines: [
          { productId: 'juice', quantity: 6 },
          { productId: 'cider', quantity: 3 },
        ],
        deliveries: [{ producerId: 'orchard', deliveryOptionId: 'orchardCarrier' }],
      }),
    );
    const [part] = priced.parts;
    // Juice 27.00 € at 5.5 %, cider 15.60 € at 20 %; the 9.00 € fee split 27.00 : 15.60 → 5.70 / 3.30.
    expect(part.totals.goodsCents).toBe(4260);
    expect(part.totals.feeByRate).toEqual([
      { vatRateBasisPoints: 550, totalCents: 570 },
      { vatRateBasisPoints: 2000, totalCents: 330 },
    ]);
    expect(part.totals.vatByRate).toEqual([
      { vatRateBasisPoints: 550, baseCents: 3270, vatCents: 180 }, // 179.85 → 180
      { vatRateBasisPoints: 2000, baseCents: 1890, vatCents: 378 },
    ]);
    expect(part.totals).toMatchObject({ subtotalCents: 5160, vatCents: 558, totalCents: 5718 });
  });

  it('without a chosen option there is no fee; the cart’s totals are the sum of its parts', () => {
    const priced = priceCart(
      cart({
        lines: [
          { productId: 'carrots', quantity: 12 },
          { productId: 'juice', quantity: 2 },
        ],
        deliveries: [{ producerId: 'farm', deliveryOptionId: 'farmVan' }],
      }),
    );
    const [farmPart, orchardPart] = priced.parts;
    expect(farmPart.totals).toMatchObject({ goodsCents: 3000, subtotalCents: 3500, vatCents: 193, totalCents: 3693 });
    expect(orchardPart.option).toBeNull();
    expect(orchardPart.totals).toMatchObject({ goodsCents: 900, subtotalCents: 900, vatCents: 50, totalCents: 950 });
    expect(priced.totals).toEqual({ subtotalCents: 4400, vatCents: 243, totalCents: 4643 });
  });

  it('groups lines by producer in the order producers first appear, keeping each line’s cart position', () => {
    const priced = priceCart(
      cart({
        lines: [
          { productId: 'juice', quantity: 1 },
          { productId: 'carrots', quantity: 1 },
          { productId: 'cider', quantity: 1 },
        ],
      }),
    );
    expect(priced.parts.map((part) => [part.producer.id, part.lines.map((line) => line.position)])).toEqual([
      ['orchard', [0, 2]],
      ['farm', [1]],
    ]);
    expect(priced.parts[0].options.map((candidate) => candidate.id)).toEqual(['orchardVan', 'orchardCarrier']); // the inactive one left out
  });
});

describe('priceCart: minimums', () => {
  it('reports a producer minimum not met with what is missing, against the chosen option', () => {
    const priced = priceCart(
      cart({
        lines: [{ productId: 'carrots', quantity: 5 }],
        deliveries: [{ producerId: 'farm', deliveryOptionId: 'farmVan' }],
      }),
    );
    const [part] = priced.parts;
    expect(part).toMatchObject({ minOrderCents: 2000, minimumMet: false, missingCents: 750 });
    expect(part.problems).toEqual([
      {
        code: 'MINIMUM_NOT_MET',
        producerId: 'farm',
        producerName: 'Ferme du Gué',
        deliveryOptionLabel: 'Tournée du mardi',
        minimumCents: 2000,
        goodsCents: 1250,
        missingCents: 750,
      },
    ]);
    expect(problemMessage(part.problems[0])).toBe(
      "Ferme du Gué livre les commandes d'au moins 20,00 € HT avec «\u00a0Tournée du mardi\u00a0»\u00a0: il manque 7,50 €.",
    );
  });

  it('the minimum is on goods excluding VAT and fee, and met exactly at the minimum', () => {
    const priced = priceCart(
      cart({
        lines: [{ productId: 'carrots', quantity: 8 }],
        deliveries: [{ producerId: 'farm', deliveryOptionId: 'farmVan' }],
      }),
    );
    expect(priced.parts[0]).toMatchObject({ minimumMet: true, missingCents: 0, problems: [] });
  });

  it('before an option is chosen, the lowest minimum of the producer’s options applies', () => {
    const priced = priceCart(cart({ lines: [{ productId: 'carrots', quantity: 2 }] }));
    expect(priced.parts[0]).toMatchObject({ minOrderCents: 1000, minimumMet: false, missingCents: 500 });
    expect(problemMessage(priced.parts[0].problems.find((problem) => problem.code === 'MINIMUM_NOT_MET')!)).toBe(
      "Ferme du Gué accepte les commandes d'au moins 10,00 € HT\u00a0: il manque 5,00 €.",
    );
  });

  it('reports a quantity under the product’s minimum order quantity', () => {
    const priced = priceCart(
      cart({
        lines: [
          { productId: 'eggs', quantity: 4 },
          { productId: 'carrots', quantity: 10 },
        ],
        deliveries: [{ producerId: 'farm', deliveryOptionId: 'farmPickup' }],
      }),
    );
    expect(priced.parts[0].problems).toEqual([
      {
        code: 'BELOW_MINIMUM_QUANTITY',
        position: 0,
        productId: 'eggs',
        productName: 'Œufs fermiers',
        unit: 'PIECE',
        minimumThousandths: 6000,
      },
    ]);
    expect(problemMessage(priced.parts[0].problems[0])).toBe(
      '«\u00a0Œufs fermiers\u00a0» se commande à partir de 6 pièces.',
    );
  });
});

describe('priceCart: stock, catalog and delivery choices', () => {
  it('marks a line the stock does not cover and reports what is left', () => {
    const priced = priceCart(
      cart({
        lines: [
          { productId: 'cider', quantity: 4 },
          { productId: 'juice', quantity: 2 },
        ],
        deliveries: [{ producerId: 'orchard', deliveryOptionId: 'orchardCarrier' }],
      }),
    );
    expect(priced.parts[0].lines.map((line) => [line.product.id, line.available])).toEqual([
      ['cider', false],
      ['juice', true],
    ]);
    expect(priced.parts[0].problems).toEqual([
      {
        code: 'OUT_OF_STOCK',
        productId: 'cider',
        productName: 'Cidre brut',
        unit: 'PIECE',
        availableThousandths: 3000,
      },
    ]);
    expect(problemMessage(priced.parts[0].problems[0])).toBe(
      'Il ne reste que 3 pièces de «\u00a0Cidre brut\u00a0»\u00a0: réduisez la quantité.',
    );
    expect(priced.parts[0].totals.goodsCents).toBe(4 * 520 + 2 * 450); // still priced, so the page shows it
  });

  it('lists products not on sale apart (unknown, malformed id, withdrawn) and prices the rest', () => {
    const priced = priceCart(
      cart({
        lines: [
          { productId: 'nope', quantity: 1 },
          { productId: 'carrots', quantity: 1 },
          { productId: 'withdrawn', quantity: 1 },
          { productId: 'not-a-uuid', quantity: 1 },
        ],
      }),
    );
    expect(priced.unavailable).toEqual([
      { position: 0, productId: 'nope' },
      { position: 2, productId: 'withdrawn' },
      { position: 3, productId: 'not-a-uuid' },
    ]);
    expect(priced.parts.map((part) => part.lines.map((line) => line.product.id))).toEqual([['carrots']]);
    expect(malformedInputErrors(priced)).toEqual([]);
  });

  it('keeps malformed quantities, a product on two lines and two choices for one producer as input errors', () => {
    const priced = priceCart(
      cart({
        lines: [
          { productId: 'carrots', quantity: 0 },
          { productId: 'juice', quantity: 1.0001 },
          { productId: 'eggs', quantity: 6.5 },
          { productId: 'cider', quantity: 1 },
          { productId: 'cider', quantity: 2 },
        ],
        deliveries: [
          { producerId: 'orchard', deliveryOptionId: 'orchardVan' },
          { producerId: 'orchard', deliveryOptionId: 'orchardCarrier' },
        ],
      }),
    );
    expect(malformedInputErrors(priced).map((error) => [error.code, error.details.field, error.message])).toEqual([
      ['BAD_USER_INPUT', 'lines[0].quantity', 'The quantity must be more than zero.'],
      ['BAD_USER_INPUT', 'lines[1].quantity', 'A quantity has at most 3 decimals.'],
      ['BAD_USER_INPUT', 'lines[2].quantity', 'Pieces are counted in whole numbers.'],
      ['BAD_USER_INPUT', 'lines[4].productId', 'Cidre brut is in the cart twice; put the whole quantity on one line.'],
      ['BAD_USER_INPUT', 'deliveries[1].producerId', 'Choose one delivery option per producer.'],
    ]);
  });

  it('refuses more than 100 lines before pricing', () => {
    const lines = Array.from({ length: MAX_CART_LINES + 1 }, () => ({ productId: 'carrots', quantity: 1 }));
    expect(errorOf(() => priceCart(cart({ lines }))).details).toEqual({ field: 'lines' });
    expect(() =>
      priceCart(cart({ lines: lines.slice(1).map((line, index) => ({ ...line, productId: `p${index}` })) })),
    ).not.toThrow();
  });

  it('a producer without a valid choice has no option: none chosen, another producer’s, inactive, or none offered', () => {
    const noOptionsFarm = cart({ deliveryOptions: [orchardCarrier] });
    const cases: [Input, string, string][] = [
      [
        cart({ lines: [{ productId: 'carrots', quantity: 10 }] }),
        'NONE_CHOSEN',
        'Choisissez comment Ferme du Gué vous livre.',
      ],
      [
        cart({
          lines: [{ productId: 'carrots', quantity: 10 }],
          deliveries: [{ producerId: 'farm', deliveryOptionId: 'orchardCarrier' }],
        }),
        'NOT_OFFERED',
        "Ce mode de livraison n'est plus proposé par Ferme du Gué\u00a0: choisissez-en un autre.",
      ],
      [
        cart({
          lines: [{ productId: 'juice', quantity: 10 }],
          deliveries: [{ producerId: 'orchard', deliveryOptionId: 'orchardRetired' }],
        }),
        'NOT_OFFERED',
        "Ce mode de livraison n'est plus proposé par Vergers de la Vienne\u00a0: choisissez-en un autre.",
      ],
      [
        { ...noOptionsFarm, lines: [{ productId: 'carrots', quantity: 10 }] },
        'NONE_OFFERED',
        'Ferme du Gué ne propose aucun mode de livraison pour le moment.',
      ],
    ];
    for (const [input, reason, message] of cases) {
      const [part] = priceCart(input).parts;
      expect(part.option).toBeNull();
      expect(part.carbon).toBeNull();
      const problem = part.problems.find((candidate) => candidate.code === 'NO_DELIVERY_OPTION')!;
      expect({ reason: 'reason' in problem && problem.reason, message: problemMessage(problem) }).toEqual({
        reason,
        message,
      });
    }
    expect(priceCart(noOptionsFarm).parts).toEqual([]);
  });

  it('ignores a choice for a producer without lines (a stale choice), and says so for checkout', () => {
    const priced = priceCart(
      cart({
        lines: [{ productId: 'carrots', quantity: 10 }],
        deliveries: [
          { producerId: 'orchard', deliveryOptionId: 'orchardCarrier' },
          { producerId: 'farm', deliveryOptionId: 'farmVan' },
        ],
      }),
    );
    expect(priced.deliveryIssues).toEqual([{ index: 0, producerId: 'orchard', reason: 'NOT_IN_CART' }]);
    expect(priced.parts[0].option?.id).toBe('farmVan');
    expect(malformedInputErrors(priced)).toEqual([]);
  });
});

describe('priceCart: delivery area and footprint', () => {
  it('reports a destination beyond the chosen option’s range; pickups and options without a range have none', () => {
    const juiceBy = (deliveryOptionId: string, destination = AUBUSSON) =>
      priceCart(
        cart({
          lines: [{ productId: 'juice', quantity: 10 }],
          deliveries: [{ producerId: 'orchard', deliveryOptionId }],
          destination,
        }),
      ).parts[0];
    const far = juiceBy('orchardVan');
    const distanceKm = greatCircleKm(LIMOGES, AUBUSSON);
    expect(far.distanceKm).toBeCloseTo(distanceKm, 9);
    expect(far.problems).toEqual([
      {
        code: 'OUT_OF_DELIVERY_AREA',
        producerId: 'orchard',
        producerName: 'Vergers de la Vienne',
        deliveryOptionId: 'orchardVan',
        label: 'Livraison Limoges',
        distanceKm,
        maxDistanceKm: 30,
      },
    ]);
    expect(problemMessage(far.problems[0])).toBe(
      `Vergers de la Vienne livre dans un rayon de 30 km avec «\u00a0Livraison Limoges\u00a0»\u00a0; cette adresse est à ${Math.round(distanceKm)} km. Choisissez un autre mode de livraison.`,
    );
    expect(far.carbon).not.toBeNull(); // the estimate of that choice is still shown
    expect(juiceBy('orchardCarrier').problems).toEqual([]);
    expect(juiceBy('orchardVan', { latitude: 45.86, longitude: 1.3 }).problems).toEqual([]);
    const pickupFarAway = priceCart(
      cart({
        lines: [{ productId: 'carrots', quantity: 10 }],
        deliveries: [{ producerId: 'farm', deliveryOptionId: 'farmPickup' }],
        destination: QUIMPER,
      }),
    ).parts[0];
    expect(pickupFarAway.problems).toEqual([]);
  });

  it('without a destination: no distance, no area check, no footprint', () => {
    const priced = priceCart(
      cart({
        lines: [{ productId: 'juice', quantity: 10 }],
        deliveries: [{ producerId: 'orchard', deliveryOptionId: 'orchardVan' }],
        destination: null,
      }),
    );
    expect(priced.parts[0]).toMatchObject({ distanceKm: null, carbon: null, problems: [] });
    expect(priced.carbon).toBeNull();
  });

  it('computes each part’s footprint with the carbon method, and the cart’s as their sum; null while a producer has no option', () => {
    const lines = [
      { productId: 'carrots', quantity: 12 },
      { productId: 'eggs', quantity: 30 },
      { productId: 'cider', quantity: 2 },
    ];
    const priced = priceCart(
      cart({
        lines,
        deliveries: [
          { producerId: 'farm', deliveryOptionId: 'farmVan' },
          { producerId: 'orchard', deliveryOptionId: 'orchardCarrier' },
        ],
      }),
    );
    const farmFootprint = supplierOrderFootprint({
      lines: [
        { massKg: 12, category: 'FRESH_VEGETABLES', intermediaries: 0 },
        { massKg: 30 * 0.065, category: 'EGGS', intermediaries: 0 },
      ],
      producerLocation: GUERET,
      deliveryLocation: AUBUSSON,
      deliveryOption: { mode: 'PRODUCER_DELIVERY', vehicleId: 'vul_diesel' },
    });
    const orchardFootprint = supplierOrderFootprint({
      lines: [{ massKg: 2 * 1.2, category: 'BEVERAGES', intermediaries: 0 }],
      producerLocation: LIMOGES,
      deliveryLocation: AUBUSSON,
      deliveryOption: { mode: 'CARRIER', vehicleId: 'vul_diesel' },
    });
    expect(priced.parts.map((part) => part.carbon)).toEqual([farmFootprint, orchardFootprint]);
    expect(priced.carbon).toEqual(sumFootprints([farmFootprint, orchardFootprint]));
    expect(
      priceCart(cart({ lines, deliveries: [{ producerId: 'farm', deliveryOptionId: 'farmVan' }] })).carbon,
    ).toBeNull();
  });
});

describe('assertOrderable: the first problem, as checkout reports it', () => {
  const farmCart = (values: Partial<Input> = {}) =>
    cart({
      lines: [{ productId: 'carrots', quantity: 12 }],
      deliveries: [{ producerId: 'farm', deliveryOptionId: 'farmVan' }],
      ...values,
    });
  const refusal = (input: Input) => {
    const error = errorOf(() => assertOrderable(priceCart(input)));
    return { code: error.code, ...error.details };
  };

  it('passes an orderable cart through, every part with its option and footprint', () => {
    const orderable = assertOrderable(priceCart(farmCart()));
    expect(orderable.parts[0].option.id).toBe('farmVan');
    expect(orderable.parts[0].carbon.emissionsKgCo2e).toBeGreaterThan(0);
    expect(orderable.carbon.emissionsKgCo2e).toBe(orderable.parts[0].carbon.emissionsKgCo2e);
  });

  it.each<[string, Partial<Input>, Record<string, unknown>]>([
    ['an empty cart', { lines: [] }, { code: 'BAD_USER_INPUT', field: 'lines' }],
    [
      'a product not on sale, before a later line’s bad quantity',
      {
        lines: [
          { productId: 'nope', quantity: 1 },
          { productId: 'carrots', quantity: -1 },
        ],
      },
      { code: 'NOT_FOUND', field: 'lines[0].productId', productId: 'nope' },
    ],
    [
      'a bad quantity, before a later unknown product',
      {
        lines: [
          { productId: 'carrots', quantity: -1 },
          { productId: 'nope', quantity: 1 },
        ],
      },
      { code: 'BAD_USER_INPUT', field: 'lines[0].quantity' },
    ],
    [
      'a quantity under the product minimum',
      {
        lines: [
          { productId: 'carrots', quantity: 12 },
          { productId: 'eggs', quantity: 2 },
        ],
      },
      { code: 'MINIMUM_NOT_MET', field: 'lines[1].quantity', productId: 'eggs', minimumQuantity: 6 },
    ],
    [
      'a product twice',
      {
        lines: [
          { productId: 'carrots', quantity: 6 },
          { productId: 'carrots', quantity: 6 },
        ],
      },
      { code: 'BAD_USER_INPUT', field: 'lines[1].productId' },
    ],
    [
      'a choice for a producer without lines',
      {
        deliveries: [
          { producerId: 'farm', deliveryOptionId: 'farmVan' },
          { producerId: 'orchard', deliveryOptionId: 'orchardCarrier' },
        ],
      },
      { code: 'BAD_USER_INPUT', field: 'deliveries[1].producerId' },
    ],
    [
      'two choices for a producer',
      {
        deliveries: [
          { producerId: 'farm', deliveryOptionId: 'farmVan' },
          { producerId: 'farm', deliveryOptionId: 'farmPickup' },
        ],
      },
      { code: 'BAD_USER_INPUT', field: 'deliveries[1].producerId' },
    ],
    [
      'another producer’s option',
      { deliveries: [{ producerId: 'farm', deliveryOptionId: 'orchardCarrier' }] },
      { code: 'BAD_USER_INPUT', field: 'deliveries[0].deliveryOptionId' },
    ],
    [
      'no choice for a producer',
      { deliveries: [] },
      { code: 'BAD_USER_INPUT', field: 'deliveries', producerId: 'farm' },
    ],
    [
      'an address out of range',
      { destination: QUIMPER },
      {
        code: 'OUT_OF_DELIVERY_AREA',
        producerId: 'farm',
        deliveryOptionId: 'farmVan',
        maxDistanceKm: 80,
        distanceKm: Math.round(greatCircleKm(GUERET, QUIMPER) * 10) / 10,
      },
    ],
    [
      'the minimum not met',
      { lines: [{ productId: 'carrots', quantity: 5 }] },
      { code: 'MINIMUM_NOT_MET', producerId: 'farm', minimumCents: 2000, goodsCents: 1250 },
    ],
    [
      'out of range and under the minimum: the range first',
      { lines: [{ productId: 'carrots', quantity: 5 }], destination: QUIMPER },
      { code: 'OUT_OF_DELIVERY_AREA', producerId: 'farm' },
    ],
    [
      'more than the stock, last',
      { lines: [{ productId: 'carrots', quantity: 501 }] },
      { code: 'OUT_OF_STOCK', productId: 'carrots', available: 500 },
    ],
  ])('%s', (_name, values, expected) => {
    expect(refusal(farmCart(values))).toMatchObject(expected);
  });

  it('of several lines short of stock, names the first in lock order (ascending id), as the conditional update would', () => {
    const input = cart({
      lines: [
        { productId: 'juice', quantity: 10 },
        { productId: 'cider', quantity: 4 },
      ],
      products: [cider, { ...juice, stockThousandths: 2000 }],
      deliveries: [{ producerId: 'orchard', deliveryOptionId: 'orchardCarrier' }],
    });
    expect(refusal(input)).toEqual({ code: 'OUT_OF_STOCK', productId: 'cider', available: 3 });
  });

  it('messages stay as checkout answered them', () => {
    expect(
      errorOf(() => assertOrderable(priceCart(farmCart({ lines: [{ productId: 'carrots', quantity: 5 }] })))).message,
    ).toBe('Ferme du Gué delivers orders of at least 20,00 € excluding VAT with "Tournée du mardi".');
    expect(
      errorOf(() => assertOrderable(priceCart(farmCart({ lines: [{ productId: 'carrots', quantity: 501 }] })))).message,
    ).toBe('Only 500 left of Carottes.');
  });
});

describe('delivery dates', () => {
  // The farm's van delivers on Tuesdays and Fridays, orders closing 24 h before the day starts.
  const dated = { ...farmVan, weekdays: [2, 5] };
  const datedCart = (deliveryDate?: string | null) =>
    cart({
      lines: [{ productId: 'carrots', quantity: 10 }],
      deliveryOptions: [dated, farmPickup],
      deliveries: [{ producerId: 'farm', deliveryOptionId: 'farmVan', deliveryDate }],
    });
  const dateProblem = (priced: ReturnType<typeof priceCart>) =>
    priced.parts[0].problems.find((problem) => problem.code === 'DELIVERY_DATE');

  it('takes an open date of an option with weekdays, and keeps it on the part', () => {
    const priced = priceCart(datedCart('2026-12-08'));
    expect(dateProblem(priced)).toBeUndefined();
    expect(assertOrderable(priced).parts[0].deliveryDate).toBe('2026-12-08');
  });

  it.each([
    [undefined, 'MISSING', 'Choisissez le jour de livraison de Ferme du Gué.'],
    [
      '2026-12-09',
      'NOT_OPEN',
      'Ferme du Gué ne livre pas ce jour-là avec ce mode de livraison\u00a0: choisissez une autre date.',
    ],
    [
      '2026-12-04',
      'PAST_CUTOFF',
      'Les commandes pour cette date sont closes chez Ferme du Gué\u00a0: choisissez une date plus tardive.',
    ],
  ] as const)(
    'a date %s is a %s problem for the quote, and BAD_USER_INPUT on its field for checkout',
    (deliveryDate, reason, message) => {
      const priced = priceCart(datedCart(deliveryDate));
      const problem = dateProblem(priced)!;
      expect(problem).toMatchObject({ reason, deliveryIndex: 0 });
      expect(problemMessage(problem)).toBe(message);
      const error = errorOf(() => assertOrderable(priced));
      expect(error.code).toBe('BAD_USER_INPUT');
      expect(error.details).toMatchObject({ field: 'deliveries[0].deliveryDate', producerId: 'farm', reason });
    },
  );

  it('names the index of the choice the date belongs to', () => {
    const priced = priceCart(
      cart({
        lines: [
          { productId: 'juice', quantity: 1 },
          { productId: 'carrots', quantity: 10 },
        ],
        deliveryOptions: [dated, orchardCarrier],
        deliveries: [
          { producerId: 'orchard', deliveryOptionId: 'orchardCarrier' },
          { producerId: 'farm', deliveryOptionId: 'farmVan', deliveryDate: '2026-12-10' },
        ],
      }),
    );
    expect(errorOf(() => assertOrderable(priced)).details).toMatchObject({ field: 'deliveries[1].deliveryDate' });
  });

  it('asks no date of an option without weekdays, and ignores one given', () => {
    const priced = priceCart(
      cart({
        lines: [{ productId: 'carrots', quantity: 10 }],
        deliveries: [{ producerId: 'farm', deliveryOptionId: 'farmPickup', deliveryDate: '2026-12-09' }],
      }),
    );
    expect(dateProblem(priced)).toBeUndefined();
    expect(assertOrderable(priced).parts[0].deliveryDate).toBeNull();
  });
});

describe('quantityText', () => {
  it.each([
    [2500, 'KG', '2,5 kg'],
    [1000, 'PIECE', '1 pièce'],
    [12_000, 'PIECE', '12 pièces'],
    [750, 'LITRE', '0,75 L'],
  ] as const)('%d %s → %s', (thousandths, unit, expected) => {
    expect(quantityText(thousandths, unit)).toBe(expected);
  });
});
