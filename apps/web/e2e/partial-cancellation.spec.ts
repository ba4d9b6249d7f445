import { DEMO_PASSWORD, expect, plain, test } from './support/fixtures';
import { frenchNumber, LONS_LE_SAUNIER, productNamed, productsNear, signIn } from './support/buying';
import { apiLogin, graphqlCall } from './support/graphql';

/** The restaurant's order from two Jura producers, placed through the API (the checkout page is tested elsewhere). */
async function placeTwoProducerOrder(request: Parameters<typeof apiLogin>[0]): Promise<{ id: string; number: string }> {
  const token = await apiLogin(request, 'chef@lecomtois.example', DEMO_PASSWORD);
  const { me } = await graphqlCall<{ me: { memberships: { organization: { id: string; kind: string } }[] } }>(
    request,
    '{ me { memberships { organization { id kind } } } }',
    {},
    token,
  );
  const restaurant = me.memberships.find((membership) => membership.organization.kind === 'BUSINESS')!.organization;
  const jura = await productsNear(request, LONS_LE_SAUNIER, 60);
  const picks = [
    [productNamed(jura, 'Comté AOP 18 mois'), 6],
    [productNamed(jura, 'Saucisse de Morteau IGP'), 20],
  ] as const;
  const deliveries = [];
  for (const [product] of picks) {
    const { product: read } = await graphqlCall<{
      product: { producer: { deliveryOptions: { id: string; mode: string }[] } };
    }>(request, 'query ($id: ID!) { product(id: $id) { producer { deliveryOptions { id mode } } } }', {
      id: product.id,
    });
    const van = read.producer.deliveryOptions.find((option) => option.mode === 'PRODUCER_DELIVERY')!;
    const { nextDeliveryDates } = await graphqlCall<{ nextDeliveryDates: string[] }>(
      request,
      'query ($id: ID!) { nextDeliveryDates(deliveryOptionId: $id, first: 1) }',
      { id: van.id },
      token,
    );
    deliveries.push({ producerId: product.producer.id, deliveryOptionId: van.id, deliveryDate: nextDeliveryDates[0] });
  }
  const { placeOrder } = await graphqlCall<{ placeOrder: { id: string; number: string } }>(
    request,
    'mutation ($input: PlaceOrderInput!) { placeOrder(input: $input) { id number } }',
    {
      input: {
        buyerOrganizationId: restaurant.id,
        lines: picks.map(([product, quantity]) => ({ productId: product.id, quantity })),
        deliveries,
        paymentMethod: 'INVOICE',
        idempotencyKey: `partial-${Math.random()}`,
      },
    },
    token,
  );
  return placeOrder;
}

/**
 * The chef drops one producer's part of an order ("Annuler cette partie", a confirmation with a reason), sees it
 * cancelled and the order's new totals, the other part going on; then finds the credit note of the demo's delivered
 * order beside its invoice, as a PDF.
 */
test('a business cancels one producer’s part of its order, sees the new totals, and downloads a credit note beside its invoice', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}) => {
  const order = await placeTwoProducerOrder(request);
  await signIn(page, 'chef@lecomtois.example', DEMO_PASSWORD);
  await open(`/commandes/${order.id}`);
  const cheese = page.getByRole('region', { name: 'Fromagerie du Revermont', exact: true });
  const farm = page.getByRole('region', { name: 'Ferme des Rousses', exact: true });
  const total = page.getByRole('region', { name: 'Total de la commande' });
  const totalOf = async (region: typeof total) =>
    frenchNumber(plain(await region.locator('.totals .totals__grand dd').innerText()));
  const [before, cheeseTotal, farmTotal] = [await totalOf(total), await totalOf(cheese), await totalOf(farm)];
  expect(before).toBeCloseTo(cheeseTotal + farmTotal, 2);

  // The confirmation step opens from the keyboard, and says what happens.
  const summary = farm.getByText('Annuler cette partie');
  await summary.focus();
  await page.keyboard.press('Enter');
  await expect(farm.getByRole('button', { name: 'Oui, annuler la part de Ferme des Rousses' })).toBeVisible();
  await expect(farm).toContainText('Les autres producteurs préparent leur part comme prévu.');
  await expectAccessible();
  await snap('order-cancel-part');
  await farm.getByLabel('Motif (facultatif)').fill('Saucisses déjà en stock');
  await farm.getByRole('button', { name: 'Oui, annuler la part de Ferme des Rousses' }).click();

  await expect(page).toHaveURL(/\?partie-annulee=/);
  const notice = page.getByRole('status').filter({ hasText: 'La part de Ferme des Rousses est annulée' });
  await expect(notice).toBeVisible();
  await expect(farm.locator('.order-status')).toHaveText('Annulée');
  await expect(cheese.locator('.order-status')).toHaveText('Passée');
  await expect(page.locator('.order-head .order-status')).toHaveText('Passée');
  await expect(farm.getByText('Annuler cette partie')).toHaveCount(0);
  await expect(cheese.getByText('Annuler cette partie')).toBeVisible();
  // The order's totals are the remaining part's, to the cent, here and in the notice.
  expect(await totalOf(total)).toBeCloseTo(cheeseTotal, 2);
  expect(frenchNumber(plain(await notice.locator('strong').last().innerText()))).toBeCloseTo(cheeseTotal, 2);
  await expectAccessible();
  await snap('order-part-cancelled');

  // The demo's delivered order: the cheese maker gave part of its invoice back, in a credit note.
  await open('/commandes');
  await page.getByRole('listitem').filter({ hasText: 'Livrée' }).first().getByRole('link').click();
  const delivered = page.getByRole('region', { name: 'Fromagerie du Revermont', exact: true });
  const creditNote = delivered.locator('.credit-notes li');
  await expect(creditNote).toHaveCount(1);
  await expect(creditNote).toContainText(/Avoir [A-Z]+-AV-\d{4}-0001/);
  await expect(creditNote).toContainText('−6,50 € TTC');
  await expect(creditNote).toContainText('Deux plaquettes de beurre abîmées à la livraison');
  await expectAccessible();
  await snap('order-credit-note');
  const link = creditNote.getByRole('link', { name: /^Télécharger l’avoir \(PDF\)/ });
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^[A-Z]+-AV-\d{4}-\d+\.pdf$/);
  const response = await page.request.get((await link.getAttribute('href'))!);
  expect(response.status()).toBe(200);
  expect(response.headers()['content-type']).toBe('application/pdf');
  expect((await response.body()).subarray(0, 4).toString('latin1')).toBe('%PDF');
  // Another order's credit note is not found from this order.
  expect(
    (
      await page.request.get(`/commandes/${order.id}/avoirs/${(await link.getAttribute('href'))!.split('/').pop()}`)
    ).status(),
  ).toBe(404);
});
