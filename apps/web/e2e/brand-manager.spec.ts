import type { APIRequestContext, Locator, Page, TestInfo } from '@playwright/test';
import sharp from 'sharp';
import {
  accountNav,
  DEMO_PASSWORD,
  expect,
  expectNoHiddenOverflow,
  plain,
  test,
  waitForHydration,
} from './support/fixtures';
import { figure, figureNote } from './support/report-figures';
import { signInAt } from './support/sign-in';
import { apiLogin, graphqlCall } from './support/graphql';
import { createProducts, newProducer } from './support/producer';

/** The page's own status message (not the account banner, which is a status too, asking for a second factor). */
const pageStatus = (page: Page) => page.getByRole('status').filter({ hasNotText: 'double authentification' });

/**
 * WEB.md §2, brand manager: the dashboard of /marque and the applications of /marque/candidatures, for the demo's
 * Made in Jura. Its figures must be the API's; its carbon difference told honestly; an application refused only
 * with a reason the producer will read.
 */
const MANAGER = 'marque@madeinjura.example';
const BRAND_SLUG = 'made-in-jura';

const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const PERIOD = { from: `${today.slice(0, 4)}-01-01`, to: today };

const decimals = (value: number) =>
  plain(new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(value));
const kgCo2e = (value: number) => `${decimals(value)} kg CO₂e`;
const euros = (cents: number) =>
  plain(new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100));

interface Dashboard {
  memberCount: number;
  pendingApplications: number;
  labelledProductCount: number;
  salesCents: number;
  creditedCents: number;
  orderCount: number;
  emissionsKgCo2e: number;
  savedKgCo2e: number;
  topProducers: { orderCount: number; salesCents: number; producer: { name: string } }[];
  byMonth: { month: string; memberCount: number; labelledProductCount: number; salesCents: number }[];
  dataTiers: { primaryKgCo2e: number; modelledKgCo2e: number; defaultKgCo2e: number };
  methodVersions: string[];
}

async function madeInJuraId(request: APIRequestContext): Promise<string> {
  const { brands } = await graphqlCall<{ brands: { id: string; slug: string }[] }>(request, '{ brands { id slug } }');
  return brands.find((brand) => brand.slug === BRAND_SLUG)!.id;
}

/** What the API says of the brand's period, asked as any API client would. */
async function brandDashboard(request: APIRequestContext): Promise<Dashboard> {
  const token = await apiLogin(request, MANAGER, DEMO_PASSWORD);
  const { brandDashboard: dashboard } = await graphqlCall<{ brandDashboard: Dashboard }>(
    request,
    `query ($b: ID!, $from: Date!, $to: Date!) { brandDashboard(brandId: $b, from: $from, to: $to) {
      memberCount pendingApplications labelledProductCount salesCents creditedCents orderCount emissionsKgCo2e savedKgCo2e
      topProducers { orderCount salesCents producer { name } }
      byMonth { month memberCount labelledProductCount salesCents }
      dataTiers { primaryKgCo2e modelledKgCo2e defaultKgCo2e } methodVersions } }`,
    { b: await madeInJuraId(request), ...PERIOD },
    token,
  );
  return dashboard;
}

/**
 * A new producer of the Jura applies to Made in Jura (every demo producer is already a member): its owner signs up,
 * creates the farm with a valid SIRET in Champagnole, and applies. Named after the screen size, as both sizes run
 * against the same server.
 */
async function newApplicant(request: APIRequestContext, name: string) {
  const producer = await newProducer(request, name);
  await graphqlCall(
    request,
    'mutation ($b: ID!, $p: ID!, $m: String) { applyToBrand(brandId: $b, producerId: $p, message: $m) { id } }',
    { b: await madeInJuraId(request), p: producer.producerId, m: `${name} fabrique dans le Jura depuis 1998.` },
    producer.token,
  );
  return { name, ...producer };
}

const textOf = async (locator: Locator) => plain(await locator.innerText());

