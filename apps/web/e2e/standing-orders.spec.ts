import { DEMO_PASSWORD, expect, test } from './support/fixtures';
import { signIn } from './support/buying';
import { apiLogin, graphqlCall } from './support/graphql';

/**
 * The restaurant's chef turns its delivered demo order into a standing order: every Friday (the two producers' vans
 * go out on Tuesdays and Fridays, so no other day can be ticked), sees its next deliveries beside the demo's own
 * standing order, then pauses it.
 */
test('a business makes a standing order from a past order, sees its next deliveries and pauses it', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}, testInfo) => {
  const token = await apiLogin(request, 'chef@lecomtois.example', DEMO_PASSWORD);
  const { myOrders } = await graphqlCall<{
    myOrders: { edges: { node: { id: string; number: string; status: string } }[] };
  }>(request, '{ myOrders { edges { node { id number status } } } }', {}, token);
  const delivered = myOrders.edges.map((edge) => edge.node).find((order) => order.status === 'DELIVERED')!;
  const name = `Fromages et charcuterie (${testInfo.project.name})`;

  await signIn(page, 'chef@lecomtois.example', DEMO_PASSWORD);
  await open(`/commandes/${delivered.id}`);
  await page.getByRole('link', { name: 'Commander ceci chaque semaine' }).click();

  await expect(page.getByRole('heading', { level: 1, name: 'Commandes récurrentes' })).toBeVisible();
  const form = page.getByRole('region', {
    name: `Nouvelle commande récurrente, d’après la commande ${delivered.number}`,
  });
  await expect(form).toContainText('Fromagerie du Revermont');
  await expect(form).toContainText('Comté AOP 18 mois');
  // Only the days both vans go out can be chosen.
  const days = form.getByRole('group', { name: 'Jours de livraison' });
  await expect(days.getByRole('checkbox', { name: 'mardi' })).toBeEnabled();
  await expect(days.getByRole('checkbox', { name: 'vendredi' })).toBeEnabled();
  await expect(days.getByRole('checkbox', { name: 'jeudi' })).toBeDisabled();
  // The demo's own standing order is listed already.
  await expect(page.getByRole('heading', { level: 3, name: 'Fromages et beurre du vendredi' })).toBeVisible();
  await expectAccessible();
  await snap('standing-order-new');

  // No day ticked: the API's message next to the days, and the name typed is kept.
  await form.getByLabel('Nom').fill(name);
  await form.getByRole('button', { name: 'Créer la commande récurrente' }).click();
  await expect(days.getByRole('alert')).toHaveText('Cochez des jours de la semaine, chacun une fois.');
  await expect(form.getByLabel('Nom')).toHaveValue(name);

  await days.getByRole('checkbox', { name: 'vendredi' }).check();
  await form.getByRole('button', { name: 'Créer la commande récurrente' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'Commande récurrente créée' })).toBeVisible();
  const card = page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 3, name }) });
  await expect(card).toContainText('Active');
  await expect(card).toContainText('Livraison chaque vendredi');
  await expect(card).toContainText('Comté AOP 18 mois (Fromagerie du Revermont)');
  await expect(card.locator('p', { hasText: 'Prochaines livraisons' })).toContainText(/vendredi \d+/);
  await expectAccessible();
  await snap('standing-orders');

  await card.getByRole('button', { name: 'Mettre en pause' }).click();
  await expect(card).toContainText('En pause');
  await expect(card.getByRole('button', { name: 'Reprendre' })).toBeVisible();
  await expect(card).not.toContainText('Prochaines livraisons');
});
