import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { stripeDispute, stripeEvent, type StripeObject } from '../../../test/support/fake-stripe';
import { paidCardOrder, waitForTransfer, type CardOrder } from './support/card-orders';
import { expect, plain, test } from './support/fixtures';
import { apiSession, signIn } from './support/producer';
import { useFakeStripe } from './support/stripe';

/**
 * A card payment disputed (PAY-17), as the people concerned read it: a grocery in Guéret pays a producer's order by
 * card; its bank disputes the payment (Stripe's signed `charge.dispute.created`, from the fake Stripe's objects); the
 * buyer's order page says how much, why, where it stands and what happens next, and no longer offers a cancellation
 * that would promise a refund; the producer's order card says its share is held back; support is told why the
 * payment cannot be refunded. Then the dispute closes (`charge.dispute.closed`), won or lost, and both pages say so.
 */
const stripe = useFakeStripe('browser_disputes');

// Each journey connects a farm to Stripe, pays an order and waits for its transfer, then reads several pages.
test.slow();

const BUYER = { login: 'epicerie@gueret.example', name: 'Épicerie du Marché, Guéret' };
const FARM = { login: 'maraicher@souterraine.example', name: 'Les Jardins de la Souterraine' };
const ADMIN = 'support@ancrage.example';

/**
 * The grocery's card order of one product of the farm, paid, the farm's transfer made; then its bank disputes the
 * payment (Stripe's signed `charge.dispute.created`). `reason` is Stripe's (default `fraudulent`).
 */
async function disputedCardOrder(
  request: APIRequestContext,
  reason?: string,
): Promise<{ order: CardOrder; dispute: StripeObject }> {
  const order = await paidCardOrder(request, stripe, {
    producer: FARM.login,
    buyer: await apiSession(request, BUYER.login, 'BUSINESS'),
    quantity: 3,
  });
  // The farm is paid its share (a job of the server's own worker) before the bank disputes the payment.
  await waitForTransfer(stripe, order.id);
  const dispute = stripeDispute(order.chargeId, order.totalCents, reason ? { reason } : {});
  await stripe.deliverWebhook(request, stripeEvent('charge.dispute.created', dispute));
  return { order, dispute };
}

/** Signs the page in as someone else (the cookies of the one before cleared). */
async function signInAs(page: Page, email: string): Promise<void> {
  await page.context().clearCookies();
  await signIn(page, email);
}

/** The buyer's order page, its dispute notice checked for what every outcome says. */
async function openBuyerOrder(page: Page, order: CardOrder) {
  await page.goto(`/commandes/${order.id}`);
  await expect(page.getByRole('heading', { level: 1, name: `Commande ${order.number}` })).toBeVisible();
  return page.getByRole('region', { name: /conteste|Contestation close/ });
}

/** The producer's card of the order on its orders page. */
async function openProducerCard(page: Page, order: CardOrder) {
  await page.goto('/producteur');
  const card = page.getByRole('article', { name: `Commande ${order.number}`, exact: true });
  await card.scrollIntoViewIfNeeded();
  return card;
}

/** The « Contestation » line of the order's facts, as read. */
const disputeFact = async (page: Page) =>
  plain(
    await page
      .locator('.order-facts dt', { hasText: 'Contestation' })
      .locator('xpath=following-sibling::dd[1]')
      .innerText(),
  );

/** The « Paiement » line of the buyer's order facts, or of the producer's card facts, as read. */
const paymentFact = async (scope: Page | Locator) =>
  plain(
    await scope
      .locator('dt', { hasText: /^Paiement$/ })
      .locator('xpath=following-sibling::dd[1]')
      .innerText(),
  );

const eurosOf = (cents: number) => `${(cents / 100).toFixed(2).replace('.', ',')} €`;

/**
 * The farm's share of the dispute: what it gives back, its transfer's share of the amount disputed — here its whole
 * transfer (the order is the farm's alone, disputed whole), the platform's commission less than the order's total.
 */
function farmShare(order: CardOrder): number {
  const transfer = stripe.api.all('transfer').find((t) => (t.metadata as Record<string, string>).orderId === order.id)!;
  const share = Number(transfer.amount);
  expect(share).toBeGreaterThan(0);
  expect(share).toBeLessThan(order.totalCents);
  return share;
}