test('the brand manager reads its dashboard: the API’s figures, the carbon told honestly, its best producers', async ({
  page,
  request,
  snap,
  expectAccessible,
}) => {
  // Four charts of twelve months each, with their tables, read against the API's: more than the usual journey.
  test.slow();
  const dashboard = await brandDashboard(request);
  await signInAt(page, '/marque', MANAGER);

  await expect(page.getByRole('heading', { level: 1, name: 'Tableau de bord — Made in Jura' })).toBeVisible();
  expect(await textOf(figure(page, 'Producteurs membres'))).toBe(String(dashboard.memberCount));
  expect(await textOf(figure(page, 'Candidatures en attente'))).toBe(String(dashboard.pendingApplications));
  expect(await textOf(figure(page, 'Produits labellisés'))).toBe(String(dashboard.labelledProductCount));
  expect(await textOf(figure(page, 'Ventes des produits labellisés'))).toBe(euros(dashboard.salesCents));
  // The demo's credit note (butter of the Fromagerie du Revermont, labelled) comes off the sales, and the page says so.
  expect(dashboard.creditedCents).toBeGreaterThan(0);
  expect(await textOf(figureNote(page, 'Ventes des produits labellisés'))).toBe(
    `hors TVA, avoirs déduits : −${euros(dashboard.creditedCents)}`,
  );
  expect(await textOf(figure(page, 'Commandes'))).toBe(String(dashboard.orderCount));
  expect(await textOf(figure(page, 'Émissions du transport'))).toBe(kgCo2e(dashboard.emissionsKgCo2e));
  expect(await textOf(figure(page, 'Chaîne classique \\(référence\\)'))).toBe(
    kgCo2e(dashboard.emissionsKgCo2e + dashboard.savedKgCo2e),
  );

  // The demo's vans carry little: the brand's sales emit more than the conventional chain, and the page says so.
  expect(dashboard.savedKgCo2e).toBeLessThan(0);
  const carbon = page.getByRole('region', { name: 'Transport et carbone' });
  expect(await textOf(carbon)).toContain(
    `Le transport des ventes labellisées de la période émet ${kgCo2e(-dashboard.savedKgCo2e)} de plus qu’une chaîne d’approvisionnement classique.`,
  );
  await expect(carbon).toContainText('Ce qui réduirait cet écart : des tournées partagées');
  await expect(page.locator('.saving--positive')).toHaveCount(0);

  const top = page.getByRole('figure', { name: /^Ventes labellisées des/ });
  await expect(top.getByRole('img')).toHaveAccessibleName(
    dashboard.topProducers.map((producer) => `${producer.producer.name} : ${euros(producer.salesCents)}`).join(' ; '),
    { ignoreCase: false },
  );
  for (const producer of dashboard.topProducers) {
    const row = await textOf(top.getByRole('row', { name: new RegExp(`^${producer.producer.name}`) }));
    expect(row).toContain(euros(producer.salesCents));
  }

  // Month by month: a chart (one image with its sentence) and its table for each figure, one row per month.
  const monthName = (month: string) =>
    new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(
      new Date(`${month}-15T12:00:00Z`),
    );
  const charts: [string, (month: Dashboard['byMonth'][number]) => string][] = [
    ['Producteurs membres, par mois', (month) => String(month.memberCount)],
    ['Produits labellisés, par mois', (month) => String(month.labelledProductCount)],
    ['Ventes des produits labellisés (HT), par mois', (month) => euros(month.salesCents)],
  ];
  for (const [title, valueOf] of charts) {
    const chart = page.getByRole('figure', { name: title });
    await expect(chart.getByRole('img')).toBeVisible();
    const rows = (await chart.locator('tbody tr').allInnerTexts()).map((row) => plain(row).replace(/\s+/g, ' '));
    expect(rows).toEqual(dashboard.byMonth.map((month) => `${monthName(month.month)} ${valueOf(month)}`));
  }
  expect(dashboard.byMonth.at(-1)!.memberCount).toBe(dashboard.memberCount);
  expect(dashboard.byMonth.reduce((sum, month) => sum + month.salesCents, 0)).toBe(dashboard.salesCents);
  const carbonByMonth = page.getByRole('figure', { name: 'CO₂e du transport et chaîne classique, par mois' });
  await expect(carbonByMonth.getByRole('img')).toBeVisible();
  await expect(carbonByMonth.getByRole('row')).toHaveCount(dashboard.byMonth.length + 1);
  // Every column of each chart's table is on screen, a phone's too (wide ones are cards there): none cut off.
  const chartTables = page.getByRole('region', { name: / : tableau des valeurs$/ });
  await expect(chartTables).toHaveCount(5);
  for (const table of await chartTables.all()) await expectNoHiddenOverflow(table);

  // Where the emissions figure comes from (CARBON-METHOD §7.3): its shares of primary, modelled and default data.
  const tiers = dashboard.dataTiers;
  const total = tiers.primaryKgCo2e + tiers.modelledKgCo2e + tiers.defaultKgCo2e;
  expect(total).toBeCloseTo(dashboard.emissionsKgCo2e, 6);
  const share = (part: number) =>
    `${plain(new Intl.NumberFormat('fr-FR', { minimumFractionDigits: 1, maximumFractionDigits: 1 }).format((part / total) * 100))} %`;
  const tierText = (kg: number) => `${kgCo2e(kg)} · ${share(kg)}`;
  expect(await textOf(figure(page, 'Données primaires'))).toBe(tierText(tiers.primaryKgCo2e));
  expect(await textOf(figure(page, 'Tournée modélisée'))).toBe(tierText(tiers.modelledKgCo2e));
  expect(await textOf(figure(page, 'Valeur par défaut'))).toBe(tierText(tiers.defaultKgCo2e));
  // The method a click away, with the versions the period's footprints were computed with.
  expect(dashboard.methodVersions.length).toBeGreaterThan(0);
  await expect(page.getByText(/^Méthode de calcul/)).toContainText(dashboard.methodVersions.join(', '));
  await expectAccessible();
  await snap('brand-dashboard');

  // A restaurant's cook is no brand manager.
  await (await accountNav(page)).getByRole('button', { name: /Se déconnecter/ }).click();
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();
  await signInAt(page, '/marque', 'chef@lecomtois.example');
  await expect(page.getByText('Cet espace est réservé aux marques de territoire.')).toBeVisible();
  await expectAccessible();
  await snap('brand-not-a-manager');
});

