import { randomUUID } from 'node:crypto';
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import { accountNav, expect, plain, test } from './support/fixtures';
import { graphqlCall } from './support/graphql';
import { deliveredAndInvoiced, type DeliveredInvoice } from './support/invoices';
import { apiSession, signIn } from './support/producer';
import { firstOfMonth } from '../app/lib/format';

/**
 * WEB.md §2: the producer's `/producteur/factures` (invoices issued, filters, totals per month, mark paid, PDF) and
 * the business's `/pro/factures` (received: overdue, due, all). The demo's delivered order of Restaurant Le Comtois
 * was invoiced by Fromagerie du Revermont; each screen size's run also has one order of its own delivered and
 * invoiced, which it marks paid (the runs may share one server).
 */

const PRODUCER = { login: 'fromagerie@revermont.example', name: 'Fromagerie du Revermont' };
const RESTAURANT = { login: 'chef@lecomtois.example', name: 'Restaurant Le Comtois' };

type Invoice = DeliveredInvoice;

type Session = Awaited<ReturnType<typeof apiSession>>;

/** The invoices the producer issued to the restaurant, oldest first: the demo's comes first. */
async function issuedToRestaurant(request: APIRequestContext, producer: Session): Promise<Invoice[]> {
  const { invoices } = await graphqlCall<{ invoices: { edges: { node: Invoice & { buyerName: string } }[] } }>(
    request,
    'query ($org: ID!) { invoices(organizationId: $org, direction: ISSUED, first: 100) { edges { node { id number totalCents amountDueCents status buyerName } } } }',
    { org: producer.organizationId },
    producer.token,
  );
  return invoices.edges
    .map((edge) => edge.node)
    .filter((invoice) => invoice.buyerName === RESTAURANT.name)
    .reverse();
}

/** An invoice's card in the page or one of its sections (the heading is looked for inside each card). */
const invoiceCard = (scope: Page | Locator, number: string) => {
  const page = 'goto' in scope ? scope : scope.page();
  return scope
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: `Facture ${number}`, exact: true }) });
};

const euros = (cents: number) =>
  new Intl.NumberFormat('fr-FR', { style: 'currency', currency: 'EUR' }).format(cents / 100);
const parisToday = () =>
  new Intl.DateTimeFormat('en-CA', {
    timeZone: 'Europe/Paris',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
const frenchDay = (day: string) =>
  firstOfMonth(
    new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeZone: 'Europe/Paris' }).format(
      new Date(`${day}T12:00:00Z`),
    ),
  );

