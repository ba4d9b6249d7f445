import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, plain, test, waitForHydration } from './support/fixtures';
import { signIn as buyerSignIn } from './support/buying';
import { graphqlCall } from './support/graphql';
import { addDays, isoWeekday } from './support/days';
import { PRODUCER, signIn } from './support/producer';
import { firstOfMonth } from '../app/lib/format';

/**
 * Delivery days (PRODUCT.md §7): the producer sets the days its van goes out and sees the dates buyers will be
 * offered; a business picks one of them at checkout (a closed day refused next to its field); the producer finds
 * the order under that day, with the day's pick list and its printable preparation sheet.
 */

const BUYER = { login: 'restauration@arsenal-brest.example', name: "Restaurant d'entreprise du port de Brest" };
const VAN = 'Livraison par nos soins';

/** Each screen size's run buys a product of its own: the day's pick list then shows exactly this run's quantity. */
const RUNS: Record<string, { product: string; quantity: number; total: string }> = {
  desktop: { product: 'Échalotes de Bretagne', quantity: 20, total: '20 kg' },
  mobile: { product: 'Choux-fleurs', quantity: 30, total: '30 pièces' },
};

interface ProducerOptions {
  productId: string;
  van: { id: string };
}

async function producerOptions(request: APIRequestContext, productName: string): Promise<ProducerOptions> {
  const { products } = await graphqlCall<{
    products: {
      edges: { node: { id: string; name: string; producer: { deliveryOptions: { id: string; label: string }[] } } }[];
    };
  }>(
    request,
    'query ($text: String!) { products(filter: { text: $text }, first: 10) { edges { node { id name producer { deliveryOptions { id label } } } } } }',
    { text: productName },
  );
  const product = products.edges.map((edge) => edge.node).find((node) => node.name === productName)!;
  return { productId: product.id, van: product.producer.deliveryOptions.find((option) => option.label === VAN)! };
}

const nextDates = async (request: APIRequestContext, optionId: string, first: number) =>
  (
    await graphqlCall<{ nextDeliveryDates: string[] }>(
      request,
      'query ($id: ID!, $first: Int) { nextDeliveryDates(deliveryOptionId: $id, first: $first) }',
      { id: optionId, first },
    )
  ).nextDeliveryDates;

const longDay = (day: string) =>
  firstOfMonth(
    new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
      new Date(`${day}T12:00:00Z`),
    ),
  );

/** The card of a delivery option on /producteur/livraisons. */
const optionCard = (page: Page, label: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name: label, exact: true }) });

