import { expect, plain, test } from './support/fixtures';
import { deliveredAndInvoiced } from './support/invoices';
import { apiSession, signIn } from './support/producer';

/**
 * The producer's bank details for transfers on /producteur/paiements (a wrong check digit refused next to the field,
 * what was typed kept), then printed on the invoices it issues from then on: the restaurant's /pro/factures shows
 * « À régler par virement » on the unpaid invoice's card.
 */
const PRODUCER = { login: 'fromagerie@revermont.example', name: 'Fromagerie du Revermont' };
const RESTAURANT = { login: 'chef@lecomtois.example' };
const IBAN = 'FR76 3000 6000 0112 3456 7890 189';

test('the producer gives its IBAN (a wrong check digit refused next to the field), and the restaurant sees it on a new invoice', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}) => {
  await signIn(page, PRODUCER.login);
  await open('/producteur/paiements');
  const section = page.getByRole('region', { name: 'Coordonnées bancaires pour les virements' });
  const iban = section.getByLabel('IBAN', { exact: true });
  await iban.fill('FR76 3000 6000 0112 3456 7890 198');
  await section.getByLabel('BIC (facultatif)').fill('AGRIFRPP839');
  await section.getByRole('button', { name: 'Enregistrer les coordonnées bancaires' }).click();
  await expect(page.locator('#iban-error')).toHaveText(
    'Cet IBAN est erroné\u00a0: sa clé de contrôle ne correspond pas. Vérifiez-le sur votre RIB.',
  );
  await expect(iban).toHaveAttribute('aria-invalid', 'true');
  await expect(iban).toHaveValue('FR76 3000 6000 0112 3456 7890 198');
  await expect(section.getByLabel('BIC (facultatif)')).toHaveValue('AGRIFRPP839');
  await expectAccessible();
  await snap('producer-bank-account-error');

  await iban.fill(IBAN);
  await section.getByRole('button', { name: 'Enregistrer les coordonnées bancaires' }).click();
  await expect(section.getByRole('status')).toContainText('Coordonnées bancaires enregistrées');
  await expect(iban).toHaveValue(IBAN);
  await expect(iban).not.toHaveAttribute('aria-invalid', 'true');

  const { number } = await deliveredAndInvoiced(
    request,
    await apiSession(request, RESTAURANT.login, 'BUSINESS'),
    await apiSession(request, PRODUCER.login, 'PRODUCER'),
    1,
  );
  await page.context().clearCookies();
  await signIn(page, RESTAURANT.login);
  await open('/pro/factures');
  const card = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('heading', { name: `Facture ${number}`, exact: true }) })
    .first();
  await expect(card).toBeVisible();
  expect(plain(await card.innerText())).toContain(`IBAN : ${IBAN} — BIC : AGRIFRPP839`);
  await expect(card.getByText('À régler par virement')).toBeVisible();
  await card.scrollIntoViewIfNeeded();
  await expectAccessible();
  await snap('business-invoice-iban');
});
