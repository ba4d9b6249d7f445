import { expect, test } from './support/fixtures';

// The production profile as `npm run start:prod` runs it: the compiled API serving the built pages, a secret of its
// own, Secure cookies (the demo is not seeded in production).
test.use({
  ancrageEntry: 'build',
  ancrageEnv: {
    NODE_ENV: 'production',
    JWT_SECRET: 'a-production-secret-for-the-browser-tests-0123456789',
    SMTP_URL: 'smtp://127.0.0.1:9',
  },
});

test('in production the session cookies are Secure, httpOnly, SameSite=Lax, path /', async ({
  request,
  baseURL,
}, testInfo) => {
  const form = {
    displayName: 'Prod Test',
    email: `prod.${testInfo.project.name}@example.org`,
    password: 'une-phrase-de-passe-solide',
    retour: '/',
  };
  const response = await request.post('/inscription', { form, headers: { origin: baseURL! }, maxRedirects: 0 });
  expect(response.status()).toBe(302);
  const cookies = response
    .headersArray()
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => h.value);
  expect(cookies.map((c) => c.split('=')[0]).sort()).toEqual(['ancrage_access', 'ancrage_refresh']);
  for (const cookie of cookies) {
    const flags = cookie
      .split(';')
      .slice(1)
      .map((flag) => flag.trim());
    expect(flags).toEqual(expect.arrayContaining(['Path=/', 'HttpOnly', 'SameSite=Lax', 'Secure']));
  }
});

test('in production the built pages are served in French and an unknown page gets the French 404, no stack', async ({
  page,
  request,
}) => {
  const html = await (await request.get('/')).text();
  expect(html).toContain('<html lang="fr">');
  expect(html).not.toContain('at ');
  await page.goto('/pas-de-page');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cette page n’existe pas');
});
