import { readFile } from 'node:fs/promises';
import type { Locator } from '@playwright/test';
import { accountNav, DEMO_PASSWORD, expect, expectNoHiddenOverflow, plain, test } from './support/fixtures';
import { apiLogin, graphqlCall } from './support/graphql';
import { figure, figureNote } from './support/report-figures';
import { signInAt } from './support/sign-in';

/**
 * WEB.md §2, business buyer: the RSE report of /pro/rse. The demo's Restaurant Le Comtois had one order delivered
 * this year (two producers of the Jura, by their vans): its report must say what `rseSummary` says, tell the loss
 * against the conventional chain as a loss, and export the lines an accountant can use.
 */
const RESTAURANT = 'chef@lecomtois.example';

// An export starts at the outbox's next poll (100 ms by default): every 2 s here, so that the page shows it waiting
// and follows it to the end, as it would a large export.
test.use({ ancrageEnv: { OUTBOX_POLL_MS: '2000' } });

/** This year up to today, in Paris: the page's default period. */
const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const PERIOD = { from: `${today.slice(0, 4)}-01-01`, to: today };

/** fr-FR figures as the page prints them, with plain spaces (compare with `plain`). */
const decimals = (value: number, digits = 2) =>
  plain(new Intl.NumberFormat('fr-FR', { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value));
const kgCo2e = (value: number) => `${decimals(value)} kg CO₂e`;
const euros = (cents: number) =>
  plain(new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100));
const percent = (share: number) => `${decimals(share * 100, 1)} %`;
const monthName = (yearMonth: string) =>
  new Intl.DateTimeFormat('fr-FR', { month: 'long', year: 'numeric', timeZone: 'Europe/Paris' }).format(
    new Date(`${yearMonth}-15T12:00:00Z`),
  );

interface Summary {
  spendCents: number;
  creditedCents: number;
  localSpendShare: number;
  labelledSpendShare: number;
  supplierCount: number;
  localSupplierCount: number;
  emissionsKgCo2e: number;
  scope3Cat4KgCo2e: number;
  scope1BuyerKgCo2e: number;
  baselineKgCo2e: number;
  savedKgCo2e: number;
  primaryDataShare: number;
  dataTiers: {
    primaryKgCo2e: number;
    modelledKgCo2e: number;
    defaultKgCo2e: number;
    primaryShare: number;
    modelledShare: number;
    defaultShare: number;
  };
  methodVersions: string[];
  byMonth: { month: string; emissionsKgCo2e: number; baselineKgCo2e: number }[];
  bySupplier: {
    producerName: string;
    producerSiret: string;
    spendCents: number;
    creditedCents: number;
    emissionsKgCo2e: number;
  }[];
}

/**
 * What the API says of the restaurant's period, asked as any API client would; and what the credit notes it received
 * took off its invoices, excluding VAT (the demo credits two packs of butter on one of them).
 */
async function restaurantSummary(
  request: Parameters<typeof apiLogin>[0],
): Promise<Summary & { creditNotesSubtotalCents: number }> {
  const token = await apiLogin(request, RESTAURANT, DEMO_PASSWORD);
  const { me } = await graphqlCall<{ me: { memberships: { organization: { id: string; kind: string } }[] } }>(
    request,
    '{ me { memberships { organization { id kind } } } }',
    {},
    token,
  );
  const organizationId = me.memberships.find((membership) => membership.organization.kind === 'BUSINESS')!.organization
    .id;
  const { rseSummary } = await graphqlCall<{ rseSummary: Summary }>(
    request,
    `query ($o: ID!, $from: Date!, $to: Date!) { rseSummary(organizationId: $o, from: $from, to: $to) {
      spendCents creditedCents localSpendShare labelledSpendShare supplierCount localSupplierCount emissionsKgCo2e scope3Cat4KgCo2e
      scope1BuyerKgCo2e baselineKgCo2e savedKgCo2e primaryDataShare methodVersions
      dataTiers { primaryKgCo2e modelledKgCo2e defaultKgCo2e primaryShare modelledShare defaultShare }
      byMonth { month emissionsKgCo2e baselineKgCo2e } bySupplier { producerName producerSiret spendCents creditedCents emissionsKgCo2e } } }`,
    { o: organizationId, ...PERIOD },
    token,
  );
  const { invoices } = await graphqlCall<{
    invoices: { edges: { node: { creditNotes: { subtotalCents: number }[] } }[] };
  }>(
    request,
    `query ($o: ID!, $from: Date!, $to: Date!) { invoices(organizationId: $o, direction: RECEIVED, from: $from, to: $to,
      first: 100) { edges { node { creditNotes { subtotalCents } } } } }`,
    { o: organizationId, ...PERIOD },
    token,
  );
  const creditNotesSubtotalCents = invoices.edges
    .flatMap((edge) => edge.node.creditNotes)
    .reduce((sum, note) => sum + note.subtotalCents, 0);
  return { ...rseSummary, creditNotesSubtotalCents };
}

