import { randomUUID } from 'node:crypto';
import { jest } from '@jest/globals';
import type { INestApplication } from '@nestjs/common';
import { OrderNumbers } from '@app/ordering';
import { PLACES, createProduct, producerAt } from './catalog-fixtures';
import { graphql, type GraphqlResponse } from './graphql-client';
import { randomSiret, registerUser, type TestSession } from './identity-client';

export const CARBON_FIELDS =
  'methodVersion distanceKm distanceType vehicleId massKg tkm emissionsKgCo2e baselineKgCo2e savedKgCo2e proximityBand shortCircuit scope';

export const SUPPLIER_ORDER_FIELDS = `id status subtotalCents vatCents totalCents feeCents orderNumber producer { id name }
  deliveryOption { id mode vehicleId } vatByRate { vatRate baseCents vatCents }
  lines { productId product { id name } name unit quantity unitPriceCents vatRate totalCents massKg intermediaries }
  carbon { ${CARBON_FIELDS} }`;

export const ORDER_FIELDS = `id number status channel paymentMethod subtotalCents vatCents totalCents
  carbon { ${CARBON_FIELDS} } supplierOrders { ${SUPPLIER_ORDER_FIELDS} }`;

export const PLACE_ORDER = `mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { ${ORDER_FIELDS} } }`;

export interface CarbonView {
  methodVersion: string;
  distanceKm: number;
  distanceType: string;
  vehicleId: string | null;
  massKg: number;
  tkm: number;
  emissionsKgCo2e: number;
  baselineKgCo2e: number;
  savedKgCo2e: number;
  proximityBand: string;
  shortCircuit: boolean;
  scope: string | null;
}

export interface SupplierOrderView {
  id: string;
  status: string;
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
  feeCents: number;
  orderNumber: string;
  producer: { id: string; name: string };
  deliveryOption: { id: string; mode: string; vehicleId: string | null };
  vatByRate: { vatRate: number; baseCents: number; vatCents: number }[];
  lines: {
    productId: string;
    product: { id: string; name: string } | null;
    name: string;
    unit: string;
    quantity: number;
    unitPriceCents: number;
    vatRate: number;
    totalCents: number;
    massKg: number;
    intermediaries: number;
  }[];
  carbon: CarbonView;
}

export interface OrderView {
  id: string;
  number: string;
  status: string;
  channel: string;
  paymentMethod: string;
  subtotalCents: number;
  vatCents: number;
  totalCents: number;
  carbon: CarbonView;
  supplierOrders: SupplierOrderView[];
}

export function placeOrder(
  app: INestApplication,
  token: string,
  input: Record<string, unknown>,
): Promise<GraphqlResponse<{ placeOrder: OrderView }>> {
  return graphql<{ placeOrder: OrderView }>(
    app,
    PLACE_ORDER,
    { input: { idempotencyKey: randomUUID(), paymentMethod: 'INVOICE', ...input } },
    token,
  );
}

/**
 * Places an order whose first `times` draws of an order number give `taken` (a number another order holds), as two
 * orders of the same day drawing the same six characters would; answers the result and every number drawn.
 */
export async function placeOrderDrawingTakenNumber(
  app: INestApplication,
  token: string,
  input: Record<string, unknown>,
  taken: string,
  times: number,
): Promise<{ placed: GraphqlResponse<{ placeOrder: OrderView }>; drawn: string[] }> {
  const numbers = app.get(OrderNumbers);
  const draw = numbers.next.bind(numbers);
  const drawn: string[] = [];
  const spy = jest.spyOn(numbers, 'next').mockImplementation((placedAt: Date) => {
    drawn.push(drawn.length < times ? taken : draw(placedAt));
    return drawn.at(-1)!;
  });
  try {
    return { placed: await placeOrder(app, token, input), drawn };
  } finally {
    spy.mockRestore();
  }
}

