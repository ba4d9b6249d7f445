import { expect, test } from './support/fixtures';

test('the home page is rendered on the server in French, with the brands of the territory, and hydrates', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}) => {
  const html = await (await request.get('/')).text();
  expect(html).toContain('<html lang="fr">');
  expect(html).toContain('Made in Jura');
  expect(html).toContain('C&#x27;est creusois');

  await open('/');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Les produits de votre territoire, au plus près');
  // Each brand's territory, agreed in number: C'est creusois is the Creuse's alone.
  const creusois = page.getByRole('listitem').filter({ has: page.getByRole('link', { name: /^C.est creusois$/ }) });
  await expect(creusois.getByText(/^Territoire\s: /)).toHaveText('Territoire : département 23');
  await expectAccessible();
  await snap('home');
});

test('the API keeps its paths on the same port: GraphQL, health and its JSON 404s', async ({ request }) => {
  const graphql = await request.post('/graphql', { data: { query: '{ apiVersion }' } });
  expect(await graphql.json()).toEqual({ data: { apiVersion: expect.any(String) } });
  expect((await request.get('/health/live')).status()).toBe(200);
  const unknownInvoice = await request.get('/invoices/nope/pdf');
  expect(unknownInvoice.headers()['content-type']).toContain('application/json');
  // The client's own files at its root, beside the pages.
  const favicon = await request.get('/favicon.svg');
  expect([favicon.status(), favicon.headers()['content-type']]).toEqual([200, 'image/svg+xml']);
});

test('no other site can show a page inside a frame, and no answer names its server', async ({
  page,
  request,
  baseURL,
}) => {
  const answer = await request.get('/produits');
  expect(answer.headers()).toMatchObject({
    'x-frame-options': 'DENY',
    'content-security-policy': expect.stringContaining("frame-ancestors 'none'"),
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'strict-origin-when-cross-origin',
  });
  expect(answer.headers()['x-powered-by']).toBeUndefined();
  expect((await request.post('/graphql', { data: { query: '{ apiVersion }' } })).headers()['x-powered-by']).toBe(
    undefined,
  );

  // A page elsewhere that frames the catalogue under a decoy: the browser shows its error page instead.
  await page.setContent(`<h1>Gagnez un panier</h1><iframe title="piège" src="${baseURL}/produits"></iframe>`, {
    waitUntil: 'load',
  });
  const framed = page.frames().find((frame) => frame !== page.mainFrame())!;
  expect(framed.url()).not.toContain('/produits');
  await expect(page.frameLocator('iframe').getByRole('heading', { name: 'Produits' })).toHaveCount(0);
});

test('an unknown page answers 404 with a page that leads back', async ({
  page,
  request,
  snap,
  expectAccessible,
  ancrage,
}) => {
  expect((await request.get('/pas-de-page')).status()).toBe(404);
  await page.goto('/pas-de-page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cette page n’existe pas');
  await expect(page.getByRole('link', { name: 'Retour à l’accueil' })).toBeVisible();
  await expectAccessible();
  await snap('not-found');
  expect(ancrage.output()).not.toContain('"level":50');
});
