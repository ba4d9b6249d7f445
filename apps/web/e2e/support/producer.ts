import type { APIRequestContext, Page } from '@playwright/test';
import { randomSiret } from '../../../../test/support/identity-client';
import { NEW_PASSWORD } from './buying';
import { inAccountNav, DEMO_PASSWORD, expect, waitForHydration } from './fixtures';
import { apiLogin, graphqlCall } from './graphql';

/** The demo producer the producer's journeys act as: it has a van, a pickup and a PLACED demo order. */
export const PRODUCER = { login: 'maraichers@plougastel.example', name: 'Les Maraîchers de Plougastel' };

/** Signs in through the sign-in page, as a person does. */
export async function signIn(page: Page, email: string): Promise<void> {
  await page.goto('/connexion');
  await waitForHydration(page);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await inAccountNav(page, (nav) => expect(nav.getByRole('button', { name: /Se déconnecter/ })).toBeVisible());
}

/** A demo account signed in to the API: its token, and its first organization of this kind. */
export async function apiSession(
  request: APIRequestContext,
  email: string,
  kind: 'BUSINESS' | 'PRODUCER',
): Promise<{ token: string; organizationId: string }> {
  const token = await apiLogin(request, email, DEMO_PASSWORD);
  const { me } = await graphqlCall<{ me: { memberships: { organization: { id: string; kind: string } }[] } }>(
    request,
    '{ me { memberships { organization { id kind } } } }',
    {},
    token,
  );
  return {
    token,
    organizationId: me.memberships.find((membership) => membership.organization.kind === kind)!.organization.id,
  };
}

/**
 * A person with a new producer in Champagnole (Jura), neither member nor applicant of any brand, and no product: a
 * test's own, so that what it adds changes no other journey. Signs in with `NEW_PASSWORD`.
 */
export async function newProducer(
  request: APIRequestContext,
  name: string,
): Promise<{ email: string; token: string; producerId: string }> {
  const email = `producteur.${Date.now()}.${Math.floor(Math.random() * 1e6)}@example.org`;
  const { register } = await graphqlCall<{ register: { accessToken: string } }>(
    request,
    'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }',
    { input: { email, password: NEW_PASSWORD, displayName: `Gérante de ${name}` } },
  );
  const { createOrganization } = await graphqlCall<{ createOrganization: { id: string } }>(
    request,
    'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
    {
      input: {
        kind: 'PRODUCER',
        name,
        siret: randomSiret(),
        address: { line1: '3 rue des Tanneurs', postalCode: '39300', city: 'Champagnole' },
      },
    },
    register.accessToken,
  );
  return { email, token: register.accessToken, producerId: createOrganization.id };
}

/**
 * Products of `producerId` named `names`, created through the API: the first named before the others (the oldest),
 * then the others a few at a time. Their ids, in the order of `names`.
 */
export async function createProducts(
  request: APIRequestContext,
  producer: { token: string; producerId: string },
  names: string[],
): Promise<string[]> {
  const create = async (name: string) => {
    const { createProduct } = await graphqlCall<{ createProduct: { id: string } }>(
      request,
      'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }',
      {
        input: {
          producerId: producer.producerId,
          name,
          category: 'DAIRY_CHEESE',
          unit: 'KG',
          priceCents: 2400,
          vatRate: 0.055,
          stock: 30,
        },
      },
      producer.token,
    );
    return createProduct.id;
  };
  const ids = names.length ? [await create(names[0])] : [];
  for (let start = 1; start < names.length; start += 10)
    ids.push(...(await Promise.all(names.slice(start, start + 10).map(create))));
  return ids;
}
