import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { graphql } from './graphql-client';
import { type Market, createDeliveryOption } from './ordering-fixtures';

/**
 * The farm's planned rounds (CARBON-METHOD §7.3) as the round tests drive them: a van that goes out every day of the
 * week with no cut-off, the restaurant's carrots orders on a chosen day, the farm's parts read back, moved along.
 */
export interface DailyRound {
  /** The van's delivery option. */
  optionId: string;
  /** Its next open days (Paris time), soonest first. */
  dates: string[];
}

/** Gives the market's farm a daily round ("Tournée quotidienne", vul_diesel, 80 km) and reads its next `days` days. */
export async function createDailyRound(app: INestApplication, market: Market, days: number): Promise<DailyRound> {
  const optionId = await createDeliveryOption(app, market.farmer, {
    producerId: market.farm,
    mode: 'PRODUCER_DELIVERY',
    label: 'Tournée quotidienne',
    vehicleId: 'vul_diesel',
    maxDistanceKm: 80,
    weekdays: [1, 2, 3, 4, 5, 6, 7],
    cutoffHours: 0,
  });
  const response = await graphql<{ nextDeliveryDates: string[] }>(
    app,
    'query ($id: ID!, $first: Int!) { nextDeliveryDates(deliveryOptionId: $id, first: $first) }',
    { id: optionId, first: days },
  );
  return { optionId, dates: response.data!.nextDeliveryDates };
}

/** A delivery point: its address with the coordinates the test computes distances from. */
export interface RoundPoint {
  line1: string;
  postalCode: string;
  city: string;
  latitude: number;
  longitude: number;
}

/**
 * The restaurant's chef orders `kg` of the farm's carrots by invoice, delivered to `point` on `deliveryDate` with
 * `optionId`; answers the farm's part with the fields `part` selects.
 */
export async function placeFarmPart<T>(
  app: INestApplication,
  market: Market,
  order: { point: RoundPoint; kg: number; deliveryDate: string | null; optionId: string },
  part: string,
): Promise<T> {
  const response = await graphql<{ placeOrder: { supplierOrders: T[] } }>(
    app,
    `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { supplierOrders { ${part} } } }`,
    {
      input: {
        paymentMethod: 'INVOICE',
        idempotencyKey: randomUUID(),
        buyerOrganizationId: market.restaurant,
        deliveryAddress: order.point,
        lines: [{ productId: market.products.carrots, quantity: order.kg }],
        deliveries: [{ producerId: market.farm, deliveryOptionId: order.optionId, deliveryDate: order.deliveryDate }],
      },
    },
    market.chef.accessToken,
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.placeOrder.supplierOrders[0];
}

/** The farm's parts of these ids, in this order, as its producer reads them (the fields `part` selects, with `id`). */
export async function farmParts<T extends { id: string }>(
  app: INestApplication,
  market: Market,
  ids: string[],
  part: string,
  first: number,
): Promise<T[]> {
  const response = await graphql<{ supplierOrders: { edges: { node: T }[] } }>(
    app,
    `query ($p: ID!) { supplierOrders(producerId: $p, first: ${first}) { edges { node { ${part} } } } }`,
    { p: market.farm },
    market.farmer.accessToken,
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  const byId = new Map(response.data.supplierOrders.edges.map((edge) => [edge.node.id, edge.node]));
  return ids.map((id) => byId.get(id)!);
}

/** The farm's producer moves a part to `status` (updateSupplierOrderStatus); the answer, errors included. */
export const moveFarmPart = (app: INestApplication, market: Market, id: string, status: string) =>
  graphql(
    app,
    `
      mutation ($id: ID!, $s: SupplierOrderStatus!) {
        updateSupplierOrderStatus(id: $id, status: $s) {
          id
        }
      }
    `,
    { id, s: status },
    market.farmer.accessToken,
  );