test('the producer finds its invoices, marks one paid on the day the transfer arrived; the restaurant sees it among its received invoices and downloads its PDF', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}) => {
  const producer = await apiSession(request, PRODUCER.login, 'PRODUCER');
  const restaurant = await apiSession(request, RESTAURANT.login, 'BUSINESS');
  const own = await deliveredAndInvoiced(request, restaurant, producer);
  const [demo] = await issuedToRestaurant(request, producer);
  expect(demo.number).not.toBe(own.number);

  // The producer's invoices, from its space's navigation.
  await signIn(page, PRODUCER.login);
  await open('/producteur');
  await page.getByRole('navigation', { name: 'Espace producteur' }).getByRole('link', { name: 'Factures' }).click();
  await expect(page).toHaveURL(/\/producteur\/factures$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Factures émises');
  await expect(invoiceCard(page, demo.number)).toContainText(RESTAURANT.name);
  await expect(invoiceCard(page, demo.number)).toContainText(euros(demo.totalCents));
  // The totals per month: a table on a wide screen, a card per month on a phone.
  const totals = page.getByRole('region', { name: 'Totaux par mois', exact: true });
  await expect(totals.getByText('En retard', { exact: true }).filter({ visible: true }).first()).toBeVisible();
  await expect(totals.getByText('Avoirs', { exact: true }).filter({ visible: true }).first()).toBeVisible();
  await expectAccessible();
  await snap('producer-invoices');

  // Only the invoices still to be paid: this run's is among them, with its form.
  await page.getByLabel('Statut').selectOption({ label: 'À payer' });
  await page.getByRole('button', { name: 'Afficher' }).click();
  await expect(page).toHaveURL(/statut=a-payer/);
  const card = invoiceCard(page, own.number);
  await expect(card).toContainText('À payer');
  const paidOn = card.getByLabel('Paiement reçu le');
  await expect(paidOn).toHaveValue(parisToday());

  // A day to come: the API's refusal next to the field, and nothing changed.
  await paidOn.fill('2099-01-15');
  await card.getByRole('button', { name: 'Marquer payée' }).click();
  await expect(card.getByRole('alert')).toHaveText(
    'Le paiement ne peut pas être daté d’un jour à venir : indiquez le jour où il est arrivé.',
  );
  await expect(card.getByLabel('Paiement reçu le')).toHaveAttribute('aria-invalid', 'true');
  await expect(card).toContainText('À payer');
  await expectAccessible();
  await snap('producer-invoice-paid-refused');

  // Today: the invoice is paid, and leaves the invoices still to be paid.
  await card.getByLabel('Paiement reçu le').fill(parisToday());
  await card.getByRole('button', { name: 'Marquer payée' }).click();
  await expect(page.getByRole('status')).toHaveText(
    `La facture ${own.number} est marquée payée le ${frenchDay(parisToday())}.`,
  );
  await expect(invoiceCard(page, own.number)).toHaveCount(0);
  await page.getByLabel('Statut').selectOption({ label: 'Payées' });
  await page.getByRole('button', { name: 'Afficher' }).click();
  const paid = invoiceCard(page, own.number);
  await expect(paid).toContainText('Payée');
  await expect(paid).toContainText(`Payée le${frenchDay(parisToday())}`);
  await expect(paid.getByRole('button', { name: 'Marquer payée' })).toHaveCount(0);
  await expect(paid.getByRole('link', { name: `Télécharger le PDF de la facture ${own.number}` })).toBeVisible();
  await expectAccessible();
  await snap('producer-invoices-paid');

  // The restaurant: its received invoices, from the header.
  await page.context().clearCookies();
  await signIn(page, RESTAURANT.login);
  await (await accountNav(page)).getByRole('link', { name: 'Factures reçues' }).click();
  await expect(page).toHaveURL(/\/pro\/factures$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Factures reçues');
  const all = page.getByRole('region', { name: 'Toutes les factures reçues' });
  const received = invoiceCard(all, own.number);
  await expect(received).toContainText(PRODUCER.name);
  await expect(received).toContainText('Payée');
  await expect(invoiceCard(all, demo.number)).toContainText(PRODUCER.name);
  // Unpaid invoices come first, in their own sections.
  const due = page.getByRole('region', { name: /^À payer/ });
  await expect(due).toBeVisible();
  await expect(invoiceCard(due, own.number)).toHaveCount(0);
  // The demo's invoice had 6,50 € credited before it was paid: what is left to pay is its total less the credit
  // note, on its card and in its section's sum.
  expect(demo.amountDueCents).toBe(demo.totalCents - 650);
  const unpaid = page.getByRole('region', { name: demo.status === 'OVERDUE' ? /^En retard/ : /^À payer/ });
  await expect(invoiceCard(unpaid, demo.number)).toContainText(`Reste à payer${euros(demo.amountDueCents)}`);
  const { invoices: listed } = await graphqlCall<{ invoices: { totalCount: number; edges: { node: Invoice }[] } }>(
    request,
    `query ($org: ID!, $status: InvoiceStatus!) { invoices(organizationId: $org, direction: RECEIVED, status: $status, first: 25) { totalCount edges { node { id number totalCents amountDueCents status } } } }`,
    { org: restaurant.organizationId, status: demo.status },
    restaurant.token,
  );
  // The sum is shown when the section lists all of them (a server shared with other runs may hold more than 25).
  if (listed.totalCount <= 25) {
    const owed = listed.edges.reduce((sum, edge) => sum + edge.node.amountDueCents, 0);
    await expect(unpaid.getByRole('heading', { level: 2 })).toContainText(`${euros(owed)} TTC`);
  }
  await expectAccessible();
  await snap('business-invoices');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    received.getByRole('link', { name: `Télécharger le PDF de la facture ${own.number}` }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`${own.number}.pdf`);
  const pdf = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of pdf) chunks.push(chunk as Buffer);
  expect(Buffer.concat(chunks).subarray(0, 5).toString()).toBe('%PDF-');
  expect(plain(await received.textContent())).toContain(plain(euros(own.totalCents)));
});

