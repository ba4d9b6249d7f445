import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { accountNav, inAccountNav, expect, test, waitForHydration } from './support/fixtures';
import { graphqlCall } from './support/graphql';
import { PRODUCER, signIn } from './support/producer';

/**
 * A way back in and teams (PRODUCT.md §7): a forgotten password reset from the e-mail's link, and an owner inviting a
 * member who accepts, runs the producer's orders, but not its members page. The server writes its e-mails to a
 * directory (MAIL_DIR, refused in production), where the test reads the links a person would click.
 */
const mailDir = mkdtempSync(path.join(tmpdir(), 'ancrage-mails-'));
test.use({ ancrageEnv: { MAIL_DIR: mailDir } });
test.afterAll(() => rmSync(mailDir, { recursive: true, force: true }));

const NEW_PASSWORD = 'Le phare du Minou à la nuit';

/** The link of the newest e-mail sent to `to` whose subject matches, once it has been written. */
async function linkIn(to: string, subject: RegExp): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(() => {
      const mails = readdirSync(mailDir)
        .sort()
        .map(
          (file) =>
            JSON.parse(readFileSync(path.join(mailDir, file), 'utf8')) as { to: string; subject: string; text: string },
        )
        .filter((mail) => mail.to === to && subject.test(mail.subject));
      link = mails.at(-1)?.text.match(/https?:\/\/\S+\?token=[\w-]+/)?.[0];
      return link;
    })
    .toBeTruthy();
  return link!;
}

const freshEmail = (label: string) => `${label}.${randomBytes(4).toString('hex')}@example.org`;

