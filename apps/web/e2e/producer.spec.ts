import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, expectNoHiddenOverflow, plain, test } from './support/fixtures';
import { firstDeliveryDate, graphqlCall } from './support/graphql';
import { apiSession, PRODUCER, signIn } from './support/producer';
import { firstOfMonth } from '../app/lib/format';

/**
 * WEB.md §2, the producer's row: `/producteur` (orders to prepare, pick list, one-click moves, the odometer at
 * delivery) and `/producteur/paiements` (where Stripe's onboarding sends the producer back).
 */

const VAN_BUYER = { login: 'cantine@quimper.example', name: 'Cantine scolaire de Kerfeunteun' };
const PICKUP_BUYER = { login: 'restauration@arsenal-brest.example', name: "Restaurant d'entreprise du port de Brest" };

/**
 * Each screen size's run places its own two orders, of products of its own: the runs may share one server, and the
 * pick list's totals are then exactly this run's. `main` is in both orders, `side` in the delivered one only.
 */
const RUNS: Record<string, { main: string; quantities: [number, number]; total: string; side: [string, number] }> = {
  desktop: {
    main: 'Artichauts camus',
    quantities: [50, 30],
    total: '80 pièces',
    side: ['Fraises de Plougastel 500 g', 10],
  },
  mobile: { main: 'Tomates cœur de bœuf', quantities: [15, 12.5], total: '27,5 kg', side: ['Choux-fleurs', 4] },
};

/** Each run's quantity of its `side` product in a van order of the round journey. */
const ROUND_QUANTITIES: Record<string, number> = { desktop: 10, mobile: 24 };

/** A business buyer signed in to the API. */
type Buyer = Awaited<ReturnType<typeof apiSession>>;

interface CatalogProduct {
  id: string;
  name: string;
  producer: { id: string; deliveryOptions: { id: string; mode: string }[] };
}

async function productNamed(request: APIRequestContext, name: string): Promise<CatalogProduct> {
  const { products } = await graphqlCall<{ products: { edges: { node: CatalogProduct }[] } }>(
    request,
    'query ($text: String!) { products(filter: { text: $text }, first: 10) { edges { node { id name producer { id deliveryOptions { id mode } } } } } }',
    { text: name },
  );
  return products.edges.map((edge) => edge.node).find((product) => product.name === name)!;
}

/** A business orders from the producer through the API (the checkout page is tested elsewhere), paying by invoice. */
async function placeOrder(
  request: APIRequestContext,
  buyer: Buyer,
  lines: [string, number][],
  mode: 'PRODUCER_DELIVERY' | 'PICKUP',
): Promise<{ id: string; number: string; supplierOrderId: string }> {
  const products = await Promise.all(lines.map(([name]) => productNamed(request, name)));
  const { producer } = products[0];
  const deliveryOptionId = producer.deliveryOptions.find((option) => option.mode === mode)!.id;
  const { placeOrder } = await graphqlCall<{
    placeOrder: { id: string; number: string; supplierOrders: { id: string }[] };
  }>(
    request,
    'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id number supplierOrders { id } } }',
    {
      input: {
        buyerOrganizationId: buyer.organizationId,
        lines: products.map((product, index) => ({ productId: product.id, quantity: lines[index][1] })),
        deliveries: [
          {
            producerId: producer.id,
            deliveryOptionId,
            deliveryDate: await firstDeliveryDate(request, deliveryOptionId),
          },
        ],
        paymentMethod: 'INVOICE',
        idempotencyKey: randomUUID(),
      },
    },
    buyer.token,
  );
  return { id: placeOrder.id, number: placeOrder.number, supplierOrderId: placeOrder.supplierOrders[0].id };
}

