import type { Locator, Page } from '@playwright/test';
import { inAccountNav, DEMO_PASSWORD, expect, test, waitForHydration } from './support/fixtures';
import {
  chooseDelivery,
  fillAddress,
  fillCart,
  LONS_LE_SAUNIER,
  producerPart,
  productNamed,
  productsNear,
  signIn,
} from './support/buying';

const CHEF = 'chef@lecomtois.example';

/** Presses a key (Tab by default) until the element has the focus: how a keyboard user walks to it. */
async function keyTo(page: Page, target: Locator, key = 'Tab', most = 80): Promise<void> {
  for (let pressed = 0; pressed < most; pressed++) {
    if (await target.evaluate((element) => element === document.activeElement).catch(() => false)) return;
    await page.keyboard.press(key);
  }
  await expect(target).toBeFocused();
}

/**
 * Bad input in the checkout gets the API's message next to the field it names, keeps what was typed and keeps the
 * cart.
 */
test('a postal code that is not the city’s, then an empty street: the message next to the field, everything typed kept, the cart kept', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}) => {
  await signIn(page, CHEF, DEMO_PASSWORD);
  const jura = await productsNear(request, LONS_LE_SAUNIER, 60);
  await fillCart(page, [[productNamed(jura, 'Morbier AOP'), 4]]);
  await open('/panier');
  await chooseDelivery(page, 'Fromagerie du Revermont', 'Livraison par nos soins');
  await page.getByRole('link', { name: 'Passer la commande' }).click();
  await waitForHydration(page);

  // Dole is in 39100: 39000 is Lons-le-Saunier's postal code.
  const typed = { line1: '2 rue de la Sous-Préfecture', postalCode: '39000', city: 'Dole' };
  await fillAddress(page, typed);
  await page.getByRole('button', { name: /^Passer la commande/ }).click();
  const postalCode = page.getByLabel('Code postal');
  await expect(page.locator('#postalCode-error')).toContainText('code postal');
  await expect(postalCode).toHaveAttribute('aria-invalid', 'true');
  await expect(postalCode).toHaveAccessibleDescription(await page.locator('#postalCode-error').innerText());
  await expect(page.getByLabel('Numéro et rue')).toHaveValue(typed.line1);
  await expect(postalCode).toHaveValue(typed.postalCode);
  await expect(page.getByLabel('Commune')).toHaveValue(typed.city);
  await expect(page.getByRole('radio', { name: /Sur facture/ })).toBeChecked();
  await expect(
    page.getByRole('complementary', { name: 'Récapitulatif' }).getByRole('link', { name: 'Morbier AOP' }),
  ).toBeVisible();
  await expectAccessible();
  await snap('checkout-error');

  // The street left empty: the message moves next to it, and the rest is still there.
  await page.getByLabel('Numéro et rue').fill('');
  await postalCode.fill('39100');
  await page.getByRole('button', { name: /^Passer la commande/ }).click();
  await expect(page.locator('#line1-error')).toContainText('rue');
  await expect(page.getByLabel('Numéro et rue')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#postalCode-error')).toHaveCount(0);
  await expect(postalCode).toHaveValue('39100');
  await expect(page.getByLabel('Commune')).toHaveValue('Dole');

  // Nothing was ordered: the cart is as it was.
  await open('/panier');
  await expect(producerPart(page, 'Fromagerie du Revermont').getByRole('link', { name: 'Morbier AOP' })).toBeVisible();
});

/** An address beyond a producer's delivery radius: which producer, and how far, above the form. */
test('an address beyond a producer’s delivery area is refused with the producer named, the cart kept', async ({
  page,
  request,
  open,
}) => {
  await signIn(page, CHEF, DEMO_PASSWORD);
  const jura = await productsNear(request, LONS_LE_SAUNIER, 60);
  await fillCart(page, [[productNamed(jura, 'Comté AOP 30 mois'), 3]]);
  await open('/panier');
  await chooseDelivery(page, 'Fromagerie du Revermont', 'Livraison par nos soins');
  await page.getByRole('link', { name: 'Passer la commande' }).click();
  await waitForHydration(page);
  await fillAddress(page, { line1: '3 place Bonnyaud', postalCode: '23000', city: 'Guéret' });
  await page.getByRole('button', { name: /^Passer la commande/ }).click();

  const alert = page
    .getByRole('alert')
    .filter({ hasText: 'Cette adresse est hors de la zone de livraison d’un producteur' });
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(
    /Fromagerie du Revermont livre dans un rayon de 80 km avec «\u00a0Livraison par nos soins\u00a0»\u00a0; cette adresse est à \d+ km/,
  );
  await expect(alert.getByRole('link', { name: 'Modifier le panier' })).toHaveAttribute('href', '/panier');
  await expect(page.getByLabel('Commune')).toHaveValue('Guéret');
  await expect(
    page.getByRole('complementary', { name: 'Récapitulatif' }).getByRole('link', { name: 'Comté AOP 30 mois' }),
  ).toBeVisible();
});

