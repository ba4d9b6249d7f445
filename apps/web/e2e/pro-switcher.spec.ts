import type { APIRequestContext, Page } from '@playwright/test';
import { randomSiret } from '../../../test/support/identity-client';
import { NEW_PASSWORD, signIn } from './support/buying';
import { accountNav, expect, test, waitForHydration } from './support/fixtures';
import { graphqlCall } from './support/graphql';

/**
 * WEB.md §2, business buyer: the organisation switcher. A person buying for two businesses picks one on any /pro
 * page with the same switcher; the choice is remembered by the other /pro pages and by the cart's buyer choice.
 */
async function personWithTwoBusinesses(request: APIRequestContext, suffix: string) {
  const email = `acheteuse.${suffix}@example.org`;
  const { register } = await graphqlCall<{ register: { accessToken: string } }>(
    request,
    'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }',
    { input: { email, password: NEW_PASSWORD, displayName: 'Nadia Acheteuse' } },
  );
  const names = [`Cantine des Arènes ${suffix}`, `Traiteur du Marché ${suffix}`];
  for (const name of names)
    await graphqlCall(
      request,
      'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
      {
        input: {
          kind: 'BUSINESS',
          name,
          siret: randomSiret(),
          address: { line1: '2 place Bonnyaud', postalCode: '23000', city: 'Guéret' },
        },
      },
      register.accessToken,
    );
  return { email, names };
}

const mainText = (page: Page) => page.getByRole('main');
/** Follows a link of the header to one of the business's spaces (on a phone, from its « Menu »). */
const goToSpace = async (page: Page, name: string) =>
  (await accountNav(page)).getByRole('link', { name, exact: true }).click();

test('a person buying for two businesses switches on one /pro page, and every /pro page and the cart follow', async ({
  page,
  request,
  snap,
  expectAccessible,
}, testInfo) => {
  test.slow();
  const { email, names } = await personWithTwoBusinesses(request, `${testInfo.project.name}-${Date.now()}`);
  const [first, second] = names;
  await signIn(page, email, NEW_PASSWORD, '/pro/factures');
  await waitForHydration(page);
  await expect(mainText(page)).toContainText(`auprès desquels ${first} a commandé`);
  const switcher = page.getByLabel('Entreprise', { exact: true });
  await expect(switcher).toHaveValue(/.+/);
  await expectAccessible();
  await snap('pro-switcher-invoices');

  // The second business, chosen once on the invoices page.
  await switcher.selectOption({ label: second });
  await page.getByRole('button', { name: 'Afficher cette entreprise' }).click();
  await expect(page).toHaveURL(/\/pro\/factures$/);
  await expect(mainText(page)).toContainText(`auprès desquels ${second} a commandé`);
  await expect(page.getByLabel('Entreprise', { exact: true }).locator('option:checked')).toHaveText(second);

  // The other /pro pages, from the header, are about it too, with the same switcher.
  await goToSpace(page, 'Membres');
  await expect(page).toHaveURL(/\/pro\/membres$/);
  await expect(mainText(page)).toContainText(second);
  await expect(page.getByLabel('Entreprise', { exact: true }).locator('option:checked')).toHaveText(second);
  await goToSpace(page, 'Commandes récurrentes');
  await expect(page).toHaveURL(/\/pro\/commandes-recurrentes$/);
  await expect(mainText(page)).toContainText(`Les commandes que ${second} passe chaque semaine`);
  await goToSpace(page, 'Rapport RSE');
  await expect(page).toHaveURL(/\/pro\/rse$/);
  await expect(mainText(page)).toContainText(`Les achats livrés à ${second}`);
  await expect(page.getByLabel('Entreprise', { exact: true }).locator('option:checked')).toHaveText(second);
  await expectAccessible();
  await snap('pro-switcher-rse');

  // The cart buys for the same business; choosing the first there brings the /pro pages back to it.
  await page.goto('/produits/entrecote-limousine');
  await waitForHydration(page);
  await page.getByRole('button', { name: 'Ajouter au panier' }).click();
  await expect(page).toHaveURL(/ajoute=1/);
  await page.goto('/panier');
  await waitForHydration(page);
  await expect(page.getByRole('radio', { name: new RegExp(second) })).toBeChecked();
  await page.getByRole('radio', { name: new RegExp(first) }).check();
  await expect(page).toHaveURL(/acheteur=/);
  await page.goto('/pro/membres');
  await waitForHydration(page);
  await expect(page.getByLabel('Entreprise', { exact: true }).locator('option:checked')).toHaveText(first);

  // A link naming a business that is not theirs: the page says so and shows the one remembered.
  await page.goto('/pro/organisation?organisation=00000000-0000-4000-8000-000000000000&retour=%2Fpro%2Fmembres');
  await expect(page).toHaveURL(/\/pro\/membres\?organisation=/);
  await expect(page.getByRole('alert')).toHaveText(
    `Le lien suivi concerne une entreprise dont vous n’êtes pas membre : voici la page de ${first}.`,
  );
});
