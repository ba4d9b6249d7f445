import request from 'supertest';
import { FailedJobs } from '@app/platform';
import { checkEn16931Rules, CreditNote, facturXXmlOfCreditNote } from '@app/payments';
import { facturXXsdProblemsOfAll } from '@app/test-support';
import { type FakeStripe, type Fault, startFakeStripe } from './support/fake-stripe';
import { graphql } from './support/graphql-client';
import { registerUser, type TestSession } from './support/identity-client';
import { createProduct, PLACES, producerAt } from './support/catalog-fixtures';
import { type Market, createDeliveryOption, createMarket, placeOrder } from './support/ordering-fixtures';
import { cardPayments, TRANSFER_REFUSED, transferRowsOf } from './support/card-order-fixtures';
import { startProductionStack } from './support/production-stack';

const WEBHOOK_SECRET = 'whsec_ancrage_partial';
const REFUND =
  'mutation ($id: ID!, $amount: Int!, $reason: String) { refundPayment(orderId: $id, amountCents: $amount, reason: $reason) { refundedCents } }';
const CANCEL =
  'mutation ($id: ID!, $reason: String) { cancelSupplierOrder(id: $id, reason: $reason) { id status subtotalCents vatCents totalCents } }';
const ORDER = `query ($id: ID!) { order(id: $id) {
  status subtotalCents vatCents totalCents carbon { emissionsKgCo2e baselineKgCo2e massKg }
  payment { status amountCents refundedCents }
  supplierOrders { id status subtotalCents vatCents totalCents producer { id } carbon { emissionsKgCo2e baselineKgCo2e massKg } history { toStatus reason }
    invoice { id number status totalCents creditNotes { id number totalCents reason pdfUrl issuedAt invoice { id number } } } } } }`;

interface Part {
  id: string;
  status: string;
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
  producer: { id: string };
  carbon: { emissionsKgCo2e: number; baselineKgCo2e: number; massKg: number };
  history: { toStatus: string; reason: string | null }[];
  invoice: {
    id: string;
    number: string;
    status: string;
    totalCents: number;
    creditNotes: {
      id: string;
      number: string;
      totalCents: number;
      reason: string;
      pdfUrl: string;
      issuedAt: string;
      invoice: { id: string; number: string };
    }[];
  } | null;
}
interface OrderRead {
  status: string;
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
  carbon: { emissionsKgCo2e: number; baselineKgCo2e: number; massKg: number };
  payment: { status: string; amountCents: number; refundedCents: number } | null;
  supplierOrders: Part[];
}

