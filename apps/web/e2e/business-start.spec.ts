import { expect, inAccountNav, plain, test } from './support/fixtures';
import {
  chooseDelivery,
  fillCart,
  freshEmail,
  GUERET,
  productNamed,
  productsNear,
  signUpFromSignIn,
} from './support/buying';
import { freshSiret } from './support/siret';

/**
 * PRODUCT.md §1, the local business's row: a restaurant signs up with its SIRET and address. A new person at the
 * checkout (this server takes no cards: a consumer cannot pay) follows the link to register the restaurant
 * (`/pro/demarrer?retour=/commande`), mistypes its SIRET, fixes it, and is back at the checkout buying for it, by
 * invoice; the pro space knows it, and says it awaits its verification.
 */

test('a new person at the checkout registers their restaurant, with a SIRET fixed on the way, and buys for it by invoice', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}, testInfo) => {
  test.slow();
  const restaurant = `Bistrot du Marché ${testInfo.project.name} ${Date.now()}`;
  const nearGueret = await productsNear(request, GUERET);
  await fillCart(page, [[productNamed(nearGueret, 'Pommes de terre nouvelles'), 10]]);

  // The checkout: sign up on the way, then the way to buy as a business rather than as a consumer.
  await open('/panier');
  await chooseDelivery(page, 'Les Jardins de la Souterraine', 'Retrait à la ferme');
  await page.getByRole('link', { name: 'Passer la commande' }).click();
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fcommande$/);
  await signUpFromSignIn(page, { displayName: 'Hugo Lavaud', email: freshEmail('bistrot', testInfo) });
  await expect(page).toHaveURL(/\/commande$/);
  const cannotPay = page.locator('#cannot-pay');
  await expect(cannotPay).toContainText('Les entreprises inscrites sur Ancrage peuvent commander et payer sur facture');
  await expect(page.getByRole('radio', { name: /Sur facture/ })).toHaveCount(0);
  await cannotPay.getByRole('link', { name: 'inscrire mon entreprise' }).click();

  await expect(page).toHaveURL(/\/pro\/demarrer\?retour=%2Fcommande$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inscrire mon entreprise');
  await expect(page.getByLabel('Numéro SIRET')).toHaveAccessibleDescription(/numéro de TVA intracommunautaire/);
  await expectAccessible();
  await snap('business-start-form');

  // A SIRET whose check digits are wrong: the API's French message next to the field, nothing typed lost.
  await page.getByLabel('Nom de l’entreprise').fill(restaurant);
  await page.getByLabel('Numéro SIRET').fill('123 456 789 01234');
  await page.getByLabel('Numéro et rue').fill('4 place Bonnyaud');
  await page.getByLabel('Code postal').fill('23000');
  await page.getByLabel('Commune').fill('Guéret');
  await page.getByRole('button', { name: 'Inscrire mon entreprise' }).click();
  const siret = page.getByLabel('Numéro SIRET');
  await expect(siret).toHaveAccessibleDescription(/Ce numéro SIRET n’est pas valide\u00a0: vérifiez ses 14 chiffres\./);
  await expect(siret).toHaveAttribute('aria-invalid', 'true');
  await expect(page.locator('#siret-error')).toHaveText(
    'Ce numéro SIRET n’est pas valide\u00a0: vérifiez ses 14 chiffres.',
  );
  await expect(siret).toHaveValue('123 456 789 01234');
  await expect(page.getByLabel('Nom de l’entreprise')).toHaveValue(restaurant);
  await expect(page.getByLabel('Numéro et rue')).toHaveValue('4 place Bonnyaud');
  await expect(page.getByLabel('Code postal')).toHaveValue('23000');
  await expect(page.getByLabel('Commune')).toHaveValue('Guéret');
  await expectAccessible();
  await snap('business-start-bad-siret');

  // Fixed: the restaurant exists, the person is back at the checkout buying for it, by invoice.
  await siret.fill(freshSiret('8'));
  await page.getByRole('button', { name: 'Inscrire mon entreprise' }).click();
  await expect(page).toHaveURL(/\/commande$/);
  await expect(page.getByRole('radio', { name: new RegExp(restaurant) })).toBeChecked();
  const invoice = page.getByRole('radio', { name: /Sur facture/ });
  await expect(invoice).toBeChecked();
  await expect(page.locator('#cannot-pay')).toHaveCount(0);
  await expect(page.getByRole('button', { name: /Passer la commande/ })).toBeEnabled();
  // Its verification is pending: what that changes, said before ordering.
  const notice = page.getByRole('note').filter({ hasText: 'Vérification en cours.' });
  await expect(notice).toContainText('Vérification en cours.');
  expect(plain(await notice.innerText())).toContain(
    `${restaurant} attend sa vérification par l’équipe Ancrage, qui contrôle que son SIRET est bien le vôtre.`,
  );
  // Its own address is the delivery address unless another is typed.
  await expect(page.locator('#address-hint')).toContainText('4 place Bonnyaud, 23000 Guéret');
  await expectAccessible();
  await snap('business-start-checkout');

  // The pro space knows it.
  await inAccountNav(page, (nav) => expect(nav.getByRole('link', { name: 'Factures reçues' })).toBeVisible());
  await open('/pro/factures');
  await expect(page.getByRole('heading', { level: 1, name: 'Factures reçues' })).toBeVisible();
  await expect(page.getByText('Cet espace est réservé aux entreprises qui achètent sur Ancrage.')).toHaveCount(0);
  expect(plain(await page.getByRole('note').filter({ hasText: 'Vérification en cours.' }).innerText())).toContain(
    `${restaurant} attend sa vérification`,
  );
});

