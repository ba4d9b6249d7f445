import type { Page } from '@playwright/test';
import { expect, plain, test, pageWithoutJavaScript } from './support/fixtures';
import { NEW_PASSWORD } from './support/buying';
import { createProducts, newProducer, PRODUCER, signIn } from './support/producer';
import { signInAt } from './support/sign-in';

/**
 * WEB.md §2, the producer's row: `/producteur/produits` (the table with price and stock saved in place) and the
 * product form (`/producteur/produits/nouveau`, `/producteur/produits/:id`) with the brand label requests.
 */

const BRAND = 'Tout commence en Finistère';

/** Each screen size's run edits a demo product of its own and creates a product of its own: the runs may share a server. */
const RUNS: Record<
  string,
  {
    demo: string;
    price: string;
    priceExcludingVat: string;
    stock: string;
    stockShown: string;
    created: string;
    withoutJs: string;
  }
> = {
  desktop: {
    demo: 'Échalotes de Bretagne',
    price: '4,01 € TTC / kg',
    priceExcludingVat: '3,80 € HT / kg',
    stock: '87,5',
    stockShown: 'En stock : 87,5 kg',
    created: 'Poireaux primeurs (grand écran)',
    withoutJs: 'Tomates cœur de bœuf',
  },
  mobile: {
    demo: 'Choux-fleurs',
    price: '2,32 € TTC / pièce',
    priceExcludingVat: '2,20 € HT / pièce',
    stock: '64',
    stockShown: 'En stock : 64 pièces',
    created: 'Poireaux primeurs (mobile)',
    withoutJs: 'Artichauts camus',
  },
};

const row = (page: Page, name: string) =>
  page.getByRole('row').filter({ has: page.getByRole('link', { name, exact: true }) });

/** The public product page, read as a buyer reads it. */
async function publicPage(page: Page, open: (path: string) => Promise<void>, productId: string) {
  await open(`/produits/${productId}`);
  return {
    price: plain(await page.locator('.product-buy__price').textContent()),
    text: plain(await page.locator('main').textContent()),
  };
}

