import { signIn } from './support/buying';
import { DEMO_PASSWORD, expect, plain, test } from './support/fixtures';
import { graphqlCall } from './support/graphql';
import { firstOfMonth } from '../app/lib/format';

/** The demo territory's products near Guéret (C'est creusois): 20 within 50 km, the nearest 25.4 km away. */
const GUERET_PRODUCTS = [
  'Entrecôte limousine',
  'Pommes de terre nouvelles',
  'Jus de pomme 1 L',
  'Pain de campagne au levain 1 kg',
];

const distancesOf = async (texts: Promise<string[]>) =>
  (await texts).map((text) => Number(/([\d,]+)\s*km/.exec(plain(text))![1].replace(',', '.')));

test('the catalogue and a product page hold names, prices and distances before any script runs', async ({
  request,
  baseURL,
}) => {
  const response = await request.get('/produits?commune=Guéret&rayon=50&tri=distance');
  expect(response.status()).toBe(200);
  const html = plain(await response.text());
  expect(html).toContain('<html lang="fr">');
  for (const name of GUERET_PRODUCTS) expect(html).toContain(name);
  expect(html).toContain('20 produits à moins de 50 km de Guéret (23000)');
  // A visitor reads prices including VAT (5,5 % here): 32,90 € and 1,80 € excluding it.
  expect(html).toContain('34,71 € TTC / kg');
  expect(html).toContain('1,90 € TTC / kg');
  expect(html).not.toContain('€ HT / kg');
  expect(html).toMatch(/à <strong>25,4 km<\/strong>/);
  expect(html).toContain(`<link rel="canonical" href="${baseURL}/produits"/>`);

  // The entrecôte's page, as the card links to it (the commune kept for the distance).
  // Product addresses are slugs, from the name.
  const href = /href="(\/produits\/[a-z0-9-]+)\?commune=[^"]*"[^>]*>Entrecôte limousine</.exec(html)![1];
  expect(href).toBe('/produits/entrecote-limousine');
  const id = href.split('/').at(-1)!;
  const product = plain(await (await request.get(`${href}?commune=${encodeURIComponent('Guéret (23000)')}`)).text());
  expect(product).toContain('<h1>Entrecôte limousine</h1>');
  expect(product).toContain('34,71 € TTC / kg');
  expect(product).toContain('TVA 5,5 % incluse · soit 32,90 € HT / kg');
  expect(product).toContain('25,4 km');
  expect(product).toContain('Élevage du Thaurion');
  expect(product).toContain(`<link rel="canonical" href="${baseURL}/produits/${id}"/>`);
  expect(product).toContain('<meta property="og:title" content="Entrecôte limousine"/>');
  expect(product).toContain('<title>Entrecôte limousine — Élevage du Thaurion — Ancrage</title>');
  const jsonLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(product)![1]);
  expect(jsonLd).toMatchObject({
    '@context': 'https://schema.org',
    '@type': 'Product',
    name: 'Entrecôte limousine',
    url: `${baseURL}/produits/${id}`,
    offers: {
      '@type': 'Offer',
      price: '34.71',
      priceCurrency: 'EUR',
      availability: 'https://schema.org/InStock',
      seller: {
        '@type': 'Organization',
        name: 'Élevage du Thaurion',
        url: `${baseURL}/producteurs/elevage-du-thaurion`,
      },
    },
  });
  expect(jsonLd.image[0]).toMatch(new RegExp(`^${baseURL}/media/[0-9a-f-]{36}/\\d+\\.webp$`));
  // The card and the page show the product's photo, its alternative text, a srcset of its widths, loaded lazily on cards.
  expect(html).toMatch(
    /<img class="product-card__photo" src="\/media\/[^"]+\/800\.webp" srcSet="\/media\/[^"]+\/320\.webp 320w, \/media\/[^"]+\/800\.webp 800w" [^>]*alt="Entrecôte limousine : illustration aux couleurs de son rayon" loading="lazy"/,
  );
  expect(product).toMatch(
    /<img class="product-photos__main" [^>]*alt="Entrecôte limousine : illustration aux couleurs de son rayon"/,
  );
  // Business price tiers are for signed-in business buyers only.
  expect(product).not.toContain('Prix professionnels');
});