test('the producer credits 6,50 € on an invoice paid by transfer: too much is refused next to its field, what was typed kept; then the credit note lowers what is left to pay', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}) => {
  const producer = await apiSession(request, PRODUCER.login, 'PRODUCER');
  const restaurant = await apiSession(request, RESTAURANT.login, 'BUSINESS');
  const own = await deliveredAndInvoiced(request, restaurant, producer);
  const reasonText = 'Deux morceaux abîmés à la livraison';

  await signIn(page, PRODUCER.login);
  await open('/producteur/factures?statut=a-payer');
  const card = invoiceCard(page, own.number);
  await expect(card).toContainText('À payer');
  await card.locator('summary', { hasText: 'Faire un avoir' }).click();
  await expect(card).toContainText(`Jusqu’à ${euros(own.totalCents)} TTC`);

  // More than the invoice: the API's refusal next to the amount, what was typed kept, no credit note.
  await card.getByLabel('Montant TTC, en euros').fill('999,00');
  await card.getByLabel('Motif, imprimé sur l’avoir').fill(reasonText);
  await card.getByRole('button', { name: 'Émettre l’avoir' }).click();
  const amount = card.getByLabel('Montant TTC, en euros');
  await expect(card.getByRole('alert')).toHaveText(
    `Le montant de l’avoir doit être de plus de 0 € et d’au plus ${euros(own.totalCents)} : ce qui reste de la facture ${own.number} une fois ses avoirs déduits.`,
  );
  await expect(amount).toHaveAttribute('aria-invalid', 'true');
  await expect(amount).toHaveAccessibleDescription(/d’au plus/);
  await expect(amount).toHaveValue('999,00');
  await expect(card.getByLabel('Motif, imprimé sur l’avoir')).toHaveValue(reasonText);
  await expect(card.getByRole('heading', { name: 'Avoir', exact: true })).toHaveCount(0);
  await expectAccessible();
  await snap('producer-credit-refused');

  // 6,50 €: the credit note is issued, named in the page's status, shown on the card; what is left to pay is lowered.
  await amount.fill('6,50');
  await card.getByRole('button', { name: 'Émettre l’avoir' }).click();
  const status = page.getByRole('status');
  await expect(status).toContainText('L’avoir ');
  const said = plain(await status.textContent());
  const number =
    /^L’avoir (\S+-AV-\d{4}-\d+) de 6,50 € TTC est émis sur la facture (\S+) ; (.+) le reçoit par e-mail\.$/.exec(said);
  expect(said, 'the status names the credit note').toMatch(/^L’avoir /);
  expect(number?.slice(2)).toEqual([own.number, RESTAURANT.name]);
  const credited = invoiceCard(page, own.number);
  await expect(credited.getByRole('heading', { name: 'Avoir', exact: true })).toBeVisible();
  await expect(credited).toContainText(`Avoir ${number![1]}`);
  await expect(credited).toContainText(`−${euros(650)} TTC`);
  await expect(credited).toContainText(reasonText);
  await expect(credited).toContainText(`Reste à payer${euros(own.totalCents - 650)}`);
  await expect(credited.getByRole('link', { name: `Télécharger le PDF de l’avoir ${number![1]}` })).toBeVisible();
  // The form is closed and empty again, for a next credit note of what is left.
  await expect(credited.locator('details.invoice-card__credit')).not.toHaveAttribute('open');
  await expect(credited).toContainText(`Jusqu’à ${euros(own.totalCents - 650)} TTC`);
  await expectAccessible();
  await snap('producer-credit-issued');
});

test('the invoice pages page by twenty with "Suivantes", and a PDF of another organization is not found', async ({
  page,
  request,
  open,
}) => {
  const producer = await apiSession(request, PRODUCER.login, 'PRODUCER');
  const restaurant = await apiSession(request, RESTAURANT.login, 'BUSINESS');
  const [demo] = await issuedToRestaurant(request, producer);

  // Someone else's invoice: the file route answers 404, as for an unknown one.
  await signIn(page, 'epicerie@gueret.example');
  for (const id of [demo.id, randomUUID(), 'pas-un-id']) {
    const response = await page.request.get(`/factures/${id}`);
    expect(response.status()).toBe(404);
  }
  await page.context().clearCookies();

  // Enough invoices for a second page.
  const existing = (await issuedToRestaurant(request, producer)).length;
  for (let count = existing; count < 21; count++) await deliveredAndInvoiced(request, restaurant, producer);
  await signIn(page, PRODUCER.login);
  await open('/producteur/factures');
  const titles = page.getByRole('region', { name: /factures$/ }).getByRole('heading', { level: 3 });
  await expect(titles).toHaveCount(20);
  const firstPage = await titles.allTextContents();
  await page.getByRole('link', { name: 'Suivantes' }).click();
  await expect(page).toHaveURL(/apres=/);
  await expect(page.getByRole('link', { name: 'Premières factures' })).toBeVisible();
  const secondPage = await titles.allTextContents();
  expect(secondPage.length).toBeGreaterThan(0);
  expect(secondPage.filter((title) => firstPage.includes(title))).toEqual([]);
});
