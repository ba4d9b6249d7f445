import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import type { APIRequestContext } from '@playwright/test';
import {
  GUERET,
  addToCart,
  chooseDelivery,
  fillAddress,
  freshEmail,
  producerPart,
  productsNear,
  signUpFromSignIn,
} from './support/buying';
import { demoConsumerBuyer, payableProducer, placeCardOrder, type PayableProducer } from './support/card-orders';
import { inAccountNav, DEMO_PASSWORD, expect, plain, test } from './support/fixtures';
import { apiLogin, graphqlCall } from './support/graphql';
import { useFakeStripe } from './support/stripe';

/**
 * A card payment in the browser against the fake Stripe (its API for the server's official client, its Stripe.js
 * for the page): the buyer pays, Stripe's signed webhook marks the order paid, the producers' parts can go on.
 */
/** The server's data directory (its SQLite file): the expiry journey brings an order's payment deadline forward. */
let dataDir: string | undefined;
const stripe = useFakeStripe('browser_card_payments', {
  stripeJs: true,
  env: () => ({ DATA_DIR: (dataDir ??= mkdtempSync(path.join(tmpdir(), 'ancrage-web-cards-'))) }),
});

/** Producers near Guéret, whose Stripe accounts are connected before the journeys. */
const PRODUCERS = ['maraicher@souterraine.example', 'vergers@boussac.example', 'fournil@felletin.example'];

/** The file's server once: Stripe's webhooks go to it, and the producers can be paid. */
const payable = new Map<string, PayableProducer[]>();
async function payableProducers(request: APIRequestContext, baseURL: string): Promise<PayableProducer[]> {
  if (!payable.has(baseURL)) {
    stripe.js.deliverWebhooksTo(`${baseURL}/webhooks/stripe`, stripe.webhookSecret);
    const picks = [];
    for (const email of PRODUCERS) picks.push(await payableProducer(request, stripe, email));
    payable.set(baseURL, picks);
  }
  return payable.get(baseURL)!;
}

