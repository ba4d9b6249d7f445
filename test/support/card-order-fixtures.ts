import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { type FakeStripe, type Fault, signEvent, type StripeObject, stripeEvent } from './fake-stripe';
import { graphql } from './graphql-client';
import type { TestSession } from './identity-client';
import { type Market, type OrderView, placeOrder } from './ordering-fixtures';

/** The buyer's address of the card orders below (Guéret, in the market's territory). */
export const CARD_ORDER_HOME = {
  line1: '8 rue Émile Zola',
  postalCode: '23000',
  city: 'Guéret',
  latitude: 46.17,
  longitude: 1.87,
};

/** Stripe refuses a transfer (the destination cannot receive it): a refusal, so its job fails for good at once. */
export const TRANSFER_REFUSED: Fault = {
  status: 400,
  body: {
    error: {
      type: 'invalid_request_error',
      code: 'account_invalid',
      message: 'The destination account cannot receive transfers.',
    },
  },
};

/** What the helpers need of a running stack (startProductionStack's) and of the fake Stripe it talks to. */
export interface CardStack {
  api: INestApplication;
  em: { fork(): { execute<T = unknown[]>(sql: string, params?: unknown[]): Promise<T> } };
}

/** A two-producer card order: carrots from the farm, and cider or juice from the orchard. */
export interface CardOrderOptions {
  carrots?: number;
  drink?: 'cider' | 'juice';
  drinks?: number;
  session?: TestSession;
}

/**
 * Card payments through the API against the fake Stripe, for the suites that pay a two-producer order: signed webhook
 * deliveries, Stripe onboarding of a producer, and the order placed, its payment started, and paid. `context` is read
 * at each call, so that the suite may build this before its `beforeAll` starts the stack.
 */
export function cardPayments(context: () => { stack: CardStack; fake: FakeStripe; market: Market }, secret: string) {
  /** POSTs one event to the webhook, signed with the suite's secret. */
  const deliver = (event: StripeObject) => {
    const { payload, signature } = signEvent(event, secret);
    return request(context().stack.api.getHttpServer())
      .post('/webhooks/stripe')
      .set('content-type', 'application/json')
      .set('stripe-signature', signature)
      .send(payload);
  };

  /** The producer goes through Stripe onboarding; Stripe then tells us its account may receive transfers. */
  const onboard = async (session: TestSession, producerId: string): Promise<string> => {
    const { stack, fake } = context();
    const link = await graphql<{ startProducerOnboarding: { url: string } }>(
      stack.api,
      'mutation ($p: ID!) { startProducerOnboarding(producerId: $p) { url } }',
      { p: producerId },
      session.accessToken,
    );
    expect(link.errors).toBeUndefined();
    expect(link.data!.startProducerOnboarding.url).toMatch(/^https:\/\//);
    const [{ stripe_account_id: accountId }] = await stack.em
      .fork()
      .execute<{ stripe_account_id: string }[]>(
        'select stripe_account_id from producer_payout_account where producer_id = ?',
        [producerId],
      );
    const account = fake.setAccount(accountId, {
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      capabilities: { transfers: 'active' },
    });
    expect((await deliver(stripeEvent('account.updated', account, { account: accountId }))).status).toBe(200);
    return accountId;
  };

  /** A consumer's card order from the farm and the orchard, placed. */
  const placeCardOrder = async ({
    carrots = 3,
    drink = 'cider',
    drinks = 2,
    session,
  }: CardOrderOptions = {}): Promise<OrderView> => {
    const { stack, market } = context();
    const placed = await placeOrder(stack.api, (session ?? market.consumer).accessToken, {
      lines: [
        { productId: market.products.carrots, quantity: carrots },
        { productId: market.products[drink], quantity: drinks },
      ],
      deliveries: [
        { producerId: market.farm, deliveryOptionId: market.options.farmPickup },
        { producerId: market.orchard, deliveryOptionId: market.options.orchardCarrier },
      ],
      deliveryAddress: CARD_ORDER_HOME,
      paymentMethod: 'CARD',
    });
    expect(placed.errors).toBeUndefined();
    return placed.data!.placeOrder;
  };

  /** The same, its payment started (a PaymentIntent at the fake). */
  const startedCardOrder = async (options: CardOrderOptions = {}) => {
    const { stack, market } = context();
    const order = await placeCardOrder(options);
    const started = await graphql<{ startCardPayment: { paymentIntentId: string } }>(
      stack.api,
      'mutation ($id: ID!) { startCardPayment(orderId: $id) { paymentIntentId } }',
      { id: order.id },
      (options.session ?? market.consumer).accessToken,
    );
    expect(started.errors).toBeUndefined();
    return { order, paymentIntentId: started.data!.startCardPayment.paymentIntentId };
  };

  /** The same, paid through a verified `payment_intent.succeeded` (its jobs left to the caller to wait for). */
  const paidCardOrder = async (options: CardOrderOptions = {}) => {
    const started = await startedCardOrder(options);
    const succeeded = stripeEvent(
      'payment_intent.succeeded',
      context().fake.succeedPaymentIntent(started.paymentIntentId),
    );
    expect((await deliver(succeeded)).status).toBe(200);
    return started;
  };

  return { deliver, onboard, placeCardOrder, startedCardOrder, paidCardOrder };
}

/** A producer_transfer row, as the ledger checks read it. */
export interface TransferRow {
  supplier_order_id: string;
  producer_id: string;
  amount_cents: number;
  commission_cents: number;
  refunded_cents: number;
  reversed_cents: number;
  retransferred_cents: number;
  stripe_transfer_id: string | null;
}

/** The transfer rows of an order, by supplier order. */
export function transferRowsOf(stack: CardStack, orderId: string): Promise<TransferRow[]> {
  return stack.em.fork().execute<TransferRow[]>(
    `select supplier_order_id, producer_id, amount_cents, commission_cents, refunded_cents, reversed_cents,
              retransferred_cents, stripe_transfer_id
         from producer_transfer where order_id = ? order by supplier_order_id`,
    [orderId],
  );
}
