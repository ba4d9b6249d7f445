import { decodeJwt, SignJWT } from 'jose';
import { DEMO_PASSWORD, expect, test, waitForHydration } from './support/fixtures';
import { apiSession, PRODUCER, signIn } from './support/producer';
import { useFakeStripe } from './support/stripe';

/**
 * Issue #20 item 12 (AUTH-12): setting up payouts needs a sign-in of the last 5 minutes. A producer whose sign-in is
 * older (an access token refreshed from a session opened 10 minutes ago) is sent to `/connexion`, told why, and
 * brought back to its payouts page, from where Stripe opens. The stale access token is made with the server's own
 * key (the spec gives the server its JWT_SECRET): the session's clock is moved, nobody waits.
 */
const JWT_SECRET = 'fresh-sign-in-spec-secret-of-at-least-32-characters';
const stripe = useFakeStripe('fresh_sign_in', { env: () => ({ JWT_SECRET }) });

test('a producer signed in 10 minutes ago signs in again before Stripe opens, then comes back to its payouts page', async ({
  page,
  request,
  baseURL,
  open,
  snap,
  expectAccessible,
}) => {
  const { organizationId: producerId } = await apiSession(request, PRODUCER.login, 'PRODUCER');
  await page.route('https://connect.stripe.com/**', (route) =>
    route.fulfill({
      contentType: 'text/html',
      body: '<!doctype html><html lang="en"><title>Stripe</title><h1>Stripe Connect onboarding</h1></html>',
    }),
  );
  await signIn(page, PRODUCER.login);
  // The same session as if it had been opened 10 minutes ago: its access token says so (auth_time).
  const cookies = await page.context().cookies();
  const access = cookies.find((cookie) => cookie.name === 'ancrage_access')!;
  const claims = decodeJwt(access.value);
  const now = Math.floor(Date.now() / 1000);
  const stale = await new SignJWT({ tv: claims.tv, auth_time: now - 600 })
    .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
    .setSubject(String(claims.sub))
    .setIssuer('ancrage')
    .setAudience('ancrage-api')
    .setIssuedAt(now)
    .setExpirationTime(now + 600)
    .sign(new TextEncoder().encode(JWT_SECRET));
  await page.context().addCookies([{ ...access, value: stale }]);

  await open(`/producteur/paiements?producteur=${producerId}`);
  const accountsBefore = stripe.api.createdCount('account');
  await page
    .getByRole('button', { name: /Configurer mes paiements avec Stripe|Reprendre la configuration avec Stripe/ })
    .click();
  await page.waitForURL(/\/connexion\?/);
  await waitForHydration(page);
  const url = new URL(page.url());
  expect(url.searchParams.get('retour')).toBe(`/producteur/paiements?producteur=${producerId}`);
  await expect(
    page.getByText('Par sécurité, la configuration des paiements demande une connexion récente'),
  ).toBeVisible();
  expect(stripe.api.createdCount('account')).toBe(accountsBefore);
  await expectAccessible();
  await snap('fresh-sign-in-payouts');

  await page.getByLabel('Adresse e-mail').fill(PRODUCER.login);
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(`${baseURL}/producteur/paiements?producteur=${producerId}`);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paiements');
  await page
    .getByRole('button', { name: /Configurer mes paiements avec Stripe|Reprendre la configuration avec Stripe/ })
    .click();
  await page.waitForURL(/^https:\/\/connect\.stripe\.com\/setup\/e\//);
});

test('without a reason, the sign-in page still sends a signed-in person on to where it was going', async ({
  page,
  open,
}) => {
  await signIn(page, PRODUCER.login);
  await open('/connexion?retour=%2Fproducteur%2Fpaiements');
  await expect(page).toHaveURL(/\/producteur\/paiements$/);
  await expect(page.getByText('Par sécurité')).toHaveCount(0);
});
