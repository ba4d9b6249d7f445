import { randomUUID } from 'node:crypto';
import { rowCounts } from './support/app-modes';
import { createProduct } from './support/catalog-fixtures';
import { graphql } from './support/graphql-client';
import { type Market, businessAt, createMarket, markProducersPayable, placeOrder } from './support/ordering-fixtures';
import { registerUser } from './support/identity-client';
import { PLACES } from './support/catalog-fixtures';
import { startProductionStack } from './support/production-stack';

/**
 * Issue #20 item 4 (RELIABILITY: hoarding): a business nobody ever delivered to cannot take a producer's whole stock
 * with invoice orders nobody will pay. Its open invoice orders with a producer are capped (the platform's default
 * 300.00 € VAT included, or the producer's own cap) until that producer delivers to it once; a producer may refuse
 * invoice payment from a buyer, who then pays by card.
 */
const ORDER_TABLES = [
  'customer_order',
  'supplier_order',
  'order_line',
  'supplier_order_transition',
  'outbox_message',
  'producer_sales_terms',
  'refused_invoice_buyer',
];
const STOCK = 'query ($id: ID!) { product(id: $id) { stock } }';
const TERMS_FIELDS =
  'producerId newBuyerInvoiceCapCents ownNewBuyerInvoiceCapCents defaultNewBuyerInvoiceCapCents refusedInvoiceBuyers { buyerOrganizationId refusedAt buyer { id name } }';
const TERMS = `query ($p: ID!) { producerSalesTerms(producerId: $p) { ${TERMS_FIELDS} } }`;
const UPDATE_TERMS = `mutation ($p: ID!, $input: ProducerSalesTermsInput!) { updateProducerSalesTerms(producerId: $p, input: $input) { ${TERMS_FIELDS} } }`;
const SET_BUYER = `mutation ($p: ID!, $b: ID!, $allowed: Boolean!) { setBuyerInvoicePayment(producerId: $p, buyerOrganizationId: $b, allowed: $allowed) { ${TERMS_FIELDS} } }`;
const MOVE =
  'mutation ($id: ID!, $status: SupplierOrderStatus!) { updateSupplierOrderStatus(id: $id, status: $status) { id status } }';

interface TermsView {
  producerId: string;
  newBuyerInvoiceCapCents: number;
  ownNewBuyerInvoiceCapCents: number | null;
  defaultNewBuyerInvoiceCapCents: number;
  refusedInvoiceBuyers: {
    buyerOrganizationId: string;
    refusedAt: string;
    buyer: { id: string; name: string } | null;
  }[];
}

