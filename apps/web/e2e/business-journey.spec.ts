import {
  accountNav,
  DEMO_PASSWORD,
  expect,
  headerFoldsAccount,
  plain,
  test,
  waitForHydration,
  pageWithoutJavaScript,
} from './support/fixtures';
import {
  chooseDelivery,
  expectHonestFootprint,
  fillCart,
  GUERET,
  LONS_LE_SAUNIER,
  producerPart,
  productNamed,
  productsNear,
  signIn,
} from './support/buying';
import { apiLogin, firstDeliveryDate, graphqlCall } from './support/graphql';

/**
 * The restaurant's chef buys for Restaurant Le Comtois from two Jura producers at B2B prices, pays by invoice, sees
 * the confirmation with the distance and the carbon, follows the order and cancels it; then downloads the invoice of
 * the demo's delivered order, and orders it again.
 */
test('a business buys from two Jura producers by invoice, follows and cancels the order, downloads a delivered order’s invoice and orders it again', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}) => {
  await signIn(page, 'chef@lecomtois.example', DEMO_PASSWORD);
  const jura = await productsNear(request, LONS_LE_SAUNIER, 60);
  const comte = productNamed(jura, 'Comté AOP 18 mois');
  const sausage = productNamed(jura, 'Saucisse de Morteau IGP');
  expect([comte.producer.name, sausage.producer.name]).toEqual(['Fromagerie du Revermont', 'Ferme des Rousses']);
  await fillCart(page, [
    [comte, 6],
    [sausage, 20],
  ]);

  // The cart is priced for the restaurant: the B2B tiers of 5 kg and of 20 pieces.
  await open('/panier');
  await expect(page.getByRole('radio', { name: /Restaurant Le Comtois/ })).toBeChecked();
  const cheese = producerPart(page, 'Fromagerie du Revermont');
  const farm = producerPart(page, 'Ferme des Rousses');
  await expect(cheese.getByRole('row', { name: /Comté AOP 18 mois/ })).toContainText('19,50 € HT / kg');
  await expect(farm.getByRole('row', { name: /Saucisse de Morteau IGP/ })).toContainText('5,60 € HT / pièce');
  // A business reads prices excluding VAT, the delivery fees too.
  await expect(page.getByRole('group', { name: 'Livraison par Fromagerie du Revermont' })).toContainText('15,00 € HT');
  await chooseDelivery(page, 'Fromagerie du Revermont', 'Livraison par nos soins');
  await chooseDelivery(page, 'Ferme des Rousses', 'Livraison par nos soins');
  await expect(cheese.getByRole('row', { name: /Comté AOP 18 mois/ })).toContainText('117,00 €');
  await expect(cheese.getByRole('row', { name: /Livraison : Livraison par nos soins/ })).toContainText('15,00 €');
  await expect(cheese).not.toContainText('TTC /');
  await expect(cheese.locator('.minimum')).toContainText('Minimum de commande de 60,00 € HT : atteint');
  await expect(farm.locator('.minimum')).toContainText('Minimum de commande de 50,00 € HT : atteint');
  await expect(
    page.getByText('Estimation pour une livraison à Restaurant Le Comtois (Lons-le-Saunier).'),
  ).toBeVisible();
  await expectHonestFootprint(page.getByRole('region', { name: 'Votre panier' }));

  // Checkout for the restaurant, at its own address, paid by invoice.
  await page.getByRole('link', { name: 'Passer la commande' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Passer la commande' })).toBeVisible();
  await expect(page.getByRole('radio', { name: /Restaurant Le Comtois/ })).toBeChecked();
  await expect(
    page.getByText(
      /Laissez ces champs vides pour livrer à l’adresse de Restaurant Le Comtois\u00a0: 5 rue du Commerce, 39000 Lons-le-Saunier/,
    ),
  ).toBeVisible();
  await expect(page.getByRole('radio', { name: /Sur facture/ })).toBeChecked();
  await expect(page.getByRole('radio', { name: /Carte bancaire/ })).toBeDisabled();
  const summary = page.getByRole('complementary', { name: 'Récapitulatif' });
  const summaryComte = summary.getByRole('row', { name: /Comté AOP 18 mois/ });
  await expect(summaryComte).toContainText('6 kg × 19,50 € HT / kg');
  await expect(summaryComte).toContainText('117,00 €');
  await expect(summary.getByRole('columnheader', { name: 'Total HT' })).toHaveCount(2);
  await expectAccessible();
  await snap('checkout-business');
  // (6 × 19,50 + 15,00) and (20 × 5,60 + 12,00) excl. VAT, plus VAT at 5,5 % per producer.
  await page.getByRole('button', { name: 'Passer la commande (270,08 € TTC)' }).click();

  // The confirmation: the order's distance and its carbon, told honestly.
  await expect(page).toHaveURL(/\/commandes\/[0-9a-f-]+\?confirmee=1$/);
  const orderUrl = new URL(page.url()).pathname;
  const banner = page.getByRole('status').filter({ hasText: 'Merci, votre commande est passée' });
  await expect(banner).toBeVisible();
  expect(plain(await banner.innerText())).toMatch(/Vos produits parcourront en moyenne \d+,\d km jusqu’à vous/);
  expect(plain(await banner.innerText())).toMatch(
    /Leur transport émet \d+,\d{2} kg CO₂e de (moins|plus) qu’une chaîne d’approvisionnement classique/,
  );
  await expect(banner).toContainText('Chaque producteur vous enverra sa facture à la livraison, payable à 30 jours.');
  const orderFootprint = page.getByRole('region', { name: 'Empreinte carbone de la commande' });
  const { emissions, baseline } = await expectHonestFootprint(orderFootprint);
  expect(plain(await banner.innerText())).toContain(emissions > baseline ? 'de plus' : 'de moins');
  const orderNumber = (await page.getByRole('heading', { level: 1 }).innerText()).replace('Commande ', '');
  await expectAccessible();
  await snap('order-confirmation');

  // The orders list: the new order first, placed, for the restaurant, with its two producers.
  await (await accountNav(page)).getByRole('link', { name: 'Mes commandes' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Mes commandes' })).toBeVisible();
  const newest = page
    .getByRole('listitem')
    .filter({ has: page.getByRole('link', { name: `Commande ${orderNumber}` }) });
  await expect(newest).toContainText('Passée');
  await expect(newest).toContainText('270,08 €');
  await expect(newest).toContainText('Restaurant Le Comtois');
  await expect(newest).toContainText('Fromagerie du Revermont, Ferme des Rousses');
  await expect(page.getByRole('listitem').first()).toContainText(`Commande ${orderNumber}`);
  await expectAccessible();
  await snap('orders');

  // The order: each producer's part, still placed, with its delivery, totals and footprint; then cancelled.
  await newest.getByRole('link', { name: `Commande ${orderNumber}` }).click();
  await expect(page).toHaveURL(new RegExp(`${orderUrl}$`));
  for (const [producer, login] of [
    ['Fromagerie du Revermont', 'fromagerie@revermont.example'],
    ['Ferme des Rousses', 'ferme@lesrousses.example'],
  ]) {
    const part = page.getByRole('region', { name: producer, exact: true });
    await expect(part.locator('.order-status')).toHaveText('Passée');
    // How to reach the producer: its phone to call (the demo's numbers of fiction), its e-mail to write to.
    const contact = part.locator('.contact-line');
    await expect(contact).toContainText(/^Contact\s:\s01\s99\s00\s\d\d\s\d\d/);
    await expect(
      contact.getByRole('link', { name: new RegExp(`^01\\s99\\s00\\s\\d\\d\\s\\d\\d \\(appeler ${producer}\\)$`) }),
    ).toHaveAttribute('href', /^tel:\+33199000\d{3}$/);
    await expect(contact.getByRole('link', { name: `${login} (écrire à ${producer})` })).toHaveAttribute(
      'href',
      `mailto:${login}`,
    );
    await expect(part).toContainText('Livraison : Livraison par nos soins');
    await expect(part.getByText('La facture de ce producteur sera disponible à la livraison.')).toBeVisible();
    await expectHonestFootprint(part.getByRole('region', { name: 'Empreinte carbone du transport' }));
  }
  await expectAccessible();
  await snap('order');
  // The whole order (each part also has its own "Annuler cette partie").
  const cancelWhole = page.getByRole('region', { name: 'Annuler la commande' });
  await cancelWhole.getByLabel('Motif (facultatif)').fill('Menu changé');
  await cancelWhole.getByRole('button', { name: 'Annuler la commande' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Votre commande est annulée.' })).toBeVisible();
  await expect(page.locator('.order-head .order-status')).toHaveText('Annulée');
  await expect(
    page.getByRole('region', { name: 'Ferme des Rousses', exact: true }).locator('.order-status'),
  ).toHaveText('Annulée');
  await expect(page.getByRole('button', { name: 'Annuler la commande' })).toHaveCount(0);

  // The demo's delivered order: its footprint measured at the odometer, its invoice as a PDF.
  await open('/commandes');
  const delivered = page.getByRole('listitem').filter({ hasText: 'Livrée' }).first();
  await delivered.getByRole('link').click();
  await expect(page.locator('.order-head .order-status')).toHaveText('Livrée');
  const cheesePart = page.getByRole('region', { name: 'Fromagerie du Revermont', exact: true });
  await expect(cheesePart).toContainText('relevée au compteur par le producteur');
  await expectHonestFootprint(page.getByRole('region', { name: 'Empreinte carbone de la commande' }));
  await expectAccessible();
  await snap('order-delivered');
  const invoiceLink = cheesePart.getByRole('link', { name: /^Télécharger la facture \(PDF\)/ });
  const [download] = await Promise.all([page.waitForEvent('download'), invoiceLink.click()]);
  expect(download.suggestedFilename()).toMatch(/^[A-Z0-9]+-\d{4}-\d+\.pdf$/);
  const bytes = await (await import('node:fs/promises')).readFile((await download.path())!);
  expect(bytes.subarray(0, 4).toString('latin1')).toBe('%PDF');
  const response = await page.request.get((await invoiceLink.getAttribute('href'))!);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect(response.headers()['content-disposition']).toBe(`attachment; filename="${download.suggestedFilename()}"`);
  // Beside it, the same invoice as a Factur-X e-invoice: a PDF/A-3 carrying its XML.
  const facturXLink = cheesePart.getByRole('link', { name: /^Factur-X de la facture/ }).first();
  const [facturX] = await Promise.all([page.waitForEvent('download'), facturXLink.click()]);
  expect(facturX.suggestedFilename()).toMatch(/^[A-Z0-9]+-\d{4}-\d+-factur-x\.pdf$/);
  const facturXBytes = (await (await import('node:fs/promises')).readFile((await facturX.path())!)).toString('latin1');
  expect(facturXBytes.startsWith('%PDF-1.7')).toBe(true);
  expect(facturXBytes).toContain('/F (factur-x.xml)');
  expect(facturXBytes).toContain('<fx:ConformanceLevel>EN 16931</fx:ConformanceLevel>');

  // "Commander à nouveau": the same products and deliveries back in the cart, priced today.
  await page.getByRole('button', { name: 'Commander à nouveau' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Votre panier' })).toBeVisible();
  await expect(page.getByLabel('Quantité de Comté AOP 18 mois', { exact: false })).toHaveValue('6');
  await expect(page.getByLabel('Quantité de Jambon fumé du Haut-Doubs', { exact: false })).toHaveValue('2.5');
  await expect(
    page
      .getByRole('group', { name: 'Livraison par Ferme des Rousses' })
      .getByRole('radio', { name: /^Livraison par nos soins/ }),
  ).toBeChecked();
  await expect(page.getByRole('link', { name: 'Passer la commande' })).toBeVisible();
});

/** More orders than a page holds: the list pages with cursors, older orders one click away, and back. */
test('the orders list pages with cursors', async ({ page, request }) => {
  const grocer = await apiLogin(request, 'epicerie@gueret.example', DEMO_PASSWORD);
  const { me } = await graphqlCall<{ me: { memberships: { organization: { id: string; kind: string } }[] } }>(
    request,
    '{ me { memberships { organization { id kind } } } }',
    {},
    grocer,
  );
  const shop = me.memberships.find((m) => m.organization.kind === 'BUSINESS')!.organization;
  const potatoes = productNamed(await productsNear(request, GUERET), 'Pommes de terre nouvelles');
  const { product } = await graphqlCall<{ product: { producer: { deliveryOptions: { id: string; mode: string }[] } } }>(
    request,
    'query ($id: ID!) { product(id: $id) { producer { deliveryOptions { id mode } } } }',
    { id: potatoes.id },
  );
  const pickup = product.producer.deliveryOptions.find((option) => option.mode === 'PICKUP')!;
  for (let n = 0; n < 20; n++) {
    await graphqlCall(
      request,
      'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id } }',
      {
        input: {
          buyerOrganizationId: shop.id,
          lines: [{ productId: potatoes.id, quantity: 1 }],
          deliveries: [
            {
              producerId: potatoes.producer.id,
              deliveryOptionId: pickup.id,
              deliveryDate: await firstDeliveryDate(request, pickup.id),
            },
          ],
          paymentMethod: 'INVOICE',
          idempotencyKey: `paging-${test.info().project.name}-${Date.now()}-${n}`,
        },
      },
      grocer,
    );
  }

  await signIn(page, 'epicerie@gueret.example', DEMO_PASSWORD, '/commandes');
  const orderLinks = page.getByRole('list', { name: 'Commandes' }).getByRole('link');
  await expect(orderLinks).toHaveCount(20);
  const firstPage = await orderLinks.allInnerTexts();
  await page.getByRole('link', { name: 'Commandes plus anciennes' }).click();
  await expect(page).toHaveURL(/\/commandes\?apres=/);
  await expect(orderLinks.first()).not.toHaveText(firstPage[0]);
  const olderPage = await orderLinks.allInnerTexts();
  expect(olderPage.filter((number) => firstPage.includes(number))).toEqual([]);
  await page.getByRole('link', { name: 'Les plus récentes' }).click();
  await expect(orderLinks.first()).toHaveText(firstPage[0]);
});

test('the header of a business’s buyer: its spaces in the row on a wide screen, under « Menu » on a phone, by keyboard and without JavaScript', async ({
  page,
  browser,
  baseURL,
  snap,
  expectAccessible,
}) => {
  await signIn(page, 'chef@lecomtois.example', DEMO_PASSWORD, '/pro/rse');
  await waitForHydration(page);
  const header = page.getByRole('banner');
  const nav = header.getByRole('navigation', { name: 'Navigation principale' });
  const ownLinks = ['Mes commandes', 'Rapport RSE', 'Factures reçues', 'Commandes récurrentes', 'Membres'];
  const menu = nav.locator('details.site-menu');
  const summary = menu.locator('summary');
  // The catalogue and the cart always in sight, and the page's title under the header.
  for (const name of ['Produits', 'Producteurs'])
    await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: /^Panier/ })).toBeVisible();
  await expect(page.getByRole('heading', { level: 1, name: 'Bilan RSE de vos achats' })).toBeInViewport();
  if (!headerFoldsAccount(page)) {
    for (const name of ownLinks) await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
    await expect(nav.getByRole('link', { name: 'Rapport RSE' })).toHaveAttribute('aria-current', 'page');
    const signOut = nav.getByRole('button', { name: 'Se déconnecter (Julie Faivre)' });
    await expect(signOut).toBeVisible();
    await expect(summary).toBeHidden();
    // However many links a business buyer has, signing out stays on the header's first line, beside the brand.
    const brand = (await header.getByRole('link', { name: /^Ancrage/ }).boundingBox())!;
    const signOutBox = (await signOut.boundingBox())!;
    expect(signOutBox.y).toBeLessThan(brand.y + brand.height / 2);
    expect(signOutBox.y + signOutBox.height).toBeGreaterThan(brand.y);
    expect((await header.boundingBox())!.height).toBeLessThan(100);
    await snap('header-wide');
    return;
  }

  // A phone: two short lines of header, the person's own links folded (hidden from screen readers too).
  expect((await header.boundingBox())!.height).toBeLessThan(120);
  for (const name of ownLinks) await expect(nav.getByRole('link', { name, exact: true })).toHaveCount(0);
  await snap('header-phone');

  // By keyboard: Enter opens « Menu », the page shown marked in it; Escape folds it and gives the focus back.
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(menu).toHaveAttribute('open', '');
  for (const name of ownLinks) await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Rapport RSE' })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('button', { name: 'Se déconnecter (Julie Faivre)' })).toBeVisible();
  await expectAccessible();
  await snap('header-phone-menu');
  await page.keyboard.press('Tab');
  await expect(nav.getByRole('link', { name: 'Mes commandes' })).toBeFocused();
  await page.keyboard.press('Escape');
  await expect(menu).not.toHaveAttribute('open');
  await expect(summary).toBeFocused();

  // A link of the menu leads to its page, where the menu is folded again.
  await summary.click();
  await nav.getByRole('link', { name: 'Factures reçues' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Factures reçues');
  await expect(menu).not.toHaveAttribute('open');

  // Before the scripts have loaded, or without them: the same menu opens, and its links lead to their pages.
  const noJs = await pageWithoutJavaScript(browser, page, baseURL);
  await noJs.goto('/pro/rse');
  const noJsNav = noJs.getByRole('navigation', { name: 'Navigation principale' });
  await noJsNav.locator('summary').click();
  await noJsNav.getByRole('link', { name: 'Membres', exact: true }).click();
  await expect(noJs).toHaveURL(/\/pro\/membres$/);
  await expect(noJs.getByRole('heading', { level: 1 })).toHaveText('Membres');
  await noJs.context().close();
});