test('a card payment disputed by the buyer’s bank: the buyer reads what happens next and cannot cancel for a refund, the producer sees its share held, support cannot refund; won, the payment stands', async ({
  page,
  request,
  snap,
  expectAccessible,
}) => {
  const { order, dispute } = await disputedCardOrder(request);

  // The buyer: the amount, the reason in words, where it stands, what to do; no cancellation promising a refund.
  await signInAs(page, BUYER.login);
  const notice = await openBuyerOrder(page, order);
  await expect(notice.getByRole('heading', { level: 2 })).toHaveText('Votre banque conteste ce paiement');
  expect(plain(await notice.innerText())).toContain(
    `Montant contesté : ${eurosOf(order.totalCents)} — motif déclaré : paiement non reconnu par le titulaire de la carte.`,
  );
  await expect(notice).toContainText('Vous n’avez rien à faire sur Ancrage.');
  await expect(notice).toContainText('Si vous reconnaissez finalement cet achat, dites-le à votre banque');
  await expect(notice).toContainText('Un paiement contesté ne peut plus être remboursé : la commande ne s’annule donc');
  expect(await disputeFact(page)).toBe(`${eurosOf(order.totalCents)} — en cours d’examen`);
  // The payment is no longer simply « Payée »: the bank has taken it back for the time of its review.
  expect(await paymentFact(page.locator('.order-facts'))).toBe('Carte bancaire — Contestée par la banque');
  // The part is still waiting for the farm, yet neither it nor the order can be cancelled for a refund here.
  await expect(page.getByRole('region', { name: FARM.name })).toContainText('Passée');
  await expect(page.getByText('Annuler cette partie')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Annuler la commande' })).toHaveCount(0);
  await expectAccessible();
  await snap('card-dispute-open');

  // The producer: on its order card, the dispute and its share held back until the bank decides.
  await signInAs(page, FARM.login);
  const card = await openProducerCard(page, order);
  const disputeLine = card.locator('.producer-order__dispute');
  // Its own share (what its transfer gives back), not the whole amount the bank disputes.
  const share = farmShare(order);
  expect(plain(await disputeLine.innerText())).toContain(
    `Paiement contesté par la banque de l’acheteur : votre part, ${eurosOf(share)} — contestation en cours d’examen.`,
  );
  await expect(disputeLine).toContainText('votre part du montant contesté vous est reprise');
  expect(await paymentFact(card)).toBe('Contestée par la banque');
  // Nor may the farm cancel it: the buyer would not be refunded.
  await expect(card.getByText('Annuler la commande…')).toHaveCount(0);
  await expect(card).toContainText(
    'cette commande ne peut plus être annulée ici, car l’acheteur n’en serait pas remboursé.',
  );
  // The bank has not decided yet: the farm confirms as usual, told of no payment taken back for good.
  await expect(card.getByRole('button', { name: `Confirmer la commande ${order.number}`, exact: true })).toBeVisible();
  await expect(card.locator('.producer-order__taken-back')).toHaveCount(0);
  await expectAccessible();
  await snap('producer-card-dispute-open');

  // Support: a refund of a disputed payment is refused, and said why next to the order.
  await signInAs(page, ADMIN);
  await page.goto('/admin#remboursements');
  const refunds = page.getByRole('region', { name: 'Remboursements' });
  await refunds.getByLabel('Commande').fill(order.id);
  await refunds.getByLabel('Montant à rembourser (en €, TTC)').fill('2,00');
  await refunds.getByLabel('Motif').fill('Geste commercial.');
  await refunds.getByRole('button', { name: 'Rembourser' }).click();
  await expect(refunds.getByLabel('Commande')).toHaveAttribute('aria-invalid', 'true');
  await expect(refunds.getByLabel('Commande')).toHaveAccessibleDescription(
    /La banque du client conteste ce paiement\s: il ne peut plus être remboursé\./,
  );
  await refunds.scrollIntoViewIfNeeded();
  await expectAccessible();
  await snap('admin-refund-disputed');

  // The farm's evidence is with the bank (Stripe's `charge.dispute.updated`, under_review): the buyer reads so.
  await stripe.deliverWebhook(request, stripeEvent('charge.dispute.updated', { ...dispute, status: 'under_review' }));
  await signInAs(page, BUYER.login);
  await openBuyerOrder(page, order);
  expect(await disputeFact(page)).toBe(
    `${eurosOf(order.totalCents)} — en cours d’examen, les pièces du vendeur transmises à la banque`,
  );

  // Won: the bank keeps the payment; the buyer reads so, the producer gets its share back.
  await stripe.deliverWebhook(request, stripeEvent('charge.dispute.closed', { ...dispute, status: 'won' }));
  await signInAs(page, BUYER.login);
  const closed = await openBuyerOrder(page, order);
  await expect(closed.getByRole('heading', { level: 2 })).toHaveText('Contestation close : le paiement est maintenu');
  await expect(closed).toContainText('le montant reste débité de votre carte');
  expect(await disputeFact(page)).toBe(`${eurosOf(order.totalCents)} — rejetée, paiement maintenu`);
  expect(await paymentFact(page.locator('.order-facts'))).toBe('Carte bancaire — Payée — contestation rejetée');
  await expect(page.getByText('Annuler cette partie')).toHaveCount(0);
  await expectAccessible();
  await snap('card-dispute-won');

  await signInAs(page, FARM.login);
  const wonCard = await openProducerCard(page, order);
  await expect(wonCard.locator('.producer-order__dispute')).toContainText(
    `votre part, ${eurosOf(share)} — contestation rejetée, paiement maintenu`,
  );
  expect(await paymentFact(wonCard)).toBe('Payée — contestation rejetée');
  // Won, the payment was disputed all the same: it is not refunded, so not cancelled (the API refuses it too).
  await expect(wonCard.getByText('Annuler la commande…')).toHaveCount(0);
  await expect(wonCard.locator('.producer-order__dispute')).toContainText(
    'reprise pendant l’examen, vous est reversée',
  );
  await expectAccessible();
  await snap('producer-card-dispute-won');
});

test('a card payment disputed for goods not received, then lost: the buyer reads its bank gave the money back, the producer that its share stays held', async ({
  page,
  request,
  snap,
  expectAccessible,
}) => {
  const { order, dispute } = await disputedCardOrder(request, 'product_not_received');
  await stripe.deliverWebhook(request, stripeEvent('charge.dispute.closed', { ...dispute, status: 'lost' }));

  await signInAs(page, BUYER.login);
  const notice = await openBuyerOrder(page, order);
  await expect(notice.getByRole('heading', { level: 2 })).toHaveText(
    'Contestation close : votre banque vous a rendu le montant',
  );
  expect(plain(await notice.innerText())).toContain(
    `Montant contesté : ${eurosOf(order.totalCents)} — motif déclaré : marchandise déclarée non reçue.`,
  );
  await expect(notice).toContainText(
    'Ce remboursement passe par votre banque : Ancrage ne vous remboursera pas une seconde fois.',
  );
  expect(await disputeFact(page)).toBe(`${eurosOf(order.totalCents)} — acceptée, montant rendu par la banque`);
  // The money went back to the buyer through its bank: the payment line says so, not « Payée ».
  expect(await paymentFact(page.locator('.order-facts'))).toBe(
    'Carte bancaire — Remboursée par la banque (contestation acceptée)',
  );
  // So does its invoice, issued paid with the card payment.
  expect(plain(await page.locator('.invoice-line').innerText())).toContain(
    `${eurosOf(order.totalCents)} TTC · Remboursée par la banque (contestation acceptée) · échéance`,
  );
  // Nothing is left for Ancrage to refund: the order may be ended, and the cancellation promises no refund.
  await expect(notice).not.toContainText('la commande ne s’annule donc plus ici');
  const cancelPart = page.getByRole('region', { name: FARM.name }).locator('details.cancel-part');
  await cancelPart.getByText('Annuler cette partie').click();
  expect(plain(await cancelPart.innerText())).toContain(
    'votre banque vous a déjà rendu ce montant (contestation acceptée) : Ancrage ne vous le rembourse pas une seconde fois.',
  );
  await expect(cancelPart).not.toContainText('remboursé sur votre carte');
  const cancelOrder = page.getByRole('region', { name: 'Annuler la commande' });
  expect(plain(await cancelOrder.innerText())).toContain(
    'Les produits sont remis en vente ; votre banque vous a déjà rendu son montant (contestation acceptée) : Ancrage ne vous le rembourse pas une seconde fois.',
  );
  await expect(cancelOrder.getByRole('button', { name: 'Annuler la commande' })).toBeVisible();
  await expectAccessible();
  await snap('card-dispute-lost');

  // Among the grocery's received invoices too, that invoice is not shown as simply « Payée ».
  const invoiceNumber = (await page.locator('.invoice-line strong').first().innerText()).replace('Facture ', '');
  await page.goto('/pro/factures');
  const invoiceCard = page
    .getByRole('region', { name: /^Toutes les factures reçues/ })
    .getByRole('listitem', { name: `Facture ${invoiceNumber}` });
  await expect(invoiceCard.locator('.invoice-status')).toHaveText('Remboursée par la banque (contestation acceptée)');
  // Nor said paid on a day: the money is no longer paid.
  await expect(invoiceCard.locator('.invoice-card__facts')).toContainText('Montant TTC');
  await expect(invoiceCard.locator('.invoice-card__facts')).not.toContainText('Payée le');
  // Nor counted as paid in the monthly totals: a column of its own says what the bank gave back.
  const totals = page.locator('.invoice-totals table');
  const headers = (await totals.locator('thead th').allInnerTexts()).map(plain);
  const column = headers.indexOf('Remboursé par la banque');
  expect(column).toBeGreaterThan(headers.indexOf('Payé'));
  const lastRow = totals.locator('tbody tr, tfoot tr').last();
  const refundedByBank = plain(await lastRow.locator('th, td').nth(column).innerText());
  expect(Number(refundedByBank.replace(/[^\d,]/g, '').replace(',', '.')) * 100).toBeGreaterThanOrEqual(
    order.totalCents,
  );
  await invoiceCard.scrollIntoViewIfNeeded();
  await expectAccessible();
  await snap('received-invoices-dispute-lost');
  // Nor listed among the paid ones (« Payées »), where the API's PAID filter leaves it out.
  await page.getByLabel('Statut').selectOption({ label: 'Payées' });
  await page.getByRole('button', { name: 'Afficher' }).click();
  await expect(page).toHaveURL(/statut=payees/);
  await expect(
    page
      .getByRole('region', { name: /^Toutes les factures reçues/ })
      .getByRole('listitem', { name: `Facture ${invoiceNumber}` }),
  ).toHaveCount(0);

  await signInAs(page, FARM.login);
  // Among the farm's issued invoices, the same words, and no day it was paid.
  await page.goto('/producteur/factures');
  const issuedCard = page.getByRole('listitem', { name: `Facture ${invoiceNumber}` });
  await expect(issuedCard.locator('.invoice-status')).toHaveText('Remboursée par la banque (contestation acceptée)');
  await expect(issuedCard.locator('.invoice-card__facts')).not.toContainText('Payée le');
  await issuedCard.scrollIntoViewIfNeeded();
  await expectAccessible();
  await snap('issued-invoices-dispute-lost');

  const card = await openProducerCard(page, order);
  await expect(card.locator('.producer-order__dispute')).toContainText(
    `votre part, ${eurosOf(farmShare(order))} — contestation acceptée, montant rendu par la banque`,
  );
  expect(await paymentFact(card)).toBe('Remboursée par la banque (contestation acceptée)');
  await expect(card.locator('.producer-order__dispute')).toContainText(
    'reprise pendant l’examen, ne vous sera pas reversée',
  );
  // Not yet confirmed: the card says plainly the order will not be paid, and that sending it is the farm's choice.
  const takenBack = card.locator('.producer-order__taken-back');
  expect(plain(await takenBack.innerText())).toContain(
    'Paiement repris par la banque de l’acheteur : sa banque lui a rendu le montant de cette commande, qui ne vous sera donc pas payée.',
  );
  await expect(takenBack).toContainText('Si vous la livrez quand même, ce sera sans paiement');
  await expect(takenBack).toContainText(
    'vous pouvez l’annuler ci-dessous, et les quantités reviennent dans votre stock',
  );
  await expect(card.getByRole('button', { name: `Confirmer quand même la commande ${order.number}` })).toBeVisible();
  await expect(card.getByRole('button', { name: `Confirmer la commande ${order.number}` })).toHaveCount(0);
  // It may be cancelled, with no refund promised: the bank made it.
  await card.getByText('Annuler la commande…').click();
  expect(plain(await card.locator('.producer-order__cancel').innerText())).toContain(
    'Rien ne lui est remboursé par Ancrage : sa banque lui a déjà rendu le montant. Un avoir annule la facture.',
  );
  await expectAccessible();
  await snap('producer-card-dispute-lost');

  // The farm cancels it: the order leaves the farm's orders in progress, and the buyer reads it cancelled.
  await card.getByLabel('Motif (facultatif)').fill('Paiement repris par la banque');
  await card.getByRole('button', { name: `Oui, annuler la commande ${order.number}` }).click();
  await expect(page.getByRole('status')).toHaveText(
    new RegExp(`La commande ${order.number} est maintenant «\u00a0Annulée\u00a0»`),
  );
  await signInAs(page, BUYER.login);
  await openBuyerOrder(page, order);
  await expect(page.locator('.order-head')).toContainText('Annulée');
  await expect(page.getByText('Annuler cette partie')).toHaveCount(0);
  // Its invoice is cancelled by a credit note of what the bank gave back, which says so.
  await expect(page.getByRole('region', { name: FARM.name }).locator('.credit-notes')).toContainText(
    'Paiement repris par la banque — montant rendu par la banque de l’acheteur (contestation acceptée)',
  );
});