/** The producer takes its part from placed to delivered through the API (the buttons are tested above). */
async function deliver(request: APIRequestContext, producerToken: string, supplierOrderId: string): Promise<void> {
  for (const status of ['CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED']) {
    await graphqlCall(
      request,
      'mutation ($id: ID!, $status: SupplierOrderStatus!) { updateSupplierOrderStatus(id: $id, status: $status) { id } }',
      { id: supplierOrderId, status },
      producerToken,
    );
  }
}

/** Today on the Paris calendar as the page says a day: « samedi 5 décembre ». */
const parisToday = () =>
  firstOfMonth(
    new Intl.DateTimeFormat('fr-FR', {
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      timeZone: 'Europe/Paris',
    }).format(new Date()),
  );

/** The page's groups of orders (a section per step) and the card of one order. */
const group = (page: Page, title: string) => page.getByRole('region', { name: new RegExp(`^${title} \\(`) });
const card = (scope: Page | ReturnType<typeof group>, orderNumber: string) =>
  scope.getByRole('article', { name: `Commande ${orderNumber}`, exact: true });

test('a producer sees its orders by step with the pick list, and takes one from confirmation to delivery with the odometer', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}, testInfo) => {
  const run = RUNS[testInfo.project.name];
  const delivered = (
    await placeOrder(
      request,
      await apiSession(request, VAN_BUYER.login, 'BUSINESS'),
      [[run.main, run.quantities[0]], run.side],
      'PRODUCER_DELIVERY',
    )
  ).number;
  const cancelled = (
    await placeOrder(
      request,
      await apiSession(request, PICKUP_BUYER.login, 'BUSINESS'),
      [[run.main, run.quantities[1]]],
      'PICKUP',
    )
  ).number;

  await signIn(page, PRODUCER.login);
  await open('/producteur');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Commandes à préparer');
  await expect(page.getByText(`Les commandes reçues par ${PRODUCER.name}`)).toBeVisible();

  // Both new orders wait for confirmation, with their buyer, their delivery and their lines.
  const toConfirm = group(page, 'À confirmer');
  const vanOrder = card(toConfirm, delivered);
  await expect(vanOrder).toContainText(VAN_BUYER.name);
  await expect(vanOrder).toContainText('Livraison par nos soins (livraison par le producteur)');
  // Received, as the producer says it (« passée » is the buyer's word).
  await expect(vanOrder.locator('dt', { hasText: /^Reçue le$/ })).toHaveCount(1);
  await expect(vanOrder.locator('dt', { hasText: /^Passée le$/ })).toHaveCount(0);
  // Paid by invoice: nothing to wait for before confirming (card parts awaiting payment: card-payment.spec.ts).
  await expect(vanOrder).toContainText('Sur facture, après livraison');
  await expect(vanOrder.getByRole('row', { name: new RegExp(run.main) })).toBeVisible();
  await expect(vanOrder.getByRole('row', { name: new RegExp(run.side[0]) })).toBeVisible();
  await expect(card(toConfirm, cancelled)).toContainText(PICKUP_BUYER.name);
  await expect(card(toConfirm, cancelled)).toContainText('Retrait à la ferme (retrait chez le producteur)');
  await expectAccessible();
  await snap('producer-orders');

  // Confirming moves each order to the orders to prepare, and the pick list adds up their quantities.
  await card(page, delivered)
    .getByRole('button', { name: /^Confirmer/ })
    .click();
  await expect(page.getByRole('status')).toHaveText(
    new RegExp(`La commande ${delivered} est maintenant «\u00a0Confirmée\u00a0»`),
  );
  await expect(card(group(page, 'À préparer'), delivered)).toBeVisible();
  await card(page, cancelled)
    .getByRole('button', { name: /^Confirmer/ })
    .click();
  await expect(card(group(page, 'À préparer'), cancelled)).toBeVisible();
  // The orders by delivery day name each one's delivery and step as its card does.
  await expect(page.getByRole('listitem').filter({ hasText: `Commande ${cancelled} —` })).toContainText(
    'Retrait à la ferme (retrait chez le producteur) · Confirmée',
  );

  const pickList = page.getByRole('region', { name: 'Quantités à préparer', exact: true });
  const mainRow = pickList.getByRole('row', { name: new RegExp(run.main) });
  await expect(mainRow.getByRole('cell').first()).toHaveText(run.total);
  await expect(mainRow.getByRole('cell').last()).toHaveText('2');
  await expect(
    pickList
      .getByRole('row', { name: new RegExp(run.side[0]) })
      .getByRole('cell')
      .last(),
  ).toHaveText('1');
  // The page, its delivery-day cards and their pick lists included, is no wider than the screen (a phone's too).
  await expect(page.getByRole('region', { name: /^Liste de préparation du .+ \d{4}$/ }).first()).toBeVisible();
  await expectNoHiddenOverflow(page.locator('html'));
  await expectAccessible();
  await snap('producer-orders-to-prepare');

  // Ready, then on its way: each click shows the order in its new group.
  await card(page, delivered)
    .getByRole('button', { name: /^Marquer prête/ })
    .click();
  await expect(card(group(page, 'Prêtes'), delivered)).toBeVisible();
  await card(page, delivered)
    .getByRole('button', { name: /^Expédier/ })
    .click();
  await expect(card(group(page, 'En route'), delivered)).toBeVisible();

  // A negative odometer reading: the API's message in French, next to the field, and the figure kept.
  const onItsWay = card(group(page, 'En route'), delivered);
  const odometer = onItsWay.getByLabel('Kilomètres parcourus (aller)');
  await expect(onItsWay.getByText('Elle remplace la distance estimée')).toBeVisible();
  await odometer.fill('-5');
  await onItsWay.getByRole('button', { name: /^Marquer livrée/ }).click();
  await expect(onItsWay.getByRole('alert')).toHaveText(
    'La distance parcourue doit être plus grande que 0 et d’au plus 2000 km, pour l’aller seul.',
  );
  await expect(odometer).toHaveValue('-5');
  await expect(odometer).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible();
  await snap('producer-odometer-refused');

  await odometer.fill('42');
  await onItsWay.getByRole('button', { name: /^Marquer livrée/ }).click();
  await expect(page.getByRole('status')).toHaveText(
    new RegExp(`La commande ${delivered} est maintenant «\u00a0Livrée\u00a0»`),
  );
  await expect(card(page, delivered)).toHaveCount(0);

  // Delivered orders have a tab of their own: the reported distance replaced the estimate.
  await page.getByRole('link', { name: 'Livrées', exact: true }).click();
  await expect(page).toHaveURL(/statut=livrees/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Commandes livrées');
  const deliveredCard = card(group(page, 'Livrées'), delivered);
  await expect(deliveredCard).toContainText('42,0 km, relevée au compteur par le producteur');
  await expect(deliveredCard.getByRole('button')).toHaveCount(0);
  // Its emissions, with how they are computed and the method's version a click away.
  await deliveredCard.getByText('Comment est-ce calculé').click();
  await expect(deliveredCard).toContainText(/Version de la méthode\u00a0: 1\.0\//);
  await expectAccessible();
  await snap('producer-orders-delivered');

  // The other order is cancelled, after a confirmation that says what it does.
  await page.getByRole('link', { name: 'En cours', exact: true }).click();
  const toCancel = card(group(page, 'À préparer'), cancelled);
  await toCancel.getByText('Annuler la commande…').click();
  await expect(toCancel.getByText('L’annulation est définitive')).toBeVisible();
  await toCancel.getByLabel('Motif (facultatif)').fill('Grêle sur la parcelle');
  await toCancel.getByRole('button', { name: `Oui, annuler la commande ${cancelled}` }).click();
  await expect(page.getByRole('status')).toHaveText(
    new RegExp(`La commande ${cancelled} est maintenant «\u00a0Annulée\u00a0»`),
  );
  await page.getByRole('link', { name: 'Annulées', exact: true }).click();
  await expect(card(group(page, 'Annulées'), cancelled)).toContainText('motif : Grêle sur la parcelle');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Commandes annulées');
});

test('the cancelled orders page by twenty with cursors, the newest first', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}) => {
  const buyer = await apiSession(request, PICKUP_BUYER.login, 'BUSINESS');
  let newest = '';
  for (let placed = 0; placed < 21; placed++) {
    const order = await placeOrder(request, buyer, [['Échalotes de Bretagne', 1]], 'PICKUP');
    await graphqlCall(
      request,
      'mutation ($id: ID!) { cancelOrder(id: $id, reason: "Doublon") { id } }',
      { id: order.id },
      buyer.token,
    );
    newest = order.number;
  }

  await signIn(page, PRODUCER.login);
  await open('/producteur?statut=annulees');
  const titles = group(page, 'Annulées').getByRole('heading', { level: 3 });
  await expect(titles).toHaveCount(20);
  await expect(titles.first()).toHaveText(`Commande ${newest}`);
  const firstPage = await titles.allTextContents();
  await expectAccessible();
  await snap('producer-orders-cancelled');

  await page.getByRole('link', { name: 'Commandes plus anciennes' }).click();
  await expect(page).toHaveURL(/statut=annulees&apres=/);
  await expect(page.getByRole('link', { name: 'Les plus récentes' })).toBeVisible();
  const secondPage = await titles.allTextContents();
  expect(secondPage.length).toBeGreaterThan(0);
  expect(secondPage.filter((title) => firstPage.includes(title))).toEqual([]);

  await page.getByRole('link', { name: 'Les plus récentes' }).click();
  await expect(titles.first()).toHaveText(`Commande ${newest}`);
});

