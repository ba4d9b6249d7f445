import { expect, test } from './support/fixtures';

// `npm start` serves the pages from the sources through Vite (no build step): the same pages, hydrated.
test.use({ ancrageEnv: { WEB_MODE: 'development' } });

test('npm start serves the pages from the sources: rendered on the server, hydrated, navigable', async ({
  page,
  request,
  open,
}) => {
  const html = await (await request.get('/')).text();
  expect(html).toContain('Made in Jura');
  expect(html).toContain('/app/root.tsx');

  await open('/');
  await page.getByRole('link', { name: 'Se connecter' }).click();
  await expect(page).toHaveURL(/\/connexion$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Se connecter');
  expect((await request.post('/graphql', { data: { query: '{ apiVersion }' } })).status()).toBe(200);
});