describe('hoarding stock on credit (PostgreSQL)', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let market: Market;
  /** 20.00 € HT a kg at 5.5 %: 21.10 € VAT included a kg; 50 kg in stock (1,055.00 € VAT included). */
  let comte: string;

  const stockOf = async (productId: string) =>
    (await graphql<{ product: { stock: number } }>(stack.api, STOCK, { id: productId })).data!.product.stock;
  /** A fresh business, as anyone can create with any valid SIRET. */
  const freshBusiness = async (name: string) => businessAt(stack.api, market.chef, name, PLACES.gueret);
  const comteOrder = (buyerOrganizationId: string, quantity: number, paymentMethod = 'INVOICE') =>
    placeOrder(stack.api, market.chef.accessToken, {
      buyerOrganizationId,
      paymentMethod,
      lines: [{ productId: comte, quantity }],
      deliveries: [{ producerId: market.farm, deliveryOptionId: market.options.farmPickup }],
    });
  const deliver = async (supplierOrderId: string) => {
    for (const status of ['CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED']) {
      const moved = await graphql(stack.api, MOVE, { id: supplierOrderId, status }, market.farmer.accessToken);
      expect(moved.errors).toBeUndefined();
    }
    // The delivery's invoice is issued by a job, which writes messages of its own: settled before anything is counted.
    await stack.drainOutbox();
  };
  const counts = () => rowCounts(stack.em.fork(), ORDER_TABLES);

  beforeAll(async () => {
    stack = await startProductionStack('hoarding', {
      STRIPE_SECRET_KEY: 'sk_test_hoarding',
      STRIPE_WEBHOOK_SECRET: 'whsec_hoarding',
    });
    market = await createMarket(stack.api);
    await markProducersPayable(stack.em.fork(), [market.farm, market.orchard]);
    comte = (
      await createProduct(stack.api, market.farmer, {
        producerId: market.farm,
        name: 'Comté 18 mois',
        category: 'DAIRY_CHEESE',
        priceCents: 2000,
        vatRate: 0.055,
        stock: 50,
      })
    ).id;
  });

  afterAll(() => stack?.close());

  it('refuses a fresh business taking the whole stock by invoice, with a clear error naming the producer and the cap, and leaves the stock', async () => {
    const hoarder = await freshBusiness('Négoce Express');
    const before = await counts();
    const attempt = await comteOrder(hoarder, 50);
    expect(attempt.data).toBeNull();
    expect(attempt.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'paymentMethod',
      reason: 'NEW_BUYER_INVOICE_CAP',
      producerId: market.farm,
      producerName: 'Ferme du Gué',
      capCents: 30_000,
      openInvoiceCents: 0,
    });
    expect(attempt.errors?.[0].message).toBe(
      'Ferme du Gué has not delivered to this business yet: its invoice orders with it are limited to 300.00 € VAT included until a first delivery (300.00 € left, this part is 1055.00 €); pay by card or order less.',
    );
    expect(await stockOf(comte)).toBe(50);
    expect(await counts()).toEqual(before);
  });

  it('lets a new buyer order by invoice under the cap, counting its open invoice orders, not its cancelled ones', async () => {
    const buyer = await freshBusiness('Épicerie du Coin');
    const first = await comteOrder(buyer, 10); // 211.00 €
    expect(first.errors).toBeUndefined();
    expect(first.data!.placeOrder.totalCents).toBe(21_100);
    expect(await stockOf(comte)).toBe(40);

    const before = await counts();
    const over = await comteOrder(buyer, 5); // 211.00 + 105.50 > 300.00
    expect(over.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'paymentMethod',
      reason: 'NEW_BUYER_INVOICE_CAP',
      capCents: 30_000,
      openInvoiceCents: 21_100,
    });
    expect(await stockOf(comte)).toBe(40);
    expect(await counts()).toEqual(before);

    const within = await comteOrder(buyer, 4); // 211.00 + 84.40 = 295.40
    expect(within.errors).toBeUndefined();
    expect(await stockOf(comte)).toBe(36);

    // Cancelled orders no longer count: the buyer cancels both, and may order up to the cap again.
    for (const order of [first, within]) {
      const cancelled = await graphql(
        stack.api,
        'mutation ($id: ID!) { cancelOrder(id: $id) { id } }',
        { id: order.data!.placeOrder.id },
        market.chef.accessToken,
      );
      expect(cancelled.errors).toBeUndefined();
    }
    expect(await stockOf(comte)).toBe(50);
    const again = await comteOrder(buyer, 14); // 295.40
    expect(again.errors).toBeUndefined();
    await graphql(
      stack.api,
      'mutation ($id: ID!) { cancelOrder(id: $id) { id } }',
      { id: again.data!.placeOrder.id },
      market.chef.accessToken,
    );
    expect(await stockOf(comte)).toBe(50);
  });

  it('caps each producer of a multi-producer order, and writes nothing for any of them when one is over', async () => {
    const buyer = await freshBusiness('Cantine des Écoles');
    const before = await counts();
    const attempt = await placeOrder(stack.api, market.chef.accessToken, {
      buyerOrganizationId: buyer,
      lines: [
        { productId: market.products.carrots, quantity: 10 },
        { productId: comte, quantity: 20 },
        { productId: market.products.juice, quantity: 2 },
      ],
      deliveries: [
        { producerId: market.farm, deliveryOptionId: market.options.farmPickup },
        { producerId: market.orchard, deliveryOptionId: market.options.orchardCarrier },
      ],
    });
    expect(attempt.errors?.[0].extensions).toMatchObject({
      field: 'paymentMethod',
      reason: 'NEW_BUYER_INVOICE_CAP',
      producerId: market.farm,
    });
    expect(await counts()).toEqual(before);
    expect(await stockOf(comte)).toBe(50);
  });

  it('lifts the cap once the producer delivered an order to that buyer', async () => {
    const buyer = await freshBusiness('Hôtel du Lac');
    const first = await comteOrder(buyer, 2);
    expect(first.errors).toBeUndefined();
    expect((await comteOrder(buyer, 20)).errors?.[0].extensions).toMatchObject({ reason: 'NEW_BUYER_INVOICE_CAP' });
    await deliver(first.data!.placeOrder.supplierOrders[0].id);

    const big = await comteOrder(buyer, 20); // 422.00 €, over the default cap
    expect(big.errors).toBeUndefined();
    expect(await stockOf(comte)).toBe(28);
    await graphql(
      stack.api,
      'mutation ($id: ID!) { cancelOrder(id: $id) { id } }',
      { id: big.data!.placeOrder.id },
      market.chef.accessToken,
    );
    expect(await stockOf(comte)).toBe(48);
  });

  it("takes the producer's own cap over the platform default; members of the producer only; bad caps change nothing", async () => {
    const terms = await graphql<{ producerSalesTerms: TermsView }>(
      stack.api,
      TERMS,
      { p: market.farm },
      market.farmer.accessToken,
    );
    expect(terms.data!.producerSalesTerms).toMatchObject({
      producerId: market.farm,
      newBuyerInvoiceCapCents: 30_000,
      ownNewBuyerInvoiceCapCents: null,
      defaultNewBuyerInvoiceCapCents: 30_000,
    });

    const buyer = await freshBusiness('Traiteur Martin');
    expect((await comteOrder(buyer, 20)).errors?.[0].extensions).toMatchObject({
      reason: 'NEW_BUYER_INVOICE_CAP',
      capCents: 30_000,
    });

    const raised = await graphql<{ updateProducerSalesTerms: TermsView }>(
      stack.api,
      UPDATE_TERMS,
      { p: market.farm, input: { newBuyerInvoiceCapCents: 50_000 } },
      market.farmer.accessToken,
    );
    expect(raised.data!.updateProducerSalesTerms).toMatchObject({
      newBuyerInvoiceCapCents: 50_000,
      ownNewBuyerInvoiceCapCents: 50_000,
      defaultNewBuyerInvoiceCapCents: 30_000,
    });
    const passes = await comteOrder(buyer, 20); // 422.00 € ≤ 500.00 €
    expect(passes.errors).toBeUndefined();
    expect((await comteOrder(buyer, 4)).errors?.[0].extensions).toMatchObject({
      reason: 'NEW_BUYER_INVOICE_CAP',
      capCents: 50_000,
      openInvoiceCents: 42_200,
    });
    await graphql(
      stack.api,
      'mutation ($id: ID!) { cancelOrder(id: $id) { id } }',
      { id: passes.data!.placeOrder.id },
      market.chef.accessToken,
    );

    // A cap of 0: no invoice orders from new buyers at all.
    await graphql(
      stack.api,
      UPDATE_TERMS,
      { p: market.farm, input: { newBuyerInvoiceCapCents: 0 } },
      market.farmer.accessToken,
    );
    expect((await comteOrder(buyer, 1)).errors?.[0].extensions).toMatchObject({
      reason: 'NEW_BUYER_INVOICE_CAP',
      capCents: 0,
    });

    const before = await counts();
    const negative = await graphql(
      stack.api,
      UPDATE_TERMS,
      { p: market.farm, input: { newBuyerInvoiceCapCents: -1 } },
      market.farmer.accessToken,
    );
    expect(negative.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newBuyerInvoiceCapCents' });
    const huge = await graphql(
      stack.api,
      UPDATE_TERMS,
      { p: market.farm, input: { newBuyerInvoiceCapCents: 100_000_001 } },
      market.farmer.accessToken,
    );
    expect(huge.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'newBuyerInvoiceCapCents' });
    const stranger = await graphql(
      stack.api,
      UPDATE_TERMS,
      { p: market.farm, input: { newBuyerInvoiceCapCents: 10_000_000 } },
      market.orchardist.accessToken,
    );
    expect(stranger.errors?.[0].extensions.code).toBe('NOT_FOUND');
    const buyerTries = await graphql(stack.api, TERMS, { p: market.farm }, market.chef.accessToken);
    expect(buyerTries.errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect(await counts()).toEqual(before);

    // Back to the platform default.
    const reset = await graphql<{ updateProducerSalesTerms: TermsView }>(
      stack.api,
      UPDATE_TERMS,
      { p: market.farm, input: { newBuyerInvoiceCapCents: null } },
      market.farmer.accessToken,
    );
    expect(reset.data!.updateProducerSalesTerms).toMatchObject({
      newBuyerInvoiceCapCents: 30_000,
      ownNewBuyerInvoiceCapCents: null,
    });
  });

  it('a producer refuses invoice payment from a buyer (even one it delivered to): its invoice orders are refused, card still works, and it may allow it again', async () => {
    const buyer = await freshBusiness('Brasserie du Pont');
    const first = await comteOrder(buyer, 1);
    expect(first.errors).toBeUndefined();
    await deliver(first.data!.placeOrder.supplierOrders[0].id);

    const refused = await graphql<{ setBuyerInvoicePayment: TermsView }>(
      stack.api,
      SET_BUYER,
      { p: market.farm, b: buyer, allowed: false },
      market.farmer.accessToken,
    );
    expect(refused.errors).toBeUndefined();
    expect(refused.data!.setBuyerInvoicePayment.refusedInvoiceBuyers).toEqual([
      { buyerOrganizationId: buyer, refusedAt: expect.any(String), buyer: { id: buyer, name: 'Brasserie du Pont' } },
    ]);
    // Twice is the same as once.
    const twice = await graphql<{ setBuyerInvoicePayment: TermsView }>(
      stack.api,
      SET_BUYER,
      { p: market.farm, b: buyer, allowed: false },
      market.farmer.accessToken,
    );
    expect(twice.data!.setBuyerInvoicePayment.refusedInvoiceBuyers).toHaveLength(1);

    const stockBefore = await stockOf(comte);
    const before = await counts();
    const byInvoice = await comteOrder(buyer, 1);
    expect(byInvoice.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'paymentMethod',
      reason: 'INVOICE_REFUSED',
      producerId: market.farm,
      producerName: 'Ferme du Gué',
    });
    expect(byInvoice.errors?.[0].message).toBe(
      'Ferme du Gué does not accept payment by invoice from this business; pay by card.',
    );
    expect(await counts()).toEqual(before);
    expect(await stockOf(comte)).toBe(stockBefore);

    const byCard = await comteOrder(buyer, 1, 'CARD');
    expect(byCard.errors).toBeUndefined();
    expect(byCard.data!.placeOrder.paymentMethod).toBe('CARD');

    // Another producer's invoices are not affected.
    const fromOrchard = await placeOrder(stack.api, market.chef.accessToken, {
      buyerOrganizationId: buyer,
      lines: [{ productId: market.products.juice, quantity: 2 }],
      deliveries: [{ producerId: market.orchard, deliveryOptionId: market.options.orchardCarrier }],
    });
    expect(fromOrchard.errors).toBeUndefined();

    const allowed = await graphql<{ setBuyerInvoicePayment: TermsView }>(
      stack.api,
      SET_BUYER,
      { p: market.farm, b: buyer, allowed: true },
      market.farmer.accessToken,
    );
    expect(allowed.data!.setBuyerInvoicePayment.refusedInvoiceBuyers).toEqual([]);
    expect((await comteOrder(buyer, 1)).errors).toBeUndefined();
  });

  it('refusing a buyer: only for members of the producer, and only a business that ordered from it; refusals change nothing', async () => {
    const buyer = await freshBusiness('Crêperie Bleue');
    const stranger = await freshBusiness('Jamais Venu');
    expect((await comteOrder(buyer, 1)).errors).toBeUndefined();
    const outsider = await registerUser(stack.api, 'outsider');
    const before = await counts();
    const cases = [
      { session: market.orchardist, p: market.farm, b: buyer },
      { session: market.chef, p: market.farm, b: buyer },
      { session: outsider, p: market.farm, b: buyer },
      // The orchard never sold to this buyer.
      { session: market.orchardist, p: market.orchard, b: buyer },
      { session: market.farmer, p: market.farm, b: stranger },
      { session: market.farmer, p: market.farm, b: randomUUID() },
      { session: market.farmer, p: market.farm, b: 'not-an-id' },
    ];
    for (const { session, p, b } of cases) {
      const response = await graphql(stack.api, SET_BUYER, { p, b, allowed: false }, session.accessToken);
      expect({ p, b, code: response.errors?.[0].extensions.code }).toEqual({ p, b, code: 'NOT_FOUND' });
    }
    const anonymous = await graphql(stack.api, SET_BUYER, { p: market.farm, b: buyer, allowed: false });
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect(await counts()).toEqual(before);
  });
});