test('a producer edits stock and price in place, creates a product with a B2B tier, and asks for its brand label', async ({
  page,
  open,
  snap,
  expectAccessible,
}, testInfo) => {
  const run = RUNS[testInfo.project.name];
  await signIn(page, PRODUCER.login);
  await open('/producteur');
  await page.getByRole('navigation', { name: 'Espace producteur' }).getByRole('link', { name: 'Produits' }).click();
  await expect(page).toHaveURL(/\/producteur\/produits$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes produits');

  const demo = row(page, run.demo);
  await expect(demo.getByRole('cell').first()).toHaveText(/Légumes frais/);
  await expect(demo).toContainText('En vente');
  await expect(demo).toContainText(BRAND);
  const demoId = (await demo.getByRole('link', { name: run.demo }).getAttribute('href'))!.split('/').pop()!;
  await expectAccessible();
  await snap('producer-products');

  // Filtered by a word of its name and its category: it stays, the fruit goes; « Tout afficher » brings all back.
  const filters = page.getByRole('search', { name: 'Filtrer mes produits' });
  await filters.getByLabel('Rechercher').fill(run.demo.split(' ')[0]);
  await filters.getByLabel('Catégorie').selectOption({ label: 'Légumes frais' });
  await filters.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page).toHaveURL(/q=.+&categorie=FRESH_VEGETABLES/);
  await expect(row(page, run.demo)).toBeVisible();
  await expect(row(page, 'Fraises de Plougastel 500 g')).toHaveCount(0);
  await expect(page.getByText(/^\d+ produits? correspond/)).toBeVisible();
  await snap('producer-products-filtered');
  await filters.getByRole('link', { name: 'Tout afficher' }).click();
  await expect(page).toHaveURL(/\/producteur\/produits$/);
  await expect(row(page, 'Fraises de Plougastel 500 g')).toBeVisible();

  // The stock, saved in its cell without reloading the page: the row shows it, and so does the public page at once.
  await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
  const stock = demo.getByLabel(`Stock de ${run.demo}`);
  await stock.fill(run.stock);
  await demo.getByRole('button', { name: `Enregistrer Stock de ${run.demo}` }).click();
  await expect(demo.getByRole('status').filter({ hasText: 'Enregistré' })).toBeVisible();
  await expect(stock).toHaveValue(run.stock);
  expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);

  // A negative price: the API's message on that cell, what was typed kept, and the price unchanged.
  const price = demo.getByLabel(`Prix hors TVA de ${run.demo}`);
  await price.fill('-3');
  await demo.getByRole('button', { name: `Enregistrer Prix hors TVA de ${run.demo}` }).click();
  await expect(demo.getByRole('alert')).toHaveText('Un prix doit être zéro ou plus, en euros et centimes.');
  await expect(price).toHaveValue('-3');
  await expect(price).toHaveAttribute('aria-invalid', 'true');
  await expect(stock).toHaveValue(run.stock);
  await expectAccessible();
  await snap('producer-products-price-refused');

  const shown = await publicPage(page, open, demoId);
  // The public page reads as a consumer reads it: the price including VAT, the producer's own price beside it.
  expect(shown.price).toBe(run.price);
  expect(shown.text).toContain(`TVA 5,5 % incluse · soit ${run.priceExcludingVat}`);
  expect(shown.text).toContain(run.stockShown);

  const field = (label: string) => page.getByLabel(label, { exact: true });
  // A new product through the form: a CIQUAL code too short is refused next to its field, and nothing typed is lost.
  await open('/producteur/produits');
  await page.getByRole('link', { name: 'Nouveau produit' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nouveau produit');
  await field('Nom').fill(run.created);
  await field('Description (facultative)').fill('Poireaux fins, récoltés le matin même.');
  await field('Catégorie').selectOption({ label: 'Légumes frais' });
  await field('Unité de vente').selectOption({ label: 'À la pièce' });
  await field('Masse d’une unité (kg)').fill('0,4');
  await field('Prix hors TVA (€ par unité)').fill('2,20');
  await field('Stock (en unités de vente)').fill('120');
  await field('Palier 1 : à partir de (quantité)').fill('24');
  await field('Palier 1 : prix hors TVA (€ par unité)').fill('1,90');
  await field('Agriculture biologique').check();
  await field('Code CIQUAL (facultatif)').fill('12');
  await page.getByRole('button', { name: 'Créer le produit' }).click();

  const ciqual = field('Code CIQUAL (facultatif)');
  await expect(page.locator('#produit-ciqual-erreur')).toHaveText(
    'Un code CIQUAL compte de 3 à 6 chiffres, ou laissez le champ vide.',
  );
  await expect(ciqual).toHaveAttribute('aria-invalid', 'true');
  await expect(ciqual).toHaveValue('12');
  await expect(field('Nom')).toHaveValue(run.created);
  await expect(field('Unité de vente')).toHaveValue('PIECE');
  await expect(field('Prix hors TVA (€ par unité)')).toHaveValue('2,20');
  await expect(field('Palier 1 : prix hors TVA (€ par unité)')).toHaveValue('1,90');
  await expect(field('Agriculture biologique')).toBeChecked();
  await expectAccessible();
  await snap('producer-product-new-refused');

  await ciqual.fill('20047');
  await page.getByRole('button', { name: 'Créer le produit' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(run.created);
  await expect(page.getByRole('status')).toContainText('Produit créé');
  const createdId = new URL(page.url()).pathname.split('/').pop()!;

  // A price that is no amount, on the edit page: said next to the price, the text kept.
  const editPrice = field('Prix hors TVA (€ par unité)');
  await editPrice.fill('abc');
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(page.locator('#produit-prix-erreur')).toHaveText(
    'Saisissez un montant en euros, par exemple 2,20 (deux décimales au plus).',
  );
  await expect(editPrice).toHaveValue('abc');
  await editPrice.fill('2,20');
  await field('Stock (en unités de vente)').fill('110');
  await field('Quantité minimale de commande (facultative)').fill('6');
  await page.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(page.getByText('Modifications enregistrées.')).toBeVisible();
  await expect(field('Stock (en unités de vente)')).toHaveValue('110');
  await expect(field('Quantité minimale de commande (facultative)')).toHaveValue('6');
  await expect(editPrice).toHaveValue('2,20');
  await expect(field('Palier 1 : prix hors TVA (€ par unité)')).toHaveValue('1,90');

  // The brand label: asked for, the request shows pending.
  const labels = page.getByRole('region', { name: 'Labels de marque' });
  await labels.getByRole('button', { name: `Demander le label ${BRAND}` }).click();
  await expect(labels).toContainText(`${BRAND}Demande envoyée : En attente`);
  await expectAccessible();
  await snap('producer-product-edit');

  // Listed with its price, and on sale on its public page.
  await open('/producteur/produits');
  const created = row(page, run.created);
  await expect(created.getByLabel(`Prix hors TVA de ${run.created}`)).toHaveValue('2,20');
  await expect(created.getByLabel(`Stock de ${run.created}`)).toHaveValue('110');
  await expect(created).toContainText('À la pièce');
  const createdPage = await publicPage(page, open, createdId);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(run.created);
  expect(createdPage.price).toBe('2,32 € TTC / pièce');
  expect(createdPage.text).toContain('soit 2,20 € HT / pièce');
  expect(createdPage.text).toContain('Agriculture biologique');
  expect(createdPage.text).toContain('Commande minimale6 pièces');

  // Withdrawn after a confirmation that says what it does: gone from the table and from the catalogue.
  await open(`/producteur/produits/${createdId}`);
  await page.getByText(`Retirer ${run.created} de la vente…`).click();
  await expect(page.getByText('Le produit disparaît du catalogue')).toBeVisible();
  await page.getByRole('button', { name: `Oui, retirer ${run.created} de la vente` }).click();
  await expect(page.getByText(`« ${run.created} » est retiré de la vente`)).toBeVisible();
  await expect(row(page, run.created)).toHaveCount(0);
  expect((await page.request.get(`/produits/${createdId}`)).status()).toBe(404);

  // Listed under « Retirés de la vente » with its price and stock, and put back on sale from there as it was.
  await page.getByRole('link', { name: /^Retirés de la vente \(\d+\)$/ }).click();
  await expect(page).toHaveURL(/vue=retires/);
  await expect(page.getByRole('link', { name: /^Retirés de la vente/ })).toHaveAttribute('aria-current', 'page');
  const withdrawnRow = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: run.created }) });
  await expect(withdrawnRow).toContainText('2,20 € / pièce');
  await expect(withdrawnRow).toContainText('110 pièces');
  await expectAccessible();
  await snap('producer-products-withdrawn');
  await withdrawnRow.getByRole('button', { name: `Remettre en vente ${run.created}` }).click();
  await expect(page.getByText(`« ${run.created} » est de nouveau en vente`)).toBeVisible();
  await expect(withdrawnRow).toHaveCount(0);
  await page.getByRole('link', { name: 'Voir les produits en vente' }).click();
  await expect(row(page, run.created).getByLabel(`Stock de ${run.created}`)).toHaveValue('110');
  expect((await page.request.get(`/produits/${createdId}`)).status()).toBe(200);
});

