import { randomUUID } from 'node:crypto';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import { Lexer, Source, TokenKind, parse, validate } from 'graphql';
import { GRAPHQL_LIMITS } from '@app/platform';
import { rowCounts } from './support/app-modes';
import { createProduct } from './support/catalog-fixtures';
import { graphql } from './support/graphql-client';
import { randomSiret, registerUser, type TestSession } from './support/identity-client';
import {
  CARBON_FIELDS,
  type CarbonView,
  type Market,
  type OrderView,
  createMarket,
  markProducersPayable,
  placeOrder,
} from './support/ordering-fixtures';
import { startProductionStack } from './support/production-stack';

/** Aubusson (Creuse): a restaurant's kitchen ~33 km from the farm in Guéret and ~70 km from the orchard in Limoges. */
const AUBUSSON = {
  line1: '3 place du Marché',
  postalCode: '23200',
  inseeCode: '23008',
  latitude: 45.9558,
  longitude: 2.1683,
};
const GUERET_HOME = {
  line1: '8 rue Émile Zola',
  postalCode: '23000',
  city: 'Guéret',
  latitude: 46.17,
  longitude: 1.87,
};

/** What the cart page asks: each producer with its lines (product name, unit, price), its delivery options, its problems, and the carbon. */
const CART_PAGE = `query CartPage($input: QuoteCartInput!) {
  quoteCart(input: $input) {
    subtotalCents vatCents totalCents unavailableProductIds
    carbon { ${CARBON_FIELDS} }
    producers {
      producer { id name address { city postalCode } }
      deliveryOptions { id mode label feeCents minOrderCents maxDistanceKm }
      deliveryOption { id mode label }
      lines { product { id name unit priceCents stock labels { brand { name } } } quantity unitPriceCents totalCents vatRate available }
      distanceKm goodsCents feeCents subtotalCents vatCents totalCents minOrderCents minimumMet missingCents
      carbon { ${CARBON_FIELDS} }
      problems { code message productId }
    }
  }
}`;

interface QuoteView {
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
  unavailableProductIds: string[];
  carbon: CarbonView | null;
  producers: {
    producer: { id: string; name: string; address: { city: string | null; postalCode: string } };
    deliveryOptions: {
      id: string;
      mode: string;
      label: string;
      feeCents: number;
      minOrderCents: number;
      maxDistanceKm: number | null;
    }[];
    deliveryOption: { id: string; mode: string; label: string } | null;
    lines: {
      product: { id: string; name: string; unit: string; priceCents: number; stock: number };
      quantity: number;
      unitPriceCents: number;
      totalCents: number;
      vatRate: number;
      available: boolean;
    }[];
    distanceKm: number | null;
    goodsCents: number;
    feeCents: number;
    subtotalCents: number;
    vatCents: number;
    totalCents: number;
    minOrderCents: number;
    minimumMet: boolean;
    missingCents: number;
    carbon: CarbonView | null;
    problems: { code: string; message: string; productId: string | null }[];
  }[];
}

const ORDER_TABLES = ['customer_order', 'supplier_order', 'order_line', 'supplier_order_transition', 'outbox_message'];

