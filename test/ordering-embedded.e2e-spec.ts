import { SupplierOrderBuyerBackfill } from '@app/ordering';
import { rowCounts, type RunningApp, startApp } from './support/app-modes';
import { PLACES } from './support/catalog-fixtures';
import { graphql } from './support/graphql-client';
import { type Market, createMarket, placeOrder, placeOrderDrawingTakenNumber } from './support/ordering-fixtures';
import { waitFor } from './support/test-services';

/** Ordering on the embedded SQLite database, jobs in-process, no Stripe keys: what `npm start` runs. */
describe('ordering (embedded SQLite, no Stripe)', () => {
  let running: RunningApp;
  let market: Market;

  beforeAll(async () => {
    running = await startApp('embedded', 'ordering-embedded');
    market = await createMarket(running.app);
  });

  afterAll(() => running?.close());

  const stockOf = async (productId: string) =>
    (
      await graphql<{ product: { stock: number } }>(running.app, 'query ($id: ID!) { product(id: $id) { stock } }', {
        id: productId,
      })
    ).data!.product.stock;

  it('an order drawing a number another order holds is written under a new one, its stock taken once', async () => {
    const cart = {
      buyerOrganizationId: market.restaurant,
      lines: [{ productId: market.products.carrots, quantity: 12 }],
      deliveries: [{ producerId: market.farm, deliveryOptionId: market.options.farmVan }],
    };
    const taken = (await placeOrder(running.app, market.chef.accessToken, cart)).data!.placeOrder.number;
    const before = await stockOf(market.products.carrots);
    const { placed, drawn } = await placeOrderDrawingTakenNumber(running.app, market.chef.accessToken, cart, taken, 1);
    expect(placed.errors).toBeUndefined();
    expect(drawn).toEqual([taken, placed.data!.placeOrder.number]);
    expect(placed.data!.placeOrder.number).not.toBe(taken);
    expect(await stockOf(market.products.carrots)).toBe(before - 12);
    expect((await rowCounts(running.em, ['customer_order'])).customer_order).toBe(
      Number((await running.em.execute('select count(distinct number) as n from customer_order'))[0].n),
    );
  });

  it('a business orders by invoice from two producers, and the producer delivers it', async () => {
    const placed = await placeOrder(running.app, market.chef.accessToken, {
      buyerOrganizationId: market.restaurant,
      lines: [
        { productId: market.products.carrots, quantity: 20 },
        { productId: market.products.juice, quantity: 3 },
      ],
      deliveries: [
        { producerId: market.farm, deliveryOptionId: market.options.farmVan },
        { producerId: market.orchard, deliveryOptionId: market.options.orchardCarrier },
      ],
    });
    expect(placed.errors).toBeUndefined();
    const order = placed.data!.placeOrder;
    expect(order.supplierOrders).toHaveLength(2);
    expect(order.totalCents).toBe(order.subtotalCents + order.vatCents);
    const farmPart = order.supplierOrders.find((part) => part.producer.id === market.farm)!;
    expect(farmPart.lines[0]).toMatchObject({ unitPriceCents: 180, totalCents: 3600 });
    for (const status of ['CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED']) {
      const moved = await graphql<{ updateSupplierOrderStatus: { status: string } }>(
        running.app,
        'mutation ($id: ID!, $status: SupplierOrderStatus!) { updateSupplierOrderStatus(id: $id, status: $status) { status } }',
        { id: farmPart.id, status },
        market.farmer.accessToken,
      );
      expect(moved.data?.updateSupplierOrderStatus.status).toBe(status);
    }
    // The in-process runner sends the notifications from the same outbox.
    await waitFor(
      async () =>
        Number(
          (
            await running.em
              .fork()
              .execute('select count(*) as n from sent_email where subject like ?', [`%${order.number}%`])
          )[0].n,
        ) >= 3,
      {
        what: 'the order e-mails',
      },
    );
  });

  it('gives supplier orders written before their buyer column (an older embedded file) their buyer at start', async () => {
    const em = running.em.fork();
    const buyerOf = async () =>
      (
        await em.execute<{ buyer_organization_id: string | null }[]>(
          'select s.buyer_organization_id from supplier_order s join customer_order o on o.id = s.order_id where o.buyer_organization_id = ?',
          [market.restaurant],
        )
      ).map((row) => row.buyer_organization_id);
    expect((await buyerOf()).length).toBeGreaterThan(0);
    await em.execute('update supplier_order set buyer_organization_id = null');
    await running.app.get(SupplierOrderBuyerBackfill).onApplicationBootstrap();
    expect(new Set(await buyerOf())).toEqual(new Set([market.restaurant]));
    expect(
      Number(
        (
          await em.execute<{ n: number }[]>(
            'select count(*) as n from supplier_order s join customer_order o on o.id = s.order_id where o.buyer_organization_id is null and s.buyer_organization_id is not null',
          )
        )[0].n,
      ),
    ).toBe(0);
  });

  it('a card payment answers PAYMENTS_NOT_CONFIGURED and changes nothing', async () => {
    const before = await rowCounts(running.em.fork(), ['customer_order', 'supplier_order', 'order_line']);
    const stock = await stockOf(market.products.carrots);
    const response = await placeOrder(running.app, market.consumer.accessToken, {
      lines: [{ productId: market.products.carrots, quantity: 1 }],
      deliveries: [{ producerId: market.farm, deliveryOptionId: market.options.farmPickup }],
      deliveryAddress: { line1: '1 rue de la Gare', ...PLACES.gueret },
      paymentMethod: 'CARD',
    });
    expect(response.errors?.[0].extensions.code).toBe('PAYMENTS_NOT_CONFIGURED');
    // The checkout page asks beforehand, without a token, so that it can say why the card is not offered.
    expect((await graphql<{ cardPaymentsAvailable: boolean }>(running.app, '{ cardPaymentsAvailable }')).data).toEqual({
      cardPaymentsAvailable: false,
    });
    expect(await rowCounts(running.em.fork(), ['customer_order', 'supplier_order', 'order_line'])).toEqual(before);
    expect(await stockOf(market.products.carrots)).toBe(stock);
  });

  it('concurrent checkouts never oversell on SQLite either', async () => {
    const product = await graphql<{ createProduct: { id: string } }>(
      running.app,
      'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }',
      {
        input: {
          producerId: market.farm,
          name: 'Potimarrons',
          description: '',
          category: 'FRESH_VEGETABLES',
          unit: 'PIECE',
          unitMassKg: 1.2,
          priceCents: 300,
          vatRate: 0.055,
          stock: 5,
        },
      },
      market.farmer.accessToken,
    );
    const productId = product.data!.createProduct.id;
    const responses = await Promise.all(
      Array.from({ length: 20 }, () =>
        placeOrder(running.app, market.chef.accessToken, {
          buyerOrganizationId: market.restaurant,
          lines: [{ productId, quantity: 1 }],
          deliveries: [{ producerId: market.farm, deliveryOptionId: market.options.farmPickup }],
        }),
      ),
    );
    expect(responses.filter((response) => response.data?.placeOrder)).toHaveLength(5);
    expect(responses.filter((response) => response.errors?.[0].extensions.code === 'OUT_OF_STOCK')).toHaveLength(15);
    expect(await stockOf(productId)).toBe(0);
  });
});