test('a consumer who opens the producer space is told it is for producers, after signing in', async ({
  page,
  open,
  snap,
  expectAccessible,
}) => {
  await open('/producteur');
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fproducteur$/);
  await page.getByLabel('Adresse e-mail').fill('marie.dupont@example.org');
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();

  await expect(page).toHaveURL(/\/producteur$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Espace producteur');
  await expect(page.getByText('Cet espace est réservé aux producteurs.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Voir mes commandes' })).toBeVisible();
  await expectAccessible();
  await snap('producer-space-for-producers-only');
});

test('the payouts page Stripe sends a producer back to says plainly that card payments are not enabled here', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}) => {
  const { organizationId: producerId } = await apiSession(request, PRODUCER.login, 'PRODUCER');
  await signIn(page, PRODUCER.login);
  await open('/producteur');
  await page.getByRole('navigation', { name: 'Espace producteur' }).getByRole('link', { name: 'Paiements' }).click();
  await expect(page).toHaveURL(/\/producteur\/paiements$/);
  await open(`/producteur/paiements?producteur=${producerId}`);

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paiements');
  await expect(page.getByText(`Comment ${PRODUCER.name} reçoit l’argent de ses ventes.`)).toBeVisible();
  await expect(page.getByText('Le paiement par carte n’est pas activé sur cette plateforme.')).toBeVisible();
  await expect(page.getByText('Les entreprises vous paient sur facture')).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Comment vous êtes payé' })).toBeVisible();
  await expect(page.getByRole('button', { name: /Stripe/ })).toHaveCount(0);
  await expectAccessible();
  await snap('producer-payouts');
});

