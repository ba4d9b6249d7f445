import { accountNav, inAccountNav, DEMO_PASSWORD, expect, test } from './support/fixtures';

/** WEB.md §1: the browser holds its session in httpOnly cookies only, and no other site can act with it. */

const SESSION_COOKIES = ['ancrage_access', 'ancrage_refresh'];

test('signing in keeps both tokens in httpOnly cookies, out of every script-readable store', async ({
  page,
  context,
  open,
  snap,
  expectAccessible,
}) => {
  await open('/connexion');
  await expectAccessible();
  await snap('sign-in');
  await page.getByLabel('Adresse e-mail').fill('marie.dupont@example.org');
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await inAccountNav(page, (nav) =>
    expect(nav.getByRole('button', { name: /Se déconnecter \(Marie Dupont\)/ })).toBeVisible(),
  );

  const cookies = (await context.cookies()).filter((cookie) => SESSION_COOKIES.includes(cookie.name));
  expect(cookies.map((cookie) => cookie.name).sort()).toEqual(SESSION_COOKIES);
  for (const cookie of cookies) expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Lax', path: '/' });

  const stores = await page.evaluate(() => ({
    cookie: document.cookie,
    local: JSON.stringify({ ...localStorage }),
    session: JSON.stringify({ ...sessionStorage }),
  }));
  for (const cookie of cookies) {
    expect(stores.cookie).not.toContain(cookie.value);
    expect(stores.local).not.toContain(cookie.value);
    expect(stores.session).not.toContain(cookie.value);
  }
  // No JWT anywhere a script can read.
  expect(`${stores.cookie}${stores.local}${stores.session}`).not.toMatch(/eyJ[\w-]+\.[\w-]+\./);
});

test('a page signed in on the server: the session survives the expiry of the access cookie through one refresh', async ({
  page,
  context,
  open,
}) => {
  await open('/connexion');
  await page.getByLabel('Adresse e-mail').fill('lucas.martin@example.org');
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await inAccountNav(page, (nav) => expect(nav.getByRole('link', { name: 'Mes commandes' })).toBeVisible());

  const refresh = (await context.cookies()).find((cookie) => cookie.name === 'ancrage_refresh')!;
  await context.clearCookies({ name: 'ancrage_access' });
  const response = await page.goto('/');
  // The server spent the refresh token once and set a new pair.
  const setCookies = (await response!.headersArray())
    .filter((h) => h.name.toLowerCase() === 'set-cookie')
    .map((h) => h.value);
  expect(setCookies.some((value) => value.startsWith('ancrage_access='))).toBe(true);
  expect(setCookies.some((value) => value.startsWith('ancrage_refresh=') && !value.includes(refresh.value))).toBe(true);
  await inAccountNav(page, (nav) => expect(nav.getByRole('link', { name: 'Mes commandes' })).toBeVisible());
});

test('signing out revokes the session: its old refresh token no longer signs anybody in', async ({
  page,
  context,
  open,
}) => {
  await open('/connexion');
  await page.getByLabel('Adresse e-mail').fill('chef@lecomtois.example');
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  const signOut = (await accountNav(page)).getByRole('button', { name: /Se déconnecter/ });
  await expect(signOut).toBeVisible();
  const stolen = (await context.cookies()).find((cookie) => cookie.name === 'ancrage_refresh')!;

  await signOut.click();
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();
  expect((await context.cookies()).filter((cookie) => SESSION_COOKIES.includes(cookie.name))).toEqual([]);

  await context.addCookies([{ ...stolen }]);
  await page.goto('/');
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();
  expect((await context.cookies()).filter((cookie) => SESSION_COOKIES.includes(cookie.name))).toEqual([]);
});

test('a form posted from another site is refused and signs nobody in; the same form from our page works', async ({
  request,
  baseURL,
}) => {
  const form = { email: 'marie.dupont@example.org', password: DEMO_PASSWORD, retour: '/' };
  const crossSite = await request.post('/connexion', {
    form,
    headers: { origin: 'https://attacker.example' },
    maxRedirects: 0,
  });
  expect(crossSite.status()).toBe(403);
  expect(crossSite.headers()['set-cookie']).toBeUndefined();

  const noOrigin = await request.post('/deconnexion', { form: {}, maxRedirects: 0 });
  expect(noOrigin.status()).toBe(403);

  const sameSite = await request.post('/connexion', { form, headers: { origin: baseURL! }, maxRedirects: 0 });
  expect(sameSite.status()).toBe(302);
  expect(sameSite.headers()['set-cookie']).toContain('ancrage_refresh=');
});

test('two people asking for the same page at the same moment each see their own session, never the other’s', async ({
  playwright,
  baseURL,
}) => {
  /** A signed-in browser's cookies, as the sign-in form sets them. */
  const sessionOf = async (email: string) => {
    const client = await playwright.request.newContext({ baseURL });
    const response = await client.post('/connexion', {
      form: { email, password: DEMO_PASSWORD, retour: '/' },
      headers: { origin: baseURL! },
      maxRedirects: 0,
    });
    expect(response.status()).toBe(302);
    return client;
  };
  const people = [
    { name: 'Marie Dupont', client: await sessionOf('marie.dupont@example.org') },
    { name: 'Lucas Martin', client: await sessionOf('lucas.martin@example.org') },
  ];
  // The same page, the same queries (me, myOrders) with other tokens: 40 at once, alternating between the two.
  const pages = await Promise.all(
    Array.from({ length: 40 }, async (_, n) => {
      const person = people[n % 2];
      const html = await (await person.client.get('/commandes')).text();
      return { expected: person.name, saw: /Se déconnecter \(([^)]+)\)/.exec(html.replaceAll('<!-- -->', ''))?.[1] };
    }),
  );
  expect(pages.filter((page) => page.saw !== page.expected)).toEqual([]);
  for (const person of people) await person.client.dispose();
});

test('a wrong password is told in French next to the form, and the e-mail typed is kept', async ({
  page,
  open,
  snap,
  expectAccessible,
}) => {
  await open('/connexion');
  await page.getByLabel('Adresse e-mail').fill('marie.dupont@example.org');
  await page.getByLabel('Mot de passe').fill('pas-le-bon-mot-de-passe');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('alert')).toHaveText('Adresse e-mail ou mot de passe incorrect.');
  await expect(page.getByLabel('Adresse e-mail')).toHaveValue('marie.dupont@example.org');
  await expectAccessible();
  await snap('sign-in-error');
});

test('signing up with a taken e-mail shows the message under the e-mail field; a new one signs in and returns', async ({
  page,
  open,
  snap,
}, testInfo) => {
  await open('/inscription?retour=/produits');
  await page.getByLabel('Votre nom').fill('Jeanne Test');
  await page.getByLabel('Adresse e-mail').fill('marie.dupont@example.org');
  await page.getByLabel('Mot de passe').fill('une-phrase-de-passe-solide');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.locator('#email-error')).toHaveText(
    'Un compte existe déjà pour cette adresse e-mail : connectez-vous.',
  );
  await expect(page.getByLabel('Adresse e-mail')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Votre nom')).toHaveValue('Jeanne Test');
  await snap('sign-up-error');

  await page.getByLabel('Adresse e-mail').fill(`jeanne.${testInfo.project.name}@example.org`);
  await page.getByLabel('Mot de passe').fill('une-phrase-de-passe-solide');
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page).toHaveURL(/\/produits$/);
  await inAccountNav(page, (nav) =>
    expect(nav.getByRole('button', { name: /Se déconnecter \(Jeanne Test\)/ })).toBeVisible(),
  );
});