const textOf = async (locator: Locator) => plain(await locator.innerText());

test('the restaurant reads its RSE report: the API’s figures, the loss told as a loss, charts with their tables', async ({
  page,
  request,
  snap,
  expectAccessible,
}) => {
  const summary = await restaurantSummary(request);
  expect(summary.supplierCount).toBeGreaterThan(0);
  await signInAt(page, '/pro/rse', RESTAURANT);

  await expect(page.getByRole('heading', { level: 1, name: 'Bilan RSE de vos achats' })).toBeVisible();
  await expect(page.getByLabel('Du', { exact: true })).toHaveValue(PERIOD.from);
  await expect(page.getByLabel('Au (inclus)')).toHaveValue(PERIOD.to);
  await expect(page.getByLabel('Rayon « local » (km)')).toHaveValue('100');
  // The period's line keeps its colon with the date before it (a no-break space, French typography): « … 2026 : ».
  expect(await page.locator('.rse-report__period').textContent()).toMatch(
    new RegExp(`^Du .+ au .+ ${PERIOD.to.slice(0, 4)}\u00a0: ${summary.supplierCount} fournisseurs?, `),
  );

  expect(await textOf(figure(page, 'Dépenses'))).toBe(euros(summary.spendCents));
  // The demo's credit note (two packs of butter damaged) comes off the spend, excluding VAT, and the page says how much.
  expect(summary.creditedCents).toBeGreaterThan(0);
  expect(summary.creditedCents).toBe(summary.creditNotesSubtotalCents);
  expect(await textOf(figureNote(page, 'Dépenses'))).toBe(
    `hors TVA, frais de livraison exclus, avoirs déduits : −${euros(summary.creditedCents)}`,
  );
  expect(await textOf(figure(page, 'Part des achats locaux'))).toBe(percent(summary.localSpendShare));
  expect(await textOf(figure(page, 'Part des produits labellisés'))).toBe(percent(summary.labelledSpendShare));
  expect(await textOf(figure(page, 'Fournisseurs'))).toBe(String(summary.supplierCount));
  expect(await textOf(figure(page, 'Scope 3, catégorie 4 \\(BEGES poste 3\\.1\\)'))).toBe(
    kgCo2e(summary.scope3Cat4KgCo2e),
  );
  expect(await textOf(figure(page, 'Scope 1\\u00a0: vos propres retraits'))).toBe(kgCo2e(summary.scope1BuyerKgCo2e));
  expect(await textOf(figure(page, 'Total du transport'))).toBe(kgCo2e(summary.emissionsKgCo2e));
  expect(await textOf(figure(page, 'Chaîne classique \\(référence\\)'))).toBe(kgCo2e(summary.baselineKgCo2e));
  expect(await textOf(figure(page, 'Part issue de données mesurées'))).toBe(percent(summary.primaryDataShare));
  // How much of the figure is primary, modelled or default (§7.3), each in kg CO₂e and as a share, summing up.
  const tiers = page.getByRole('group', { name: 'D’où vient ce chiffre' });
  const tierFigure = (term: string) =>
    tiers
      .locator('.report-figures > div')
      .filter({ has: page.locator('dt', { hasText: term }) })
      .locator('dd')
      .first();
  const { dataTiers } = summary;
  for (const [term, kg, share] of [
    ['Données primaires', dataTiers.primaryKgCo2e, dataTiers.primaryShare],
    ['Tournée modélisée', dataTiers.modelledKgCo2e, dataTiers.modelledShare],
    ['Valeur par défaut', dataTiers.defaultKgCo2e, dataTiers.defaultShare],
  ] as const)
    expect(await textOf(tierFigure(term))).toBe(`${kgCo2e(kg)} · ${percent(share)}`);
  expect(dataTiers.primaryKgCo2e + dataTiers.modelledKgCo2e + dataTiers.defaultKgCo2e).toBeCloseTo(
    summary.emissionsKgCo2e,
    6,
  );
  // The demo restaurant's order came by two vans whose drivers read their odometer: primary data, all of it.
  expect(dataTiers.primaryShare).toBeCloseTo(summary.primaryDataShare, 9);
  expect(dataTiers.primaryShare).toBe(1);

  // The demo's vans drove for a few dozen kilos: a loss, said as one, with what would change it — never in green.
  expect(summary.savedKgCo2e).toBeLessThan(0);
  const comparison = page.getByRole('region', { name: 'Comparaison avec une chaîne classique' });
  expect(await textOf(comparison)).toContain(
    `Le transport de vos achats de la période émet ${kgCo2e(-summary.savedKgCo2e)} de plus qu’une chaîne d’approvisionnement classique.`,
  );
  await expect(comparison).toContainText('Ce qui réduirait cet écart : une tournée partagée');
  await expect(page.locator('.saving--positive')).toHaveCount(0);
  await comparison.getByText(/^Méthode de calcul/).click();
  await expect(comparison.getByText(/La version se lit ainsi/)).toBeVisible();
  await expect(comparison.getByText(/^Méthode de calcul/)).toContainText(summary.methodVersions.join(', '));

  // Each chart is an image with its sentence, and a table beside it with every figure.
  // By month: every month of the period has its row, those without deliveries said so.
  const byMonth = page.getByRole('figure', { name: 'Émissions du transport et chaîne classique, par mois' });
  const [delivered] = summary.byMonth;
  await expect(byMonth.getByRole('img')).toHaveAccessibleName(
    new RegExp(`^${monthName(delivered.month)}\\s: émissions du transport`),
  );
  const monthsOfPeriod = Array.from(
    { length: Number(PERIOD.to.slice(5, 7)) },
    (_, index) => `${PERIOD.from.slice(0, 4)}-${String(index + 1).padStart(2, '0')}`,
  );
  await expect(byMonth.getByRole('row')).toHaveCount(1 + monthsOfPeriod.length);
  for (const month of monthsOfPeriod) {
    const row = byMonth.getByRole('row', { name: new RegExp(`^${monthName(month)}`) });
    const cells = (await row.getByRole('cell').allInnerTexts()).map(plain);
    const figures = summary.byMonth.find((candidate) => candidate.month === month);
    if (figures) expect(cells.slice(0, 2)).toEqual([kgCo2e(figures.emissionsKgCo2e), kgCo2e(figures.baselineKgCo2e)]);
    else expect(cells).toEqual(['aucune livraison']);
  }

  const bySupplier = page.getByRole('figure', { name: 'Par fournisseur' });
  for (const supplier of summary.bySupplier) {
    const row = bySupplier.getByRole('row', { name: new RegExp(`^${supplier.producerName}`) });
    // Its SIRET as people read it, in groups (SIREN by three, then the establishment's five digits), never glued.
    const [, a, b, c, establishment] = /^(\d{3})(\d{3})(\d{3})(\d{5})$/.exec(supplier.producerSiret)!;
    expect(await textOf(row)).toContain(`${a} ${b} ${c} ${establishment}`);
    expect(await textOf(row)).not.toContain(supplier.producerSiret);
    expect(await textOf(row)).toContain(kgCo2e(supplier.emissionsKgCo2e));
    // Its spend, net of its credit notes, and under it what they took off (only for a supplier that issued one).
    const spend = row.locator('td[data-label="Dépenses"]');
    expect((await textOf(spend)).replace(/\s+/g, ' ')).toBe(
      supplier.creditedCents > 0
        ? `${euros(supplier.spendCents)} avoirs déduits : −${euros(supplier.creditedCents)}`
        : euros(supplier.spendCents),
    );
  }
  // The demo's one credit note, 6,50 € including VAT (two packs of butter at 5,5 %): −6,16 € excluding VAT, on the
  // row of the producer that issued it, and only there.
  const credited = summary.bySupplier.filter((supplier) => supplier.creditedCents > 0);
  expect(credited.map((supplier) => supplier.creditedCents)).toEqual([616]);
  await expect(bySupplier.locator('.rse-credited')).toHaveCount(1);
  const creditedRow = bySupplier.getByRole('row', { name: new RegExp(`^${credited[0]!.producerName}`) });
  expect(plain(await creditedRow.locator('.rse-credited').textContent())).toBe('avoirs déduits : −6,16 €');
  await expect(
    page
      .getByRole('figure', { name: 'Par catégorie de produits' })
      .getByRole('rowheader', { name: 'Produits laitiers et fromages' }),
  ).toBeVisible();
  // Every column of each chart's table is on screen, a phone's too (there each row is a card): none cut off.
  const chartTables = page.getByRole('region', { name: / : tableau des valeurs$/ });
  await expect(chartTables).toHaveCount(3);
  for (const table of await chartTables.all()) await expectNoHiddenOverflow(table);

  await expectAccessible();
  await snap('rse-report');
});

