import type { APIRequestContext, Locator, Page, TestInfo } from '@playwright/test';
import { expect, plain, waitForHydration } from './fixtures';
import { graphqlCall } from './graphql';

/**
 * The buyer's steps of the browser journeys (cart, sign-up, checkout), written once for the consumer's, the
 * business's and the card-payment journeys.
 */

export const GUERET = { latitude: 46.158, longitude: 1.87 };
export const LONS_LE_SAUNIER = { latitude: 46.676, longitude: 5.557 };

export interface CatalogueProduct {
  id: string;
  name: string;
  unit: string;
  producer: { id: string; name: string };
}

/** The catalogue's products within a radius, by name (through the public GraphQL API, as any client would). */
export async function productsNear(
  request: APIRequestContext,
  place: { latitude: number; longitude: number },
  radiusKm = 50,
): Promise<Map<string, CatalogueProduct>> {
  const { products } = await graphqlCall<{ products: { edges: { node: CatalogueProduct }[] } }>(
    request,
    `query Near($near: NearInput!) {
      products(filter: { near: $near }, sort: DISTANCE, first: 50) { edges { node { id name unit producer { id name } } } }
    }`,
    { near: { ...place, radiusKm } },
  );
  return new Map(products.edges.map(({ node }) => [node.name, node]));
}

export function productNamed(products: Map<string, CatalogueProduct>, name: string): CatalogueProduct {
  const product = products.get(name);
  if (!product)
    throw new Error(`No product named ${name} in the catalogue searched (${[...products.keys()].join(', ')})`);
  return product;
}

/**
 * Adds a product from its page, as a person does: quantity, "Ajouter au panier". When the page has no such form
 * yet, the same post as that form (the cart's `intent=add`).
 */
export async function addToCart(page: Page, product: CatalogueProduct, quantity: number): Promise<void> {
  await page.goto(`/produits/${product.id}`);
  await waitForHydration(page);
  const addButton = page.getByRole('button', { name: 'Ajouter au panier' });
  if ((await addButton.count()) === 0) {
    const origin = new URL(page.url()).origin;
    const response = await page.request.post('/panier', {
      form: { intent: 'add', productId: product.id, quantity: String(quantity) },
      headers: { origin },
    });
    expect(response.ok()).toBe(true);
    return;
  }
  await page.getByLabel(/^Quantité/).fill(String(quantity));
  await addButton.click();
  await expect(page.getByText('Ajouté au panier.')).toBeVisible();
}

/** Adds each [product, quantity] in turn. */
export async function fillCart(page: Page, lines: [CatalogueProduct, number][]): Promise<void> {
  for (const [product, quantity] of lines) await addToCart(page, product, quantity);
}

/** The cart's section of one producer. */
export const producerPart = (page: Page, producerName: string): Locator =>
  page.getByRole('region', { name: producerName, exact: true });

/** Chooses a producer's delivery option in the cart (the radio saves itself) and waits until the cart says so. */
export async function chooseDelivery(page: Page, producerName: string, optionLabel: string): Promise<void> {
  const group = page.getByRole('group', { name: `Livraison par ${producerName}` });
  const option = group.getByRole('radio', { name: new RegExp(`^${optionLabel}`) });
  await option.check();
  await expect(option).toBeChecked();
  // The delivery fee's row appears in the producer's lines once the cart is priced again.
  await expect(
    producerPart(page, producerName).getByRole('rowheader', { name: `Livraison : ${optionLabel}` }),
  ).toBeVisible();
}

/** Sets a line's quantity from the cart and waits for the new line total. */
export async function setQuantity(page: Page, productName: string, quantity: number): Promise<void> {
  const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: productName, exact: true }) });
  await row.getByLabel(`Quantité de ${productName}`, { exact: false }).fill(String(quantity));
  const lineTotal = row.locator('td').last();
  const before = await lineTotal.innerText();
  await row.getByRole('button', { name: `Mettre à jour la quantité de ${productName}` }).click();
  await expect(lineTotal).not.toHaveText(before);
}

/** A new e-mail for each run and screen size (the file's server sees each journey twice). */
export const freshEmail = (who: string, testInfo: TestInfo): string =>
  `${who}.${testInfo.project.name}.${Date.now()}@example.org`;

export const NEW_PASSWORD = 'Creuse-circuit-court-2026';

/** From the sign-in page a checkout sent us to: "Créer un compte", then the sign-up form. */
export async function signUpFromSignIn(
  page: Page,
  person: { displayName: string; email: string; password?: string },
): Promise<void> {
  await page.getByRole('link', { name: 'Créer un compte' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Créer un compte' })).toBeVisible();
  await waitForHydration(page);
  await page.getByLabel('Votre nom').fill(person.displayName);
  await page.getByLabel('Adresse e-mail').fill(person.email);
  await page.getByLabel('Mot de passe').fill(person.password ?? NEW_PASSWORD);
  await page.getByRole('button', { name: 'Créer mon compte' }).click();
}

/** Signs in from the sign-in page (`/connexion`), going back to `retour`. */
export async function signIn(page: Page, email: string, password: string, retour = '/'): Promise<void> {
  await page.goto(`/connexion?retour=${encodeURIComponent(retour)}`);
  await waitForHydration(page);
  await page.getByLabel('Adresse e-mail').fill(email);
  await page.getByLabel('Mot de passe').fill(password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL((url) => url.pathname === retour.split('?')[0]);
}

export interface DeliveryAddress {
  line1: string;
  postalCode: string;
  city: string;
}

/** The checkout's delivery address. */
export async function fillAddress(page: Page, address: DeliveryAddress): Promise<void> {
  await page.getByLabel('Numéro et rue').fill(address.line1);
  await page.getByLabel('Code postal').fill(address.postalCode);
  await page.getByLabel('Commune').fill(address.city);
}

/** A French figure as the pages print it ("58,60 kg CO₂e") as a number. */
export const frenchNumber = (text: string): number =>
  Number(
    plain(text)
      .replace(/[^\d,-]/g, '')
      .replace(',', '.'),
  );

/**
 * A footprint (components/Footprint.tsx) told honestly: its verdict says "de moins" only when the emissions are
 * below the conventional chain's, "de plus" when above — and a loss never carries the positive (green) style.
 */
export async function expectHonestFootprint(footprint: Locator): Promise<{ emissions: number; baseline: number }> {
  const figure = (term: RegExp) => footprint.locator('dt', { hasText: term }).locator('xpath=following-sibling::dd[1]');
  const emissions = frenchNumber(await figure(/^Émissions/).innerText());
  const baseline = frenchNumber(await figure(/^Chaîne classique/).innerText());
  const verdict = /([\d ]+,\d{2}) kg CO₂e de (plus|moins) qu’une chaîne d’approvisionnement classique/.exec(
    plain(await footprint.innerText()),
  );
  expect(verdict, 'the footprint says its signed difference in words').not.toBeNull();
  const [, said, direction] = verdict!;
  // The figures are rounded to the hundredth each: the difference said may differ from theirs by one hundredth.
  expect(Math.abs(frenchNumber(said) - Math.abs(emissions - baseline))).toBeLessThanOrEqual(0.011);
  if (emissions > baseline) {
    expect(direction).toBe('plus');
    await expect(footprint.locator('.saving--positive')).toHaveCount(0);
    await expect(footprint).toContainText('Ce qui réduirait cet écart');
  } else {
    expect(direction).toBe('moins');
    await expect(footprint.locator('.saving--negative')).toHaveCount(0);
  }
  return { emissions, baseline };
}
