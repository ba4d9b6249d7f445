import type { APIRequestContext } from '@playwright/test';
import { stripeEvent } from '../../../../test/support/fake-stripe';
import type { DeliveryAddress } from './buying';
import { DEMO_PASSWORD, expect } from './fixtures';
import { apiLogin, firstDeliveryDate, graphqlCall } from './graphql';
import type { FileStripe } from './stripe';

/**
 * Card orders set up through the API against the file's fake Stripe (the checkout and payment pages are tested in
 * their own journeys): a producer made payable, an order placed, paid by Stripe's signed webhook.
 */

/** A demo producer that may be paid by card: one of its available products, collected at its pickup. */
export interface PayableProducer {
  producerId: string;
  productId: string;
  pickupId: string;
}

/**
 * The demo producer signed in as `email`, its Stripe account connected (onboarding started, then Stripe's
 * `account.updated` saying it may receive transfers) unless the fake Stripe already has it.
 */
export async function payableProducer(
  request: APIRequestContext,
  stripe: FileStripe,
  email: string,
): Promise<PayableProducer> {
  const token = await apiLogin(request, email, DEMO_PASSWORD);
  const { me } = await graphqlCall<{
    me: {
      memberships: { organization: { id: string; kind: string; deliveryOptions: { id: string; mode: string }[] } }[];
    };
  }>(request, '{ me { memberships { organization { id kind deliveryOptions { id mode } } } } }', {}, token);
  const producer = me.memberships.map((m) => m.organization).find((o) => o.kind === 'PRODUCER')!;
  const accountOf = () =>
    stripe.api.all('account').find((a) => (a.metadata as Record<string, string>).producerId === producer.id);
  if (!accountOf()) {
    await graphqlCall(
      request,
      'mutation ($p: ID!) { startProducerOnboarding(producerId: $p) { url } }',
      { p: producer.id },
      token,
    );
    const enabled = stripe.api.setAccount(String(accountOf()!.id), {
      charges_enabled: true,
      payouts_enabled: true,
      details_submitted: true,
      capabilities: { transfers: 'active' },
    });
    await stripe.deliverWebhook(request, stripeEvent('account.updated', enabled, { account: enabled.id }));
  }
  const { products } = await graphqlCall<{ products: { edges: { node: { id: string; available: boolean } }[] } }>(
    request,
    'query ($p: ID!) { products(filter: { producerId: $p }, first: 5) { edges { node { id available } } } }',
    { p: producer.id },
  );
  return {
    producerId: producer.id,
    productId: products.edges.find((e) => e.node.available)!.node.id,
    pickupId: producer.deliveryOptions.find((o) => o.mode === 'PICKUP')!.id,
  };
}

/** Who pays by card: a consumer (its token and the address it gives) or a business (its token and organization). */
export type CardBuyer = { token: string; deliveryAddress: DeliveryAddress } | { token: string; organizationId: string };

/** The demo's consumer (marie.dupont@example.org), paying by card, her address in Guéret. */
export async function demoConsumerBuyer(request: APIRequestContext): Promise<CardBuyer> {
  return {
    token: await apiLogin(request, 'marie.dupont@example.org', DEMO_PASSWORD),
    deliveryAddress: { line1: '8 place du Marché', postalCode: '23000', city: 'Guéret' },
  };
}

export interface CardOrder {
  id: string;
  number: string;
  totalCents: number;
}

/** The buyer's card order of `quantity` of each producer's product, collected at each pickup on its first day. */
export async function placeCardOrder(
  request: APIRequestContext,
  buyer: CardBuyer,
  producers: PayableProducer[],
  quantity = 1,
): Promise<CardOrder> {
  const { placeOrder } = await graphqlCall<{ placeOrder: CardOrder }>(
    request,
    'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id number totalCents } }',
    {
      input: {
        ...('organizationId' in buyer
          ? { buyerOrganizationId: buyer.organizationId }
          : { deliveryAddress: buyer.deliveryAddress }),
        lines: producers.map((producer) => ({ productId: producer.productId, quantity })),
        deliveries: await Promise.all(
          producers.map(async (producer) => ({
            producerId: producer.producerId,
            deliveryOptionId: producer.pickupId,
            deliveryDate: await firstDeliveryDate(request, producer.pickupId),
          })),
        ),
        paymentMethod: 'CARD',
        idempotencyKey: `card-${Math.random()}`,
      },
    },
    buyer.token,
  );
  return placeOrder;
}

/**
 * The buyer pays the order at the fake Stripe and Stripe's signed `payment_intent.succeeded` reaches the server.
 * Returns the payment's charge.
 */
export async function payCardOrder(
  request: APIRequestContext,
  stripe: FileStripe,
  buyer: CardBuyer,
  orderId: string,
): Promise<{ chargeId: string }> {
  const { startCardPayment } = await graphqlCall<{ startCardPayment: { paymentIntentId: string } }>(
    request,
    'mutation ($o: ID!) { startCardPayment(orderId: $o) { paymentIntentId } }',
    { o: orderId },
    buyer.token,
  );
  const succeeded = stripe.api.succeedPaymentIntent(startCardPayment.paymentIntentId);
  await stripe.deliverWebhook(request, stripeEvent('payment_intent.succeeded', succeeded));
  return { chargeId: String(succeeded.latest_charge) };
}

/** The buyer's card order of one payable producer's product, placed and paid. */
export async function paidCardOrder(
  request: APIRequestContext,
  stripe: FileStripe,
  order: { producer: string; buyer: CardBuyer; quantity: number },
): Promise<CardOrder & { chargeId: string }> {
  const producer = await payableProducer(request, stripe, order.producer);
  const placed = await placeCardOrder(request, order.buyer, [producer], order.quantity);
  return { ...placed, ...(await payCardOrder(request, stripe, order.buyer, placed.id)) };
}

/** Waits until the order's producer is paid its share: its transfer made at the fake Stripe by the server's worker. */
export async function waitForTransfer(stripe: FileStripe, orderId: string): Promise<void> {
  await expect
    .poll(
      () => stripe.api.all('transfer').filter((t) => (t.metadata as Record<string, string>).orderId === orderId).length,
    )
    .toBe(1);
}
