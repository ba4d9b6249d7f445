import type { Page, TestInfo } from '@playwright/test';
import { type FakeSirene, startFakeSirene } from '../../../test/support/fake-sirene';
import { randomSiret } from '../../../test/support/identity-client';
import { DEMO_PASSWORD, expect, plain, test, waitForHydration } from './support/fixtures';
import { graphqlCall } from './support/graphql';
import { signInAt } from './support/sign-in';

/**
 * Issue #20 item 5 in the browser: a new producer's pages say it awaits verification and what that blocks; support
 * sees it in /admin with what the SIRENE directory says beside what was typed, is asked for a reason (said next to
 * the field), verifies it; the producer's pages no longer warn.
 */
const ADMIN = 'support@ancrage.example';
const PASSWORD = 'Le comté du Haut-Jura, 24 mois';
let sirene: FakeSirene | undefined;

test.use({
  ancrageEnv: async ({}, use) => {
    sirene ??= await startFakeSirene();
    await use({ SIRENE_API_URL: sirene.url, SIRENE_API_TOKEN: sirene.token });
  },
});

test.afterAll(async () => {
  await sirene?.close();
  sirene = undefined;
});

/** The page's own status message (not the banner asking an admin for a second factor, a status too). */
const pageStatus = (page: Page) => page.getByRole('status').filter({ hasNotText: 'double authentification' });

test('a new producer awaits verification; support compares it with SIRENE and verifies it with a reason', async ({
  page,
  request,
  snap,
  expectAccessible,
}, testInfo: TestInfo) => {
  // Two people, three pages each, and a wait for the SIRENE job: more than the default budget on a loaded machine.
  test.slow();
  const suffix = `${testInfo.project.name}-${Date.now()}`;
  const email = `ferme.${suffix}@example.org`;
  const farm = `Ferme des Rousses ${testInfo.project.name}`;
  const siret = randomSiret();
  sirene!.register(siret, {
    legalName: 'EARL DES ROUSSES',
    active: true,
    address: { number: '12', streetType: 'RTE', street: 'DU LAC', postalCode: '39220', commune: 'LES ROUSSES' },
  });
  const { register } = await graphqlCall<{ register: { accessToken: string } }>(
    request,
    'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }',
    { input: { email, password: PASSWORD, displayName: `Camille ${testInfo.project.name}` } },
  );
  await graphqlCall(
    request,
    'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
    {
      input: {
        kind: 'PRODUCER',
        name: farm,
        siret,
        address: { line1: '12 route du Lac', postalCode: '39220', city: 'Les Rousses' },
      },
    },
    register.accessToken,
  );

  // The producer's pages say plainly that it awaits verification, and what it cannot do until then.
  await signInAt(page, '/producteur', email, PASSWORD);
  const notice = page.getByRole('note');
  await expect(notice).toContainText('Vérification en cours.');
  await expect(notice).toContainText('vous ne recevez ni commande payée sur facture ni versement');
  await expectAccessible();
  await snap('verification-producer-waiting');
  await page.goto('/producteur/paiements');
  await expect(page.getByRole('note')).toContainText(`${farm} attend sa vérification`);
  await expectAccessible();
  await page.context().clearCookies();

  // Support: the claim with what was typed beside what SIRENE says of the SIRET.
  await signInAt(page, '/admin', ADMIN, DEMO_PASSWORD);
  const section = page.getByRole('region', { name: /Organisations à vérifier/ });
  const card = section.getByRole('listitem').filter({ has: page.getByRole('heading', { name: new RegExp(farm) }) });
  await expect(async () => {
    await page.reload();
    await expect(card).toContainText('Établissement actif', { timeout: 1000 });
  }).toPass({ timeout: 15_000 });
  await waitForHydration(page);
  await expect(card).toContainText('EARL DES ROUSSES');
  await expect(card).toContainText('12 RTE DU LAC, 39220 LES ROUSSES');
  await expect(card).toContainText('12 route du Lac, 39220 Les Rousses');
  // The SIRET as people read it, in groups (SIREN by three, then the establishment's five digits).
  const groupedSiret = siret.replace(/^(\d{3})(\d{3})(\d{3})(\d{5})$/, '$1 $2 $3 $4');
  expect(groupedSiret).not.toBe(siret);
  expect(plain(await card.innerText())).toContain(`SIRET ${groupedSiret}`);
  await expectAccessible();
  await snap('verification-admin-queue');

  // No reason: refused next to the field, nothing decided.
  await card.getByRole('button', { name: `Vérifier ${farm}` }).click();
  const reason = card.getByLabel(`Motif de la décision pour ${farm}`);
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription(/Dites pourquoi/);
  await expectAccessible();
  await snap('verification-admin-reason-missing');

  await reason.fill('Nom et adresse concordent avec SIRENE ; établissement actif.');
  await card.getByRole('button', { name: `Vérifier ${farm}` }).click();
  await expect(pageStatus(page)).toHaveText(
    `${farm} est vérifiée ; les autres demandes pour son SIRET sont refusées. Ses membres sont prévenus par e-mail.`,
  );
  await expect(section.getByRole('heading', { name: new RegExp(farm) })).toHaveCount(0);
  await expect(page.getByRole('region', { name: /^Journal des actions \(/ })).toContainText('Organisation vérifiée');
  await expectAccessible();
  await snap('verification-admin-done');

  // Support finds it by its SIRET, shown in groups among the organizations found too.
  await page.getByLabel('Nom, e-mail, SIRET ou adresse de la page').fill(siret);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  const found = page.getByRole('region', { name: 'Organisations trouvées : tableau' }).getByRole('row', { name: farm });
  expect(plain(await found.getByRole('cell').nth(1).innerText())).toBe(groupedSiret);
  await expectAccessible();
  await snap('verification-admin-found-by-siret');
  await page.context().clearCookies();

  // The producer's pages no longer warn.
  await signInAt(page, '/producteur', email, PASSWORD);
  await expect(page.getByRole('heading', { level: 1, name: 'Commandes à préparer' })).toBeVisible();
  await expect(page.getByRole('note')).toHaveCount(0);
});