test('a producer sets its delivery days and sees the next dates; a buyer picks one; the producer prepares that day', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}, testInfo) => {
  const run = RUNS[testInfo.project.name];
  const { productId, van } = await producerOptions(request, run.product);

  // The producer: Mondays and Thursdays, orders closing 36 h before (a cut-off of 1,000 h is refused on its field).
  await signIn(page, PRODUCER.login);
  await open('/producteur/livraisons');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Modes de livraison');
  await expect(optionCard(page, VAN)).toContainText('mardi et vendredi');
  const vanCard = plain(await optionCard(page, VAN).innerText());
  expect(vanCard).not.toMatch(/vul_|porteur_|velo_/);
  await optionCard(page, VAN)
    .getByRole('link', { name: `Modifier « ${VAN} »` })
    .click();
  const form = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Modifier « ${VAN} »` }) });
  await waitForHydration(page);
  // The van's vehicle is chosen in the list by its French label, as its card shows it.
  const vehicle = form.getByLabel('Véhicule', { exact: true });
  const vehicleName = (await vehicle.locator('option:checked').innerText()).trim();
  await expect(vehicle).not.toHaveValue('');
  expect(vanCard).toContain(vehicleName);
  const days = form.getByRole('group', { name: 'Jours de livraison' });
  for (const [day, wanted] of [
    ['lundi', true],
    ['mardi', false],
    ['jeudi', true],
    ['vendredi', false],
  ] as const)
    await days.getByLabel(day, { exact: true }).setChecked(wanted);
  const cutoff = form.getByLabel(/^Fin des commandes/);
  await cutoff.fill('1000');
  await form.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(
    form.getByText(
      'La fin des commandes est un nombre entier d’heures avant le jour de livraison, de 0 à 336 (deux semaines).',
    ),
  ).toBeVisible();
  await expect(cutoff).toHaveAttribute('aria-invalid', 'true');
  await expect(days.getByLabel('lundi', { exact: true })).toBeChecked();
  await expect(vehicle.locator('option:checked')).toHaveText(vehicleName);
  await expectAccessible();
  await snap('delivery-days-cutoff-refused');

  await cutoff.fill('36');
  await form.getByRole('button', { name: 'Enregistrer les modifications' }).click();
  await expect(page.getByRole('status')).toHaveText(`Le mode de livraison « ${VAN} » est modifié.`);
  const card = optionCard(page, VAN);
  await expect(card).toContainText('lundi et jeudi');
  await expect(card).toContainText('36 h avant : 2 jours avant à 12 h');
  // The next dates, as buyers see them: the API's, every one a Monday or a Thursday.
  const offered = await nextDates(request, van.id, 4);
  expect(offered.every((day) => [1, 4].includes(isoWeekday(day)))).toBe(true);
  await expect(
    card.getByRole('list', { name: `Prochaines dates de livraison de « ${VAN} »` }).locator('time'),
  ).toHaveCount(4);
  expect(await card.locator('time').evaluateAll((times) => times.map((time) => time.getAttribute('datetime')))).toEqual(
    offered,
  );
  await expectAccessible();
  await snap('delivery-days-options');

  // An option added with its days, then archived: buyers no longer see it.
  const label = `Tournée du samedi (${testInfo.project.name})`;
  const add = page.getByRole('region', { name: 'Ajouter un mode de livraison' });
  await add.getByLabel('Nom du mode de livraison').fill(label);
  await add
    .getByRole('combobox', { name: 'Véhicule' })
    .selectOption({ label: 'VUL électrique ≤3,5 t (recharge réseau France)' });
  await add.getByRole('group', { name: 'Jours de livraison' }).getByLabel('samedi', { exact: true }).check();
  await add.getByRole('button', { name: 'Ajouter ce mode de livraison' }).click();
  await expect(page.getByRole('status')).toHaveText(`Le mode de livraison « ${label} » est ajouté.`);
  await expect(optionCard(page, label)).toContainText('samedi');
  await expect(optionCard(page, label)).toContainText('VUL électrique ≤3,5 t (recharge réseau France)');
  await optionCard(page, label)
    .getByRole('button', { name: `Archiver « ${label} »` })
    .click();
  await expect(page.getByRole('status')).toContainText(`« ${label} » est archivé`);
  await expect(optionCard(page, label)).toHaveCount(0);

  // The buyer: the van, on the second date offered; a day the van does not go out is refused next to the field.
  await page.context().clearCookies();
  await buyerSignIn(page, BUYER.login, DEMO_PASSWORD, '/panier');
  await open(`/produits/${productId}`);
  await waitForHydration(page);
  await page.getByLabel(/^Quantité/).fill(String(run.quantity));
  await page.getByRole('button', { name: 'Ajouter au panier' }).click();
  await expect(page.getByText('Ajouté au panier.')).toBeVisible();
  await open('/panier');
  const choice = page.getByRole('group', { name: `Livraison par ${PRODUCER.name}` });
  await Promise.all([
    page.waitForResponse(
      (response) => new URL(response.url()).pathname.startsWith('/panier') && response.request().method() === 'POST',
    ),
    choice.getByRole('radio', { name: new RegExp(`^${VAN}`) }).check(),
  ]);
  const cartDate = page.getByLabel(`Jour de livraison chez ${PRODUCER.name}`);
  await expect(cartDate).toHaveValue(offered[0]);
  const chosen = offered[1];
  // The choice saves itself: wait for the cart to have kept it.
  await Promise.all([
    page.waitForResponse(
      (response) => new URL(response.url()).pathname.startsWith('/panier') && response.request().method() === 'POST',
    ),
    cartDate.selectOption(chosen),
  ]);
  await expect(cartDate).toHaveValue(chosen);
  await expectAccessible();
  await snap('delivery-days-cart');
  await page.getByRole('link', { name: 'Passer la commande' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Passer la commande' })).toBeVisible();
  await waitForHydration(page);
  const checkoutDate = page.getByLabel(`Jour de livraison chez ${PRODUCER.name}`);
  await expect(checkoutDate).toHaveValue(chosen);

  // A Sunday slipped into the list (as a stale page would post it): the API refuses it on that field.
  const sunday = addDays(chosen, 7 - isoWeekday(chosen));
  await checkoutDate.evaluate((select: HTMLSelectElement, day) => select.add(new Option(day, day, true, true)), sunday);
  await page.getByRole('button', { name: /^Passer la commande/ }).click();
  const refusedDate = page.getByLabel(`Jour de livraison chez ${PRODUCER.name}`);
  await expect(refusedDate).toHaveAttribute('aria-invalid', 'true');
  await expect(
    page.getByText(
      `${PRODUCER.name} ne livre pas le ${firstOfMonth(new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(new Date(`${sunday}T12:00:00Z`)))} avec ce mode de livraison`,
    ),
  ).toBeVisible();
  await expectAccessible();
  await snap('delivery-days-checkout-refused');

  await refusedDate.selectOption(chosen);
  await page.getByRole('button', { name: /^Passer la commande/ }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Merci, votre commande est passée' })).toBeVisible();
  const part = page.getByRole('region', { name: PRODUCER.name });
  await expect(part).toContainText(
    // With its weekday, as the cart and the checkout said it.
    `Livraison le ${longDay(chosen)}`,
  );
  const orderNumber = (await page.getByRole('heading', { level: 1 }).innerText()).replace('Commande ', '');
  await expectAccessible();
  await snap('delivery-days-order');

  // The producer finds it under that day, with the day's pick list, and prints the day's sheet.
  await page.context().clearCookies();
  await signIn(page, PRODUCER.login);
  await open('/producteur');
  const day = page.getByRole('region', { name: new RegExp(`^${longDay(chosen)}`) });
  await expect(day.getByRole('link', { name: `Commande ${orderNumber}` })).toBeVisible();
  await expect(day.getByRole('listitem').filter({ hasText: orderNumber })).toContainText(BUYER.name);
  await expect(day.getByRole('listitem').filter({ hasText: orderNumber })).toContainText('Quai de la Douane');
  // Just placed, it is for the producer an order to confirm (the buyer reads « Passée »).
  await expect(day.getByRole('listitem').filter({ hasText: orderNumber })).toContainText('· À confirmer');
  const dayPick = day.getByRole('region', { name: /^Liste de préparation du .+ \d{4}$/ });
  await expect(
    dayPick
      .getByRole('row', { name: new RegExp(run.product) })
      .getByRole('cell')
      .first(),
  ).toHaveText(run.total);
  await expect(orderCard(page, orderNumber)).toContainText(`Jour de livraison${longDay(chosen)}`);
  await expectAccessible();
  await snap('delivery-days-producer-orders');

  await day.getByRole('link', { name: /^Fiche de préparation/ }).click();
  await expect(page).toHaveURL(new RegExp(`/producteur/preparation/${chosen}$`));
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(
    `Fiche de préparation du ${longDay(chosen)} ${chosen.slice(0, 4)}`,
  );
  const sheetPart = page.getByRole('article', { name: new RegExp(`^Commande ${orderNumber}`) });
  await expect(sheetPart).toContainText(run.total);
  await expect(sheetPart).toContainText('Étape : À confirmer');
  await expect(
    page
      .getByRole('region', { name: 'Quantités à préparer', exact: true })
      .getByRole('row', { name: new RegExp(run.product) })
      .getByRole('cell')
      .first(),
  ).toHaveText(run.total);
  await expect(page.getByRole('button', { name: 'Imprimer la fiche' })).toBeVisible();
  await expectAccessible();
  await snap('delivery-days-preparation');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('button', { name: 'Imprimer la fiche' })).toBeHidden();
  await snap('delivery-days-preparation-print');
});

const orderCard = (page: Page, orderNumber: string) =>
  page.getByRole('article', { name: `Commande ${orderNumber}`, exact: true });
