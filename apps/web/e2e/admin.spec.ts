import type { APIRequestContext, Page, TestInfo } from '@playwright/test';
import { Secret, TOTP } from 'otpauth';
import { demoConsumerBuyer, paidCardOrder } from './support/card-orders';
import { inAccountNav, expect, plain, test } from './support/fixtures';
import { signInAt } from './support/sign-in';
import { apiLogin, graphqlCall } from './support/graphql';
import { useFakeStripe } from './support/stripe';

/** The page's own status message (not the account banner, which is a status too, asking for a second factor). */
const pageStatus = (page: Page) => page.getByRole('status').filter({ hasNotText: 'double authentification' });

/**
 * WEB.md §2, platform admin: /admin for the demo's support account — a new brand verified and then public,
 * an account found and disabled with a reason, the commission set; every action in the journal. Nobody else gets
 * the page.
 */
const ADMIN = 'support@ancrage.example';

/** The fake Stripe, so that a card order can be paid and then refunded by support. */
const stripe = useFakeStripe('browser_admin');

/** Someone opens a brand of the Jura: it waits for verification. Returns its name, slug and manager's e-mail. */
async function newBrand(
  request: APIRequestContext,
  testInfo: TestInfo,
): Promise<{ name: string; slug: string; email: string }> {
  const suffix = `${testInfo.project.name}-${Date.now()}`;
  const email = `association.${suffix}@example.org`;
  const { register } = await graphqlCall<{ register: { accessToken: string } }>(
    request,
    'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }',
    {
      input: { email, password: 'Le comté du Haut-Jura, 24 mois', displayName: `Présidente ${testInfo.project.name}` },
    },
  );
  const { createOrganization } = await graphqlCall<{ createOrganization: { id: string } }>(
    request,
    'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
    {
      input: {
        kind: 'BRAND',
        name: `Association du Grandvaux (${testInfo.project.name})`,
        address: { line1: '1 place de l’Église', postalCode: '39150', city: 'Saint-Laurent-en-Grandvaux' },
      },
    },
    register.accessToken,
  );
  const name = `Grandvaux ${testInfo.project.name}`;
  const slug = `grandvaux-${suffix}`;
  await graphqlCall(
    request,
    'mutation ($input: CreateBrandInput!) { createBrand(input: $input) { id } }',
    {
      input: {
        organizationId: createOrganization.id,
        name,
        slug,
        departmentCodes: ['39'],
        charter: 'Produit et transformé dans le Grandvaux.',
      },
    },
    register.accessToken,
  );
  return { name, slug, email };
}

test('support verifies a new brand, which then appears publicly; the journal says who did it', async ({
  page,
  request,
  snap,
  expectAccessible,
}, testInfo: TestInfo) => {
  const brand = await newBrand(request, testInfo);
  const publicBrand = async () =>
    (
      await graphqlCall<{ brand: { name: string } | null }>(
        request,
        'query ($s: String!) { brand(slug: $s) { name } }',
        { s: brand.slug },
      )
    ).brand;
  const territories = page.getByRole('region', { name: 'Les marques de territoire' });
  // Waiting for verification: not on the home page, unknown to the public API.
  await page.goto('/');
  await expect(territories.getByRole('link', { name: 'Made in Jura', exact: true })).toBeVisible();
  await expect(territories.getByRole('link', { name: brand.name, exact: true })).toHaveCount(0);
  expect(await publicBrand()).toBeNull();

  await signInAt(page, '/admin', ADMIN);
  await inAccountNav(page, (nav) => expect(nav.getByRole('link', { name: 'Administration' })).toBeVisible());
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
  const pending = page.getByRole('region', { name: 'Marques à vérifier' });
  await expect(pending).toContainText(brand.name);
  await expectAccessible();
  await snap('admin');

  await pending.getByRole('button', { name: `Vérifier ${brand.name}` }).click();
  await expect(pageStatus(page)).toHaveText(
    `${brand.name} est vérifiée : elle apparaît publiquement et peut accepter producteurs et labels.`,
  );
  await expect(pending).not.toContainText(brand.name);
  const journal = page.getByRole('region', { name: 'Journal des actions : tableau' });
  await expect(journal.locator('tbody tr').first()).toContainText('Marque vérifiée');
  await expect(journal.locator('tbody tr').first()).toContainText(brand.name);
  await expect(journal.locator('tbody tr').first()).toContainText('Claire Support');

  // Public now: on the home page, linked to its page, and known to the public API.
  await page.goto('/');
  await expect(territories.getByRole('link', { name: brand.name, exact: true })).toHaveAttribute(
    'href',
    `/marques/${brand.slug}`,
  );
  await expect(territories).toContainText('Produit et transformé dans le Grandvaux.');
  expect(await publicBrand()).toEqual({ name: brand.name });
  await snap('admin-brand-public');
});