describe('cancelSupplierOrder and credit notes (production stack, fake Stripe)', () => {
  let fake: FakeStripe;
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let market: Market;
  let cheesemaker: TestSession;
  let dairy: string;
  let cheese: string;
  let dairyPickup: string;
  let admin: TestSession;

  const card = cardPayments(() => ({ stack, fake, market }), WEBHOOK_SECRET);
  const rows = <T>(sql: string, params: unknown[] = []) => stack.em.fork().execute<T[]>(sql, params);
  const count = async (sql: string, params: unknown[] = []) =>
    Number((await stack.em.fork().execute(sql, params))[0].n);
  const readOrder = async (id: string, session: TestSession) => {
    const response = await graphql<{ order: OrderRead }>(stack.api, ORDER, { id }, session.accessToken);
    expect(response.errors).toBeUndefined();
    return response.data!.order;
  };
  const stockOf = async (productId: string) =>
    (
      await graphql<{ product: { stock: number } }>(stack.api, 'query ($id: ID!) { product(id: $id) { stock } }', {
        id: productId,
      })
    ).data!.product.stock;
  /** A consumer's card order from the farm and the orchard, paid through a verified webhook, its jobs run. */
  const paidCardOrder = async () => {
    const { order } = await card.paidCardOrder();
    await stack.drainOutbox();
    return order;
  };
  const partOf = <P extends { producer: { id: string } }>(order: { supplierOrders: P[] }, producerId: string): P =>
    order.supplierOrders.find((part) => part.producer.id === producerId)!;

  beforeAll(async () => {
    fake = await startFakeStripe();
    stack = await startProductionStack('partial-cancellation', {
      STRIPE_SECRET_KEY: 'sk_test_ancrage',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_ancrage',
      STRIPE_WEBHOOK_SECRET: WEBHOOK_SECRET,
      STRIPE_API_URL: fake.url,
      PLATFORM_COMMISSION_RATE: '0.05',
      JOB_ATTEMPTS: '2',
      JOB_BACKOFF_MS: '50',
    });
    market = await createMarket(stack.api);
    cheesemaker = await registerUser(stack.api, 'cheesemaker');
    dairy = await producerAt(stack.api, cheesemaker, 'Fromagerie de la Creuse', PLACES.gueret);
    cheese = (
      await createProduct(stack.api, cheesemaker, {
        producerId: dairy,
        name: 'Tomme de Creuse',
        category: 'DAIRY_CHEESE',
        priceCents: 1890,
        stock: 50,
      })
    ).id;
    dairyPickup = await createDeliveryOption(stack.api, cheesemaker, {
      producerId: dairy,
      mode: 'PICKUP',
      label: 'Retrait à la fromagerie',
    });
    for (const [session, producerId] of [
      [market.farmer, market.farm],
      [market.orchardist, market.orchard],
      [cheesemaker, dairy],
    ] as const)
      await card.onboard(session, producerId);
    admin = await registerUser(stack.api, 'support');
    await stack.em.fork().execute('update app_user set is_platform_admin = true where id = ?', [admin.user.id]);
  });

  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  it("a part cancelled from a three-producer order: the order's totals, status and footprint are its two other parts', to the cent; stock back once; the producer told", async () => {
    const placed = await placeOrder(stack.api, market.chef.accessToken, {
      buyerOrganizationId: market.restaurant,
      lines: [
        { productId: market.products.carrots, quantity: 12.5 },
        { productId: market.products.cider, quantity: 7 },
        { productId: cheese, quantity: 1.333 },
      ],
      deliveries: [
        { producerId: market.farm, deliveryOptionId: market.options.farmPickup },
        { producerId: market.orchard, deliveryOptionId: market.options.orchardCarrier },
        { producerId: dairy, deliveryOptionId: dairyPickup },
      ],
    });
    expect(placed.errors).toBeUndefined();
    const order = placed.data!.placeOrder;
    expect(order.supplierOrders).toHaveLength(3);
    const orchardPart = partOf(order, market.orchard);
    const kept = order.supplierOrders.filter((part) => part.id !== orchardPart.id);
    const ciderBefore = await stockOf(market.products.cider);

    // Retried at once and again afterwards: one cancellation.
    const answers = await Promise.all(
      Array.from({ length: 6 }, () =>
        graphql<{ cancelSupplierOrder: { status: string } }>(
          stack.api,
          CANCEL,
          { id: orchardPart.id, reason: 'Plus besoin de cidre' },
          market.chef.accessToken,
        ),
      ),
    );
    const again = await graphql<{ cancelSupplierOrder: { status: string } }>(
      stack.api,
      CANCEL,
      { id: orchardPart.id },
      market.chef.accessToken,
    );
    expect(
      [...answers, again].map(
        (answer) => answer.errors?.[0]?.extensions.code ?? answer.data!.cancelSupplierOrder.status,
      ),
    ).toEqual(Array(7).fill('CANCELLED'));
    expect(await stockOf(market.products.cider)).toBe(ciderBefore + 7);

    const read = await readOrder(order.id, market.chef);
    const expected = {
      subtotalCents: kept[0].subtotalCents + kept[1].subtotalCents,
      vatCents: kept[0].vatCents + kept[1].vatCents,
      totalCents: kept[0].totalCents + kept[1].totalCents,
    };
    expect({ subtotalCents: read.subtotalCents, vatCents: read.vatCents, totalCents: read.totalCents }).toEqual(
      expected,
    );
    expect(read.totalCents).toBe(order.totalCents - orchardPart.totalCents);
    expect(read.status).toBe('PLACED');
    const keptRead = read.supplierOrders.filter((part) => part.id !== orchardPart.id);
    expect(read.carbon.emissionsKgCo2e).toBeCloseTo(
      keptRead[0].carbon.emissionsKgCo2e + keptRead[1].carbon.emissionsKgCo2e,
      9,
    );
    expect(read.carbon.massKg).toBeCloseTo(keptRead[0].carbon.massKg + keptRead[1].carbon.massKg, 9);
    expect(read.carbon.massKg).toBeLessThan(order.carbon.massKg);
    expect(read.supplierOrders.find((part) => part.id === orchardPart.id)!.history.at(-1)).toEqual({
      toStatus: 'CANCELLED',
      reason: 'Plus besoin de cidre',
    });
    expect(
      await count(
        "select count(*) as n from supplier_order_transition where supplier_order_id = ? and to_status = 'CANCELLED'",
        [orchardPart.id],
      ),
    ).toBe(1);

    await stack.drainOutbox();
    const toProducer = await stack.em
      .fork()
      .execute<{ text: string }[]>('select text from sent_email where recipient = ? and subject = ?', [
        market.orchardist.user.email,
        `Commande ${order.number} annulée par le client`,
      ]);
    expect(toProducer).toHaveLength(1);
    expect(toProducer[0].text).toContain('Motif\u00a0: Plus besoin de cidre');
    expect(toProducer[0].text).toContain('Cidre brut');
    // An invoice order's part, never invoiced: no credit note.
    expect(await count('select count(*) as n from credit_note where supplier_order_id = ?', [orchardPart.id])).toBe(0);

    // Every part cancelled: the order is cancelled and keeps the record of what was ordered.
    for (const part of kept)
      expect((await graphql(stack.api, CANCEL, { id: part.id }, market.chef.accessToken)).errors).toBeUndefined();
    const cancelled = await readOrder(order.id, market.chef);
    expect({
      status: cancelled.status,
      subtotalCents: cancelled.subtotalCents,
      vatCents: cancelled.vatCents,
      totalCents: cancelled.totalCents,
    }).toEqual({
      status: 'CANCELLED',
      subtotalCents: order.subtotalCents,
      vatCents: order.vatCents,
      totalCents: order.totalCents,
    });
  });

  it('refuses a part past PLACED (INVALID_STATE_TRANSITION), another buyer or the producer (NOT_FOUND), and changes nothing', async () => {
    const placed = await placeOrder(stack.api, market.chef.accessToken, {
      buyerOrganizationId: market.restaurant,
      lines: [
        { productId: market.products.carrots, quantity: 10 },
        { productId: cheese, quantity: 1 },
      ],
      deliveries: [
        { producerId: market.farm, deliveryOptionId: market.options.farmPickup },
        { producerId: dairy, deliveryOptionId: dairyPickup },
      ],
    });
    const order = placed.data!.placeOrder;
    const farmPart = partOf(order, market.farm);
    const dairyPart = partOf(order, dairy);
    await graphql(
      stack.api,
      'mutation ($id: ID!) { updateSupplierOrderStatus(id: $id, status: CONFIRMED) { id } }',
      { id: farmPart.id },
      market.farmer.accessToken,
    );
    const before = await readOrder(order.id, market.chef);
    const stock = await stockOf(cheese);

    const confirmed = await graphql(stack.api, CANCEL, { id: farmPart.id }, market.chef.accessToken);
    expect(confirmed.errors?.[0].extensions).toMatchObject({
      code: 'INVALID_STATE_TRANSITION',
      from: 'CONFIRMED',
      to: 'CANCELLED',
    });
    for (const stranger of [market.consumer, cheesemaker, market.farmer]) {
      expect(
        (await graphql(stack.api, CANCEL, { id: dairyPart.id }, stranger.accessToken)).errors?.[0].extensions.code,
      ).toBe('NOT_FOUND');
    }
    expect(
      (await graphql(stack.api, CANCEL, { id: 'not-an-id' }, market.chef.accessToken)).errors?.[0].extensions.code,
    ).toBe('NOT_FOUND');
    expect((await graphql(stack.api, CANCEL, { id: dairyPart.id })).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );

    expect(await readOrder(order.id, market.chef)).toEqual(before);
    expect(await stockOf(cheese)).toBe(stock);
  });

  it('a paid card part cancelled under retried calls is refunded once, credited (its invoice CANCELLED), and its transfer reversed by a job', async () => {
    const order = await paidCardOrder();
    const orchardPart = partOf(order, market.orchard);
    const paid = await readOrder(order.id, market.consumer);
    expect(partOf(paid, market.orchard).invoice?.status).toBe('PAID');

    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        graphql(stack.api, CANCEL, { id: orchardPart.id, reason: 'Commandé en double' }, market.consumer.accessToken),
      ),
    );
    expect(answers.filter((answer) => answer.errors)).toEqual([]);
    await stack.drainOutbox();
    expect(
      (await graphql(stack.api, CANCEL, { id: orchardPart.id }, market.consumer.accessToken)).errors,
    ).toBeUndefined();
    await stack.drainOutbox();

    const refunds = fake.requests.filter(
      (call) =>
        call.method === 'POST' && call.path === '/v1/refunds' && call.idempotencyKey === `refund:${orchardPart.id}`,
    );
    expect(refunds).toHaveLength(1);
    expect(refunds[0].params).toMatchObject({ amount: String(orchardPart.totalCents) });
    expect(await count('select count(*) as n from payment_refund where supplier_order_id = ?', [orchardPart.id])).toBe(
      1,
    );
    const reversals = fake.requests.filter(
      (call) => call.method === 'POST' && call.idempotencyKey === `reversal:${orchardPart.id}`,
    );
    expect(reversals).toHaveLength(1);
    expect(reversals[0].params).toMatchObject({
      amount: String(orchardPart.totalCents - Math.round(orchardPart.totalCents * 0.05)),
    });

    const read = await readOrder(order.id, market.consumer);
    expect(read.totalCents).toBe(partOf(order, market.farm).totalCents);
    expect(read.payment).toMatchObject({ status: 'PARTIALLY_REFUNDED', refundedCents: orchardPart.totalCents });
    const invoice = partOf(read, market.orchard).invoice!;
    expect(invoice.status).toBe('CANCELLED');
    expect(invoice.creditNotes).toHaveLength(1);
    const [note] = invoice.creditNotes;
    expect(note).toMatchObject({
      totalCents: orchardPart.totalCents,
      reason: 'Commandé en double',
      invoice: { id: invoice.id, number: invoice.number },
      pdfUrl: `/credit-notes/${note.id}/pdf`,
    });
    expect(note.number).toMatch(new RegExp(`^${invoice.number.split('-')[0]}-AV-\\d{4}-0001$`));
    expect(partOf(read, market.farm).invoice).toMatchObject({ status: 'PAID', creditNotes: [] });

    // The PDF, for the invoice's parties only.
    const download = await request(stack.api.getHttpServer())
      .get(note.pdfUrl)
      .set('authorization', `Bearer ${market.consumer.accessToken}`)
      .buffer(true);
    expect(download.status).toBe(200);
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.headers['content-disposition']).toBe(`attachment; filename="${note.number}.pdf"`);
    const byProducer = await request(stack.api.getHttpServer())
      .get(note.pdfUrl)
      .set('authorization', `Bearer ${market.orchardist.accessToken}`);
    expect(byProducer.status).toBe(200);
    expect(
      (
        await request(stack.api.getHttpServer())
          .get(note.pdfUrl)
          .set('authorization', `Bearer ${market.chef.accessToken}`)
      ).status,
    ).toBe(404);
    expect(
      (
        await request(stack.api.getHttpServer())
          .get(note.pdfUrl)
          .set('authorization', `Bearer ${market.farmer.accessToken}`)
      ).status,
    ).toBe(404);
    expect((await request(stack.api.getHttpServer()).get(note.pdfUrl)).status).toBe(401);
    // The buyer is told.
    expect(
      await count('select count(*) as n from sent_email where recipient = ? and subject = ?', [
        market.consumer.user.email,
        `Avoir ${note.number}`,
      ]),
    ).toBe(1);
  });

  it("an admin's partial refund of a delivered card order credits each producer's invoice; the invoices stay PAID until wholly credited, then CANCELLED", async () => {
    const order = await paidCardOrder();
    for (const status of ['CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED']) {
      expect(
        (
          await graphql(
            stack.api,
            'mutation ($id: ID!, $s: SupplierOrderStatus!) { updateSupplierOrderStatus(id: $id, status: $s) { id } }',
            { id: partOf(order, market.farm).id, s: status },
            market.farmer.accessToken,
          )
        ).errors,
      ).toBeUndefined();
    }
    expect(
      (await graphql(stack.api, REFUND, { id: order.id, amount: 1000, reason: 'Carottes abîmées' }, admin.accessToken))
        .errors,
    ).toBeUndefined();
    await stack.drainOutbox();
    let read = await readOrder(order.id, market.consumer);
    const notes = read.supplierOrders.flatMap((part) => part.invoice!.creditNotes);
    expect(notes.map((note) => note.reason)).toEqual(['Carottes abîmées', 'Carottes abîmées']);
    expect(notes.reduce((total, note) => total + note.totalCents, 0)).toBe(1000);
    expect(read.supplierOrders.map((part) => part.invoice!.status)).toEqual(['PAID', 'PAID']);

    expect(
      (
        await graphql(
          stack.api,
          REFUND,
          { id: order.id, amount: order.totalCents - 1000, reason: 'Geste commercial' },
          admin.accessToken,
        )
      ).errors,
    ).toBeUndefined();
    await stack.drainOutbox();
    read = await readOrder(order.id, market.consumer);
    for (const part of read.supplierOrders) {
      expect(part.invoice!.status).toBe('CANCELLED');
      expect(part.invoice!.creditNotes.reduce((total, note) => total + note.totalCents, 0)).toBe(
        part.invoice!.totalCents,
      );
    }
    expect(
      await count(
        "select count(*) as n from outbox_delivery where failed_at is not null and topic = 'payments.reverse-transfer'",
      ),
    ).toBe(0);
  });

  it("a reversal the producer's balance refuses still leaves the refund and its credit note recorded; the reversal fails on its own, recorded", async () => {
    const order = await paidCardOrder();
    const orchardPart = partOf(order, market.orchard);
    const refusal: Fault = {
      status: 400,
      body: {
        error: {
          type: 'invalid_request_error',
          code: 'balance_insufficient',
          message: 'Insufficient funds in Stripe account.',
        },
      },
    };
    // A refusal is permanent (no retry): one fault, or a second would be left for the next test's reversal.
    fake.failNext(/\/v1\/transfers\/[^/]+\/reversals/, refusal);
    expect(
      (await graphql(stack.api, CANCEL, { id: orchardPart.id }, market.consumer.accessToken)).errors,
    ).toBeUndefined();
    await stack.drainOutbox();

    expect(await count('select count(*) as n from payment_refund where supplier_order_id = ?', [orchardPart.id])).toBe(
      1,
    );
    const [transfer] = await stack.em
      .fork()
      .execute<{ refunded_cents: number; reversed_cents: number }[]>(
        'select refunded_cents, reversed_cents from producer_transfer where supplier_order_id = ?',
        [orchardPart.id],
      );
    expect(transfer).toEqual({ refunded_cents: orchardPart.totalCents, reversed_cents: 0 });
    const read = await readOrder(order.id, market.consumer);
    const invoice = partOf(read, market.orchard).invoice!;
    expect(invoice.status).toBe('CANCELLED');
    expect(invoice.creditNotes.map((note) => note.totalCents)).toEqual([orchardPart.totalCents]);
    const [job] = await stack.em
      .fork()
      .execute<{ failed_at: Date | null; last_error: string; attempts: number }[]>(
        "select d.failed_at, d.last_error, d.attempts from outbox_delivery d join outbox_message m on m.id = d.message_id where m.topic = 'payments.reverse-transfer' and m.payload->>'supplierOrderId' = ?",
        [orchardPart.id],
      );
    expect(job.failed_at).not.toBeNull();
    expect(job.last_error).toMatch(/Insufficient funds/);
    expect(
      fake.requests.filter((call) => call.idempotencyKey === `reversal:${orchardPart.id}`).every((call) => call.fault),
    ).toBe(true);
    expect(fake.pendingFaults()).toBe(0);
  });

  it("one producer's transfer refused by Stripe fails on its own: the other producer is paid, both invoices issued, and support's retry pays the first", async () => {
    fake.failNext(/^\/v1\/transfers$/, TRANSFER_REFUSED);
    const order = await paidCardOrder();
    const transfers = await stack.em
      .fork()
      .execute<{ supplier_order_id: string; stripe_transfer_id: string | null }[]>(
        'select supplier_order_id, stripe_transfer_id from producer_transfer where order_id = ?',
        [order.id],
      );
    // Which of the two jobs ran first (and met the refusal) is up to the worker: exactly one producer was paid.
    expect(transfers).toHaveLength(1);
    expect(transfers[0].stripe_transfer_id).toEqual(expect.any(String));
    const paid = order.supplierOrders.find((part) => part.id === transfers[0].supplier_order_id)!;
    const unpaid = order.supplierOrders.find((part) => part.id !== paid.id)!;
    expect(
      fake.requests.filter((call) => call.idempotencyKey === `transfer:${unpaid.id}`).map((call) => call.fault),
    ).toEqual(['400']);
    const read = await readOrder(order.id, market.consumer);
    expect(read.payment).toMatchObject({ status: 'SUCCEEDED', refundedCents: 0 });
    expect(read.supplierOrders.map((part) => part.invoice?.status)).toEqual(['PAID', 'PAID']);
    const [failed] = await stack.em
      .fork()
      .execute<{ id: string; failed_at: string | null; last_error: string; attempts: number }[]>(
        "select d.id, d.failed_at, d.last_error, d.attempts from outbox_delivery d join outbox_message m on m.id = d.message_id where m.topic = 'payments.producer-transfer' and m.payload->>'supplierOrderId' = ?",
        [unpaid.id],
      );
    expect(failed.attempts).toBe(1);
    expect(failed.failed_at).not.toBeNull();
    expect(failed.last_error).toMatch(/cannot receive transfers/);

    // The cause fixed at Stripe, support runs the job again: the producer is paid, once.
    await stack.em.fork().transactional((tx) => stack.api.get(FailedJobs).retry(tx, String(failed.id)));
    await stack.drainOutbox();
    expect(
      await count('select count(*) as n from producer_transfer where order_id = ? and stripe_transfer_id is not null', [
        order.id,
      ]),
    ).toBe(2);
  });

  it("an admin's refund while one producer's transfer has failed: each producer gives back its own share; the unpaid one by a smaller transfer once support retries it, the ledger conserved", async () => {
    fake.failNext(/^\/v1\/transfers$/, TRANSFER_REFUSED);
    const order = await paidCardOrder();
    const [{ supplier_order_id: paidId }] = await rows<{ supplier_order_id: string }>(
      'select supplier_order_id from producer_transfer where order_id = ? and stripe_transfer_id is not null',
      [order.id],
    );
    const paid = order.supplierOrders.find((part) => part.id === paidId)!;
    const unpaid = order.supplierOrders.find((part) => part.id !== paidId)!;
    // Each part's transfer is its total less 5 % commission (half-up), as the order-paid job computed it.
    const transferOf = (total: number) => total - Math.round((total * 5) / 100);
    const shareOf = (refunded: number, total: number) => Math.round((refunded * transferOf(total)) / total);

    const amount = 1001;
    const answer = await graphql(stack.api, REFUND, { id: order.id, amount, reason: 'Geste' }, admin.accessToken);
    expect(answer.errors).toBeUndefined();
    await stack.drainOutbox();

    // The refund is spread over both parts by their totals, not over the part that was paid only.
    const ledger = () => transferRowsOf(stack, order.id);
    const refundedOf = (rowsNow: Awaited<ReturnType<typeof ledger>>, id: string) =>
      rowsNow.find((row) => row.supplier_order_id === id)?.refunded_cents ?? 0;
    let now = await ledger();
    const paidRefund = refundedOf(now, paid.id);
    const unpaidRefund = refundedOf(now, unpaid.id);
    expect(paidRefund + unpaidRefund).toBe(amount);
    const exactPaid = (amount * paid.totalCents) / order.totalCents;
    expect(Math.abs(paidRefund - exactPaid)).toBeLessThan(1);
    // The paid producer gives back its share of its own part's refund, by a reversal; the unpaid one by none.
    const reversalsOf = (transferId: string | null) =>
      fake
        .all('transfer_reversal')
        .filter((reversal) => reversal.transfer === transferId)
        .map((reversal) => Number(reversal.amount));
    const paidTransferId = now.find((row) => row.supplier_order_id === paid.id)!.stripe_transfer_id;
    expect(reversalsOf(paidTransferId)).toEqual([shareOf(paidRefund, paid.totalCents)]);
    const transfersAtStripe = () =>
      fake.all('transfer').filter((transfer) => (transfer.metadata as { orderId?: string }).orderId === order.id);
    expect(transfersAtStripe()).toHaveLength(1);

    // Support retries the failed transfer: the producer is paid its part less its share of the refund, once.
    const [failed] = await rows<{ id: string }>(
      "select d.id from outbox_delivery d join outbox_message m on m.id = d.message_id where m.topic = 'payments.producer-transfer' and m.payload->>'supplierOrderId' = ? and d.failed_at is not null",
      [unpaid.id],
    );
    await stack.em.fork().transactional((tx) => stack.api.get(FailedJobs).retry(tx, String(failed.id)));
    await stack.drainOutbox();
    const unpaidTransfers = transfersAtStripe().filter(
      (transfer) => (transfer.metadata as { supplierOrderId?: string }).supplierOrderId === unpaid.id,
    );
    expect(unpaidTransfers.map((transfer) => Number(transfer.amount))).toEqual([
      transferOf(unpaid.totalCents) - shareOf(unpaidRefund, unpaid.totalCents),
    ]);
    expect(reversalsOf(String(unpaidTransfers[0].id))).toEqual([]);

    // The ledger, from what Stripe did: captured − refunded == transfers − reversals + commission kept.
    now = await ledger();
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    const [{ payment_intent_id: paymentIntentId }] = await rows<{ payment_intent_id: string }>(
      'select payment_intent_id from payment where order_id = ?',
      [order.id],
    );
    const refundedAtStripe = sum(
      fake
        .all('refund')
        .filter((refund) => refund.payment_intent === paymentIntentId)
        .map((refund) => Number(refund.amount)),
    );
    expect(refundedAtStripe).toBe(amount);
    const transferred = sum(transfersAtStripe().map((transfer) => Number(transfer.amount)));
    const reversed = sum(transfersAtStripe().flatMap((transfer) => reversalsOf(String(transfer.id))));
    const kept = sum(
      order.supplierOrders.map((part) => {
        const refunded = refundedOf(now, part.id);
        return part.totalCents - transferOf(part.totalCents) - (refunded - shareOf(refunded, part.totalCents));
      }),
    );
    expect(order.totalCents - refundedAtStripe).toBe(transferred - reversed + kept);
  });

  it("an admin's whole refund while one producer's transfer has failed: the retried transfer pays that producer nothing", async () => {
    fake.failNext(/^\/v1\/transfers$/, TRANSFER_REFUSED);
    const order = await paidCardOrder();
    const whole = { id: order.id, amount: order.totalCents, reason: 'Livraison perdue' };
    const answer = await graphql(stack.api, REFUND, whole, admin.accessToken);
    expect(answer.errors).toBeUndefined();
    await stack.drainOutbox();
    const [failed] = await rows<{ id: string; supplier_order_id: string }>(
      "select d.id, m.payload->>'supplierOrderId' as supplier_order_id from outbox_delivery d join outbox_message m on m.id = d.message_id where m.topic = 'payments.producer-transfer' and m.payload->>'orderId' = ? and d.failed_at is not null",
      [order.id],
    );
    await stack.em.fork().transactional((tx) => stack.api.get(FailedJobs).retry(tx, String(failed.id)));
    await stack.drainOutbox();
    const transfers = fake
      .all('transfer')
      .filter((transfer) => (transfer.metadata as { orderId?: string }).orderId === order.id);
    expect(transfers).toHaveLength(1);
    expect((transfers[0].metadata as { supplierOrderId: string }).supplierOrderId).not.toBe(failed.supplier_order_id);
    const reversed = fake
      .all('transfer_reversal')
      .filter((reversal) => reversal.transfer === transfers[0].id)
      .reduce((total, reversal) => total + Number(reversal.amount), 0);
    expect(reversed).toBe(Number(transfers[0].amount));
    const parts = await rows<{
      refunded_cents: number;
      reversed_cents: number;
      amount_cents: number;
      commission_cents: number;
    }>(
      'select refunded_cents, reversed_cents, amount_cents, commission_cents from producer_transfer where order_id = ?',
      [order.id],
    );
    for (const part of parts) {
      expect(part.refunded_cents).toBe(part.amount_cents + part.commission_cents);
      expect(part.reversed_cents).toBe(part.amount_cents);
    }
    const [job] = await rows<{ failed_at: string | null; completed_at: string | null }>(
      'select failed_at, completed_at from outbox_delivery where id = ?',
      [failed.id],
    );
    expect(job).toMatchObject({ failed_at: null, completed_at: expect.anything() });
  });

  it('gives every credit note issued here (card refunds, admin refunds) a Factur-X XML valid against the official EN 16931 XSD and the EN 16931 rules', async () => {
    const notes = await stack.em.fork().find(CreditNote, {});
    expect(notes.length).toBeGreaterThan(0);
    expect(
      notes.flatMap((note) =>
        checkEn16931Rules(facturXXmlOfCreditNote(note)).map((problem) => `${note.number}: ${problem}`),
      ),
    ).toEqual([]);
    expect(facturXXsdProblemsOfAll(notes.map(facturXXmlOfCreditNote))).toEqual([]);
  });
});