test('the restaurant exports its report: the progress bar reaches the end, the CSV then the PDF download', async ({
  page,
  snap,
  expectAccessible,
}) => {
  await signInAt(page, '/pro/rse', RESTAURANT);
  const exportPanel = page.getByRole('region', { name: 'Exporter le bilan' });
  await expect(exportPanel.getByRole('radio', { name: /^CSV/ })).toBeChecked();
  let polls = 0;
  page.on('request', (sent) => {
    if (/\/pro\/rse\/exports\/[^/]+\/etat\b/.test(sent.url())) polls++;
  });
  await exportPanel.getByRole('button', { name: 'Préparer le fichier' }).click();
  await expect(page).toHaveURL(/[?&]export=/);

  const csvProgress = exportPanel.getByRole('progressbar', { name: /^Fichier CSV/ });
  const firstShown = (await csvProgress.getAttribute('value')) === '1' ? 'DONE' : 'NOT_DONE';
  await snap('rse-export-requested');
  await expect(csvProgress).toHaveAccessibleName('Fichier CSV : prêt (100 %)');
  await expect(csvProgress).toHaveAttribute('value', '1');
  // Unless the job was done before the page was (rare: it waits for the next poll), the page asked where it stood
  // every second; once done, it stops asking.
  expect(firstShown === 'DONE' || polls > 0).toBe(true);
  const pollsWhenDone = polls;
  await page.waitForTimeout(1500);
  expect(polls).toBe(pollsWhenDone);
  await expect(exportPanel.getByRole('status')).toHaveText(/Votre fichier est prêt\u00a0: \d+ lignes?\./);
  const rowCount = Number(/(\d+) ligne/.exec(await exportPanel.getByRole('status').innerText())![1]);
  await expectAccessible();
  await snap('rse-export-ready');

  const csvLink = exportPanel.getByRole('link', { name: 'Télécharger le fichier CSV' });
  const [csv] = await Promise.all([page.waitForEvent('download'), csvLink.click()]);
  expect(csv.suggestedFilename()).toBe(`ancrage-rse-${PERIOD.from}-${PERIOD.to}.csv`);
  const lines = (await readFile((await csv.path())!, 'utf8'))
    .replace(/^\uFEFF/, '')
    .trim()
    .split(/\r?\n/);
  const header = lines[0].split(';');
  // CARBON-METHOD.md §9: the accountant's columns, each line with its scope, tier, factor, version, baseline and difference.
  for (const column of [
    'buyer_siret',
    'producer_siret',
    'mass_kg',
    'spend_eur_excl_vat',
    'ghg_scope',
    'distance_type',
    'transport_tkm',
    'emissions_kgco2e_wtw',
    'factor_id',
    'method_version',
    'data_tier',
    'baseline_kgco2e',
    'difference_kgco2e',
  ]) {
    expect(header).toContain(column);
  }
  expect(lines).toHaveLength(1 + rowCount);
  // The link answers the file as the API serves it: its type and its name.
  const served = await page.request.get((await csvLink.getAttribute('href'))!);
  expect(served.headers()['content-type']).toBe('text/csv; charset=utf-8');
  expect(served.headers()['content-disposition']).toBe(
    `attachment; filename="ancrage-rse-${PERIOD.from}-${PERIOD.to}.csv"`,
  );

  await exportPanel.getByRole('radio', { name: /^PDF/ }).check();
  await exportPanel.getByRole('button', { name: 'Préparer le fichier' }).click();
  await expect(exportPanel.getByRole('progressbar', { name: /^Fichier PDF/ })).toHaveAccessibleName(
    'Fichier PDF : prêt (100 %)',
  );
  const [pdf] = await Promise.all([
    page.waitForEvent('download'),
    exportPanel.getByRole('link', { name: 'Télécharger le fichier PDF' }).click(),
  ]);
  expect(pdf.suggestedFilename()).toBe(`ancrage-rse-${PERIOD.from}-${PERIOD.to}.pdf`);
  expect((await readFile((await pdf.path())!)).subarray(0, 5).toString('latin1')).toBe('%PDF-');
});