test('a visitor finds products near Guéret, fills a cart from two producers, signs up and pays the order by card', async ({
  page,
  request,
  baseURL,
  open,
  snap,
}, testInfo) => {
  await payableProducers(request, baseURL!);

  // From the home page: products near Guéret, nearest first.
  await open('/');
  await page.getByLabel('Près de (commune)').fill('Guéret (23000)');
  await page.getByRole('button', { name: 'Chercher' }).click();
  await expect(page).toHaveURL(/\/produits\?/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Produits près de Guéret (23000)');
  for (const name of ['Pommes de terre nouvelles', 'Pain de campagne au levain 1 kg']) {
    await page.getByRole('link', { name, exact: true }).click();
    await expect(page.getByRole('heading', { level: 1, name })).toBeVisible();
    await page.getByLabel(/^Quantité/).fill('2');
    await page.getByRole('button', { name: 'Ajouter au panier' }).click();
    await expect(page.getByText('Ajouté au panier.')).toBeVisible();
    await page.goBack();
    await page.goBack();
  }

  // The cart: both producers' parts, each collected at the farm.
  await open('/panier');
  await expect(producerPart(page, 'Les Jardins de la Souterraine')).toBeVisible();
  await chooseDelivery(page, 'Les Jardins de la Souterraine', 'Retrait à la ferme');
  await chooseDelivery(page, 'Le Fournil de Felletin', 'Retrait à la ferme');
  await page.getByRole('link', { name: 'Passer la commande' }).click();

  // A new account on the way, then the address and the card.
  await signUpFromSignIn(page, { displayName: 'Léa Chambon', email: freshEmail('lea', testInfo) });
  await expect(page.getByRole('heading', { level: 1, name: 'Passer la commande' })).toBeVisible();
  // 2 × the bread's 5,49 € TTC are not its 10,97 €: the checkout says why once, under the order's total.
  const roundingNote = /^Totaux TTC comme sur la facture\s: la TVA est arrondie par taux, non par unité/;
  await expect(page.getByText(roundingNote)).toHaveCount(1);
  await expect(page.getByRole('region', { name: 'Total', exact: true }).getByText(roundingNote)).toBeVisible();
  await fillAddress(page, { line1: '3 place Bonnyaud', postalCode: '23000', city: 'Guéret' });
  await expect(page.getByRole('radio', { name: /Carte bancaire/ })).toBeChecked();
  await page.getByRole('button', { name: /^Passer la commande/ }).click();

  await expect(page).toHaveURL(/\/commandes\/[\w-]+\/paiement$/);
  await expect(page.getByRole('button', { name: /^Payer / })).toBeEnabled();
  await page.getByLabel('Numéro de carte (Stripe, test)').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: /^Payer / }).click();

  // Back on the order: confirmed, paid, with its distance and what its transport emitted.
  await expect(page).toHaveURL(/\/commandes\/[\w-]+\?confirmee=1/);
  const confirmation = page.getByRole('status').filter({ hasText: 'Merci, votre commande est passée' });
  await expect(confirmation).toContainText(/parcourront en moyenne \d+,\d\skm/);
  await expect(confirmation).toContainText(/kg\sCO₂e/);
  await expect(page.getByText('Carte bancaire — Payée')).toBeVisible();
  await expect(page.getByRole('link', { name: /Panier/ })).toContainText('0');
  await snap('card-order-confirmed');
  // Each part is collected at the farm: its footprint is the buyer's trip, told as such, and what would shrink it is
  // never "collect it at the farm", which the buyer already does.
  const partFootprints = page.getByRole('region', { name: 'Empreinte carbone du transport' });
  await expect(partFootprints).toHaveCount(2);
  for (const footprint of await partFootprints.all()) {
    await expect(footprint).toContainText('Ce retrait émet');
    await expect(footprint).not.toContainText('le retrait à la ferme');
  }
  // A consumer's order reads as the cart did, including VAT: 2 kg × 1,90 € TTC, 2 × 5,49 € TTC.
  const garden = page.getByRole('region', { name: 'Les Jardins de la Souterraine', exact: true });
  await expect(garden.getByRole('row', { name: /Pommes de terre nouvelles/ })).toContainText('1,90 € TTC / kg');
  await expect(garden.getByRole('row', { name: /Pommes de terre nouvelles/ })).toContainText('3,80 €');
  const bakery = page.getByRole('region', { name: 'Le Fournil de Felletin', exact: true });
  await expect(bakery.getByRole('row', { name: /Pain de campagne/ })).toContainText('10,97 €');
  await expect(bakery.locator('.totals')).toContainText(/Total TTC\s*10,97\s€/);
  // Its invoice's TTC, VAT once on 10,40 € (57 c): not 2 × 5,49 €, and the part says why; the potatoes are 2 × 1,90 €.
  await expect(bakery.getByText(roundingNote)).toBeVisible();
  await expect(garden.getByText(roundingNote)).toHaveCount(0);
  // A line's VAT rate keeps « TVA », its figure and its "%" on one line, a phone's narrow column too.
  expect(
    await page
      .getByText(/TVA\s5,5/)
      .first()
      .textContent(),
  ).toContain('TVA\u00a05,5\u00a0%');
});

test('a consumer pays by card: a refused card is told in French and nothing is charged, a good card pays the order', async ({
  page,
  request,
  baseURL,
  open,
  snap,
  expectAccessible,
}) => {
  const picks = (await payableProducers(request, baseURL!)).slice(0, 2);
  const order = await placeCardOrder(request, await demoConsumerBuyer(request), picks);

  await open('/connexion');
  await page.getByLabel('Adresse e-mail').fill('marie.dupont@example.org');
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await inAccountNav(page, (nav) => expect(nav.getByRole('link', { name: 'Mes commandes' })).toBeVisible());

  await open(`/commandes/${order.id}/paiement`);
  const total = plain(await page.getByRole('heading', { level: 1 }).textContent());
  expect(total).toMatch(/^Payer \d+,\d{2} €$/);
  const payButton = page.getByRole('button', { name: /^Payer / });
  await expect(payButton).toBeEnabled();
  await expectAccessible();
  await snap('card-payment');

  await page.getByLabel('Numéro de carte (Stripe, test)').fill('4000 0000 0000 0002');
  await payButton.click();
  await expect(page.getByRole('alert')).toHaveText(/Votre carte a été refusée \(motif\s: generic_decline\)/);
  expect(stripe.api.get(stripe.api.all('payment_intent').at(-1)!.id as string)!.status).not.toBe('succeeded');
  await snap('card-payment-declined');

  // Leaving the payment page is not losing the order: its page leads back to the payment.
  await open(`/commandes/${order.id}`);
  await expect(page.getByText('Carte bancaire — En attente de paiement')).toBeVisible();
  await page.getByRole('link', { name: 'Payer maintenant' }).click();
  await expect(page).toHaveURL(new RegExp(`/commandes/${order.id}/paiement$`));
  await expect(page.getByRole('button', { name: /^Payer / })).toBeEnabled();

  await page.getByLabel('Numéro de carte (Stripe, test)').fill('4242 4242 4242 4242');
  await page.getByRole('button', { name: /^Payer / }).click();
  await expect(page).toHaveURL(new RegExp(`/commandes/${order.id}\\?confirmee=1&payment_intent=pi_`));

  // The webhook, not the browser's return, marked it paid.
  const { order: paid } = await graphqlCall<{ order: { payment: { status: string; amountCents: number } } }>(
    request,
    'query ($id: ID!) { order(id: $id) { payment { status amountCents } } }',
    { id: order.id },
    await apiLogin(request, 'marie.dupont@example.org', DEMO_PASSWORD),
  );
  expect(paid.payment).toEqual({ status: 'SUCCEEDED', amountCents: order.totalCents });

  // Once paid, the payment page leads back to the order, which no longer asks for it.
  await page.goto(`/commandes/${order.id}/paiement`);
  await expect(page).toHaveURL(new RegExp(`/commandes/${order.id}$`));
  await expect(page.getByRole('link', { name: 'Payer maintenant' })).toHaveCount(0);
});

