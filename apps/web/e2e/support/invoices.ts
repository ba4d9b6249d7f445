import { randomUUID } from 'node:crypto';
import type { APIRequestContext } from '@playwright/test';
import { expect } from './fixtures';
import { firstDeliveryDate, graphqlCall } from './graphql';
import type { apiSession } from './producer';

type Session = Awaited<ReturnType<typeof apiSession>>;

/** An invoice as the invoice specs read it. */
export interface DeliveredInvoice {
  id: string;
  number: string;
  totalCents: number;
  amountDueCents: number;
  status: string;
}

/** The restaurant buys `quantity` pieces of Comté from the producer, collected at the farm; the producer delivers it; its invoice. */
export async function deliveredAndInvoiced(
  request: APIRequestContext,
  restaurant: Session,
  producer: Session,
  quantity = 2,
): Promise<DeliveredInvoice> {
  const { products } = await graphqlCall<{
    products: {
      edges: {
        node: { id: string; name: string; producer: { id: string; deliveryOptions: { id: string; mode: string }[] } };
      }[];
    };
  }>(
    request,
    'query ($producer: ID!) { products(filter: { producerId: $producer }, first: 50) { edges { node { id name producer { id deliveryOptions { id mode } } } } } }',
    { producer: producer.organizationId },
  );
  const comte = products.edges.map((edge) => edge.node).find((product) => product.name === 'Comté AOP 18 mois')!;
  const pickup = comte.producer.deliveryOptions.find((option) => option.mode === 'PICKUP')!;
  const { placeOrder } = await graphqlCall<{ placeOrder: { id: string; supplierOrders: { id: string }[] } }>(
    request,
    'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id supplierOrders { id } } }',
    {
      input: {
        buyerOrganizationId: restaurant.organizationId,
        lines: [{ productId: comte.id, quantity }],
        deliveries: [
          {
            producerId: producer.organizationId,
            deliveryOptionId: pickup.id,
            deliveryDate: await firstDeliveryDate(request, pickup.id),
          },
        ],
        paymentMethod: 'INVOICE',
        idempotencyKey: randomUUID(),
      },
    },
    restaurant.token,
  );
  const partId = placeOrder.supplierOrders[0].id;
  for (const status of ['CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED']) {
    await graphqlCall(
      request,
      'mutation ($id: ID!, $status: SupplierOrderStatus!) { updateSupplierOrderStatus(id: $id, status: $status) { id } }',
      { id: partId, status },
      producer.token,
    );
  }
  // The invoice is issued by a job once the delivery is recorded.
  let invoice: DeliveredInvoice | null = null;
  await expect
    .poll(async () => {
      const { order } = await graphqlCall<{ order: { supplierOrders: { invoice: DeliveredInvoice | null }[] } }>(
        request,
        'query ($id: ID!) { order(id: $id) { supplierOrders { invoice { id number totalCents amountDueCents status } } } }',
        { id: placeOrder.id },
        restaurant.token,
      );
      invoice = order.supplierOrders[0].invoice;
      return invoice?.number ?? null;
    })
    .not.toBeNull();
  return invoice!;
}
