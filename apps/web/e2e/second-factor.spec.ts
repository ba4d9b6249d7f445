import type { APIRequestContext, TestInfo } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { expect, test, waitForHydration } from './support/fixtures';
import { graphqlCall } from './support/graphql';

/**
 * Issue #20 item 12 (AUTH-13): a brand manager sets up a second factor on /compte/double-authentification (QR code,
 * then the app's first code), keeps the recovery codes, and from then on signs in in two steps — the password, then
 * the code. The test is the authenticator app: it makes the codes with otpauth from the secret the page shows.
 */
const PASSWORD = 'Le comté du Haut-Jura, 24 mois';
const codeAt = (secret: string, offsetMs = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: Date.now() + offsetMs,
  });

/** A new account managing a territory brand's organization (a brand manager, asked for a second factor). */
async function newBrandManager(request: APIRequestContext, testInfo: TestInfo): Promise<string> {
  const email = `marque.mfa.${testInfo.project.name}.${Date.now()}@example.org`;
  const { register } = await graphqlCall<{ register: { accessToken: string } }>(
    request,
    'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }',
    { input: { email, password: PASSWORD, displayName: `Gestionnaire ${testInfo.project.name}` } },
  );
  await graphqlCall(
    request,
    'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
    {
      input: {
        kind: 'BRAND',
        name: `Association des Rousses (${testInfo.project.name})`,
        address: { line1: '2 rue Pasteur', postalCode: '39220', city: 'Les Rousses' },
      },
    },
    register.accessToken,
  );
  return email;
}

test('a brand manager sets up an authenticator app, keeps the recovery codes, then signs in with password and code', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}, testInfo) => {
  test.slow(); // a long journey: enrolment, then a two-step sign-in, with four accessibility checks and screenshots
  const email = await newBrandManager(request, testInfo);
  await page.goto('/compte/double-authentification');
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fcompte%2Fdouble-authentification$/);
  await waitForHydration(page);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/compte\/double-authentification$/);
  await waitForHydration(page);
  await expect(
    page.getByText('Les administrateurs de la plateforme et les gestionnaires de marque doivent'),
  ).toBeVisible();
  // Elsewhere, every page says so, with the way to the set-up page.
  await open('/');
  await page.getByRole('link', { name: 'Configurer la double authentification' }).click();
  await expect(page).toHaveURL(/\/compte\/double-authentification$/);
  await waitForHydration(page);

  await page.getByRole('button', { name: 'Configurer mon application' }).click();
  await expect(page.getByRole('img', { name: /QR code à scanner/ })).toBeVisible();
  const secret = (await page.locator('code').first().textContent())!.trim();
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expectAccessible();
  await snap('second-factor-enrolment');

  // A wrong code is refused under its field; the QR code stays.
  await page.getByLabel('Code à 6 chiffres').fill(codeAt(secret, -10 * 60_000));
  await page.getByRole('button', { name: 'Activer la double authentification' }).click();
  await expect(page.getByText('Ce code ne correspond pas.')).toBeVisible();
  await expect(page.getByRole('img', { name: /QR code à scanner/ })).toBeVisible();

  await page.getByLabel('Code à 6 chiffres').fill(codeAt(secret));
  await page.getByRole('button', { name: 'Activer la double authentification' }).click();
  await expect(page.getByRole('heading', { name: 'Double authentification activée' })).toBeVisible();
  const codes = page.getByRole('list', { name: 'Codes de secours' }).getByRole('listitem');
  await expect(codes).toHaveCount(10);
  await expectAccessible();
  await snap('second-factor-recovery-codes');
  await page.getByRole('link', { name: 'J’ai conservé mes codes, continuer' }).click();
  await expect(page).toHaveURL(/\/marque$/);
  await expect(page.getByRole('link', { name: 'Configurer la double authentification' })).toHaveCount(0);

  // Signed out, signing in asks for the code after the password.
  await page.context().clearCookies();
  await open('/connexion');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { name: 'Code de vérification' })).toBeVisible();
  await expect(page.getByLabel('Mot de passe')).toBeHidden();
  await page.getByLabel('Code de vérification').fill(codeAt(secret, -10 * 60_000));
  await page.getByRole('button', { name: 'Valider le code' }).click();
  await expect(page.getByText('Ce code est incorrect ou a déjà servi.')).toBeVisible();
  await expectAccessible();
  await snap('second-factor-sign-in-code');
  // The code of the next step (the enrolment spent the current one).
  await page.getByLabel('Code de vérification').fill(codeAt(secret, 30_000));
  await page.getByRole('button', { name: 'Valider le code' }).click();
  await expect(page).toHaveURL(/\/$/);
  await open('/marque');
  await expect(page).toHaveURL(/\/marque$/);
  await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
});