test('support finds an account and disables it only with a reason; it can no longer sign in', async ({
  page,
  request,
  snap,
  expectAccessible,
}, testInfo: TestInfo) => {
  const brand = await newBrand(request, testInfo);
  await signInAt(page, '/admin', ADMIN);
  await page.getByLabel('Nom, e-mail, SIRET ou adresse de la page').fill(brand.email);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Comptes (1)' })).toBeVisible();
  const account = page.locator('.admin-card').filter({ hasText: brand.email });

  await account.getByRole('button', { name: 'Désactiver ce compte' }).click();
  const reason = account.getByLabel('Motif de la désactivation');
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription(
    'Indiquez le motif de la désactivation : il est inscrit au journal.',
  );
  await expectAccessible();
  await snap('admin-disable-reason-missing');

  await reason.fill('Marque ouverte au nom d’une association qui ne l’a pas demandée.');
  await account.getByRole('button', { name: 'Désactiver ce compte' }).click();
  await expect(pageStatus(page)).toHaveText(`Le compte ${brand.email} est désactivé ; ses sessions sont terminées.`);
  await expect(page.locator('.admin-card').filter({ hasText: brand.email })).toContainText('Désactivé le');
  const journal = page.getByRole('region', { name: 'Journal des actions : tableau' });
  await expect(journal.locator('tbody tr').first()).toContainText('Compte désactivé');
  await expect(journal.locator('tbody tr').first()).toContainText(
    'Marque ouverte au nom d’une association qui ne l’a pas demandée.',
  );
  await expectAccessible();
  await snap('admin-user-disabled');

  const signIn = await request.post('/graphql', {
    data: {
      query: 'mutation ($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { accessToken } }',
      variables: { e: brand.email, p: 'Le comté du Haut-Jura, 24 mois' },
    },
  });
  expect((await signIn.json()).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
});

test('support pages through a search with more results than a page: the next page shows the others, the filters kept; a bad cursor gives the first page', async ({
  page,
  request,
  snap,
  expectAccessible,
}, testInfo: TestInfo) => {
  // 21 associations of one person, more than the 20 a page of results shows.
  const suffix = `${testInfo.project.name}-${Date.now()}`;
  const { register } = await graphqlCall<{ register: { accessToken: string } }>(
    request,
    'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }',
    {
      input: {
        email: `collectifs.${suffix}@example.org`,
        password: 'Le comté du Haut-Jura, 24 mois',
        displayName: `Trésorière ${testInfo.project.name}`,
      },
    },
  );
  const stem = `Collectif Pagination ${suffix}`;
  for (let index = 1; index <= 21; index++) {
    await graphqlCall(
      request,
      'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id } }',
      {
        input: {
          kind: 'BRAND',
          name: `${stem} n° ${index}`,
          address: { line1: '1 place de l’Église', postalCode: '39150', city: 'Saint-Laurent-en-Grandvaux' },
        },
      },
      register.accessToken,
    );
  }

  await signInAt(page, '/admin', ADMIN);
  await page.getByLabel('Nom, e-mail, SIRET ou adresse de la page').fill(stem);
  await page.getByLabel('Type d’organisation').selectOption('BRAND');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page.getByRole('heading', { level: 3, name: 'Organisations (21)' })).toBeVisible();
  const found = page.getByRole('region', { name: 'Organisations trouvées : tableau' });
  const names = () => found.locator('tbody th').allInnerTexts();
  await expect(found.locator('tbody tr')).toHaveCount(20);
  const firstPage = await names();
  const pages = page.getByRole('navigation', { name: 'Pages des organisations trouvées' });
  await expect(pages.getByRole('link', { name: 'Première page' })).toHaveCount(0);
  // One page of accounts (none matches): no pages to go through.
  await expect(page.getByRole('navigation', { name: 'Pages des comptes trouvés' })).toHaveCount(0);

  await pages.getByRole('link', { name: 'Page suivante' }).click();
  await expect(page).toHaveURL(/[?&]organisations=[^&#]+/);
  await expect(found.locator('tbody tr')).toHaveCount(1);
  const secondPage = await names();
  expect(secondPage[0]).toContain(stem);
  expect(firstPage).not.toContain(secondPage[0]);
  expect(new Set([...firstPage, ...secondPage]).size).toBe(21);
  // The search and its filter are kept: the same 21, the same type.
  await expect(page.getByRole('heading', { level: 3, name: 'Organisations (21)' })).toBeVisible();
  await expect(page.getByLabel('Nom, e-mail, SIRET ou adresse de la page')).toHaveValue(stem);
  await expect(page.getByLabel('Type d’organisation')).toHaveValue('BRAND');
  await expect(pages.getByRole('link', { name: 'Page suivante' })).toHaveCount(0);
  await expectAccessible();
  await snap('admin-search-next-page');

  await pages.getByRole('link', { name: 'Première page' }).click();
  await expect(found.locator('tbody tr')).toHaveCount(20);
  expect(await names()).toEqual(firstPage);

  // A cursor edited by hand (or from another list): the first page of the same search, not an error.
  const address = new URL(page.url());
  address.searchParams.set('organisations', 'pas-un-curseur');
  address.hash = '';
  await page.goto(`${address.pathname}${address.search}`);
  await expect(page).not.toHaveURL(/organisations=/);
  await expect(page).toHaveURL(/type=BRAND/);
  await expect(page.getByRole('heading', { level: 3, name: 'Organisations (21)' })).toBeVisible();
  await expect(found.locator('tbody tr')).toHaveCount(20);
  // The same for the journal's pages.
  await page.goto('/admin?journal=pas-un-curseur');
  await expect(page).toHaveURL(/\/admin$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Administration' })).toBeVisible();
});

test('support resets the second factor of someone who lost it, only with a reason; the password alone then opens enrolment', async ({
  page,
  request,
  snap,
  expectAccessible,
}, testInfo: TestInfo) => {
  const brand = await newBrand(request, testInfo);
  const password = 'Le comté du Haut-Jura, 24 mois';
  // The brand manager set up an authenticator app (the test's own, from otpauth).
  const token = await apiLogin(request, brand.email, password);
  const { startMfaEnrolment } = await graphqlCall<{ startMfaEnrolment: { secret: string } }>(
    request,
    'mutation { startMfaEnrolment { secret } }',
    {},
    token,
  );
  const code = new TOTP({ secret: Secret.fromBase32(startMfaEnrolment.secret), digits: 6, period: 30 }).generate();
  await graphqlCall(
    request,
    'mutation ($code: String!) { confirmMfaEnrolment(code: $code) { recoveryCodes } }',
    { code },
    token,
  );
  const passwordAlone = async () =>
    (
      await (
        await request.post('/graphql', {
          data: {
            query: 'mutation ($e: String!, $p: String!) { login(input: { email: $e, password: $p }) { accessToken } }',
            variables: { e: brand.email, p: password },
          },
        })
      ).json()
    ).errors?.[0]?.extensions.reason ?? 'signed in';
  expect(await passwordAlone()).toBe('MFA_CODE_REQUIRED');

  await signInAt(page, '/admin', ADMIN);
  await page.getByLabel('Nom, e-mail, SIRET ou adresse de la page').fill(brand.email);
  await page.getByRole('button', { name: 'Rechercher' }).click();
  const account = page.locator('.admin-card').filter({ hasText: brand.email });
  await expect(account).toContainText('Double authentification depuis le');

  const reset = account.getByRole('button', { name: 'Réinitialiser la double authentification' });
  await reset.click();
  const reason = account.getByLabel('Motif de la réinitialisation');
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription(
    'Indiquez le motif de la réinitialisation : il est inscrit au journal.',
  );
  expect(await passwordAlone()).toBe('MFA_CODE_REQUIRED');

  await reason.fill('Téléphone perdu ; identité vérifiée par un appel au numéro de l’association.');
  await reset.click();
  // (Not pageStatus: this message speaks of the second factor, like the account banner it leaves out.)
  await expect(page.getByRole('status').filter({ hasText: brand.email })).toContainText(
    `La double authentification de ${brand.email} est effacée ; ses sessions sont terminées`,
  );
  await expect(page.locator('.admin-card').filter({ hasText: brand.email })).not.toContainText(
    'Double authentification depuis le',
  );
  const journal = page.getByRole('region', { name: 'Journal des actions : tableau' });
  await expect(journal.locator('tbody tr').first()).toContainText('Double authentification réinitialisée');
  await expectAccessible();
  await snap('admin-second-factor-reset');
  expect(await passwordAlone()).toBe('signed in');
});

test('support sets the commission: a rate out of bounds is refused next to the field, a valid one is recorded', async ({
  page,
  snap,
  expectAccessible,
}) => {
  await signInAt(page, '/admin', ADMIN);
  const section = page.getByRole('region', { name: 'Commission de la plateforme' });
  const field = section.getByLabel('Nouvelle commission (en %)');
  await field.fill('60');
  await section.getByRole('button', { name: 'Enregistrer la commission' }).click();
  await expect(field).toHaveAttribute('aria-invalid', 'true');
  await expect(field).toHaveValue('60');
  await expect(field).toHaveAccessibleDescription('La commission est comprise entre 0 et 50 %.');

  await field.fill('7,5');
  await section.getByRole('button', { name: 'Enregistrer la commission' }).click();
  await expect(pageStatus(page)).toHaveText(
    'La commission est désormais de 7,50 % pour les paiements par carte commencés à partir de maintenant.',
  );
  await expect(section).toContainText('Commission actuelle : 7,50 %');
  await expect(section).toContainText('par Claire Support');
  await expect(
    page.getByRole('region', { name: 'Journal des actions : tableau' }).locator('tbody tr').first(),
  ).toContainText('Commission modifiée');
  await expect(page.getByRole('region', { name: 'Tâches en échec (0)' })).toContainText('Aucune tâche en échec.');
  await expectAccessible();
  await snap('admin-commission');
});

test('no one else gets the admin page: a restaurant’s cook sees "page not found", and no link to it', async ({
  page,
  snap,
  expectAccessible,
}) => {
  await page.goto('/admin');
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fadmin$/);

  await signInAt(page, '/admin', 'chef@lecomtois.example');
  await expect(page.getByRole('heading', { level: 1, name: 'Cette page n’existe pas' })).toBeVisible();
  await inAccountNav(page, (nav) => expect(nav.getByRole('link', { name: 'Administration' })).toHaveCount(0));
  const response = await page.request.get('/admin');
  expect(response.status()).toBe(404);
  await expectAccessible();
  await snap('admin-not-for-others');
});

test('support refunds part of a paid card order with a reason: the payment says so, and the journal too', async ({
  page,
  request,
  snap,
  expectAccessible,
}) => {
  // A producer connected to Stripe, an order placed and paid, then the refund: more than the usual journey.
  test.slow();
  const buyer = await demoConsumerBuyer(request);
  const order = await paidCardOrder(request, stripe, { producer: 'maraicher@souterraine.example', buyer, quantity: 2 });
  await signInAt(page, '/admin', ADMIN);
  const section = page.getByRole('region', { name: 'Remboursements' });
  const orderField = section.getByLabel('Commande');
  const amount = section.getByLabel('Montant à rembourser (en €, TTC)');
  const reason = section.getByLabel('Motif');

  // Without a reason: refused next to the field, nothing refunded.
  await orderField.fill(`https://ancrage.example/commandes/${order.id}`);
  await amount.fill('1,50');
  await section.getByRole('button', { name: 'Rembourser' }).click();
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription('Dites pourquoi : le motif est inscrit au journal.');
  await expect(orderField).toHaveValue(`https://ancrage.example/commandes/${order.id}`);
  await expectAccessible();
  await snap('admin-refund-reason-missing');

  // More than was paid: refused next to the amount.
  await amount.fill(String((order.totalCents + 100) / 100).replace('.', ','));
  await reason.fill('Salade abîmée à la livraison.');
  await section.getByRole('button', { name: 'Rembourser' }).click();
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await expect(amount).toHaveAccessibleDescription(/^Il ne reste que .+ à rembourser sur ce paiement\.$/);

  // A number no order carries: said next to the field, what was typed kept.
  await orderField.fill('261206-ZZZZZZ');
  await section.getByRole('button', { name: 'Rembourser' }).click();
  await expect(orderField).toHaveAttribute('aria-invalid', 'true');
  await expect(orderField).toHaveAccessibleDescription(/^Aucune commande ne porte le numéro «\s261206-ZZZZZZ\s»/);
  await expect(orderField).toHaveValue('261206-ZZZZZZ');

  // 1,50 € with its reason, the order named by the number the customer quoted (in lower case, as typed on a phone
  // call); the producers' share of the payment may still be on its way: support tries again.
  await orderField.fill(order.number.toLowerCase());
  await amount.fill('1,50');
  await expect(async () => {
    await section.getByRole('button', { name: 'Rembourser' }).click();
    await expect(
      page.getByRole('status').filter({ hasText: `1,50 € remboursés sur la commande ${order.number}` }),
    ).toBeVisible({ timeout: 3_000 });
  }).toPass({ timeout: 30_000 });
  expect(
    plain(await page.getByRole('status').filter({ hasText: '1,50 € remboursés sur la commande' }).innerText()),
  ).toContain('paiement remboursé en partie');
  const journal = page.getByRole('region', { name: 'Journal des actions : tableau' });
  await expect(journal.locator('tbody tr').first()).toContainText('Paiement remboursé');
  await expect(journal.locator('tbody tr').first()).toContainText('1,50 €');
  await expect(journal.locator('tbody tr').first()).toContainText('Salade abîmée à la livraison.');
  // Done: the form is empty again, nothing to send twice by mistake.
  await expect(orderField).toHaveValue('');
  await expect(amount).toHaveValue('');
  await expectAccessible();
  await snap('admin-refunded');

  // The buyer's order says what came back.
  const { order: read } = await graphqlCall<{ order: { payment: { status: string; refundedCents: number } } }>(
    request,
    'query ($id: ID!) { order(id: $id) { payment { status refundedCents } } }',
    { id: order.id },
    buyer.token,
  );
  expect(read.payment).toEqual({ status: 'PARTIALLY_REFUNDED', refundedCents: 150 });
});