export async function createDeliveryOption(
  app: INestApplication,
  owner: TestSession,
  input: Record<string, unknown>,
): Promise<string> {
  const response = await graphql<{ createDeliveryOption: { id: string } }>(
    app,
    'mutation ($input: CreateDeliveryOptionInput!) { createDeliveryOption(input: $input) { id } }',
    { input },
    owner.accessToken,
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.createDeliveryOption.id;
}

export async function businessAt(
  app: INestApplication,
  owner: TestSession,
  name: string,
  place: Record<string, unknown>,
): Promise<string> {
  const response = await graphql<{ createOrganization: { id: string } }>(
    app,
    'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
    { input: { kind: 'BUSINESS', name, siret: randomSiret(), address: { line1: '3 place du Marché', ...place } } },
    owner.accessToken,
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.createOrganization.id;
}

/**
 * A small market around Guéret: a vegetable farm in Guéret (own van within 80 km, or pickup), an orchard in Limoges
 * (van within 30 km, or a carrier), a restaurant in Guéret with its chef, and a consumer.
 */
export async function createMarket(app: INestApplication) {
  const farmer = await registerUser(app, 'farmer');
  const orchardist = await registerUser(app, 'orchardist');
  const chef = await registerUser(app, 'chef');
  const consumer = await registerUser(app, 'consumer');
  const farm = await producerAt(app, farmer, 'Ferme du Gué', PLACES.gueret);
  const orchard = await producerAt(app, orchardist, 'Vergers de la Vienne', PLACES.limoges);
  const restaurant = await businessAt(app, chef, 'Restaurant Le Marché', PLACES.gueret);
  const products = {
    carrots: (
      await createProduct(app, farmer, {
        producerId: farm,
        name: 'Carottes',
        category: 'FRESH_VEGETABLES',
        ciqualCode: '20009',
        priceCents: 250,
        stock: 500,
        b2bPriceTiers: [
          { minQuantity: 10, unitPriceCents: 180 },
          { minQuantity: 50, unitPriceCents: 150 },
        ],
      })
    ).id,
    eggs: (
      await createProduct(app, farmer, {
        producerId: farm,
        name: 'Œufs fermiers',
        category: 'EGGS',
        unit: 'PIECE',
        unitMassKg: 0.065,
        priceCents: 40,
        stock: 600,
      })
    ).id,
    juice: (
      await createProduct(app, orchardist, {
        producerId: orchard,
        name: 'Jus de pomme',
        category: 'BEVERAGES',
        unit: 'LITRE',
        unitMassKg: 1.1,
        priceCents: 450,
        stock: 200,
      })
    ).id,
    cider: (
      await createProduct(app, orchardist, {
        producerId: orchard,
        name: 'Cidre brut',
        category: 'BEVERAGES',
        unit: 'PIECE',
        unitMassKg: 1.2,
        priceCents: 520,
        vatRate: 0.2,
        stock: 200,
      })
    ).id,
  };
  const options = {
    farmVan: await createDeliveryOption(app, farmer, {
      producerId: farm,
      mode: 'PRODUCER_DELIVERY',
      label: 'Tournée du mardi',
      vehicleId: 'vul_diesel',
      maxDistanceKm: 80,
      feeCents: 500,
      minOrderCents: 2000,
    }),
    farmPickup: await createDeliveryOption(app, farmer, {
      producerId: farm,
      mode: 'PICKUP',
      label: 'Retrait à la ferme',
    }),
    orchardVan: await createDeliveryOption(app, orchardist, {
      producerId: orchard,
      mode: 'PRODUCER_DELIVERY',
      label: 'Livraison Limoges',
      vehicleId: 'vul_diesel',
      maxDistanceKm: 30,
    }),
    orchardCarrier: await createDeliveryOption(app, orchardist, {
      producerId: orchard,
      mode: 'CARRIER',
      label: 'Messagerie',
      vehicleId: 'vul_diesel',
      feeCents: 900,
    }),
  };
  return { farmer, orchardist, chef, consumer, farm, orchard, restaurant, products, options };
}

export type Market = Awaited<ReturnType<typeof createMarket>>;

/**
 * The producers' Stripe accounts as Stripe's `account.updated` would leave them once onboarded (charges and transfers
 * enabled), written straight to the table: for tests that place card orders without going through Stripe.
 */
export async function markProducersPayable(
  em: { execute: (sql: string, params?: unknown[]) => Promise<unknown> },
  producerIds: string[],
): Promise<void> {
  for (const producerId of producerIds) {
    await em.execute(
      `insert into producer_payout_account (producer_id, stripe_account_id, charges_enabled, payouts_enabled, transfers_active, updated_at)
       values (?, ?, true, true, true, now()) on conflict (producer_id) do update set charges_enabled = true, transfers_active = true`,
      [producerId, `acct_test_${producerId.replace(/-/g, '').slice(0, 16)}`],
    );
  }
}
