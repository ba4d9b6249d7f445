import { inAccountNav, DEMO_PASSWORD, expect, test } from './support/fixtures';
import { apiLogin, graphqlCall } from './support/graphql';
import {
  chooseDelivery,
  expectHonestFootprint,
  fillAddress,
  fillCart,
  freshEmail,
  GUERET,
  producerPart,
  productNamed,
  productsNear,
  setQuantity,
  signUpFromSignIn,
} from './support/buying';

/**
 * A visitor near Guéret fills a cart from two producers, sees each producer's minimum and the cart's carbon
 * estimate, goes to checkout, signs up on the way, and types an address in Guéret. This server takes no cards
 * (no Stripe set up): a consumer, who pays by card, is told plainly why the order cannot be paid.
 */
test('a visitor fills a cart from two producers near Guéret, signs up at checkout and is told why a card order cannot be paid here', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}, testInfo) => {
  await open('/panier');
  await expect(page.getByText('Votre panier est vide.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Voir les produits' })).toHaveAttribute('href', '/produits');
  await expectAccessible();
  await snap('cart-empty');

  const nearGueret = await productsNear(request, GUERET);
  const potatoes = productNamed(nearGueret, 'Pommes de terre nouvelles');
  const bread = productNamed(nearGueret, 'Pain de campagne au levain 1 kg');
  expect(potatoes.producer.name).toBe('Les Jardins de la Souterraine');
  expect(bread.producer.name).toBe('Le Fournil de Felletin');
  await fillCart(page, [
    [potatoes, 5],
    [bread, 2],
  ]);

  await open('/panier');
  await expect(page.getByRole('heading', { level: 1, name: 'Votre panier' })).toBeVisible();
  const garden = producerPart(page, 'Les Jardins de la Souterraine');
  const bakery = producerPart(page, 'Le Fournil de Felletin');
  await expect(garden.getByRole('link', { name: 'Pommes de terre nouvelles' })).toHaveAttribute(
    'href',
    `/produits/${potatoes.id}`,
  );
  // A consumer reads prices including VAT: 5 kg × 1,80 € HT, 9,00 € HT, are 1,90 € TTC / kg and 9,50 € TTC.
  const potatoRow = garden.getByRole('row', { name: /Pommes de terre nouvelles/ });
  await expect(potatoRow).toContainText('1,90 € TTC / kg');
  await expect(potatoRow).toContainText('9,50 €');
  await expect(potatoRow).not.toContainText('HT');
  // Where a line including VAT is not its unit price including VAT times its quantity, the part says why (the VAT is
  // the invoice's, once per rate): 2 × 5,20 € HT are 10,40 € + 57 c = 10,97 €, not 2 × 5,49 € = 10,98 €; 5 kg of
  // potatoes are 9,50 € both ways.
  const roundingNote = /^Totaux TTC comme sur la facture\s: la TVA est arrondie par taux, non par unité/;
  await expect(bakery.getByText(roundingNote)).toBeVisible();
  await expect(garden.getByText(roundingNote)).toHaveCount(0);
  await expect(bakery.getByRole('link', { name: 'Pain de campagne au levain 1 kg' })).toBeVisible();
  // No delivery chosen yet: the checkout waits, and says why.
  const checkoutBlocked = page.getByRole('button', { name: 'Passer la commande' });
  await expect(checkoutBlocked).toBeDisabled();
  await expect(page.locator('#checkout-blockers')).toContainText(
    'Choisissez comment Les Jardins de la Souterraine vous livre.',
  );

  // The producers' vans: each has its minimum order, not reached yet.
  await expect(page.getByRole('group', { name: 'Livraison par Les Jardins de la Souterraine' })).toContainText(
    'Livraison par le producteur · 8,44 € TTC · dès 40,00 € HT de commande',
  );
  await chooseDelivery(page, 'Les Jardins de la Souterraine', 'Livraison par nos soins');
  await chooseDelivery(page, 'Le Fournil de Felletin', 'Livraison par nos soins');
  await expect(garden.locator('.minimum')).toContainText('Minimum de commande de 40,00 € HT : il manque 31,00 € HT');
  await expect(bakery.locator('.minimum')).toContainText('Minimum de commande de 30,00 € HT : il manque 19,60 € HT');
  await expect(checkoutBlocked).toBeDisabled();
  await expect(page.locator('#checkout-blockers')).toContainText('il manque 31,00 €');

  // More potatoes reach the garden's minimum; the bakery's bread is collected at the farm, with no minimum.
  await setQuantity(page, 'Pommes de terre nouvelles', 25);
  await expect(garden.locator('.minimum')).toContainText('Minimum de commande de 40,00 € HT : atteint');
  await chooseDelivery(page, 'Le Fournil de Felletin', 'Retrait à la ferme');
  await expect(bakery.getByText('Pas de minimum de commande.')).toBeVisible();

  // The carbon estimate needs a place: the visitor gives the commune.
  await expect(page.getByText('Indiquez votre commune pour estimer le transport de votre panier.')).toBeVisible();
  await page.getByLabel('Votre commune de livraison').fill('Guéret (23000)');
  await page.getByRole('button', { name: 'Estimer pour cette commune' }).click();
  await expect(page.getByText('Estimation pour une livraison à Guéret (23000).')).toBeVisible();
  await expectHonestFootprint(page.getByRole('region', { name: 'Votre panier' }));
  // French typography: a figure never apart from its unit, a no-break space before « ; » and « ? ».
  await expect(garden.getByText(/à \d+,\d\u00a0km à vol d’oiseau/)).toBeVisible();
  await expect(
    page.getByRole('region', { name: 'Votre panier' }).locator('dd', { hasText: 'CO₂e' }).first(),
  ).toHaveText(/^\d+,\d{2}\u00a0kg\u00a0CO₂e$/);
  await expect(page.getByRole('group', { name: 'Livraison par Le Fournil de Felletin' })).toContainText(
    /sans minimum\u00a0; livre le/,
  );
  await expect(page.locator('summary', { hasText: 'Comment est-ce calculé' }).first()).toHaveText(
    /^Comment est-ce calculé\u00a0\?$/,
  );
  // 25 kg × 1,80 € + 2 × 5,20 € + the van's 8,00 €; VAT 5,5 %.
  const totals = page.getByRole('region', { name: 'Total', exact: true });
  await expect(totals).toContainText(/Total HT\s*63,40\s€/);
  await expect(totals).toContainText(/TVA\s*3,49\s€/);
  await expect(totals).toContainText(/Total TTC\s*66,89\s€/);
  // The lines and the fee including VAT add up to that total, as the API computes it (VAT per rate on each
  // producer's goods and fee, half-up): 47,48 € + 8,44 € (the van's 8,00 € and its VAT) + 10,97 € = 66,89 €.
  await expect(potatoRow).toContainText('47,48 €');
  await expect(garden.getByRole('row', { name: /Livraison : Livraison par nos soins/ })).toContainText('8,44 €');
  await expect(garden.locator('.totals')).toContainText(/Total TTC\s*55,92\s€/);
  const breadRow = bakery.getByRole('row', { name: /Pain de campagne au levain 1 kg/ });
  await expect(breadRow).toContainText('5,49 € TTC / pièce');
  await expect(breadRow).toContainText('10,97 €');
  // 25 kg: 45,00 € + 2,475 € of VAT = 47,48 €, not 25 × 1,90 € = 47,50 €: said under the potatoes too.
  await expect(garden.getByText(roundingNote)).toBeVisible();
  await expectAccessible();
  await snap('cart');

  // Checkout: sign in first — this visitor has no account yet, and creates one on the way.
  await page.getByRole('link', { name: 'Passer la commande' }).click();
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fcommande$/);
  await signUpFromSignIn(page, { displayName: 'Camille Aubusson', email: freshEmail('camille', testInfo) });
  await expect(page).toHaveURL(/\/commande$/);
  await expect(page.getByRole('heading', { level: 1, name: 'Passer la commande' })).toBeVisible();
  await expect(page.getByText('Vous commandez en tant que particulier.')).toBeVisible();
  const summary = page.getByRole('complementary', { name: 'Récapitulatif' });
  await expect(summary.getByRole('heading', { name: 'Les Jardins de la Souterraine' })).toBeVisible();
  await expect(summary.getByRole('heading', { name: 'Le Fournil de Felletin' })).toBeVisible();
  const summaryPotatoes = summary.getByRole('row', { name: /Pommes de terre nouvelles/ });
  await expect(summaryPotatoes).toContainText('25 kg × 1,90 € TTC / kg');
  await expect(summaryPotatoes).toContainText('47,48 €');
  await expect(summary.getByRole('row', { name: /Livraison : Livraison par nos soins/ })).toContainText('8,44 €');
  await expect(summary.getByRole('row', { name: /Pain de campagne/ })).toContainText('10,97 €');
  await expect(summary).not.toContainText('€ HT /');
  // The order's total, under its heading as the producers' parts are under theirs.
  const orderTotal = summary.getByRole('region', { name: 'Total', exact: true });
  await expect(orderTotal.getByRole('heading', { level: 3, name: 'Total' })).toBeVisible();
  await expect(orderTotal).toContainText(/Total TTC\s*66,89\s€/);
  // Both parts have a line whose TTC is not its unit TTC × its quantity: the note says why once, under the total.
  await expect(summary.getByText(roundingNote)).toHaveCount(1);
  await expect(orderTotal.getByText(roundingNote)).toBeVisible();

  await fillAddress(page, { line1: '3 place Bonnyaud', postalCode: '23000', city: 'Guéret' });
  // A consumer pays by card; this server takes none: said before anyone tries, the order button stays off.
  const card = page.getByRole('radio', { name: /Carte bancaire/ });
  await expect(card).toBeDisabled();
  await expect(card).toHaveAccessibleDescription('Le paiement par carte n’est pas encore activé sur cette plateforme.');
  await expect(page.locator('#cannot-pay')).toContainText(
    'Vous ne pouvez pas encore commander en tant que particulier.',
  );
  await expect(page.getByRole('button', { name: /Passer la commande/ })).toBeDisabled();
  await expect(page.getByRole('radio', { name: /Sur facture/ })).toHaveCount(0);
  await expectAccessible();
  await snap('checkout-consumer');

  // The cart is kept for later.
  await open('/panier');
  await expect(producerPart(page, 'Le Fournil de Felletin')).toBeVisible();
});