describe('quoteCart: the cart priced before it is ordered (PostgreSQL)', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let market: Market;
  let restaurantAtAubusson: string;

  const quote = (input: Record<string, unknown>, session?: TestSession) =>
    graphql<{ quoteCart: QuoteView }>(stack.api, CART_PAGE, { input }, session?.accessToken);
  const quoted = async (input: Record<string, unknown>, session?: TestSession): Promise<QuoteView> => {
    const response = await quote(input, session);
    expect(response.errors).toBeUndefined();
    return response.data!.quoteCart;
  };
  const partOf = (view: QuoteView, producerId: string) =>
    view.producers.find((part) => part.producer.id === producerId)!;

  beforeAll(async () => {
    stack = await startProductionStack('cart-quote', {
      STRIPE_SECRET_KEY: 'sk_test_cart_quote',
      STRIPE_WEBHOOK_SECRET: 'whsec_cart_quote',
    });
    market = await createMarket(stack.api);
    // Card orders need producers whose Stripe accounts take payments (PRODUCER_NOT_PAYABLE otherwise).
    await markProducersPayable(stack.em.fork(), [market.farm, market.orchard]);
    const kitchen = await graphql<{ createOrganization: { id: string } }>(
      stack.api,
      'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
      { input: { kind: 'BUSINESS', name: 'Bistrot de la Tapisserie', siret: randomSiret(), address: AUBUSSON } },
      market.chef.accessToken,
    );
    restaurantAtAubusson = kitchen.data!.createOrganization.id;
  });

  afterAll(() => stack?.close());

  /** Carrots, eggs, juice and cider from the farm (its van) and the orchard (its carrier): two rates, two fees. */
  const twoProducerCart = () => ({
    lines: [
      { productId: market.products.carrots, quantity: 12 },
      { productId: market.products.eggs, quantity: 30 },
      { productId: market.products.juice, quantity: 6 },
      { productId: market.products.cider, quantity: 4 },
    ],
    deliveries: [
      { producerId: market.farm, deliveryOptionId: market.options.farmVan },
      { producerId: market.orchard, deliveryOptionId: market.options.orchardCarrier },
    ],
  });

  it('a visitor gets consumer prices, a member of a business its B2B tiers; fees and VAT per rate as checkout computes them', async () => {
    const cart = twoProducerCart();
    const visitor = await quoted(cart);
    const business = await quoted({ ...cart, buyerOrganizationId: restaurantAtAubusson }, market.chef);
    const consumer = await quoted(cart, market.consumer);

    const prices = (view: QuoteView) =>
      view.producers.flatMap((part) =>
        part.lines.map((line) => [
          line.product.name,
          line.quantity,
          line.unitPriceCents,
          line.totalCents,
          line.vatRate,
          line.available,
        ]),
      );
    expect(prices(visitor)).toEqual([
      ['Carottes', 12, 250, 3000, 0.055, true],
      ['Œufs fermiers', 30, 40, 1200, 0.055, true],
      ['Jus de pomme', 6, 450, 2700, 0.055, true],
      ['Cidre brut', 4, 520, 2080, 0.2, true],
    ]);
    expect(prices(consumer)).toEqual(prices(visitor));
    // 12 kg reaches the 10 kg tier: 1.80 € instead of 2.50 €.
    expect(prices(business)[0]).toEqual(['Carottes', 12, 180, 2160, 0.055, true]);

    // Farm, business: 21.60 + 12.00 + 5.00 fee = 38.60 € at 5.5 % → VAT 2.12 €. Orchard: the 9.00 € fee split 5.08 / 3.92.
    expect(partOf(business, market.farm)).toMatchObject({
      goodsCents: 3360,
      feeCents: 500,
      subtotalCents: 3860,
      vatCents: 212,
      totalCents: 4072,
      minOrderCents: 2000,
      minimumMet: true,
      missingCents: 0,
      problems: [],
    });
    expect(partOf(business, market.orchard)).toMatchObject({
      goodsCents: 4780,
      feeCents: 900,
      subtotalCents: 5680,
      vatCents: 670,
      totalCents: 6350,
    });
    expect(business).toMatchObject({
      subtotalCents: 9540,
      vatCents: 882,
      totalCents: 10422,
      unavailableProductIds: [],
    });
    expect(partOf(visitor, market.farm)).toMatchObject({
      goodsCents: 4200,
      subtotalCents: 4700,
      totalCents: 4700 + Math.round(4700 * 0.055),
    });

    // Each producer's active options, and the one chosen; the page can show the producer's name and town.
    const farmPart = partOf(business, market.farm);
    expect(farmPart.producer).toEqual({
      id: market.farm,
      name: 'Ferme du Gué',
      address: { city: 'Guéret', postalCode: '23000' },
    });
    expect(
      farmPart.deliveryOptions.map((option) => [
        option.id,
        option.mode,
        option.feeCents,
        option.minOrderCents,
        option.maxDistanceKm,
      ]),
    ).toEqual([
      [market.options.farmVan, 'PRODUCER_DELIVERY', 500, 2000, 80],
      [market.options.farmPickup, 'PICKUP', 0, 0, null],
    ]);
    expect(farmPart.deliveryOption).toEqual({
      id: market.options.farmVan,
      mode: 'PRODUCER_DELIVERY',
      label: 'Tournée du mardi',
    });

    // The business's address is the destination: distances and a carbon estimate. A visitor without an address gets neither.
    expect(farmPart.distanceKm).toBeGreaterThan(25);
    expect(farmPart.carbon).toMatchObject({
      distanceType: 'GCD_ESTIMATED',
      vehicleId: 'vul_diesel',
      scope: 'SCOPE3_CAT4',
    });
    expect(business.carbon!.emissionsKgCo2e).toBeCloseTo(
      farmPart.carbon!.emissionsKgCo2e + partOf(business, market.orchard).carbon!.emissionsKgCo2e,
      9,
    );
    expect(visitor.carbon).toBeNull();
    expect(visitor.producers.map((part) => [part.distanceKm, part.carbon])).toEqual([
      [null, null],
      [null, null],
    ]);
    const withAddress = await quoted({ ...cart, deliveryAddress: GUERET_HOME });
    expect(withAddress.carbon).not.toBeNull();
  });

  it('a person buying reads each line and fee including VAT as the part’s total counts them, and so does their order', async () => {
    const INCL_VAT = `query ($input: QuoteCartInput!) { quoteCart(input: $input) { producers {
      totalCents feeInclVatCents lines { totalCents totalInclVatCents }
      deliveryOptionFees { deliveryOptionId feeCents feeInclVatCents } } } }`;
    type InclVatPart = {
      totalCents: number;
      feeInclVatCents: number;
      lines: { totalCents: number; totalInclVatCents: number }[];
      deliveryOptionFees?: { deliveryOptionId: string; feeCents: number; feeInclVatCents: number }[];
    };
    const cart = { ...twoProducerCart(), deliveryAddress: GUERET_HOME };
    const quotedParts = async (input: Record<string, unknown>) => {
      const response = await graphql<{ quoteCart: { producers: InclVatPart[] } }>(
        stack.api,
        INCL_VAT,
        { input },
        market.consumer.accessToken,
      );
      expect(response.errors).toBeUndefined();
      return response.data!.quoteCart.producers;
    };
    const [farm, orchard] = await quotedParts(cart);
    // Farm: 30,00 + 12,00 € at 5,5 % (VAT 2,31 €: 1,65 + 0,66) and a 5,00 € fee; VAT on 47,00 € is 2,585 → 2,59 €,
    // so the fee adds 5,28 €. Orchard: juice 27,00 € at 5,5 % (1,485 → 1,49 €), cider 20,80 € at 20 % (4,16 €), the
    // 9,00 € fee split 5,08 / 3,92: VAT 1,76 + 4,94 €, the fee adds 9,00 + 0,27 + 0,78 = 10,05 €.
    expect(farm).toMatchObject({
      totalCents: 4959,
      feeInclVatCents: 528,
      lines: [
        { totalCents: 3000, totalInclVatCents: 3165 },
        { totalCents: 1200, totalInclVatCents: 1266 },
      ],
    });
    expect(orchard).toMatchObject({
      totalCents: 6350,
      feeInclVatCents: 1005,
      lines: [
        { totalCents: 2700, totalInclVatCents: 2849 },
        { totalCents: 2080, totalInclVatCents: 2496 },
      ],
    });
    // Each option's fee as the part would count it: the chosen one is the part's; the pickup adds nothing.
    expect(farm.deliveryOptionFees).toEqual([
      { deliveryOptionId: market.options.farmVan, feeCents: 500, feeInclVatCents: 528 },
      { deliveryOptionId: market.options.farmPickup, feeCents: 0, feeInclVatCents: 0 },
    ]);
    // An option's fee is what choosing it adds: the farm's part without a choice is 42,00 € + 2,31 € = 44,31 €.
    const [farmUnchosen] = await quotedParts({ ...cart, deliveries: [cart.deliveries[1]] });
    expect(farmUnchosen.totalCents + farm.deliveryOptionFees![0].feeInclVatCents).toBe(farm.totalCents);

    const placed = await placeOrder(stack.api, market.consumer.accessToken, { ...cart, paymentMethod: 'CARD' });
    expect(placed.errors).toBeUndefined();
    const order = await graphql<{ order: { supplierOrders: InclVatPart[] } }>(
      stack.api,
      'query ($id: ID!) { order(id: $id) { supplierOrders { totalCents feeInclVatCents lines { totalCents totalInclVatCents } } } }',
      { id: placed.data!.placeOrder.id },
      market.consumer.accessToken,
    );
    expect(order.data!.order.supplierOrders).toEqual(
      [farm, orchard].map(({ deliveryOptionFees: _fees, ...part }) => part),
    );
  });

  it('reports a producer minimum not met, with what is missing, and a quantity under a product’s minimum', async () => {
    const beans = await createProduct(stack.api, market.farmer, {
      producerId: market.farm,
      name: 'Haricots tarbais',
      category: 'DRY_GROCERIES',
      priceCents: 900,
      minOrderQuantity: 2,
    });
    const view = await quoted({
      lines: [
        { productId: market.products.carrots, quantity: 5 },
        { productId: beans.id, quantity: 0.5 },
      ],
      deliveries: [{ producerId: market.farm, deliveryOptionId: market.options.farmVan }],
      deliveryAddress: GUERET_HOME,
    });
    const farmPart = partOf(view, market.farm);
    // 5 kg × 2.50 € + 0.5 kg × 9.00 € = 17.00 € of goods; the van takes orders from 20.00 €.
    expect(farmPart).toMatchObject({ goodsCents: 1700, minOrderCents: 2000, minimumMet: false, missingCents: 300 });
    expect(farmPart.problems).toEqual([
      {
        code: 'BELOW_MINIMUM_QUANTITY',
        productId: beans.id,
        message: '«\u00a0Haricots tarbais\u00a0» se commande à partir de 2 kg.',
      },
      {
        code: 'MINIMUM_NOT_MET',
        productId: null,
        message:
          "Ferme du Gué livre les commandes d'au moins 20,00 € HT avec «\u00a0Tournée du mardi\u00a0»\u00a0: il manque 3,00 €.",
      },
    ]);
    // Still priced and scored: the page shows the whole cart and what to change.
    expect(farmPart.carbon).not.toBeNull();
    expect(view.totalCents).toBe(farmPart.totalCents);
  });

  it('reports a line the stock does not cover, and a delivery address beyond the chosen option’s range', async () => {
    const cider = (
      await graphql<{ product: { stock: number } }>(stack.api, 'query ($id: ID!) { product(id: $id) { stock } }', {
        id: market.products.cider,
      })
    ).data!.product.stock;
    const view = await quoted(
      {
        lines: [
          { productId: market.products.juice, quantity: 10 },
          { productId: market.products.cider, quantity: cider + 1 },
        ],
        deliveries: [{ producerId: market.orchard, deliveryOptionId: market.options.orchardVan }],
        buyerOrganizationId: restaurantAtAubusson,
      },
      market.chef,
    );
    const orchardPart = partOf(view, market.orchard);
    expect(orchardPart.lines.map((line) => [line.product.id, line.available])).toEqual([
      [market.products.juice, true],
      [market.products.cider, false],
    ]);
    expect(orchardPart.problems.map((problem) => [problem.code, problem.productId])).toEqual([
      ['OUT_OF_STOCK', market.products.cider],
      ['OUT_OF_DELIVERY_AREA', null],
    ]);
    expect(orchardPart.problems[0].message).toBe(
      `Il ne reste que ${cider} pièces de «\u00a0Cidre brut\u00a0»\u00a0: réduisez la quantité.`,
    );
    expect(orchardPart.problems[1].message).toMatch(
      /^Vergers de la Vienne livre dans un rayon de 30 km avec «\u00a0Livraison Limoges\u00a0»\u00a0; cette adresse est à \d+ km\./,
    );
    expect(orchardPart.distanceKm).toBeGreaterThan(30);
  });

  it('lists products not on sale apart (unknown, malformed id, withdrawn) and quotes the rest; stale choices are ignored', async () => {
    const radishes = await createProduct(stack.api, market.farmer, {
      producerId: market.farm,
      name: 'Radis',
      category: 'FRESH_VEGETABLES',
      priceCents: 300,
    });
    await graphql(
      stack.api,
      'mutation ($id: ID!) { updateProduct(id: $id, input: { active: false }) { active } }',
      { id: radishes.id },
      market.farmer.accessToken,
    );
    const unknown = randomUUID();
    const view = await quoted({
      lines: [
        { productId: unknown, quantity: 1 },
        { productId: market.products.carrots, quantity: 10 },
        { productId: radishes.id, quantity: 2 },
        { productId: 'carottes', quantity: 1 },
        { productId: unknown, quantity: 2 },
      ],
      deliveries: [
        { producerId: market.orchard, deliveryOptionId: market.options.orchardCarrier },
        { producerId: market.farm, deliveryOptionId: 'not-an-id' },
      ],
    });
    expect(view.unavailableProductIds).toEqual([unknown, radishes.id, 'carottes']);
    expect(view.producers.map((part) => part.producer.id)).toEqual([market.farm]);
    expect(partOf(view, market.farm).deliveryOption).toBeNull();
    expect(partOf(view, market.farm).problems).toEqual([
      {
        code: 'NO_DELIVERY_OPTION',
        productId: null,
        message: "Ce mode de livraison n'est plus proposé par Ferme du Gué\u00a0: choisissez-en un autre.",
      },
    ]);
  });

  it('without a delivery option chosen for a producer: no fee, the lowest minimum, NO_DELIVERY_OPTION, and no cart carbon', async () => {
    const view = await quoted(
      {
        lines: [
          { productId: market.products.carrots, quantity: 2 },
          { productId: market.products.juice, quantity: 2 },
        ],
        deliveries: [{ producerId: market.orchard, deliveryOptionId: market.options.orchardCarrier }],
        buyerOrganizationId: market.restaurant,
      },
      market.chef,
    );
    const farmPart = partOf(view, market.farm);
    expect(farmPart).toMatchObject({
      deliveryOption: null,
      feeCents: 0,
      goodsCents: 500,
      minOrderCents: 0,
      minimumMet: true,
      carbon: null,
    });
    expect(farmPart.problems).toEqual([
      { code: 'NO_DELIVERY_OPTION', productId: null, message: 'Choisissez comment Ferme du Gué vous livre.' },
    ]);
    expect(partOf(view, market.orchard).carbon).not.toBeNull();
    expect(view.carbon).toBeNull();
  });

  it('an empty cart is an empty quote', async () => {
    expect(await quoted({ lines: [] })).toEqual({
      subtotalCents: 0,
      vatCents: 0,
      totalCents: 0,
      unavailableProductIds: [],
      carbon: null,
      producers: [],
    });
  });

  describe('malformed input answers BAD_USER_INPUT, like placeOrder', () => {
    const cases: [string, (m: Market) => Record<string, unknown>, string][] = [
      ['a zero quantity', (m) => ({ lines: [{ productId: m.products.carrots, quantity: 0 }] }), 'lines[0].quantity'],
      [
        'a negative quantity',
        (m) => ({
          lines: [
            { productId: m.products.juice, quantity: 1 },
            { productId: m.products.carrots, quantity: -2 },
          ],
        }),
        'lines[1].quantity',
      ],
      [
        'a quantity with 4 decimals',
        (m) => ({ lines: [{ productId: m.products.carrots, quantity: 12.0001 }] }),
        'lines[0].quantity',
      ],
      ['half an egg', (m) => ({ lines: [{ productId: m.products.eggs, quantity: 0.5 }] }), 'lines[0].quantity'],
      [
        'the same product on two lines',
        (m) => ({
          lines: [
            { productId: m.products.carrots, quantity: 6 },
            { productId: m.products.carrots, quantity: 6 },
          ],
        }),
        'lines[1].productId',
      ],
      [
        'two options for one producer',
        (m) => ({
          lines: [{ productId: m.products.carrots, quantity: 12 }],
          deliveries: [
            { producerId: m.farm, deliveryOptionId: m.options.farmVan },
            { producerId: m.farm, deliveryOptionId: m.options.farmPickup },
          ],
        }),
        'deliveries[1].producerId',
      ],
      [
        '101 lines',
        () => ({ lines: Array.from({ length: 101 }, () => ({ productId: randomUUID(), quantity: 1 })) }),
        'lines',
      ],
      [
        'an address with a malformed postal code',
        (m) => ({
          lines: [{ productId: m.products.carrots, quantity: 12 }],
          deliveryAddress: { ...GUERET_HOME, postalCode: '230' },
        }),
        'deliveryAddress.postalCode',
      ],
    ];
    it.each(cases.map(([name, input, field]) => ({ name, input, field })))(
      '$name → $field',
      async ({ input, field }) => {
        const response = await quote(input(market));
        expect(response.data).toBeNull();
        expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      },
    );
  });

  describe('business prices are for the business’s members', () => {
    const cart = () => ({
      lines: [{ productId: market.products.carrots, quantity: 12 }],
      buyerOrganizationId: market.restaurant,
    });

    it('another user asking for a business’s prices gets NOT_FOUND, as for any object of another organization', async () => {
      for (const session of [market.consumer, market.farmer]) {
        const response = await quote(cart(), session);
        expect(response.data).toBeNull();
        expect(response.errors?.[0].extensions.code).toBe('NOT_FOUND');
      }
      expect(
        (await quote({ ...cart(), buyerOrganizationId: randomUUID() }, market.chef)).errors?.[0].extensions.code,
      ).toBe('NOT_FOUND');
    });

    it('a visitor naming a business must sign in; a producer is not a buyer', async () => {
      expect((await quote(cart())).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      const producerAsBuyer = await quote({ ...cart(), buyerOrganizationId: market.farm }, market.farmer);
      expect(producerAsBuyer.errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'buyerOrganizationId',
      });
    });
  });

  describe('the quote is what the order gets', () => {
    const comparable = (view: QuoteView['producers'][number]) => ({
      producerId: view.producer.id,
      deliveryOptionId: view.deliveryOption!.id,
      feeCents: view.feeCents,
      subtotalCents: view.subtotalCents,
      vatCents: view.vatCents,
      totalCents: view.totalCents,
      lines: view.lines.map((line) => [
        line.product.id,
        line.quantity,
        line.unitPriceCents,
        line.totalCents,
        line.vatRate,
      ]),
      carbon: view.carbon,
    });
    const placedAs = (part: OrderView['supplierOrders'][number]) => ({
      producerId: part.producer.id,
      deliveryOptionId: part.deliveryOption.id,
      feeCents: part.feeCents,
      subtotalCents: part.subtotalCents,
      vatCents: part.vatCents,
      totalCents: part.totalCents,
      lines: part.lines.map((line) => [
        line.productId,
        line.quantity,
        line.unitPriceCents,
        line.totalCents,
        line.vatRate,
      ]),
      carbon: part.carbon,
    });

    it.each([
      ['a business, to its own address, paying by invoice', 'business'],
      ['a consumer, to a home address, paying by card', 'consumer'],
    ])('%s: money and carbon equal, to the cent and the last digit', async (_name, who) => {
      const business = who === 'business';
      const session = business ? market.chef : market.consumer;
      const cart = {
        lines: [
          { productId: market.products.carrots, quantity: 12.5 },
          { productId: market.products.eggs, quantity: 18 },
          { productId: market.products.juice, quantity: 3.25 },
          { productId: market.products.cider, quantity: 2 },
        ],
        deliveries: [
          { producerId: market.farm, deliveryOptionId: market.options.farmVan },
          { producerId: market.orchard, deliveryOptionId: market.options.orchardCarrier },
        ],
        ...(business ? { buyerOrganizationId: restaurantAtAubusson } : { deliveryAddress: GUERET_HOME }),
      };
      await stack.drainOutbox();
      const rows = await rowCounts(stack.em.fork(), ORDER_TABLES);
      const view = await quoted(cart, session);
      expect(await rowCounts(stack.em.fork(), ORDER_TABLES)).toEqual(rows); // a quote writes nothing
      expect(view.producers.every((part) => part.problems.length === 0)).toBe(true);

      const placed = await placeOrder(stack.api, session.accessToken, {
        ...cart,
        paymentMethod: business ? 'INVOICE' : 'CARD',
      });
      expect(placed.errors).toBeUndefined();
      const order = placed.data!.placeOrder;
      expect({ subtotalCents: order.subtotalCents, vatCents: order.vatCents, totalCents: order.totalCents }).toEqual({
        subtotalCents: view.subtotalCents,
        vatCents: view.vatCents,
        totalCents: view.totalCents,
      });
      expect(order.supplierOrders.map(placedAs)).toEqual(view.producers.map(comparable));
      expect(order.carbon).toEqual(view.carbon);
      for (const [index, part] of order.supplierOrders.entries()) {
        const estimate = view.producers[index].carbon!;
        expect([part.carbon.emissionsKgCo2e, part.carbon.baselineKgCo2e, part.carbon.savedKgCo2e]).toEqual([
          estimate.emissionsKgCo2e,
          estimate.baselineKgCo2e,
          estimate.savedKgCo2e,
        ]);
      }
    });
  });

  it('the cart page’s query stays within the GraphQL limits (depth, cost, aliases, tokens), with room to spare', async () => {
    const measured: Record<string, number> = {};
    const armor = new ApolloArmor({
      maxDepth: { n: GRAPHQL_LIMITS.maxDepth, onAccept: [(_context, { n }) => void (measured.depth = n)] },
      costLimit: { maxCost: GRAPHQL_LIMITS.maxCost, onAccept: [(_context, { n }) => void (measured.cost = n)] },
      maxAliases: { n: GRAPHQL_LIMITS.maxAliases, onAccept: [(_context, { n }) => void (measured.aliases = n)] },
    }).protect();
    const errors = validate(stack.api.get(GraphQLSchemaHost).schema, parse(CART_PAGE), armor.validationRules);
    expect(errors).toEqual([]);
    const lexer = new Lexer(new Source(CART_PAGE));
    measured.tokens = 0;
    while (lexer.advance().kind !== TokenKind.EOF) measured.tokens++;
    console.log(
      `The cart page's query: depth ${measured.depth}/${GRAPHQL_LIMITS.maxDepth}, cost ${measured.cost}/${GRAPHQL_LIMITS.maxCost}, aliases ${measured.aliases}/${GRAPHQL_LIMITS.maxAliases}, tokens ${measured.tokens}/${GRAPHQL_LIMITS.maxTokens}`,
    );
    expect(measured.depth).toBeLessThanOrEqual(GRAPHQL_LIMITS.maxDepth - 1);
    expect(measured.cost).toBeLessThanOrEqual(GRAPHQL_LIMITS.maxCost / 2);
    expect(measured.aliases).toBe(0);
    expect(measured.tokens).toBeLessThanOrEqual(GRAPHQL_LIMITS.maxTokens / 2);

    // And the server, with its armor, answers it for a full cart.
    const lines = [market.products.carrots, market.products.eggs, market.products.juice, market.products.cider].map(
      (productId) => ({ productId, quantity: 2 }),
    );
    const response = await quote({
      lines,
      deliveries: [
        { producerId: market.farm, deliveryOptionId: market.options.farmPickup },
        { producerId: market.orchard, deliveryOptionId: market.options.orchardCarrier },
      ],
      deliveryAddress: GUERET_HOME,
    });
    expect(response.status).toBe(200);
    expect(response.errors).toBeUndefined();
  });

  it('is public and needs no token without a business', async () => {
    const other = await registerUser(stack.api, 'visitor');
    expect((await quote({ lines: [{ productId: market.products.juice, quantity: 1 }] }, other)).errors).toBeUndefined();
    expect((await quote({ lines: [{ productId: market.products.juice, quantity: 1 }] })).errors).toBeUndefined();
  });
});
