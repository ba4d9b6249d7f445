import { expect, test } from './support/fixtures';
import { apiSession, PRODUCER, signIn } from './support/producer';
import { useFakeStripe } from './support/stripe';

/**
 * `/producteur/paiements` where card payments are set up (the fake Stripe API): the button takes the producer to
 * Stripe's onboarding (a full-page navigation to Stripe's own site), and the page Stripe sends it back to tells it
 * what happens next. Stripe's site is answered by the test: no request leaves the machine.
 */
const stripe = useFakeStripe('producer_onboarding');

/** The return and refresh addresses the API gave Stripe with its latest onboarding link. */
function latestOnboardingLink(): { returnUrl: string; refreshUrl: string } {
  const link = stripe.api.requests.filter((request) => request.path === '/v1/account_links').at(-1)!;
  return { returnUrl: String(link.params.return_url), refreshUrl: String(link.params.refresh_url) };
}

test('a producer goes to Stripe to set up its payouts, and is told what happens when Stripe sends it back', async ({
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
  await open('/producteur/paiements');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Paiements');
  await expect(page.getByText('Le paiement par carte n’est pas activé')).toHaveCount(0);
  await expectAccessible();
  await snap('producer-payouts-stripe');

  await page.getByRole('button', { name: 'Configurer mes paiements avec Stripe' }).click();
  await page.waitForURL(/^https:\/\/connect\.stripe\.com\/setup\/e\//);
  await expect(page.getByRole('heading', { name: 'Stripe Connect onboarding' })).toBeVisible();
  const account = stripe.api
    .all('account')
    .find((created) => (created.metadata as Record<string, string>).producerId === producerId);
  expect(account).toBeDefined();

  // Stripe sends the producer back to this page of this producer.
  const { returnUrl, refreshUrl } = latestOnboardingLink();
  expect(returnUrl).toBe(`${baseURL}/producteur/paiements?producteur=${producerId}`);
  await open(returnUrl);
  await expect(page.getByText(`Stripe vérifie maintenant les informations de ${PRODUCER.name}`)).toBeVisible();
  await expect(
    page.getByText('Le paiement par carte s’ouvrira à vos acheteurs dès que Stripe les aura confirmées'),
  ).toBeVisible();
  await expect(page.getByRole('button', { name: 'Reprendre la configuration avec Stripe' })).toBeVisible();
  await expectAccessible();
  await snap('producer-payouts-back-from-stripe');

  // An expired link brings it back with `relancer=1`: it picks up where it stopped.
  expect(refreshUrl).toBe(`${returnUrl}&relancer=1`);
  await open(refreshUrl);
  await expect(page.getByText('Le lien vers Stripe a expiré avant la fin de la configuration.')).toBeVisible();
  await page.getByRole('button', { name: 'Reprendre la configuration avec Stripe' }).click();
  await page.waitForURL(/^https:\/\/connect\.stripe\.com\/setup\/e\//);
});