test('the commune searched in the catalogue carries over to the cart’s carbon estimate', async ({
  page,
  request,
  open,
}) => {
  const apples = productNamed(await productsNear(request, GUERET), 'Pommes Reinette grise');
  await open(`/produits/${apples.id}?commune=${encodeURIComponent('Guéret (23000)')}`);
  await page.getByLabel(/^Quantité/).fill('3');
  await page.getByRole('button', { name: 'Ajouter au panier' }).click();
  await expect(page.getByText('Ajouté au panier.')).toBeVisible();

  await open('/panier');
  await expect(page.getByLabel('Votre commune de livraison')).toHaveValue('Guéret (23000)');
  await expect(
    page.getByText(
      'Choisissez un mode de livraison pour chaque producteur pour estimer le transport jusqu’à Guéret (23000).',
    ),
  ).toBeVisible();
  await chooseDelivery(page, 'Les Vergers de Boussac', 'Messagerie');
  await expect(page.getByText('Estimation pour une livraison à Guéret (23000).')).toBeVisible();
  await expectHonestFootprint(page.getByRole('region', { name: 'Votre panier' }));
});

test('a new account has no orders yet; someone else’s order and its invoice answer 404', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}, testInfo) => {
  const chef = await apiLogin(request, 'chef@lecomtois.example', DEMO_PASSWORD);
  const { myOrders } = await graphqlCall<{
    myOrders: { edges: { node: { id: string; supplierOrders: { invoice: { id: string } | null }[] } }[] };
  }>(request, '{ myOrders(first: 5) { edges { node { id supplierOrders { invoice { id } } } } } }', {}, chef);
  const chefsOrders = myOrders.edges;
  const invoiced = chefsOrders.find(({ node }) => node.supplierOrders.some((part) => part.invoice))!.node;

  await page.goto('/inscription');
  await page.getByLabel('Votre nom').fill('Curieux');
  await page.getByLabel('Adresse e-mail').fill(freshEmail('curieux', testInfo));
  await page.getByLabel('Mot de passe').fill('Creuse-circuit-court-2026');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await inAccountNav(page, (nav) => expect(nav.getByRole('button', { name: /Se déconnecter/ })).toBeVisible());

  await open('/commandes');
  await expect(page.getByText('Vous n’avez pas encore passé de commande.')).toBeVisible();
  await expect(page.getByRole('link', { name: 'Découvrir les produits' })).toHaveAttribute('href', '/produits');
  await expectAccessible();
  await snap('orders-empty');

  const orderPage = await page.goto(`/commandes/${invoiced.id}`);
  expect(orderPage?.status()).toBe(404);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cette page n’existe pas');
  const invoice = await page.request.get(
    `/commandes/${invoiced.id}/factures/${invoiced.supplierOrders.find((p) => p.invoice)!.invoice!.id}`,
  );
  expect(invoice.status()).toBe(404);
  expect(await invoice.text()).not.toContain('%PDF');
});