/** As if CARD_PAYMENT_TTL_MINUTES had passed for this order: its delayed CARD_PAYMENT_DUE job comes due now. */
function paymentTimeIsUp(orderId: string): void {
  const db = new DatabaseSync(path.join(dataDir!, 'ancrage.sqlite'));
  try {
    db.exec('pragma busy_timeout = 5000');
    const changed = db
      .prepare(
        "update outbox_message set available_at = 0 where topic = 'ordering.card-payment-due' and json_extract(payload, '$.orderId') = ?",
      )
      .run(orderId);
    expect(Number(changed.changes)).toBe(1);
  } finally {
    db.close();
  }
}

test('an unpaid card order waits for its payment on the producer’s page, then lapses: the buyer reads it was cancelled and its stock put back on sale', async ({
  page,
  request,
  baseURL,
  open,
  snap,
  expectAccessible,
}) => {
  const [farm] = await payableProducers(request, baseURL!);
  const order = await placeCardOrder(request, await demoConsumerBuyer(request), [farm]);

  // The producer sees the order, its payment awaited, and no button to move it on.
  await open('/connexion');
  await page.getByLabel('Adresse e-mail').fill(PRODUCERS[0]);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page).not.toHaveURL(/\/connexion/);
  await open('/producteur');
  const card = page.getByRole('article', { name: `Commande ${order.number}`, exact: true });
  await expect(card).toContainText('En attente du paiement par carte');
  await expect(card.getByRole('button', { name: /^Confirmer/ })).toHaveCount(0);
  await expect(card.getByText('Annuler la commande…')).toHaveCount(0);
  await card.scrollIntoViewIfNeeded();
  await expectAccessible();
  await snap('producer-card-awaiting-payment');

  // The time to pay runs out: the platform cancels the order and puts its stock back.
  paymentTimeIsUp(order.id);
  await page.context().clearCookies();
  await open('/connexion');
  await page.getByLabel('Adresse e-mail').fill('marie.dupont@example.org');
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await inAccountNav(page, (nav) => expect(nav.getByRole('link', { name: 'Mes commandes' })).toBeVisible());
  await expect(async () => {
    await open(`/commandes/${order.id}`);
    await expect(page.getByText('Paiement non reçu à temps : commande annulée, stock remis en vente.')).toBeVisible({
      timeout: 1000,
    });
  }).toPass();
  await expect(page.getByText('Rien ne vous a été débité.', { exact: false })).toBeVisible();
  await expect(page.getByRole('link', { name: 'Payer maintenant' })).toHaveCount(0);
  await expectAccessible();
  await snap('card-order-expired');
});

test('a cart with a producer that cannot take card payments says so on its part before checkout', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}) => {
  // Élevage du Thaurion never connected Stripe: a consumer, who pays by card, cannot order from it.
  const product = [...(await productsNear(request, GUERET)).values()].find(
    (candidate) => candidate.producer.name === 'Élevage du Thaurion',
  )!;
  await addToCart(page, product, 1);
  await open('/panier');
  await expect(producerPart(page, 'Élevage du Thaurion')).toContainText(
    'Élevage du Thaurion ne peut pas encore être payé par carte : retirez ses produits du panier pour commander.',
  );
  await expectAccessible();
  await snap('cart-producer-not-payable');
});