test('a producer with more products than a page holds walks to the next page, with its filters, and back', async ({
  page,
  request,
  snap,
  expectAccessible,
}, testInfo) => {
  test.slow(); // dozens of products and decisions set up through the API
  // A producer of the test's own with one product more than a page (50): the oldest is alone on the second page.
  const producer = await newProducer(request, `Fromagerie des Pages (${testInfo.project.name})`);
  const names = Array.from({ length: 51 }, (_, index) => `Tomme n° ${String(index + 1).padStart(2, '0')}`);
  await createProducts(request, producer, names);
  const [oldest, newest] = [names[0], names[50]];

  await signInAt(page, '/producteur/produits', producer.email, NEW_PASSWORD);
  await expect(page.getByRole('link', { name: 'En vente (51)' })).toBeVisible();
  await expect(row(page, newest)).toBeVisible();
  await expect(row(page, oldest)).toHaveCount(0);
  await expect(page.getByText('51 produits en vente, 50 par page, des plus récents aux plus anciens.')).toBeVisible();
  const pages = page.getByRole('navigation', { name: 'Pages de mes produits' });
  await expect(pages.getByRole('link', { name: 'Premiers produits' })).toHaveCount(0);
  await pages.getByRole('link', { name: 'Produits suivants' }).click();
  await expect(page).toHaveURL(/\/producteur\/produits\?apres=[^&]+$/);
  await expect(row(page, oldest)).toBeVisible();
  await expect(row(page, newest)).toHaveCount(0);
  await expect(pages.getByRole('link', { name: 'Produits suivants' })).toHaveCount(0);
  await expectAccessible();
  await snap('producer-products-next-page');

  // Its stock saved in place on the second page: the page stays the second.
  await row(page, oldest).getByLabel(`Stock de ${oldest}`).fill('12');
  await row(page, oldest)
    .getByRole('button', { name: `Enregistrer Stock de ${oldest}` })
    .click();
  await expect(row(page, oldest).getByRole('status').filter({ hasText: 'Enregistré' })).toBeVisible();
  await expect(page).toHaveURL(/\?apres=/);

  // Filtered, the pages keep the filters; a stale cursor gives the first page of the same list.
  await pages.getByRole('link', { name: 'Premiers produits' }).click();
  await expect(row(page, newest)).toBeVisible();
  const filters = page.getByRole('search', { name: 'Filtrer mes produits' });
  await filters.getByLabel('Rechercher').fill('Tomme');
  await filters.getByRole('button', { name: 'Filtrer' }).click();
  await expect(page.getByText('51 produits correspondent à ces filtres, 50 par page')).toBeVisible();
  await pages.getByRole('link', { name: 'Produits suivants' }).click();
  await expect(page).toHaveURL(/\?q=Tomme&apres=[^&]+$/);
  await expect(row(page, oldest)).toBeVisible();
  await page.goto('/producteur/produits?q=Tomme&apres=pas-un-curseur');
  await expect(page).toHaveURL(/\/producteur\/produits\?q=Tomme$/);
  await expect(row(page, newest)).toBeVisible();
});