test('a person who forgot the password gets a link by e-mail, chooses a new one and is signed in; the link works once', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}) => {
  const email = freshEmail('oubli');
  await graphqlCall(request, 'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }', {
    input: { email, password: 'Un ancien mot de passe oublié', displayName: 'Anne Le Gall' },
  });

  await open('/connexion');
  await page.getByRole('link', { name: 'Mot de passe oublié ?' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mot de passe oublié');
  await expectAccessible();
  await snap('forgot-password');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByRole('button', { name: 'Recevoir le lien' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Vérifiez votre boîte e-mail');
  await expect(page.getByRole('status')).toContainText(email);
  await expectAccessible();
  await snap('forgot-password-sent');

  const link = await linkIn(email, /Réinitialisation de votre mot de passe/);
  expect(link).toContain('/reinitialiser-mot-de-passe?token=');
  await page.goto(link);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Choisir un nouveau mot de passe');

  // A common password: refused under its field, and the link still works.
  await page.getByLabel('Nouveau mot de passe').fill('password1');
  await page.getByLabel('Le même, une seconde fois').fill('password1');
  await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
  await expect(page.locator('#password-error')).toHaveText(
    'Mot de passe refusé : au moins 8 caractères, et pas un mot de passe courant.',
  );
  await expect(page.getByLabel('Nouveau mot de passe')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible();
  await snap('reset-password-refused');

  await page.getByLabel('Nouveau mot de passe').fill(NEW_PASSWORD);
  await page.getByLabel('Le même, une seconde fois').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mot de passe changé');
  await inAccountNav(page, (nav) =>
    expect(nav.getByRole('button', { name: 'Se déconnecter (Anne Le Gall)' })).toBeVisible(),
  );
  await expectAccessible();
  await snap('reset-password-done');

  // The same link a second time: refused, with the way to ask for a new one.
  await page.goto(link);
  await waitForHydration(page);
  await page.getByLabel('Nouveau mot de passe').fill('Encore un autre mot de passe');
  await page.getByLabel('Le même, une seconde fois').fill('Encore un autre mot de passe');
  await page.getByRole('button', { name: 'Enregistrer et me connecter' }).click();
  await expect(page.getByRole('alert')).toContainText('Ce lien n’est plus valable : il a expiré ou a déjà servi.');
  await expect(page.getByRole('link', { name: 'Demander un nouveau lien' })).toBeVisible();
  await expectAccessible();
  await snap('reset-password-link-spent');
});

test('an owner invites a member, who signs up with the address, accepts, runs the orders but not the members page, until removed', async ({
  page,
  open,
  snap,
  expectAccessible,
}) => {
  const email = freshEmail('renfort');
  const memberName = `Yann Kerouac ${email.slice(8, 12)}`;

  await signIn(page, PRODUCER.login);
  await open('/producteur/membres');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Membres');
  const members = page.getByRole('region', { name: /^Membres \(/ });
  await expect(members.getByRole('row', { name: /\(vous\)/ })).toContainText('Propriétaire');

  // A malformed address: the API's refusal in French under the field.
  await page.getByLabel('Adresse e-mail').fill('pas-une-adresse');
  await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  await expect(page.locator('#invite-email-error')).toHaveText('Saisissez une adresse e-mail valide.');
  await expectAccessible();
  await snap('members-invite-refused');

  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByRole('radio', { name: /^Membre/ }).check();
  await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  await expect(page.getByRole('status')).toContainText(`Invitation envoyée à ${email}`);
  await expect(page.getByRole('region', { name: 'Invitations en attente' })).toContainText(email);
  await expectAccessible();
  await snap('members-invited');
  await (await accountNav(page)).getByRole('button', { name: /Se déconnecter/ }).click();
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();

  // The invited person opens the e-mail's link, creates the account with the invited address, and accepts.
  const link = await linkIn(email, /Invitation à rejoindre Les Maraîchers de Plougastel/);
  await page.goto(link);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Rejoindre ${PRODUCER.name}`);
  await expect(page.getByText(`Invitation pour l’adresse ${email}`)).toBeVisible();
  await expectAccessible();
  await snap('invitation');
  await page.getByRole('link', { name: 'Créer mon compte' }).click();
  await expect(page.getByLabel('Adresse e-mail')).toHaveValue(email);
  await page.getByLabel('Votre nom').fill(memberName);
  await page.getByLabel('Mot de passe').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Rejoindre ${PRODUCER.name}`);
  await page.getByRole('button', { name: `Rejoindre ${PRODUCER.name}` }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Commandes à préparer');
  await expect(page.getByText(`Les commandes reçues par ${PRODUCER.name}`)).toBeVisible();
  await expectAccessible();
  await snap('member-producer-orders');

  // The members page is the owners': the member sees who they are, not the form.
  await open('/producteur/membres');
  await expect(page.getByText(`Cette page est réservée aux propriétaires de ${PRODUCER.name}.`)).toBeVisible();
  await expect(page.getByRole('button', { name: 'Envoyer l’invitation' })).toHaveCount(0);
  await expect(page.getByRole('button', { name: /^Retirer/ })).toHaveCount(0);
  await expectAccessible();
  await snap('member-members-page');
  await (await accountNav(page)).getByRole('button', { name: /Se déconnecter/ }).click();
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();

  // The owner removes the member; the member's access ends at once.
  await signIn(page, PRODUCER.login);
  await open('/producteur/membres');
  await page.getByRole('button', { name: `Retirer ${memberName}` }).click();
  await expect(page.getByRole('status')).toContainText(`${memberName} n’est plus membre de ${PRODUCER.name}`);
  await expect(
    page.getByRole('region', { name: /^Membres \(/ }).getByRole('row', { name: new RegExp(memberName) }),
  ).toHaveCount(0);
  await expectAccessible();
  await snap('members-removed');
});

test('a new account confirms its address from the welcome e-mail; a business owner invites a buyer from its members page', async ({
  page,
  open,
  snap,
  expectAccessible,
}) => {
  const email = freshEmail('nouvelle');
  await open('/inscription');
  await page.getByLabel('Votre nom').fill('Maëlle Riou');
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(NEW_PASSWORD);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
  await inAccountNav(page, (nav) =>
    expect(nav.getByRole('button', { name: 'Se déconnecter (Maëlle Riou)' })).toBeVisible(),
  );

  const link = await linkIn(email, /^Bienvenue sur Ancrage$/);
  expect(link).toContain('/verifier-email?token=');
  await page.goto(link);
  await waitForHydration(page);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Confirmer mon adresse e-mail');
  await expectAccessible();
  await snap('verify-email');
  await page.getByRole('button', { name: 'Confirmer mon adresse' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Adresse confirmée');
  await expect(page.getByRole('status')).toContainText(email);
  await expectAccessible();
  await snap('verify-email-done');
  await (await accountNav(page)).getByRole('button', { name: /Se déconnecter/ }).click();
  await expect(page.getByRole('link', { name: 'Se connecter' })).toBeVisible();

  // The restaurant's owner, on the business's members page.
  const buyer = freshEmail('second');
  await signIn(page, 'chef@lecomtois.example');
  await (await accountNav(page)).getByRole('link', { name: 'Membres', exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Membres');
  await expect(page.getByText('Les personnes qui achètent pour Restaurant Le Comtois sur Ancrage.')).toBeVisible();
  // A business has no catalogue and no payouts: its roles are told as buying.
  await expect(page.getByRole('radio', { name: /^Membre/ })).toHaveAccessibleName(
    'Membre — passe et suit les commandes de l’organisation',
  );
  await expect(page.getByRole('radio', { name: /^Propriétaire/ })).toHaveAccessibleName(
    'Propriétaire — gère aussi les membres et l’organisation',
  );
  await page.getByLabel('Adresse e-mail').fill(buyer);
  await page.getByRole('radio', { name: /^Propriétaire/ }).check();
  await page.getByRole('button', { name: 'Envoyer l’invitation' }).click();
  await expect(page.getByRole('status')).toContainText(`Invitation envoyée à ${buyer}`);
  await expect(page.getByRole('region', { name: 'Invitations en attente' })).toContainText(`${buyer} — propriétaire`);
  await expectAccessible();
  await snap('business-members-invited');
  expect(await linkIn(buyer, /Invitation à rejoindre Restaurant Le Comtois/)).toContain('/invitation?token=');
});
