import type { APIRequestContext, Page } from '@playwright/test';
import { NEW_PASSWORD, signIn } from './support/buying';
import { DEMO_PASSWORD, expect, test, waitForHydration } from './support/fixtures';
import { apiLogin, graphqlCall } from './support/graphql';
import { createProducts, newProducer } from './support/producer';

/**
 * WEB.md §2, the producer's row: `/producteur/marques`, its applications with the brand's answers and the label
 * requests of its products with the brand's reasons. A new producer of the Jura applies to Made in Jura, is refused
 * with a reason, applies again, is admitted, and reads why a label was refused.
 */
const MANAGER = 'marque@madeinjura.example';

async function madeInJuraId(request: APIRequestContext): Promise<string> {
  const { brands } = await graphqlCall<{ brands: { id: string; slug: string }[] }>(request, '{ brands { id slug } }');
  return brands.find((brand) => brand.slug === 'made-in-jura')!.id;
}

/** The brand manager decides the producer's application, as /marque/candidatures would. */
async function decideApplication(
  request: APIRequestContext,
  producerId: string,
  approve: boolean,
  reason: string | null,
): Promise<void> {
  const token = await apiLogin(request, MANAGER, DEMO_PASSWORD);
  const { brand } = await graphqlCall<{ brand: { members: { id: string; producer: { id: string } }[] } }>(
    request,
    '{ brand(slug: "made-in-jura") { members(status: PENDING) { id producer { id } } } }',
    {},
    token,
  );
  const membership = brand.members.find((member) => member.producer.id === producerId)!;
  await graphqlCall(
    request,
    'mutation ($id: ID!, $a: Boolean!, $r: String) { decideBrandMembership(id: $id, approve: $a, reason: $r) { id } }',
    { id: membership.id, a: approve, r: reason },
    token,
  );
}

const application = (page: Page, brand: string) =>
  page.getByRole('region', { name: 'Candidatures' }).getByRole('listitem', { name: brand, exact: true });