test('without JavaScript, a stock is saved in its cell by a full page, and a refused one is said on its cell', async ({
  page,
  browser,
  baseURL,
}, testInfo) => {
  const { withoutJs } = RUNS[testInfo.project.name];
  await signIn(page, PRODUCER.login);
  const noJs = await pageWithoutJavaScript(browser, page, baseURL);
  await noJs.goto('/producteur/produits');
  const product = row(noJs, withoutJs);
  const stock = product.getByLabel(`Stock de ${withoutJs}`);
  await stock.fill('33');
  await product.getByRole('button', { name: `Enregistrer Stock de ${withoutJs}` }).click();
  await expect(product.getByText('Enregistré', { exact: true })).toBeVisible();
  await expect(stock).toHaveValue('33');

  await stock.fill('-1');
  await product.getByRole('button', { name: `Enregistrer Stock de ${withoutJs}` }).click();
  await expect(product.getByRole('alert')).toHaveText('La quantité doit être zéro ou plus.');
  await expect(stock).toHaveValue('-1');
  await noJs.goto('/producteur/produits');
  await expect(row(noJs, withoutJs).getByLabel(`Stock de ${withoutJs}`)).toHaveValue('33');
  await noJs.context().close();
});

test('a signed-in person who works for no producer is told the catalogue pages are the producers’', async ({
  page,
  open,
}) => {
  await signIn(page, 'cantine@quimper.example');
  for (const path of [
    '/producteur/produits',
    '/producteur/produits/nouveau',
    '/producteur/produits/00000000-0000-4000-8000-000000000000',
  ]) {
    await open(path);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Espace producteur');
    await expect(page.getByText('Cet espace est réservé aux producteurs.')).toBeVisible();
  }
});
