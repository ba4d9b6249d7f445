import type { Page } from '@playwright/test';
import { DEMO_PASSWORD, expect, test, waitForHydration } from './support/fixtures';
import {
  chooseDelivery,
  fillAddress,
  fillCart,
  LONS_LE_SAUNIER,
  productNamed,
  productsNear,
  signIn as signInAt,
} from './support/buying';
import { signIn } from './support/producer';

/**
 * Issue #20 (hoarding stock on credit): the producer's invoice terms on /producteur/paiements — its cap on invoice
 * orders from businesses it never delivered to, the businesses it refused invoice payment from — and the checkout
 * that tells a business why its invoice order is refused, next to the payment method.
 */
const DAIRY = { login: 'fromagerie@revermont.example', name: 'Fromagerie du Revermont' };
const CHEF = {
  login: 'chef@lecomtois.example',
  business: 'Restaurant Le Comtois',
  address: { line1: '5 rue du Commerce', postalCode: '39000', city: 'Lons-le-Saunier' },
};
const HOTEL = {
  login: 'hotel@dole.example',
  address: { line1: '2 rue de la Sous-Préfecture', postalCode: '39100', city: 'Dole' },
};

test.describe.configure({ mode: 'serial' });

/** 4 kg of Morbier from the dairy (over its van's 60 € minimum), delivered by its van, to the checkout with invoice chosen; answers the error under the payment method. */
async function invoiceCheckout(
  page: Page,
  request: Parameters<typeof productsNear>[0],
  login: string,
  address: { line1: string; postalCode: string; city: string },
) {
  await signInAt(page, login, DEMO_PASSWORD);
  const jura = await productsNear(request, LONS_LE_SAUNIER, 60);
  await fillCart(page, [[productNamed(jura, 'Morbier AOP'), 4]]);
  await page.goto('/panier');
  await waitForHydration(page);
  await chooseDelivery(page, DAIRY.name, 'Livraison par nos soins');
  await page.getByRole('link', { name: 'Passer la commande' }).click();
  await waitForHydration(page);
  await fillAddress(page, address);
  await page.getByRole('radio', { name: /Sur facture/ }).check();
  await page.getByRole('button', { name: /^Passer la commande/ }).click();
  const error = page.locator('#paymentMethod-error');
  await expect(error).toBeVisible();
  await expect(page.getByRole('group', { name: 'Moyen de paiement' })).toHaveAccessibleDescription(
    await error.innerText(),
  );
  return error;
}

test('the producer caps invoice orders from new buyers (a bad amount refused on its field) and refuses invoice payment from a buyer', async ({
  page,
  open,
  snap,
  expectAccessible,
}) => {
  await signIn(page, DAIRY.login);
  await open('/producteur/paiements');
  const section = page.getByRole('region', { name: 'Paiement sur facture : vos conditions' });
  await expect(section).toContainText('5 000,00 € TTC');
  const cap = section.getByLabel('Plafond par nouvel acheteur (€ TTC)');
  await expect(cap).toHaveValue('5000,00');
  await expect(section.getByText('Aucune entreprise refusée.')).toBeVisible();

  await cap.fill('cinq cents');
  await section.getByRole('button', { name: 'Enregistrer le plafond' }).click();
  await expect(page.locator('#cap-error')).toHaveText('Saisissez un montant en euros, par exemple 500 ou 750,50.');
  await expect(cap).toHaveAttribute('aria-invalid', 'true');

  // The API's own refusal, in French, under the field.
  await cap.fill('2000000');
  await section.getByRole('button', { name: 'Enregistrer le plafond' }).click();
  await expect(page.locator('#cap-error')).toHaveText('Le plafond est un montant en euros, de 0 à 1 000 000 €.');

  // No invoice at all before a first delivery.
  await cap.fill('0');
  await section.getByRole('button', { name: 'Enregistrer le plafond' }).click();
  await expect(section.getByRole('status')).toContainText('Plafond enregistré : 0,00 € TTC par nouvel acheteur.');
  await expect(cap).toHaveValue('0,00');

  await section.getByLabel('Refuser le paiement sur facture à').selectOption({ label: CHEF.business });
  await section.getByRole('button', { name: 'Refuser le paiement sur facture', exact: true }).click();
  await expect(section.getByRole('status')).toContainText(`${CHEF.business} ne peut plus payer sur facture`);
  await expect(section.getByRole('button', { name: `Autoriser de nouveau ${CHEF.business}` })).toBeVisible();
  await expectAccessible();
  await snap('invoice-terms');
});

test('a refused buyer, and a buyer the producer never delivered to, are told why next to the payment method', async ({
  page,
  request,
  snap,
  expectAccessible,
}) => {
  const refused = await invoiceCheckout(page, request, CHEF.login, CHEF.address);
  await expect(refused).toHaveText(
    `${DAIRY.name} n’accepte pas le paiement sur facture de votre entreprise : payez par carte.`,
  );
  await expectAccessible();
  await snap('checkout-invoice-refused');

  await page.context().clearCookies();
  const capped = await invoiceCheckout(page, request, HOTEL.login, HOTEL.address);
  await expect(capped).toContainText(
    `${DAIRY.name} ne vous a encore jamais livré : vos commandes sur facture chez ce producteur sont limitées à 0,00 € TTC jusqu’à une première livraison`,
  );
  await snap('checkout-invoice-cap');
});

test('the producer allows the buyer again and goes back to the platform’s cap, then to its own', async ({
  page,
  open,
  snap,
}) => {
  await signIn(page, DAIRY.login);
  await open('/producteur/paiements');
  const section = page.getByRole('region', { name: 'Paiement sur facture : vos conditions' });
  await section.getByRole('button', { name: `Autoriser de nouveau ${CHEF.business}` }).click();
  await expect(section.getByRole('status')).toContainText(`${CHEF.business} peut de nouveau payer sur facture.`);
  await expect(section.getByText('Aucune entreprise refusée.')).toBeVisible();

  await section.getByRole('button', { name: 'Revenir au plafond de la plateforme' }).click();
  await expect(section.getByRole('status')).toContainText('Le plafond de la plateforme s’applique de nouveau.');
  await expect(section.getByLabel('Plafond par nouvel acheteur (€ TTC)')).toHaveValue('300,00');
  await expect(section).toContainText('Le plafond de la plateforme : 300,00 €');
  await snap('invoice-terms-default');

  // As the demo had it, for the other screen size's run.
  await section.getByLabel('Plafond par nouvel acheteur (€ TTC)').fill('5000');
  await section.getByRole('button', { name: 'Enregistrer le plafond' }).click();
  await expect(section.getByRole('status')).toContainText('5 000,00 €');
});