test('a /pro page offers a person buying for no business to register one, and a visitor signs in first', async ({
  page,
  open,
  snap,
  expectAccessible,
}, testInfo) => {
  // A visitor is sent to sign in (here: sign up), and comes back to the form.
  await open('/pro/demarrer');
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fpro%2Fdemarrer$/);
  await signUpFromSignIn(page, { displayName: 'Inès Bourganeuf', email: freshEmail('epicerie', testInfo) });
  await expect(page).toHaveURL(/\/pro\/demarrer$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Inscrire mon entreprise');

  // A /pro page: businesses only, and the way to register one that comes back to it.
  await open('/pro/rse');
  await expect(page.getByText('Cet espace est réservé aux entreprises qui achètent sur Ancrage.')).toBeVisible();
  const start = page.getByRole('region', { name: 'Vous achetez pour une entreprise ?' });
  await expect(start.getByRole('link', { name: 'Inscrire mon entreprise' })).toHaveAttribute(
    'href',
    '/pro/demarrer?retour=%2Fpro%2Frse',
  );
  await expectAccessible();
  await snap('business-start-pro-page');

  // The producer pages offer both ways to start: selling, or buying for a business.
  await open('/producteur');
  await expect(page.getByRole('link', { name: 'Créer mon organisation de producteur' })).toHaveAttribute(
    'href',
    '/producteur/demarrer',
  );
  await expect(page.getByRole('link', { name: 'Inscrire mon entreprise' })).toHaveAttribute('href', '/pro/demarrer');
  await expectAccessible();
  await snap('business-start-producers-only');

  // A return address off this site is not followed: the new business lands in the pro space.
  await open('/pro/demarrer?retour=https%3A%2F%2Fexemple.invalid%2F');
  await page.getByLabel('Nom de l’entreprise').fill(`Épicerie du Lac ${testInfo.project.name} ${Date.now()}`);
  await page.getByLabel('Numéro SIRET').fill(freshSiret('8'));
  await page.getByLabel('Numéro et rue').fill('2 rue du Lac');
  await page.getByLabel('Code postal').fill('23000');
  await page.getByLabel('Commune').fill('Guéret');
  await page.getByRole('button', { name: 'Inscrire mon entreprise' }).click();
  await expect(page).toHaveURL(/\/pro\/factures$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Factures reçues' })).toBeVisible();

  // Its owner corrects its name and moves it (from the members' page): a wrong postal code is said next to its
  // field, what was typed kept; the SIRET is shown, never edited.
  await open('/pro/membres');
  await page.getByRole('link', { name: 'Nom et coordonnées de l’entreprise' }).click();
  await expect(page).toHaveURL(/\/pro\/entreprise$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Nom et coordonnées de l’entreprise');
  const renamed = `Épicerie du Marché ${testInfo.project.name} ${Date.now()}`;
  await page.getByLabel('Nom de l’entreprise').fill(renamed);
  await page.getByLabel('Numéro et rue').fill('5 place Bonnyaud');
  await page.getByLabel('Code postal').fill('2300');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByLabel('Code postal')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Code postal')).toHaveAccessibleDescription(
    /^Un code postal français compte 5 chiffres/,
  );
  await expect(page.getByLabel('Nom de l’entreprise')).toHaveValue(renamed);
  await expect(page.getByLabel('Numéro et rue')).toHaveValue('5 place Bonnyaud');
  await expectAccessible();
  await snap('business-details-refused');
  await page.getByLabel('Code postal').fill('23000');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Nom et coordonnées enregistrés.' })).toBeVisible();
  await expect(page.getByLabel('Nom de l’entreprise')).toHaveValue(renamed);
  await expect(page.getByLabel('Numéro et rue')).toHaveValue('5 place Bonnyaud');
  await expect(page.getByText(/^SIRET/)).toBeVisible();
  await expectAccessible();
  await snap('business-details-saved');
});