test('the brand manager refuses an application only with a reason, and accepts another', async ({
  page,
  request,
  snap,
  expectAccessible,
}, testInfo: TestInfo) => {
  const { name: refused } = await newApplicant(request, `Chèvrerie des Essais (${testInfo.project.name})`);
  const { name: accepted } = await newApplicant(request, `Moulin des Essais (${testInfo.project.name})`);
  const { pendingApplications } = await brandDashboard(request);

  await signInAt(page, '/marque', MANAGER);
  expect(await textOf(figure(page, 'Candidatures en attente'))).toBe(String(pendingApplications));
  await page.getByRole('link', { name: 'Examiner les candidatures' }).click();
  await expect(page).toHaveURL(/\/marque\/candidatures$/);
  await waitForHydration(page);
  await expect(
    page.getByRole('heading', { level: 2, name: `En attente (${pendingApplications} candidatures)` }),
  ).toBeVisible();
  await expectAccessible();
  await snap('brand-applications');

  // A refusal without a reason: the API's message next to the reason, nothing decided.
  const application = page.getByRole('article', { name: refused });
  await expect(application).toContainText('fabrique dans le Jura depuis 1998');
  await application.getByRole('button', { name: 'Refuser' }).click();
  const reason = application.getByLabel('Motif de la décision');
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription('Indiquez le motif du refus : le producteur le lira.');
  await expectAccessible();
  await snap('brand-application-reason-missing');

  await reason.fill('Votre atelier de transformation est hors du Jura.');
  await application.getByRole('button', { name: 'Refuser' }).click();
  await expect(pageStatus(page)).toHaveText(`La candidature de ${refused} est refusée.`);
  await expect(page.getByRole('article', { name: refused })).toHaveCount(0);
  const decisions = page.getByRole('region', { name: 'Décisions prises : tableau' });
  const refusedRow = decisions.getByRole('row', { name: new RegExp(`^${refused.replace(/[()]/g, '\\$&')}`) });
  await expect(refusedRow).toContainText('Refusée');
  await expect(refusedRow).toContainText('Votre atelier de transformation est hors du Jura.');
  await expect(refusedRow).toContainText('Hélène Vuillermoz');

  await page.getByRole('article', { name: accepted }).getByRole('button', { name: 'Accepter' }).click();
  await expect(pageStatus(page)).toHaveText(`La candidature de ${accepted} est acceptée.`);
  await expect(decisions.getByRole('row', { name: new RegExp(`^${accepted.replace(/[()]/g, '\\$&')}`) })).toContainText(
    'Acceptée',
  );
  // Every column of the decisions (who decided, why) is on screen, a phone's too: no column cut off at its edge.
  await expectNoHiddenOverflow(decisions);
  await expectAccessible();
  await snap('brand-applications-decided');

  // The decisions reached the API: the accepted producer is a member of the brand, the other one is not.
  const { brand } = await graphqlCall<{ brand: { members: { producer: { name: string } }[] } }>(
    request,
    `{ brand(slug: "${BRAND_SLUG}") { members(status: APPROVED) { producer { name } } } }`,
  );
  const members = brand.members.map((member) => member.producer.name);
  expect(members).toContain(accepted);
  expect(members).not.toContain(refused);
});