test('a visitor finds products near Guéret, sorts and filters them, pages, sees the map, and adds a product to the cart', async ({
  page,
  open,
  snap,
  expectAccessible,
}) => {
  // Leaflet is a chunk of its own, loaded with the first map shown (WEB.md §3's JavaScript budget).
  const leafletRequests: string[] = [];
  page.on('request', (request) => {
    if (/producer-map/.test(request.url())) leafletRequests.push(request.url());
  });
  const scriptErrors: string[] = [];
  page.on('pageerror', (error) => scriptErrors.push(error.message));
  page.on('console', (message) => {
    if (message.type() === 'error') scriptErrors.push(message.text());
  });
  await open('/');
  const commune = page.getByLabel('Près de (commune)');
  await commune.fill('Guéret');
  await expect(page.locator('datalist option[value="Guéret (23000)"]')).toHaveCount(1);
  await commune.fill('Guéret (23000)');
  await page.getByRole('button', { name: 'Chercher' }).click();

  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Produits près de Guéret (23000)');
  await expect(page.getByRole('heading', { name: '20 produits à moins de 50 km de Guéret (23000)' })).toBeVisible();
  const cards = page.locator('.product-card');
  await expect(cards).toHaveCount(20);
  const distances = await distancesOf(page.locator('.product-card__distance').allTextContents());
  expect(distances).toHaveLength(20);
  expect(distances).toEqual([...distances].sort((a, b) => a - b));
  expect(distances[0]).toBeCloseTo(25.4, 1);
  await expect(cards.first()).toContainText('km');
  await expectAccessible();
  await snap('catalogue');

  // Cheapest meat first.
  await page.getByLabel('Trier par').selectOption('prix-croissant');
  await page.getByLabel('Catégorie').selectOption({ label: 'Viande et charcuterie' });
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page).toHaveURL(/tri=prix-croissant/);
  await expect(page).toHaveURL(/categorie=MEAT_CHARCUTERIE/);
  await expect(page.getByRole('heading', { name: '5 produits à moins de 50 km de Guéret (23000)' })).toBeVisible();
  await expect(cards.locator('h3')).toHaveText([
    'Pâté creusois 180 g',
    'Steak haché 15 % (x4)',
    'Veau de lait, rôti',
    'Entrecôte limousine',
    'Bœuf limousin, colis 5 kg',
  ]);
  await expect(page.getByLabel('Catégorie')).toHaveValue('MEAT_CHARCUTERIE');

  // The whole catalogue, page by page.
  await page.getByRole('link', { name: 'Effacer les filtres' }).click();
  await expect(page.getByRole('heading', { name: '65 produits' })).toBeVisible();
  await expect(page.getByLabel('Près de (commune)')).toHaveValue('');
  const firstPage = await cards.locator('h3').allTextContents();
  expect(firstPage).toHaveLength(20);
  await page.getByRole('link', { name: 'Page suivante' }).click();
  await expect(page).toHaveURL(/apres=/);
  await expect(page.getByRole('link', { name: 'Première page' })).toBeVisible();
  await expect(cards).toHaveCount(20);
  const secondPage = await cards.locator('h3').allTextContents();
  expect(secondPage.filter((name) => firstPage.includes(name))).toEqual([]);

  // The map of this page's producers; the list stays.
  expect(leafletRequests).toEqual([]);
  await page.getByRole('link', { name: 'Voir la carte' }).click();
  await expect(page).toHaveURL(/vue=carte/);
  await expect(page).toHaveURL(/apres=/);
  const markers = page.locator('.leaflet-marker-icon');
  await expect(markers.first()).toBeVisible();
  expect(await markers.count()).toBeGreaterThan(1);
  await expect(page.locator('.map[data-map-status="ready"]')).toHaveCount(1);
  await expect(cards).toHaveCount(20);
  await expect(page.getByRole('link', { name: 'Voir la liste' })).toBeVisible();
  expect(leafletRequests.some((url) => url.endsWith('.js'))).toBe(true);
  expect(leafletRequests.some((url) => url.endsWith('.css'))).toBe(true);
  await expectAccessible();
  await snap('catalogue-map');

  // A product, added twice over to the cart.
  const name = secondPage[0];
  await cards.first().getByRole('link', { name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(name);
  await expect(page.locator('html[data-hydrated="true"]')).toHaveCount(1);
  await page.getByLabel(/^Quantité/).fill('2');
  await page.getByRole('button', { name: 'Ajouter au panier' }).click();
  await expect(page).toHaveURL(/ajoute=1/);
  await expect(page.getByRole('status')).toContainText('Ajouté au panier');
  await expect(page.getByRole('status').getByRole('link', { name: 'Voir le panier' })).toHaveAttribute(
    'href',
    '/panier',
  );
  await expect(page.locator('.cart-count')).toHaveText('1');
  await expectAccessible();
  await snap('product');
  expect(scriptErrors).toEqual([]);
});

test('a product page says when each delivery option delivers: its days, its next dates in French, its cut-off', async ({
  page,
  request,
  open,
  snap,
  expectAccessible,
}) => {
  const { productBySlug } = await graphqlCall<{
    productBySlug: {
      producer: { deliveryOptions: { label: string; weekdays: number[]; nextDeliveryDates: string[] }[] };
    };
  }>(
    request,
    '{ productBySlug(slug: "entrecote-limousine") { producer { deliveryOptions { label weekdays nextDeliveryDates(first: 3) } } } }',
  );
  const options = productBySlug.producer.deliveryOptions;
  const frenchDay = (day: string) =>
    firstOfMonth(
      new Intl.DateTimeFormat('fr-FR', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
        new Date(`${day}T00:00:00Z`),
      ),
    );
  await open('/produits/entrecote-limousine');
  const section = page.getByRole('region', { name: /^Le producteur/ });
  const item = (label: string) => section.getByRole('listitem').filter({ hasText: label });

  // The farm's pickup opens on Wednesdays and Saturdays; orders close the day before.
  const pickup = options.find((option) => option.label === 'Retrait à la ferme')!;
  expect(pickup.weekdays).toEqual([3, 6]);
  expect(pickup.nextDeliveryDates).toHaveLength(3);
  expect(plain(await item('Retrait à la ferme').innerText())).toContain(
    `Le mercredi et samedi · prochaines dates : ${pickup.nextDeliveryDates.map(frenchDay).join(', ')} · commandes closes 24 h avant : la veille à minuit`,
  );
  await expect(item('Retrait à la ferme').locator('time')).toHaveCount(3);
  await expect(item('Retrait à la ferme').locator('time').first()).toHaveAttribute(
    'datetime',
    pickup.nextDeliveryDates[0],
  );
  // The van on Tuesdays and Fridays; the carrier has no set day, so no date to choose.
  const van = options.find((option) => option.label === 'Livraison par nos soins')!;
  expect(plain(await item('Livraison par nos soins').innerText())).toContain(
    `Le mardi et vendredi · prochaines dates : ${van.nextDeliveryDates.map(frenchDay).join(', ')}`,
  );
  await expect(item('Messagerie')).toContainText('Sans jour fixe : pas de date à choisir.');
  // A visitor reads the van's fee including VAT, at its goods' rate: 18,00 € HT at 5,5 %.
  await expect(item('Livraison par nos soins')).toContainText('Frais : 18,99 € TTC');
  await expectAccessible();
  await snap('product-delivery-dates');
});

test('a business buyer sees the B2B price tiers on a product page', async ({ page, request }) => {
  const html = await (await request.get('/produits?q=Comt%C3%A9%2018%20mois')).text();
  const href = /href="(\/produits\/[a-z0-9-]+)"[^>]*>Comté AOP 18 mois</.exec(html)![1];
  await page.goto(`/connexion?retour=${encodeURIComponent(href)}`);
  await page.getByLabel('Adresse e-mail').fill('epicerie@gueret.example');
  await page.getByLabel('Mot de passe').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Comté AOP 18 mois');
  const tiers = page.getByRole('table', { name: 'Prix professionnels (HT)' });
  await expect(tiers.getByRole('row')).toHaveCount(3);
  expect(plain(await tiers.getByRole('row').nth(1).textContent())).toBe('5 kg19,50 € HT / kg');
  expect(plain(await tiers.getByRole('row').nth(2).textContent())).toBe('20 kg18,00 € HT / kg');
});

test('a business member sees the products near their business, nearest first, and changes or clears the place', async ({
  page,
  request,
  snap,
  expectAccessible,
}) => {
  // The demo's Restaurant Le Comtois, 5 rue du Commerce in Lons-le-Saunier (apps/api/src/demo/demo-territory.ts).
  const comtois = { latitude: 46.67579, longitude: 5.55745 };
  const { products } = await graphqlCall<{
    products: { totalCount: number; edges: { node: { name: string; distanceKm: number } }[] };
  }>(
    request,
    `query ($near: NearInput!) {
      products(filter: { near: $near }, sort: DISTANCE, first: 20) { totalCount edges { node { name distanceKm } } }
    }`,
    { near: { ...comtois, radiusKm: 50 } },
  );
  const nearest = products.edges.map(({ node }) => node);
  expect(nearest.length).toBeGreaterThan(1);

  // A visitor's catalogue has no place, and costs no redirect.
  const anonymous = await request.get('/produits', { maxRedirects: 0 });
  expect(anonymous.status()).toBe(200);
  expect(plain(await anonymous.text())).toContain('<h1>Produits</h1>');

  await signIn(page, 'chef@lecomtois.example', DEMO_PASSWORD, '/produits');
  // The address bar says where the page searches: around the business (so the page can be shared within it).
  await expect(page).toHaveURL(/\/produits\?entreprise=[\w-]+$/);
  const place = 'Restaurant Le Comtois (Lons-le-Saunier)';
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Produits près de ${place}`);
  const note = page.locator('.catalogue-place');
  expect(plain(await note.innerText())).toBe(
    `Près de votre entreprise, ${place} — changer de lieu ou voir les produits de partout`,
  );
  const count = products.totalCount;
  await expect(page.getByRole('heading', { name: `${count} produits à moins de 50 km de ${place}` })).toBeVisible();
  const cards = page.locator('.product-card');
  await expect(cards).toHaveCount(nearest.length);
  const distances = await distancesOf(page.locator('.product-card__distance').allTextContents());
  // Each card's distance is the API's from the business's own coordinates (to the tenth shown).
  expect(distances).toHaveLength(nearest.length);
  nearest.forEach((product, index) =>
    expect(Math.abs(distances[index] - product.distanceKm)).toBeLessThanOrEqual(0.051),
  );
  expect(distances).toEqual([...distances].sort((a, b) => a - b));
  await expect(cards.first()).toContainText(nearest[0].name);
  await expect(page.getByText(`Vide : autour de ${place}.`)).toBeVisible();
  await expectAccessible();
  await snap('catalogue-business');

  // « changer de lieu »: the commune field, whose commune wins over the business.
  await page.getByRole('link', { name: 'changer de lieu' }).click();
  const commune = page.getByLabel('Près de (commune)');
  await expect(commune).toBeFocused();
  await commune.fill('Guéret (23000)');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page).toHaveURL(/\/produits\?commune=Gu%C3%A9ret\+%2823000%29$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Produits près de Guéret (23000)');
  await expect(page.getByRole('heading', { name: '20 produits à moins de 50 km de Guéret (23000)' })).toBeVisible();
  await expect(note).toHaveCount(0);

  // Back to the bare catalogue: around the business again; « partout » clears the place, and filtering keeps it clear.
  await page.goto('/produits');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Produits près de ${place}`);
  await page.getByRole('link', { name: 'voir les produits de partout' }).click();
  await expect(page).toHaveURL(/\/produits\?partout=1$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Produits');
  await expect(page.getByRole('heading', { name: '65 produits' })).toBeVisible();
  await expect(page.locator('.product-card__distance')).toHaveCount(0);
  await page.getByLabel('Catégorie').selectOption('DAIRY_CHEESE');
  await page.getByRole('button', { name: 'Rechercher' }).click();
  await expect(page).toHaveURL(/\/produits\?partout=1&categorie=DAIRY_CHEESE$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Produits');
  await snap('catalogue-business-everywhere');
  await page.getByRole('link', { name: `chercher près de votre entreprise, ${place}` }).click();
  await expect(page).toHaveURL(/\/produits\?entreprise=[\w-]+&categorie=DAIRY_CHEESE$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(`Produits près de ${place}`);
});

test('a search with nothing in its radius suggests widening it; an unknown commune is said next to the field', async ({
  page,
  open,
  expectAccessible,
}) => {
  await open('/produits?commune=Gu%C3%A9ret&rayon=10');
  await expect(page.getByRole('heading', { name: 'Aucun produit à moins de 10 km de Guéret (23000)' })).toBeVisible();
  await page.getByRole('link', { name: 'Élargir la recherche à 25 km' }).click();
  // The nearest producer is 25.4 km away: one more step.
  await expect(page.getByRole('heading', { name: 'Aucun produit à moins de 25 km de Guéret (23000)' })).toBeVisible();
  await page.getByRole('link', { name: 'Élargir la recherche à 50 km' }).click();
  await expect(page.getByRole('heading', { name: '20 produits à moins de 50 km de Guéret (23000)' })).toBeVisible();

  await open('/produits?commune=Nullepart-sur-Rien');
  await expect(page.getByRole('alert')).toContainText('Nous ne trouvons pas de commune « Nullepart-sur-Rien »');
  await expect(page.getByLabel('Près de (commune)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('heading', { name: '65 produits' })).toBeVisible();
  await expectAccessible();

  // By postal code alone, the first commune of the code is searched around.
  await open('/produits?commune=23000&tri=distance');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/^Produits près de .+ \(23000\)$/);
});

test('a brand page shows its charter, its producers and its labelled products', async ({
  page,
  open,
  snap,
  expectAccessible,
  request,
  baseURL,
}) => {
  await open('/marques/cest-creusois');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText("C'est creusois");
  await expect(page.getByRole('heading', { name: 'La charte' })).toBeVisible();
  await expect(page.locator('blockquote')).toHaveText(
    'Des produits et savoir-faire de la Creuse, fabriqués en Creuse.',
  );
  await expect(page.getByRole('heading', { name: 'Ses producteurs (4)' })).toBeVisible();
  await expect(page.getByText('Les Jardins de la Souterraine', { exact: true })).toBeVisible();
  await expect(
    page.getByRole('list', { name: "Produits labellisés C'est creusois" }).locator('.product-card'),
  ).toHaveCount(12);
  const all = page.getByRole('link', { name: "Voir les 20 produits labellisés C'est creusois" });
  await expect(all).toHaveAttribute('href', '/produits?marque=cest-creusois');
  await expectAccessible();
  await snap('brand');

  const html = await (await request.get('/marques/cest-creusois')).text();
  expect(html).toContain(`<link rel="canonical" href="${baseURL}/marques/cest-creusois"/>`);
  expect(html).toContain('<meta property="og:title" content="C&#x27;est creusois"/>');
  const jsonLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]);
  expect(jsonLd).toMatchObject({
    '@type': 'Organization',
    name: "C'est creusois",
    url: `${baseURL}/marques/cest-creusois`,
  });
  expect(jsonLd.member).toHaveLength(4);

  await all.click();
  await expect(page.getByRole('heading', { name: '20 produits' })).toBeVisible();
  await expect(page.getByLabel('Marque de territoire', { exact: true })).toHaveValue('cest-creusois');
});

test("a product's first address (its id) leads to its slug for good (301), the commune kept", async ({ request }) => {
  const { productBySlug } = await graphqlCall<{ productBySlug: { id: string } }>(
    request,
    'query { productBySlug(slug: "comte-aop-18-mois") { id } }',
  );
  const moved = await request.get(`/produits/${productBySlug.id}?commune=Gu%C3%A9ret`, { maxRedirects: 0 });
  expect(moved.status()).toBe(301);
  expect(moved.headers().location).toBe('/produits/comte-aop-18-mois?commune=Gu%C3%A9ret');
  expect(plain(await (await request.get(`/produits/${productBySlug.id}`)).text())).toContain(
    '<h1>Comté AOP 18 mois</h1>',
  );
});

test('an unknown product or brand answers 404, and the sitemap lists every brand and product', async ({
  page,
  request,
  baseURL,
}) => {
  expect((await request.get('/produits/00000000-0000-4000-8000-000000000000')).status()).toBe(404);
  expect((await request.get('/produits/pas-un-produit')).status()).toBe(404);
  expect((await request.get('/marques/marque-inconnue')).status()).toBe(404);
  await page.goto('/produits/00000000-0000-4000-8000-000000000000');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cette page n’existe pas');
  await page.goto('/marques/marque-inconnue');
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Cette page n’existe pas');

  const sitemap = await request.get('/sitemap.xml');
  expect(sitemap.headers()['content-type']).toContain('application/xml');
  const xml = await sitemap.text();
  const locations = [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((match) => match[1]);
  expect(locations).toContain(`${baseURL}/`);
  expect(locations).toContain(`${baseURL}/produits`);
  expect(locations).toContain(`${baseURL}/marques/cest-creusois`);
  expect(locations.filter((url) => /\/produits\/[a-z0-9-]+$/.test(url))).toHaveLength(65);
  expect(locations).toContain(`${baseURL}/produits/comte-aop-18-mois`);
  expect(locations).toContain(`${baseURL}/producteurs`);
  expect(locations.filter((url) => /\/producteurs\/[a-z0-9-]+$/.test(url))).toHaveLength(13);
  expect(new Set(locations).size).toBe(locations.length);
});
