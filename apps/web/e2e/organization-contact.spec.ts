import { expect, plain, test } from './support/fixtures';
import { signIn } from './support/producer';

/**
 * How to reach each other: the restaurant's owner gives its phone on /pro/entreprise (a number that is not French
 * refused next to the field, what was typed kept), then the producer it orders from finds it on the order's card on
 * /producteur as a link to call; the producer's own phone (the demo's) is on its public page.
 */
const RESTAURANT = { login: 'chef@lecomtois.example', name: 'Restaurant Le Comtois' };
const PRODUCER = { login: 'fromagerie@revermont.example', name: 'Fromagerie du Revermont' };

test('the restaurant gives its phone (a bad one refused next to the field), its producer sees it as a link to call', async ({
  page,
  open,
  snap,
  expectAccessible,
}) => {
  await signIn(page, RESTAURANT.login);
  await open('/pro/entreprise');
  const phone = page.getByLabel('Téléphone', { exact: true });
  const email = page.getByLabel('E-mail de contact');
  await phone.fill('05 55 52');
  await email.fill('cuisine@lecomtois.example');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.locator('#entreprise-phone-erreur')).toContainText('Saisissez un numéro de téléphone français');
  await expect(phone).toHaveAttribute('aria-invalid', 'true');
  await expect(phone).toHaveValue('05 55 52');
  await expect(email).toHaveValue('cuisine@lecomtois.example');
  await expectAccessible();
  await snap('business-contact-error');

  await phone.fill('01 99 00 02 99');
  await page.getByRole('button', { name: 'Enregistrer' }).click();
  await expect(page.getByRole('status')).toContainText('Nom et coordonnées enregistrés');
  await expect(phone).not.toHaveAttribute('aria-invalid', 'true');
  expect(plain(await phone.inputValue())).toBe('01 99 00 02 99');
  await expect(email).toHaveValue('cuisine@lecomtois.example');

  await page.context().clearCookies();
  await signIn(page, PRODUCER.login);
  await open('/producteur?statut=livrees'); // the demo's orders of the restaurant from the cheese dairy are delivered
  const card = page.locator('article.producer-order').filter({ hasText: RESTAURANT.name }).first();
  await expect(card).toBeVisible();
  const call = card.getByRole('link', { name: `01 99 00 02 99 (appeler ${RESTAURANT.name})` });
  await expect(call).toHaveAttribute('href', 'tel:+33199000299');
  await expect(card.getByRole('link', { name: /cuisine@lecomtois\.example/ })).toHaveAttribute(
    'href',
    'mailto:cuisine@lecomtois.example',
  );
  await card.scrollIntoViewIfNeeded();
  await expectAccessible();
  await snap('producer-order-buyer-contact');

  // Anyone reads a producer's contact on its public page: the demo gave each producer a number of fiction.
  await page.context().clearCookies();
  await open('/producteurs');
  await page.getByRole('link', { name: PRODUCER.name }).first().click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PRODUCER.name);
  const contact = page.locator('.contact-line');
  await expect(contact).toContainText('Contact');
  await expect(contact.getByRole('link').first()).toHaveAttribute('href', /^tel:\+33199000\d{3}$/);
  await expectAccessible();
  await snap('producer-public-contact');
});