test('a period longer than 366 days is refused next to its date, keeping what was typed', async ({
  page,
  snap,
  expectAccessible,
}) => {
  await signInAt(page, '/pro/rse', RESTAURANT);
  const lastDay = page.getByLabel('Au (inclus)');
  await page.getByLabel('Du', { exact: true }).fill('2024-01-01');
  await lastDay.fill(PERIOD.to);
  await page.getByRole('button', { name: 'Afficher' }).click();

  await expect(lastDay).toHaveAttribute('aria-invalid', 'true');
  await expect(lastDay).toHaveAccessibleDescription(
    'Un bilan couvre au plus 366 jours : choisissez une période d’un an au plus.',
  );
  await expect(page.getByLabel('Du', { exact: true })).toHaveValue('2024-01-01');
  await expect(lastDay).toHaveValue(PERIOD.to);
  await expect(page.getByRole('region', { name: 'Vos achats' })).toHaveCount(0);
  await expectAccessible();
  await snap('rse-period-too-long');
});

test('a period without deliveries says what the report counts; a person with no business is told who it is for', async ({
  page,
  snap,
  expectAccessible,
}) => {
  await signInAt(page, '/pro/rse', RESTAURANT);
  const lastYear = String(Number(PERIOD.from.slice(0, 4)) - 1);
  await page.getByLabel('Du', { exact: true }).fill(`${lastYear}-01-01`);
  await page.getByLabel('Au (inclus)').fill(`${lastYear}-12-31`);
  await page.getByRole('button', { name: 'Afficher' }).click();
  await expect(
    page.getByText(`Aucun achat livré à Restaurant Le Comtois du 1er janvier ${lastYear} au 31 décembre ${lastYear}.`),
  ).toBeVisible();
  await expect(page.getByRole('region', { name: 'Exporter le bilan' })).toHaveCount(0);
  // Where to look instead: this year so far, not the year before an already past one.
  await expect(page.getByRole('link', { name: `Voir l’année ${PERIOD.from.slice(0, 4)}` })).toHaveAttribute(
    'href',
    '/pro/rse',
  );
  await expectAccessible();
  await snap('rse-empty-period');

  await (await accountNav(page)).getByRole('button', { name: /Se déconnecter/ }).click();
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();
  await signInAt(page, '/pro/rse', 'marie.dupont@example.org');
  await expect(page.getByText('Cet espace est réservé aux entreprises qui achètent sur Ancrage.')).toBeVisible();
  await expectAccessible();
  await snap('rse-not-a-business');
});