test('a new order appears on the orders page without a reload, and « Nouvelle commande » is said', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}, testInfo) => {
  await signIn(page, PRODUCER.login);
  // A short poll under test: the page reads its orders again every 2 s instead of every 20 s.
  await open('/producteur?actualiser=2');
  const url = page.url();
  const buyer = await apiSession(request, PICKUP_BUYER.login, 'BUSINESS');
  const product = RUNS[testInfo.project.name].side[0];
  const placed = await placeOrder(request, buyer, [[product, 1]], 'PICKUP');

  const newOrder = card(group(page, 'À confirmer'), placed.number);
  await expect(newOrder).toBeVisible({ timeout: 15_000 });
  await expect(newOrder).toContainText(PICKUP_BUYER.name);
  await expect(page.getByText(/^Nouvelles? commandes?\u00a0:/)).toBeVisible();
  expect(page.url()).toBe(url);
  await expectAccessible();
  await snap('producer-orders-new-order');
});

test('a producer reports a delivery round of several orders with one reading, and sees an implausible one flagged', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}, testInfo) => {
  const run = RUNS[testInfo.project.name];
  const producer = await apiSession(request, PRODUCER.login, 'PRODUCER');
  const buyer = await apiSession(request, VAN_BUYER.login, 'BUSINESS');
  const mine: string[] = [];
  // Enough for the van's 50 € minimum: 10 punnets at 5,90 €, or 24 cauliflowers at 2,20 €.
  const quantity = ROUND_QUANTITIES[testInfo.project.name];
  for (let placed = 0; placed < 2; placed++) {
    const order = await placeOrder(request, buyer, [[run.side[0], quantity]], 'PRODUCER_DELIVERY');
    await deliver(request, producer.token, order.supplierOrderId);
    mine.push(order.number);
  }

  await signIn(page, PRODUCER.login);
  await open('/producteur');
  const rounds = page.getByRole('region', { name: 'Déclarer une tournée' });
  const round = rounds.getByRole('article', { name: new RegExp(`^Tournée du ${parisToday()}`) });
  await expect(round).toBeVisible();
  // The day's other deliveries (another screen size's run, the journey above) are not of this round.
  for (const box of await round.getByRole('checkbox').all()) {
    const label = (await box.locator('xpath=..').textContent()) ?? '';
    await box.setChecked(mine.some((number) => label.includes(`Commande ${number} `)));
  }

  // A reading the API refuses: its message in French next to the field, the ticks and the figure kept.
  const reading = round.getByLabel('Relevé', { exact: true });
  await reading.fill('-3');
  await round.getByRole('button', { name: /^Déclarer la tournée/ }).click();
  await expect(round.getByRole('alert')).toHaveText(
    'La distance de la tournée, du départ au retour, doit être plus grande que 0 et d’au plus 2000 km.',
  );
  await expect(reading).toHaveValue('-3');
  await expect(reading).toHaveAttribute('aria-invalid', 'true');
  await expect(round.getByRole('checkbox', { checked: true })).toHaveCount(2);
  await expectAccessible();
  await snap('producer-round-refused');

  // An odometer far beyond the modelled round: kept, but flagged, and the modelled round used.
  await reading.fill('1900');
  await round.getByRole('button', { name: /^Déclarer la tournée/ }).click();
  const outcome = round.getByRole('status');
  await expect(outcome).toContainText('Tournée enregistrée pour 2 commandes');
  await expect(outcome).toContainText('Relevé peu plausible');
  for (const number of mine) await expect(outcome).toContainText(`Commande ${number} :`);
  await expectAccessible();
  await snap('producer-round-flagged');

  // The same round again with a plausible reading, in fuel litres this time: shared, not flagged.
  for (const box of await round.getByRole('checkbox').all()) {
    const label = (await box.locator('xpath=..').textContent()) ?? '';
    await box.setChecked(mine.some((number) => label.includes(`Commande ${number} `)));
  }
  await round.getByLabel('Litres de carburant consommés').check();
  const modelled = Number(/([\d,]+) km parcourus/.exec(plain(await outcome.textContent()))![1].replace(',', '.'));
  await reading.fill(String(Math.round((modelled * 10) / 100)).replace('.', ','));
  await round.getByRole('button', { name: /^Déclarer la tournée/ }).click();
  await expect(outcome).toContainText('Tournée enregistrée pour 2 commandes');
  await expect(outcome).not.toContainText('Relevé peu plausible');
  await expect(outcome).toContainText('de la tournée)');
  await snap('producer-round-reported');
});
