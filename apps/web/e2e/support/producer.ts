import type { APIRequestContext, Page } from '@playwright/test';
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