/** The business's whole checkout with the keyboard alone: Tab, Shift+Tab, Space and Enter; not one click. */
test('the business checks out with the keyboard alone', async ({ page, request, open }) => {
  const jura = await productsNear(request, LONS_LE_SAUNIER, 60);

  await open('/connexion');
  await keyTo(page, page.getByLabel('Adresse e-mail'));
  await page.keyboard.type(CHEF);
  await page.keyboard.press('Tab');
  await page.keyboard.type(DEMO_PASSWORD);
  await page.keyboard.press('Enter');
  await inAccountNav(page, (nav) => expect(nav.getByRole('button', { name: /Se déconnecter/ })).toBeVisible());

  // Two products from their pages: the quantity field, then Enter adds to the cart.
  for (const [name, quantity] of [
    ['Bleu de Gex AOP', '2'],
    ['Terrine de campagne 200 g', '6'],
  ] as const) {
    await open(`/produits/${productNamed(jura, name).id}`);
    await keyTo(page, page.getByLabel(/^Quantité/));
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type(quantity);
    await page.keyboard.press('Enter');
    await expect(page.getByText('Ajouté au panier.')).toBeVisible();
  }

  // The cart: each producer's first option, taken with Space (collected at the farm: no minimum).
  await keyTo(page, page.getByRole('link', { name: 'Voir le panier' }));
  await page.keyboard.press('Enter');
  await expect(page.getByRole('heading', { level: 1, name: 'Votre panier' })).toBeVisible();
  await waitForHydration(page);
  for (const producer of ['Fromagerie du Revermont', 'Ferme des Rousses']) {
    const pickup = page
      .getByRole('group', { name: `Livraison par ${producer}` })
      .getByRole('radio', { name: /^Retrait à la ferme/ });
    await keyTo(page, pickup);
    await page.keyboard.press('Space');
    await expect(pickup).toBeChecked();
    await expect(
      producerPart(page, producer).getByRole('rowheader', { name: 'Livraison : Retrait à la ferme' }),
    ).toBeVisible();
  }
  const checkoutLink = page.getByRole('link', { name: 'Passer la commande' });
  await keyTo(page, checkoutLink);
  await page.keyboard.press('Enter');

  // The checkout: an address typed field by field, one step back with Shift+Tab to correct it.
  await expect(page.getByRole('heading', { level: 1, name: 'Passer la commande' })).toBeVisible();
  await waitForHydration(page);
  await keyTo(page, page.getByLabel('Numéro et rue'));
  await page.keyboard.type('5 rue du Commerce');
  await page.keyboard.press('Tab');
  await page.keyboard.type('39001');
  await page.keyboard.press('Tab');
  await page.keyboard.type('Lons-le-Saunier');
  await page.keyboard.press('Shift+Tab');
  await expect(page.getByLabel('Code postal')).toBeFocused();
  // Coming back with the keyboard selects the field's text: typing replaces it.
  await page.keyboard.type('39000');
  await expect(page.getByLabel('Code postal')).toHaveValue('39000');
  const invoice = page.getByRole('radio', { name: /Sur facture/ });
  await keyTo(page, invoice);
  await page.keyboard.press('Space');
  await expect(invoice).toBeChecked();
  const submit = page.getByRole('button', { name: /^Passer la commande/ });
  await keyTo(page, submit);
  await page.keyboard.press('Enter');

  await expect(page.getByRole('status').filter({ hasText: 'Merci, votre commande est passée' })).toBeVisible();
  await expect(page.getByText('5 rue du Commerce, 39000 Lons-le-Saunier')).toBeVisible();
});
