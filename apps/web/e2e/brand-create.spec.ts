import type { Page, TestInfo } from '@playwright/test';
import { accountNav, expect, test, waitForHydration } from './support/fixtures';
import { freshEmail, signUpFromSignIn } from './support/buying';
import { signInAt } from './support/sign-in';

/**
 * PRODUCT.md §3 and §7, WEB.md §2 (brand manager): a signed-in person creates a territory brand from the web
 * (/marque/creer). It waits for Ancrage's verification — not public, deciding nothing — until support verifies it on
 * /admin (« Marques à vérifier »).
 */
const ADMIN = 'support@ancrage.example';

/** The page's own status message (not the account banner asking for a second factor). */
const pageStatus = (page: Page) => page.getByRole('status').filter({ hasNotText: 'double authentification' });

test('a new person creates a territory brand: an empty name refused next to it with the rest kept, then the brand waits for verification by support', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}, testInfo: TestInfo) => {
  test.slow();
  const name = `Saveurs de la Marche ${testInfo.project.name} ${Date.now()}`;
  const charter = 'Produit, transformé et conditionné en Creuse, par des exploitations de moins de dix salariés.';

  // A new person opens the brand space: sign-up first, then the space reserved to brands, with the way to create one.
  await open('/marque');
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fmarque$/);
  await signUpFromSignIn(page, { displayName: 'Nadia Bourganeuf', email: freshEmail('marque', testInfo) });
  await expect(page).toHaveURL(/\/marque$/);
  await waitForHydration(page);
  await expect(page.getByText('Cet espace est réservé aux marques de territoire.')).toBeVisible();
  await expectAccessible();
  await snap('brand-create-brands-only');

  await page.getByRole('link', { name: 'Créer une marque de territoire' }).click();
  await expect(page).toHaveURL(/\/marque\/creer$/);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Créer une marque de territoire');

  // No name: the API's refusal under the name, everything typed kept, nothing created.
  await page.getByLabel('Départements du territoire').fill('23');
  await page.getByLabel('Charte du label (facultatif)').fill(charter);
  await page.getByLabel('Numéro et rue').fill('12 rue de la Gare');
  await page.getByLabel('Code postal').fill('23000');
  await page.getByLabel('Commune').fill('Guéret');
  await page.getByRole('button', { name: 'Créer la marque' }).click();
  const nameField = page.getByLabel('Nom de la marque');
  await expect(nameField).toHaveAttribute('aria-invalid', 'true');
  await expect(nameField).toHaveAccessibleDescription('Le nom doit compter entre 1 et 200 caractères.');
  await expect(page.getByLabel('Départements du territoire')).toHaveValue('23');
  await expect(page.getByLabel('Charte du label (facultatif)')).toHaveValue(charter);
  await expect(page.getByLabel('Numéro et rue')).toHaveValue('12 rue de la Gare');
  await expect(page.getByLabel('Code postal')).toHaveValue('23000');
  await expect(page.getByLabel('Commune')).toHaveValue('Guéret');
  await expectAccessible();
  await snap('brand-create-no-name');

  // An unknown département: refused next to it (the organization, already created, serves the next attempt).
  await nameField.fill(name);
  await page.getByLabel('Départements du territoire').fill('23, 99');
  await page.getByRole('button', { name: 'Créer la marque' }).click();
  const departments = page.getByLabel('Départements du territoire');
  await expect(departments).toHaveAttribute('aria-invalid', 'true');
  await expect(departments).toHaveAccessibleDescription(/Numéro de département inconnu\s: 99\./);
  await expect(page.getByLabel('Nom de la marque')).toHaveValue(name);

  // Valid: the brand's dashboard says it is created and waits for Ancrage's verification, and what that means.
  await departments.fill('23');
  await page.getByRole('button', { name: 'Créer la marque' }).click();
  await expect(page).toHaveURL(/\/marque\?marque=saveurs-de-la-marche-[a-z0-9-]+&creee=1$/);
  const slug = new URL(page.url()).searchParams.get('marque')!;
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Tableau de bord — ${name}`);
  const notice = pageStatus(page).filter({ hasText: 'vérification' });
  await expect(notice).toContainText(`${name} est créée.`);
  await expect(notice).toContainText('attend maintenant sa vérification par l’équipe d’Ancrage');
  await expect(notice).toContainText(
    'la marque n’apparaît pas publiquement et ne peut accepter ni candidatures ni labels',
  );
  await expectAccessible();
  await snap('brand-create-pending');

  // Not public yet (asked without the manager's session).
  expect((await request.get(`/marques/${slug}`)).status()).toBe(404);

  // Support finds it in « Marques à vérifier » and verifies it; the manager's notice is gone.
  await (await accountNav(page)).getByRole('button', { name: /Se déconnecter/ }).click();
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();
  await signInAt(page, '/admin', ADMIN);
  const pending = page.getByRole('region', { name: 'Marques à vérifier' });
  await expect(pending).toContainText(name);
  await pending.getByRole('button', { name: `Vérifier ${name}` }).click();
  await expect(pageStatus(page)).toContainText(`${name} est vérifiée`);
  await page.goto(`/marques/${slug}`);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(name);
});