/** A demo producer of Made in Jura (an approved member) asks for the brand's label on a new product of its own. */
async function labelRequest(request: APIRequestContext, name: string): Promise<{ id: string; slug: string }> {
  const token = await apiLogin(request, 'fromagerie@revermont.example', DEMO_PASSWORD);
  const { me } = await graphqlCall<{ me: { memberships: { organization: { id: string; kind: string } }[] } }>(
    request,
    '{ me { memberships { organization { id kind } } } }',
    {},
    token,
  );
  const producerId = me.memberships.find((membership) => membership.organization.kind === 'PRODUCER')!.organization.id;
  const { createProduct } = await graphqlCall<{ createProduct: { id: string; slug: string } }>(
    request,
    'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id slug } }',
    {
      input: {
        producerId,
        name,
        description: `${name}, affiné au Revermont.`,
        category: 'DAIRY_CHEESE',
        unit: 'KG',
        priceCents: 2600,
        vatRate: 0.055,
        stock: 20,
      },
    },
    token,
  );
  await graphqlCall(
    request,
    'mutation ($p: ID!, $b: ID!) { requestProductLabel(productId: $p, brandId: $b) { id } }',
    { p: createProduct.id, b: await madeInJuraId(request) },
    token,
  );
  return createProduct;
}

test('the brand manager grants a label, which shows on the public product page, and refuses another with a reason the producer reads', async ({
  page,
  request,
  snap,
  expectAccessible,
}, testInfo: TestInfo) => {
  const granted = `Comté des Essais ${testInfo.project.name}`;
  const refused = `Morbier des Essais ${testInfo.project.name}`;
  const grantedProduct = await labelRequest(request, granted);
  const refusedProduct = await labelRequest(request, refused);

  await signInAt(page, '/marque', MANAGER);
  await page.getByRole('link', { name: 'Demandes de label' }).click();
  await expect(page).toHaveURL(/\/marque\/labels$/);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Demandes de label' })).toBeVisible();
  const grantedCard = page.getByRole('article', { name: granted });
  await expect(grantedCard).toContainText('Fromagerie du Revermont');
  await expectAccessible();
  await snap('brand-labels');

  // A refusal needs a reason: the API's message next to it, nothing decided.
  const refusedCard = page.getByRole('article', { name: refused });
  await refusedCard.getByRole('button', { name: 'Refuser' }).click();
  const reason = refusedCard.getByLabel('Motif de la décision');
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription('Indiquez le motif du refus : le producteur le lira.');
  await reason.fill('Le morbier doit être affiné 45 jours au moins, selon la charte.');
  await refusedCard.getByRole('button', { name: 'Refuser' }).click();
  await expect(pageStatus(page)).toHaveText(`Le label de « ${refused} » est refusé.`);

  await page.getByRole('article', { name: granted }).getByRole('button', { name: 'Accorder le label' }).click();
  await expect(pageStatus(page)).toHaveText(`Le label de « ${granted} » est accordé.`);
  const decisions = page.getByRole('region', { name: 'Dernières décisions : tableau' });
  await expect(decisions.getByRole('row', { name: new RegExp(`^${granted}`) })).toContainText('Accordé');
  await expect(decisions.getByRole('row', { name: new RegExp(`^${refused}`) })).toContainText(
    'Le morbier doit être affiné 45 jours au moins',
  );
  await expectAccessible();
  await snap('brand-labels-decided');

  // The label shows on the public product page; the refused one does not.
  await page.goto(`/produits/${grantedProduct.slug}`);
  await expect(page.getByRole('list', { name: 'Marques de territoire' })).toContainText('Made in Jura');
  await page.goto(`/produits/${refusedProduct.slug}`);
  await expect(page.getByRole('heading', { level: 1, name: refused })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Marques de territoire' })).toHaveCount(0);

  // The producer reads the refusal and its reason on its product's form.
  await (await accountNav(page)).getByRole('button', { name: /Se déconnecter/ }).click();
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();
  await signInAt(page, `/producteur/produits/${refusedProduct.id}`, 'fromagerie@revermont.example');
  const labels = page.getByRole('region', { name: 'Labels de marque' });
  await expect(labels).toContainText('Label refusé');
  await expect(labels).toContainText(
    'Motif de la marque : « Le morbier doit être affiné 45 jours au moins, selon la charte. »',
  );
  await expect(labels.getByRole('button', { name: 'Demander à nouveau le label Made in Jura' })).toBeVisible();
  await expectAccessible();
  await snap('producer-label-refused');
});

/** Made in Jura's manager decides on a label or a membership through the API, as any API client would (set-up). */
async function managerDecides(
  request: APIRequestContext,
  mutation: 'decideProductLabel' | 'decideBrandMembership',
  id: string,
): Promise<void> {
  await graphqlCall(
    request,
    `mutation ($id: ID!) { ${mutation}(id: $id, approve: true) { id } }`,
    { id },
    await apiLogin(request, MANAGER, DEMO_PASSWORD),
  );
}

test('the brand manager withdraws a label it granted, only with a reason: the product no longer shows it', async ({
  page,
  request,
  snap,
  expectAccessible,
}, testInfo: TestInfo) => {
  // A label of the test's own, granted, so that no other journey loses one.
  const name = `Bleu de Gex du retrait ${testInfo.project.name}`;
  const product = await labelRequest(request, name);
  const token = await apiLogin(request, MANAGER, DEMO_PASSWORD);
  const { productLabels } = await graphqlCall<{
    productLabels: { edges: { node: { id: string; product: { id: string } } }[] };
  }>(
    request,
    'query ($b: ID!) { productLabels(brandId: $b, status: PENDING, first: 100) { edges { node { id product { id } } } } }',
    { b: await madeInJuraId(request) },
    token,
  );
  const labelId = productLabels.edges.find((edge) => edge.node.product.id === product.id)!.node.id;
  await managerDecides(request, 'decideProductLabel', labelId);
  await page.goto(`/produits/${product.slug}`);
  await expect(page.getByRole('list', { name: 'Marques de territoire' })).toContainText('Made in Jura');

  await signInAt(page, '/marque/labels', MANAGER);
  const decisions = page.getByRole('region', { name: 'Dernières décisions : tableau' });
  const row = decisions.getByRole('row', { name: new RegExp(`^${name}`) });
  await expect(row).toContainText('Accordé');

  // « Retirer » unfolds what the withdrawal does, and asks for the reason.
  const withdraw = row.locator('details.withdraw');
  await withdraw.locator('summary').click();
  await expect(withdraw).toHaveAttribute('open', '');
  await expect(withdraw.locator('summary')).toHaveAccessibleName(`Retirer le label de ${name}`);
  await expect(withdraw).toContainText(
    `« ${name} » perdra le label Made in Jura : il ne l’affichera plus sur sa fiche ni dans le catalogue`,
  );
  await expectAccessible();
  await snap('brand-label-withdraw');

  // Without a reason: refused next to it, nothing withdrawn, the form still open.
  await withdraw.getByRole('button', { name: 'Retirer le label' }).click();
  const reason = row.getByLabel('Motif du retrait');
  await expect(reason).toHaveAttribute('aria-invalid', 'true');
  await expect(reason).toHaveAccessibleDescription(/Indiquez le motif du retrait\s: le producteur le lira\./);
  await expect(row).toContainText('Accordé');
  await expectAccessible();
  await snap('brand-label-withdraw-no-reason');

  await reason.fill('Le lait vient désormais hors du Jura : la charte n’est plus respectée.');
  await row.getByRole('button', { name: 'Retirer le label' }).click();
  await expect(pageStatus(page)).toHaveText(`Le label de « ${name} » est retiré.`);
  const withdrawn = decisions.getByRole('row', { name: new RegExp(`^${name}`) });
  await expect(withdrawn).toContainText('Retiré');
  await expect(withdrawn).toContainText('Le lait vient désormais hors du Jura');
  await expect(withdrawn.locator('details.withdraw')).toHaveCount(0);
  await expectNoHiddenOverflow(decisions);
  await expectAccessible();
  await snap('brand-label-withdrawn');

  // The public product page no longer shows the label.
  await page.goto(`/produits/${product.slug}`);
  await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Marques de territoire' })).toHaveCount(0);
});

test('the brand manager pages through the labels it granted: the 21st newest is on the second page, still withdrawable', async ({
  page,
  request,
  snap,
  expectAccessible,
}, testInfo: TestInfo) => {
  test.slow(); // dozens of products and decisions set up through the API
  // A producer of the test's own, admitted to Made in Jura, with one granted label more than a page (20).
  const run = `${testInfo.project.name} ${Date.now().toString(36)}`;
  const producer = await newApplicant(request, `Fruitière des Pages (${run})`);
  const brandId = await madeInJuraId(request);
  const token = await apiLogin(request, MANAGER, DEMO_PASSWORD);
  const decide = (mutation: 'decideProductLabel' | 'decideBrandMembership', id: string) =>
    graphqlCall(request, `mutation ($id: ID!) { ${mutation}(id: $id, approve: true) { id } }`, { id }, token);
  const { brand } = await graphqlCall<{ brand: { members: { id: string; producer: { id: string } }[] } }>(
    request,
    `{ brand(slug: "${BRAND_SLUG}") { members(status: PENDING) { id producer { id } } } }`,
    {},
    token,
  );
  await decide('decideBrandMembership', brand.members.find((member) => member.producer.id === producer.producerId)!.id);
  const names = Array.from({ length: 21 }, (_, index) => `Comté n° ${String(index + 1).padStart(2, '0')} ${run}`);
  for (const productId of await createProducts(request, producer, names)) {
    const { requestProductLabel } = await graphqlCall<{ requestProductLabel: { id: string } }>(
      request,
      'mutation ($p: ID!, $b: ID!) { requestProductLabel(productId: $p, brandId: $b) { id } }',
      { p: productId, b: brandId },
      producer.token,
    );
    await decide('decideProductLabel', requestProductLabel.id);
  }
  const [oldest, newest] = [names[0], names[20]];

  await signInAt(page, '/marque/labels', MANAGER);
  await page.getByRole('navigation', { name: 'Décisions par sorte' }).getByRole('link', { name: 'Accordés' }).click();
  await expect(page).toHaveURL(/\/marque\/labels\?decisions=accordes$/);
  await expect(page.getByRole('heading', { level: 2, name: /^Labels accordés \(\d+\)$/ })).toBeVisible();
  const decisions = page.getByRole('region', { name: /^Labels accordés \(\d+\) : tableau$/ });
  await expect(decisions.getByRole('row', { name: new RegExp(`^${newest}`) })).toContainText('Accordé');
  await expect(decisions.getByRole('row', { name: new RegExp(`^${oldest}`) })).toHaveCount(0);
  const pages = page.getByRole('navigation', { name: 'Pages des décisions' });
  await pages.getByRole('link', { name: 'Décisions suivantes' }).click();
  await expect(page).toHaveURL(/\?decisions=accordes&apres-decisions=[^&]+$/);
  const row = decisions.getByRole('row', { name: new RegExp(`^${oldest}`) });
  await expect(row).toContainText('Accordé');
  await expect(decisions.getByRole('row', { name: new RegExp(`^${newest}`) })).toHaveCount(0);
  await expect(row.locator('details.withdraw summary')).toHaveAccessibleName(`Retirer le label de ${oldest}`);
  await expectAccessible();
  await snap('brand-labels-granted-page-2');

  // Back to the first page, then to the latest decisions of every kind.
  await pages.getByRole('link', { name: 'Premières décisions' }).click();
  await expect(page).toHaveURL(/\?decisions=accordes$/);
  await expect(decisions.getByRole('row', { name: new RegExp(`^${newest}`) })).toBeVisible();
  await page.getByRole('navigation', { name: 'Décisions par sorte' }).getByRole('link', { name: 'Dernières' }).click();
  await expect(page).toHaveURL(/\/marque\/labels$/);
  await expect(
    page
      .getByRole('region', { name: 'Dernières décisions : tableau' })
      .getByRole('row', { name: new RegExp(`^${newest}`) }),
  ).toBeVisible();
});

test('the brand manager withdraws a member, only with a reason: it leaves the brand', async ({
  page,
  request,
  snap,
  expectAccessible,
}, testInfo: TestInfo) => {
  // A member of the test's own (a new producer, accepted), so that no demo producer leaves the brand.
  const { name: member } = await newApplicant(request, `Distillerie du retrait (${testInfo.project.name})`);
  const { brand } = await graphqlCall<{ brand: { members: { id: string; producer: { name: string } }[] } }>(
    request,
    `{ brand(slug: "${BRAND_SLUG}") { members(status: PENDING) { id producer { name } } } }`,
    {},
    await apiLogin(request, MANAGER, DEMO_PASSWORD),
  );
  await managerDecides(request, 'decideBrandMembership', brand.members.find((m) => m.producer.name === member)!.id);

  await signInAt(page, '/marque/candidatures', MANAGER);
  const decisions = page.getByRole('region', { name: 'Décisions prises : tableau' });
  const row = decisions.getByRole('row', { name: new RegExp(`^${member.replace(/[()]/g, '\\$&')}`) });
  await expect(row).toContainText('Acceptée');
  const withdraw = row.locator('details.withdraw');
  await withdraw.locator('summary').click();
  await expect(withdraw).toContainText(`${member} quittera Made in Jura : ses produits perdront aussitôt le label`);
  await withdraw.getByRole('button', { name: 'Retirer de la marque' }).click();
  const reason = row.getByLabel('Motif du retrait');
  await expect(reason).toHaveAccessibleDescription(/Indiquez le motif du retrait\s: le producteur le lira\./);
  await reason.fill('La distillerie a déménagé hors du Jura.');
  await row.getByRole('button', { name: 'Retirer de la marque' }).click();
  await expect(pageStatus(page)).toHaveText(
    `${member} ne fait plus partie de Made in Jura : ses produits n’affichent plus le label.`,
  );
  await expect(row).toContainText('Retirée');
  await expect(row).toContainText('La distillerie a déménagé hors du Jura.');
  await expectAccessible();
  await snap('brand-member-withdrawn');

  const { brand: after } = await graphqlCall<{ brand: { members: { producer: { name: string } }[] } }>(
    request,
    `{ brand(slug: "${BRAND_SLUG}") { members(status: APPROVED) { producer { name } } } }`,
  );
  expect(after.members.map((m) => m.producer.name)).not.toContain(member);
});

test('the brand manager writes the public page — charter, territory, logo — and the public page shows it with the saved CO₂e', async ({
  page,
  request,
  snap,
  expectAccessible,
}, testInfo: TestInfo) => {
  // An upload, three pages and the public page's yearly figure: more than the usual journey.
  test.slow();
  const charter = `Cultivé, élevé et transformé dans le Jura, par ceux qui y vivent (${testInfo.project.name}).`;
  const territory =
    'Du Revermont au Haut-Jura : des plateaux de prairies, des fruitières de village, des forêts de sapins.\n\nIci, le comté s’affine des mois en cave.';
  await signInAt(page, '/marque', MANAGER);
  await page.getByRole('link', { name: 'Modifier la page publique' }).click();
  await expect(page).toHaveURL(/\/marque\/page$/);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1, name: 'Page publique de Made in Jura' })).toBeVisible();

  // An empty charter is refused with its reason next to it; nothing is saved.
  await page.getByLabel('Charte du label').fill('   ');
  await page.getByRole('button', { name: 'Enregistrer la page' }).click();
  const charterField = page.getByLabel('Charte du label');
  await expect(charterField).toHaveAttribute('aria-invalid', 'true');
  await expect(charterField).toHaveAccessibleDescription(/La charte dit ce que promet le label/);
  await expectAccessible();
  await snap('brand-page-charter-missing');

  await charterField.fill(charter);
  await page.getByLabel('Le territoire').fill(territory);
  const logo = await sharp({ create: { width: 480, height: 480, channels: 3, background: '#1f5f3a' } })
    .png()
    .toBuffer();
  await page.getByLabel('Ajouter un logo').setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: logo });
  await page.getByRole('button', { name: 'Enregistrer la page' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Page de la marque enregistrée.' })).toBeVisible();
  await expect(page.getByRole('img', { name: 'Logo actuel de Made in Jura' })).toBeVisible();
  await expect(page.getByLabel('Charte du label')).toHaveValue(charter);
  await expectAccessible();
  await snap('brand-page-saved');

  // The public page: the charter, the logo, the territory in paragraphs, and what the transport saved (or cost).
  const { brand } = await graphqlCall<{
    brand: { impact: { from: string; to: string; orderCount: number; savedKgCo2e: number } };
  }>(request, `{ brand(slug: "${BRAND_SLUG}") { impact { from to orderCount savedKgCo2e } } }`);
  await page.getByRole('link', { name: 'Voir la page publique' }).click();
  await expect(page).toHaveURL(new RegExp(`/marques/${BRAND_SLUG}$`));
  await waitForHydration(page);
  await expect(page.getByRole('region', { name: 'La charte' }).locator('blockquote')).toHaveText(charter);
  await expect(page.getByRole('img', { name: 'Logo de Made in Jura' })).toBeVisible();
  const territorySection = page.getByRole('region', { name: 'Le territoire' });
  await expect(territorySection.locator('p')).toHaveText([
    'Du Revermont au Haut-Jura : des plateaux de prairies, des fruitières de village, des forêts de sapins.',
    'Ici, le comté s’affine des mois en cave.',
  ]);
  const impact = page.getByRole('region', { name: 'Le carbone du transport' });
  expect(brand.impact.orderCount).toBeGreaterThan(0);
  const saved = brand.impact.savedKgCo2e;
  expect(await textOf(figure(page, saved < 0 ? 'Émis en plus par le transport' : 'CO₂e évité par le transport'))).toBe(
    kgCo2e(Math.abs(saved)),
  );
  await expect(impact).toContainText('comparé à la même marchandise passée par une plateforme régionale');
  await impact.getByRole('link', { name: 'Comment ce chiffre est calculé' }).click();
  await impact.getByText(/^Méthode de calcul/).click();
  await expect(impact.getByText(/^Méthode de calcul/)).toContainText(/\(version 1\.0\//);
  await expect(impact).toContainText('selon la norme ISO 14083');
  // Every product card begins with its picture, a plain block for a product with no photo yet (the one this spec
  // created): the cards of a row line up.
  const pictureHeights = await page
    .locator('.product-card')
    .evaluateAll((cards) =>
      cards.map((card) => Math.round(card.querySelector('.product-card__photo')?.getBoundingClientRect().height ?? 0)),
    );
  expect(pictureHeights.length).toBeGreaterThan(1);
  expect(Math.min(...pictureHeights)).toBeGreaterThan(0);
  expect(new Set(pictureHeights).size).toBe(1);
  await expectAccessible();
  await snap('brand-public-page');
});
