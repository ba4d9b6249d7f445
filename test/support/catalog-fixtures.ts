import type { INestApplication } from '@nestjs/common';
import { graphql } from './graphql-client';
import { markVerified, randomSiret, type TestSession } from './identity-client';

export const PLACES = {
  gueret: { postalCode: '23000', inseeCode: '23096', latitude: 46.15847, longitude: 1.87047 },
  limoges: { postalCode: '87000', inseeCode: '87085', latitude: 45.85668, longitude: 1.22604 },
  quimper: { postalCode: '29000', inseeCode: '29232', latitude: 47.99816, longitude: -4.09721 },
};

export async function producerAt(
  app: INestApplication,
  owner: TestSession,
  name: string,
  place: Record<string, unknown>,
): Promise<string> {
  const response = await graphql<{ createOrganization: { id: string } }>(
    app,
    'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
    { input: { kind: 'PRODUCER', name, siret: randomSiret(), address: { line1: '1 route de la ferme', ...place } } },
    owner.accessToken,
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  await markVerified(app, response.data.createOrganization.id);
  return response.data.createOrganization.id;
}

export const CREATE_PRODUCT =
  'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id name version priceCents stock vatRate unitMassKg available b2bPriceTiers { minQuantity unitPriceCents } } }';

export async function createProduct(
  app: INestApplication,
  owner: TestSession,
  input: Record<string, unknown>,
): Promise<{ id: string; version: number }> {
  const response = await graphql<{ createProduct: { id: string; version: number } }>(
    app,
    CREATE_PRODUCT,
    { input: { description: '', unit: 'KG', vatRate: 0.055, stock: 100, ...input } },
    owner.accessToken,
  );
  if (!response.data) throw new Error(JSON.stringify(response.errors));
  return response.data.createProduct;
}