test('a producer follows its brand applications and label requests, with the brand’s answers', async ({
  page,
  request,
  snap,
  expectAccessible,
}, testInfo) => {
  test.slow();
  const name = `Fromagerie des Tanneurs ${testInfo.project.name} ${Date.now()}`;
  const producer = await newProducer(request, name);

  // From the producer's navigation: no application yet, and the brand of its département to apply to.
  await signIn(page, producer.email, NEW_PASSWORD, '/producteur');
  await page.getByRole('navigation', { name: 'Espace producteur' }).getByRole('link', { name: 'Marques' }).click();
  await expect(page).toHaveURL(/\/producteur\/marques$/);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mes marques');
  await expect(page.getByText('Vous n’avez candidaté à aucune marque de territoire pour l’instant.')).toBeVisible();
  const choice = page.getByRole('listitem', { name: 'Candidater à Made in Jura' });
  await expect(choice.getByRole('button', { name: 'Candidater à Made in Jura' })).toBeVisible();
  await expect(page.getByText(/^Aucun produit en vente pour l’instant\./)).toBeVisible();
  await expectAccessible();
  await snap('producer-brands-empty');

  // Meanwhile a colleague applied from another screen: the API's refusal by the message, what was typed kept.
  const brandId = await madeInJuraId(request);
  await graphqlCall(
    request,
    'mutation ($b: ID!, $p: ID!) { applyToBrand(brandId: $b, producerId: $p) { id } }',
    { b: brandId, p: producer.producerId },
    producer.token,
  );
  const message = choice.getByLabel('Message à Made in Jura (facultatif)');
  await message.fill('Comté affiné 24 mois dans nos caves de Champagnole.');
  await choice.getByRole('button', { name: 'Candidater à Made in Jura' }).click();
  await expect(message).toHaveAccessibleDescription(
    new RegExp(`${name} a déjà candidaté à Made in Jura\u00a0: sa candidature est «\u00a0En attente\u00a0».`),
  );
  await expect(message).toHaveAttribute('aria-invalid', 'true');
  await expect(message).toHaveValue('Comté affiné 24 mois dans nos caves de Champagnole.');
  await expectAccessible();
  await snap('producer-brands-conflict');

  // The brand refuses with a reason: the page says so, and offers to apply again.
  await decideApplication(request, producer.producerId, false, 'Précisez où le lait est collecté.');
  await page.reload();
  await waitForHydration(page);
  await expect(application(page, 'Made in Jura')).toContainText('Candidature refusée');
  await expect(application(page, 'Made in Jura')).toContainText(
    'Réponse de la marque : « Précisez où le lait est collecté. »',
  );
  await choice
    .getByLabel('Message à Made in Jura (facultatif)')
    .fill('Le lait vient de nos 40 montbéliardes, à Champagnole.');
  await choice.getByRole('button', { name: 'Candidater à nouveau à Made in Jura' }).click();
  await expect(
    page
      .getByRole('status')
      .filter({ hasText: 'Candidature envoyée : elle est en attente de la décision de la marque.' }),
  ).toBeVisible();
  await expect(application(page, 'Made in Jura')).toContainText('Candidature en attente');
  await expect(application(page, 'Made in Jura')).toContainText(
    'Votre message : « Le lait vient de nos 40 montbéliardes, à Champagnole. »',
  );
  await expect(application(page, 'Made in Jura')).toContainText('La marque n’a pas encore répondu.');
  await expect(page.getByRole('button', { name: /Candidater/ })).toHaveCount(0);
  await expectAccessible();
  await snap('producer-brands-applied');

  // Admitted; a product's label asked, then refused with a reason the producer reads here.
  await decideApplication(request, producer.producerId, true, 'Bienvenue dans Made in Jura.');
  const [productId] = await createProducts(request, producer, ['Comté des Tanneurs 24 mois']);
  await graphqlCall(
    request,
    'mutation ($p: ID!, $b: ID!) { requestProductLabel(productId: $p, brandId: $b) { id } }',
    { p: productId, b: brandId },
    producer.token,
  );
  const managerToken = await apiLogin(request, MANAGER, DEMO_PASSWORD);
  const { productLabels } = await graphqlCall<{
    productLabels: { edges: { node: { id: string; product: { id: string } } }[] };
  }>(
    request,
    'query ($b: ID!) { productLabels(brandId: $b, status: PENDING, first: 100) { edges { node { id product { id } } } } }',
    { b: brandId },
    managerToken,
  );
  await graphqlCall(
    request,
    'mutation ($id: ID!) { decideProductLabel(id: $id, approve: false, reason: "Affinage hors du Jura.") { id } }',
    { id: productLabels.edges.find((edge) => edge.node.product.id === productId)!.node.id },
    managerToken,
  );

  await page.reload();
  await waitForHydration(page);
  await expect(application(page, 'Made in Jura')).toContainText('Candidature acceptée');
  await expect(application(page, 'Made in Jura')).toContainText(
    'Réponse de la marque : « Bienvenue dans Made in Jura. »',
  );
  await expect(page.getByRole('listitem', { name: 'Candidater à Made in Jura' })).toHaveCount(0);
  await expect(page.getByText(/^1 produit en vente\./)).toBeVisible();
  const row = page.getByRole('row', { name: /Comté des Tanneurs 24 mois/ });
  await expect(row.getByRole('cell').nth(0)).toHaveText('Made in Jura');
  await expect(row.getByRole('cell').nth(1)).toContainText(/^Label refusé le /);
  await expect(row.getByRole('cell').nth(1)).toContainText('Motif de la marque : « Affinage hors du Jura. »');
  await expectAccessible();
  await snap('producer-brands-labels');

  // The product's own page, where a label is asked again.
  await row.getByRole('link', { name: 'Comté des Tanneurs 24 mois' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Comté des Tanneurs 24 mois');
  const askAgain = page.getByRole('button', { name: 'Demander à nouveau le label Made in Jura' });
  await expect(askAgain).toBeVisible();
  // The button stands apart from the brand's reason above it (the house spacing, 1 rem), not against it.
  const reasonBox = (await page.getByText('Motif de la marque : « Affinage hors du Jura. »').boundingBox())!;
  expect((await askAgain.boundingBox())!.y - (reasonBox.y + reasonBox.height)).toBeGreaterThanOrEqual(14);
  await snap('producer-product-label-again');
});
