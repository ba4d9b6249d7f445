import type { Page } from '@playwright/test';
import { inAccountNav, expect, plain, test, pageWithoutJavaScript } from './support/fixtures';
import { freshEmail, signUpFromSignIn } from './support/buying';
import { PRODUCER, signIn } from './support/producer';
import { freshSiret } from './support/siret';

/**
 * WEB.md §2, the producer's row, and PRODUCT.md §1's producer journey up to selling: a new person signs up, creates
 * its producer organization (SIRET, address → where Ancrage placed it), applies to the territory's brand and declares
 * its delivery options (`/producteur/demarrer`, `/producteur/livraisons`).
 */

/** One step of the checklist, by its title. */
const step = (page: Page, title: string) =>
  page.getByRole('listitem').filter({ has: page.getByRole('heading', { level: 2, name: new RegExp(`^${title}`) }) });

test('a new producer signs up, creates its organization, applies to its brand and declares its delivery options', async ({
  page,
  browser,
  baseURL,
  open,
  snap,
  expectAccessible,
}, testInfo) => {
  // Sign-up, the organization, a brand, delivery options with and without JavaScript: longer than the default budget.
  test.slow();
  const farm = `Ferme du Maupuy ${testInfo.project.name} ${Date.now()}`;

  // A new person opens the producer space: sign-up first, then the way to create a producer.
  await open('/producteur');
  await expect(page).toHaveURL(/\/connexion\?retour=%2Fproducteur$/);
  await signUpFromSignIn(page, { displayName: 'Léa Aubusson', email: freshEmail('producteur', testInfo) });
  await expect(page).toHaveURL(/\/producteur$/);
  await expect(page.getByText('Cet espace est réservé aux producteurs.')).toBeVisible();
  await expectAccessible();
  await snap('producer-start-producers-only');

  await page.getByRole('link', { name: 'Créer mon organisation de producteur' }).click();
  await expect(page).toHaveURL(/\/producteur\/demarrer$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Créer mon organisation de producteur');
  await expectAccessible();
  await snap('producer-start-create-form');

  // A SIRET whose check digits are wrong: the API's message next to the field, and nothing typed is lost.
  await page.getByLabel('Nom de l’organisation').fill(farm);
  await page.getByLabel('Numéro SIRET').fill('123 456 789 01234');
  await page.getByLabel('Numéro et rue').fill('12 rue de la Gare');
  await page.getByLabel('Code postal').fill('23000');
  await page.getByLabel('Commune').fill('Guéret');
  await page.getByRole('button', { name: 'Créer mon organisation' }).click();
  const siret = page.getByLabel('Numéro SIRET');
  await expect(siret).toHaveAccessibleDescription(/Ce numéro SIRET n’est pas valide\s: vérifiez ses 14 chiffres\./);
  await expect(siret).toHaveAttribute('aria-invalid', 'true');
  await expect(siret).toHaveValue('123 456 789 01234');
  await expect(page.getByLabel('Nom de l’organisation')).toHaveValue(farm);
  await expect(page.getByLabel('Numéro et rue')).toHaveValue('12 rue de la Gare');
  await expect(page.getByLabel('Code postal')).toHaveValue('23000');
  await expect(page.getByLabel('Commune')).toHaveValue('Guéret');
  await expectAccessible();
  await snap('producer-start-bad-siret');

  // A valid SIRET: the organization exists, and the page says where its address was placed.
  const validSiret = freshSiret('7');
  await siret.fill(validSiret);
  await page.getByRole('button', { name: 'Créer mon organisation' }).click();
  await expect(page).toHaveURL(/\/producteur\/demarrer\?producteur=/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Démarrer sur Ancrage');
  const created = step(page, 'Créer l’organisation');
  await expect(created).toContainText('Fait');
  // Its SIRET as people read it, in groups (SIREN by three, then the establishment's five digits).
  const [, a, b, c, establishment] = /^(\d{3})(\d{3})(\d{3})(\d{5})$/.exec(validSiret)!;
  expect(plain(await created.innerText())).toContain(`${farm}, SIRET ${a} ${b} ${c} ${establishment}.`);
  await expect(created).toContainText('12 rue de la Gare, 23000 Guéret (commune INSEE 23096)');
  expect(plain(await created.innerText())).toMatch(
    /Placée au centre de la commune de Guéret \(46,\d{4} N, 1,\d{4} E\)/,
  );
  await expect(step(page, 'Déclarer un mode de livraison')).toContainText('À faire');
  await expect(step(page, 'Mettre en vente un premier produit')).toContainText('À faire');
  await inAccountNav(page, (nav) => expect(nav.getByRole('link', { name: 'Espace producteur' })).toBeVisible());
  await expectAccessible();
  await snap('producer-start-checklist');

  // The brand of its département: an application with a message.
  const brandStep = step(page, 'Rejoindre une marque de territoire');
  await expect(brandStep).toContainText('À faire');
  await expect(brandStep.getByRole('heading', { level: 3 })).toHaveText(["C'est creusois"]);
  await brandStep
    .getByLabel("Message à C'est creusois (facultatif)")
    .fill('Maraîchage bio sur 2 hectares près de Guéret.');
  await brandStep.getByRole('button', { name: "Candidater à C'est creusois" }).click();
  await expect(brandStep.getByRole('status')).toHaveText(
    "Votre candidature à C'est creusois est envoyée : elle est « en attente » de la décision de la marque.",
  );
  await expect(brandStep).toContainText('Candidature envoyée');
  await expect(brandStep.getByRole('button', { name: "Candidater à C'est creusois" })).toHaveCount(0);
  await expectAccessible();
  await snap('producer-start-applied');

  // Delivery options: a pickup, then its own van — first without saying which vehicle carries the goods.
  await step(page, 'Déclarer un mode de livraison')
    .getByRole('link', { name: 'Déclarer un mode de livraison' })
    .click();
  await expect(page).toHaveURL(/\/producteur\/livraisons$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Modes de livraison');
  await expect(page.getByText('Aucun mode de livraison pour l’instant')).toBeVisible();
  await expectAccessible();
  await snap('producer-deliveries-empty');

  const vehicle = page.getByLabel('Véhicule', { exact: true });
  const noVehicle = vehicle.locator('option[value=""]');
  await page.getByRole('radio', { name: /^Retrait chez le producteur/ }).check();
  // A pickup may leave its vehicle (the buyer's) unsaid.
  await expect(noVehicle).toHaveText('Non précisé');
  await page.getByLabel('Nom du mode de livraison').fill('Retrait à la ferme');
  await page.getByLabel('Minimum de commande (€ HT)').fill('15');
  await page.getByRole('button', { name: 'Ajouter ce mode de livraison' }).click();
  await expect(page.getByRole('status')).toHaveText('Le mode de livraison « Retrait à la ferme » est ajouté.');
  const pickup = page.getByRole('listitem', { name: 'Retrait à la ferme' });
  await expect(pickup).toContainText('Retrait chez le producteur');
  expect(plain(await pickup.innerText())).toContain('15,00 € HT');
  await expect(page.getByLabel('Nom du mode de livraison')).toHaveValue('');

  await page.getByRole('radio', { name: /^Livraison par le producteur/ }).check();
  await page.getByLabel('Nom du mode de livraison').fill('Tournée du mardi');
  // The vehicles of the carbon data, offered by their French labels; none chosen yet, and for a delivery « none » is
  // not offered: the empty choice only prompts (and is refused below).
  await expect(vehicle).toHaveValue('');
  await expect(noVehicle).toHaveText('Choisissez un véhicule');
  await expect(vehicle.getByRole('option', { name: 'VUL diesel ≤3,5 t frigorifique' })).toHaveCount(1);
  await expect(vehicle.getByRole('option', { name: 'Vélo ou marche' })).toHaveCount(1);
  await page.getByLabel('Distance maximale (km)').fill('40');
  await page.getByLabel('Frais de livraison (€ HT)').fill('4,50');
  await page.getByLabel('Minimum de commande (€ HT)').fill('30');
  await page.getByRole('button', { name: 'Ajouter ce mode de livraison' }).click();
  await expect(vehicle).toHaveAccessibleDescription(/Indiquez le véhicule qui transporte les commandes/);
  await expect(vehicle).toHaveValue('');
  await expect(page.getByRole('radio', { name: /^Livraison par le producteur/ })).toBeChecked();
  await expect(page.getByLabel('Nom du mode de livraison')).toHaveValue('Tournée du mardi');
  await expect(page.getByLabel('Distance maximale (km)')).toHaveValue('40');
  await expect(page.getByLabel('Frais de livraison (€ HT)')).toHaveValue('4,50');
  await expect(page.getByLabel('Minimum de commande (€ HT)')).toHaveValue('30');
  await expectAccessible();
  await snap('producer-deliveries-no-vehicle');

  await vehicle.selectOption({ label: 'VUL diesel ≤3,5 t PTAC (profil express colis)' });
  await page.getByRole('button', { name: 'Ajouter ce mode de livraison' }).click();
  await expect(page.getByRole('status')).toHaveText('Le mode de livraison « Tournée du mardi » est ajouté.');
  const van = page.getByRole('listitem', { name: 'Tournée du mardi' });
  const vanText = plain(await van.innerText());
  for (const fact of [
    'Livraison par le producteur',
    'VUL diesel ≤3,5 t PTAC (profil express colis)',
    '40,0 km',
    '4,50 € HT',
    '30,00 € HT',
  ])
    expect(vanText).toContain(fact);
  expect(vanText).not.toContain('vul_diesel');
  await expect(page.locator('.delivery-option')).toHaveCount(2);
  await expectAccessible();
  await snap('producer-deliveries-listed');

  // Back to the checklist: the delivery step is done.
  await page.getByRole('navigation', { name: 'Espace producteur' }).getByRole('link', { name: 'Démarrer' }).click();
  await expect(page).toHaveURL(/\/producteur\/demarrer$/);
  const deliveries = step(page, 'Déclarer un mode de livraison');
  await expect(deliveries).toContainText('Fait');
  await expect(deliveries).toContainText('2 modes de livraison déclarés.');

  // The checklist links to the page of its applications; applying again here, the API's refusal says it is pending.
  const brand = step(page, 'Rejoindre une marque de territoire');
  await expect(brand.getByRole('link', { name: 'Mes marques' })).toHaveAttribute('href', /^\/producteur\/marques/);
  await brand.getByRole('button', { name: "Candidater à C'est creusois" }).click();
  await expect(brand.getByRole('alert')).toHaveText(
    `${farm} a déjà candidaté à C'est creusois : sa candidature est « En attente ».`,
  );
  await expect(brand).toContainText('Candidature envoyée');
  await expectAccessible();
  await snap('producer-start-delivery-done');

  // Without JavaScript the page is read as the server wrote it, a delivery by default: the empty vehicle choice
  // prompts for one; left as it is, the form is refused clearly for a delivery, and right for a pickup.
  const noJs = await pageWithoutJavaScript(browser, page, baseURL);
  await noJs.goto('/producteur/livraisons');
  const noJsVehicle = noJs.getByLabel('Véhicule', { exact: true });
  await expect(noJsVehicle.locator('option:checked')).toHaveText('Choisissez un véhicule');
  await expect(noJs.getByRole('radio', { name: /^Livraison par le producteur/ })).toBeChecked();
  await noJs.getByLabel('Nom du mode de livraison').fill('Tournée du jeudi');
  await noJs.getByRole('button', { name: 'Ajouter ce mode de livraison' }).click();
  await expect(noJsVehicle).toHaveAccessibleDescription(/Indiquez le véhicule qui transporte les commandes/);
  await expect(noJs.locator('.delivery-option')).toHaveCount(2);
  await noJs.getByRole('radio', { name: /^Retrait chez le producteur/ }).check();
  await noJs.getByLabel('Nom du mode de livraison').fill('Retrait au marché');
  await noJs.getByRole('button', { name: 'Ajouter ce mode de livraison' }).click();
  await expect(noJs.getByRole('status')).toHaveText('Le mode de livraison « Retrait au marché » est ajouté.');
  await expect(noJs.getByRole('listitem', { name: 'Retrait au marché' })).toContainText('Trajet de l’acheteur');
  await noJs.context().close();
});

test("an established producer's checklist is all done, and its delivery options are listed with their terms", async ({
  page,
  open,
  snap,
  expectAccessible,
}) => {
  await signIn(page, PRODUCER.login);
  await open('/producteur');
  await page.getByRole('navigation', { name: 'Espace producteur' }).getByRole('link', { name: 'Démarrer' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Démarrer sur Ancrage');
  const created = step(page, 'Créer l’organisation');
  await expect(created).toContainText(`${PRODUCER.name}, SIRET `);
  // The demo gave its coordinates: placed at the address itself.
  expect(plain(await created.innerText())).toContain('Placée à l’adresse exacte (48,3629 N, 4,3911 O).');
  const brand = step(page, 'Rejoindre une marque de territoire');
  await expect(brand).toContainText('Fait');
  await expect(brand).toContainText('Vous êtes membre de Tout commence en Finistère.');
  await expect(brand.getByRole('button')).toHaveCount(0);
  await expect(step(page, 'Déclarer un mode de livraison')).toContainText('3 modes de livraison déclarés.');
  await expect(step(page, 'Mettre en vente un premier produit')).toContainText('Fait');
  await expect(step(page, 'Recevoir les paiements par carte')).toContainText('Rien à faire');
  await expectAccessible();
  await snap('producer-start-established');

  await page.getByRole('link', { name: 'Voir mes modes de livraison' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Modes de livraison');
  const van = plain(await page.getByRole('listitem', { name: 'Livraison par nos soins' }).innerText());
  for (const fact of [
    'Livraison par le producteur',
    'VUL diesel ≤3,5 t frigorifique',
    '80,0 km',
    '15,00 € HT',
    '50,00 € HT',
  ])
    expect(van).toContain(fact);
  expect(van).not.toContain('vul_diesel_frigo');
  const carrier = plain(await page.getByRole('listitem', { name: 'Messagerie' }).innerText());
  for (const fact of ['Transporteur', 'Porteur 19 t PTAC, messagerie', 'Sans limite', '19,00 € HT', 'Sans minimum'])
    expect(carrier).toContain(fact);
  expect(carrier).not.toContain('porteur_19t');
  await expect(page.getByRole('listitem', { name: 'Retrait à la ferme' })).toContainText('Trajet de l’acheteur');

  // A fee below zero: the API's refusal next to the field, in French; what was typed stays.
  await page.getByRole('radio', { name: /^Transporteur/ }).check();
  await page.getByLabel('Nom du mode de livraison').fill('Colis express');
  await page.getByLabel('Véhicule', { exact: true }).selectOption({ label: 'Porteur 19 t PTAC, messagerie' });
  await page.getByLabel('Frais de livraison (€ HT)').fill('-3');
  await page.getByRole('button', { name: 'Ajouter ce mode de livraison' }).click();
  await expect(page.getByLabel('Frais de livraison (€ HT)')).toHaveAccessibleDescription(
    /Les frais de livraison sont un montant en euros, zéro ou plus\./,
  );
  await expect(page.getByLabel('Frais de livraison (€ HT)')).toHaveValue('-3');
  await expect(page.getByRole('radio', { name: /^Transporteur/ })).toBeChecked();
  await expect(page.getByLabel('Véhicule', { exact: true }).locator('option:checked')).toHaveText(
    'Porteur 19 t PTAC, messagerie',
  );
  await expect(page.locator('.delivery-option')).toHaveCount(3);
  await expectAccessible();
  await snap('producer-deliveries-established');
});
