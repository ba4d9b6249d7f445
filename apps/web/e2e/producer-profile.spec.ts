import { deflateSync } from 'node:zlib';
import { expect, plain, test } from './support/fixtures';
import { graphqlCall } from './support/graphql';
import { apiSession, PRODUCER, signIn } from './support/producer';

/**
 * WEB.md: the producers' directory (/producteurs), a producer's public page (/producteurs/<slug>), and the producer's
 * own photos (the product form) and public profile (/producteur/profil).
 */

/** A small PNG drawn here (nothing downloaded): `width` × `height` of one colour. */
function pngOf(width: number, height: number, [red, green, blue]: [number, number, number]): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc32 = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const byte of bytes) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 2, 0, 0, 0], 8);
  const row = Buffer.concat([
    Buffer.from([0]),
    Buffer.alloc(width * 3).map((_, index) => [red, green, blue][index % 3]),
  ]);
  const pixels = deflateSync(Buffer.concat(Array.from({ length: height }, () => row)));
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', pixels),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Each screen size's run works on a product of its own: the runs may share a server. */
const RUNS: Record<string, { product: string; slug: string; alt: string; description: string }> = {
  desktop: {
    product: 'Fraises de Plougastel 500 g',
    slug: 'fraises-de-plougastel-500-g',
    alt: 'Barquette de fraises au marché (grand écran)',
    description: 'Maraîchers à Plougastel depuis 1962 : fraises, tomates et légumes de plein champ.',
  },
  mobile: {
    product: 'Tomates cœur de bœuf',
    slug: 'tomates-coeur-de-boeuf',
    alt: 'Tomates cœur de bœuf en cagette (mobile)',
    description: 'Maraîchers et boulangers à Plougastel : des produits de saison, cueillis le matin.',
  },
};

test('the directory finds the producers near Guéret with their distance, and a producer’s page shows what it makes', async ({
  page,
  open,
  snap,
  expectAccessible,
  request,
  baseURL,
}) => {
  await open('/producteurs');
  await page.getByLabel('Près de (commune)').fill('Guéret');
  await page.getByRole('button', { name: 'Chercher' }).click();
  await expect(page).toHaveURL(/\/producteurs\?commune=Gu%C3%A9ret/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Producteurs près de Guéret (23000)');
  await expect(
    page.getByRole('heading', { name: /producteurs à moins de 50 km de Guéret \(23000\), les plus proches d’abord/ }),
  ).toBeVisible();
  const cards = page.getByRole('list', { name: 'Producteurs' }).locator('.producer-card');
  await expect(cards.first()).toContainText(/à \d+,\d\skm/);
  const distances = (await cards.allTextContents()).map((text) =>
    Number(/à ([\d,]+)\s*km/.exec(plain(text))![1].replace(',', '.')),
  );
  expect(distances).toEqual([...distances].sort((a, b) => a - b));
  await expect(cards.filter({ hasText: 'Élevage du Thaurion' })).toContainText("C'est creusois");
  await expectAccessible();
  await snap('directory-near-gueret');

  // The text and brand filters.
  await open('/producteurs?q=rucher');
  await expect(page.getByRole('list', { name: 'Producteurs' }).getByRole('link')).toHaveText(['Rucher du Haut-Jura']);
  await open('/producteurs?marque=made-in-jura');
  await expect(page.getByRole('heading', { name: '4 producteurs' })).toBeVisible();

  await open('/producteurs?commune=Gu%C3%A9ret');
  await page.getByRole('link', { name: 'Élevage du Thaurion' }).click();
  await expect(page).toHaveURL(/\/producteurs\/elevage-du-thaurion$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Élevage du Thaurion');
  await expect(page.getByRole('heading', { name: 'Ce qu’il produit' })).toBeVisible();
  await expect(page.getByRole('link', { name: "C'est creusois" })).toHaveAttribute('href', '/marques/cest-creusois');
  const products = page.getByRole('list', { name: 'Produits de Élevage du Thaurion' }).locator('.product-card');
  await expect(products.first().locator('img')).toHaveAttribute('loading', 'lazy');
  await expect(page.getByText(/^Vente sur place\u00a0: .+\(23400\)\.$/)).toBeVisible();
  await expectAccessible();
  await snap('producer-page');

  const html = await (await request.get('/producteurs/elevage-du-thaurion')).text();
  expect(html).toContain(`<link rel="canonical" href="${baseURL}/producteurs/elevage-du-thaurion"/>`);
  const jsonLd = JSON.parse(/<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html)![1]);
  expect(jsonLd).toMatchObject({
    '@type': 'Organization',
    name: 'Élevage du Thaurion',
    url: `${baseURL}/producteurs/elevage-du-thaurion`,
    address: { postalCode: '23400', addressCountry: 'FR' },
  });
  expect((await request.get('/producteurs/producteur-inconnu')).status()).toBe(404);
});

test('a producer’s page pages its products by twenty, each once', async ({ page, request, open, expectAccessible }) => {
  // Enough products for a second page (a market garden sells more than twenty things).
  const producer = await apiSession(request, PRODUCER.login, 'PRODUCER');
  const count = async () =>
    (
      await graphqlCall<{ products: { totalCount: number } }>(
        request,
        'query ($p: ID!) { products(filter: { producerId: $p }, first: 1) { totalCount } }',
        { p: producer.organizationId },
      )
    ).products.totalCount;
  for (let index = await count(); index < 23; index++)
    await graphqlCall(
      request,
      'mutation ($input: CreateProductInput!) { createProduct(input: $input) { id } }',
      {
        input: {
          producerId: producer.organizationId,
          name: `Légume de saison n° ${index + 1}`,
          category: 'FRESH_VEGETABLES',
          unit: 'KG',
          priceCents: 350,
          vatRate: 0.055,
          stock: 40,
        },
      },
      producer.token,
    );
  const total = await count();

  await open('/producteurs/les-maraichers-de-plougastel');
  await expect(page.getByRole('heading', { name: `Ses produits (${total})` })).toBeVisible();
  const names = page.getByRole('list', { name: `Produits de ${PRODUCER.name}` }).locator('.product-card h3');
  await expect(names).toHaveCount(20);
  const first = await names.allTextContents();
  await page.getByRole('link', { name: 'Produits suivants' }).click();
  await expect(page).toHaveURL(/\/producteurs\/les-maraichers-de-plougastel\?apres=/);
  await expect(names).toHaveCount(total - 20);
  const second = await names.allTextContents();
  expect(second.filter((name) => first.includes(name))).toEqual([]);
  await expect(page.getByRole('link', { name: 'Produits suivants' })).toHaveCount(0);
  await expectAccessible();
  await page.getByRole('link', { name: 'Premiers produits' }).click();
  await expect(names).toHaveCount(20);

  // A cursor that is not one leads back to the first page.
  await open('/producteurs/les-maraichers-de-plougastel?apres=pas-un-curseur');
  await expect(page).toHaveURL(/\/producteurs\/les-maraichers-de-plougastel$/);
  await expect(names).toHaveCount(20);
});

test('the directory shows its producers on a map, Leaflet loaded only then, each where the API places it', async ({
  page,
  open,
  snap,
  expectAccessible,
  request,
}) => {
  // Leaflet is a chunk of its own, loaded with the first map shown (WEB.md §3's JavaScript budget).
  const leafletRequests: string[] = [];
  page.on('request', (sent) => {
    if (/producer-map/.test(sent.url())) leafletRequests.push(sent.url());
  });
  await open('/producteurs?commune=Gu%C3%A9ret');
  const cards = page.getByRole('list', { name: 'Producteurs' }).locator('.producer-card');
  const names = await cards.locator('h3').allTextContents();
  expect(names.length).toBeGreaterThan(1);
  expect(leafletRequests).toEqual([]);

  await page.getByRole('link', { name: 'Voir la carte' }).click();
  await expect(page).toHaveURL(/\/producteurs\?commune=Gu%C3%A9ret&vue=carte$/);
  await expect(page.locator('.map[data-map-status="ready"]')).toHaveCount(1);
  const markers = page.locator('.leaflet-marker-icon');
  await expect(markers).toHaveCount(names.length);
  expect(leafletRequests.some((url) => url.endsWith('.js'))).toBe(true);
  // The list stays beside the map, the accessible way to the same producers.
  await expect(cards.locator('h3')).toHaveText(names);
  await expect(
    page.getByText(`${names.length} producteurs sur la carte. La liste ci-dessous présente les mêmes producteurs.`),
  ).toBeVisible();

  // Each marker says what the API says: the farm's own place when it sells there, else its commune's centre.
  const { producers } = await graphqlCall<{
    producers: { edges: { node: { name: string; city: string; productCount: number; sellsOnSite: boolean } }[] };
  }>(request, '{ producers(filter: { text: "Thaurion" }) { edges { node { name city productCount sellsOnSite } } } }');
  const thaurion = producers.edges[0].node;
  const where = thaurion.sellsOnSite ? 'vente à la ferme' : `placé au centre de ${thaurion.city}`;
  await expect(page.locator(`.leaflet-marker-icon[title^="Élevage du Thaurion — "]`)).toHaveAttribute(
    'title',
    `Élevage du Thaurion — ${thaurion.productCount} produits en vente · ${where}`,
  );
  await expectAccessible();
  await snap('directory-map');

  // A new search keeps the map; the list alone again.
  await page.getByLabel('Nom, commune ou spécialité').fill('thaurion');
  await page.getByRole('button', { name: 'Chercher' }).click();
  await expect(page).toHaveURL(/q=thaurion.*vue=carte/);
  await expect(markers).toHaveCount(1);
  await page.getByRole('link', { name: 'Voir la liste' }).click();
  await expect(page).not.toHaveURL(/vue=carte/);
  await expect(page.locator('.map')).toHaveCount(0);
  await expect(page.getByRole('link', { name: 'Voir la carte' })).toBeVisible();
});

test('a producer uploads a photo with its description, puts it first, and sees it on the public product page', async ({
  page,
  open,
  snap,
  expectAccessible,
}, testInfo) => {
  const run = RUNS[testInfo.project.name];
  await signIn(page, PRODUCER.login);
  await open('/producteur/produits');
  await page.getByRole('link', { name: run.product, exact: true }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(run.product);
  const photos = page.getByRole('region', { name: 'Photos' });
  await expect(photos.getByRole('listitem')).toHaveCount(1); // the demo's drawn picture

  // Not a picture: refused next to the field, nothing added.
  await photos
    .getByLabel('Nouvelle photo')
    .setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('pas une image') });
  await photos.getByLabel('Ce que montre la photo').fill(run.alt);
  await photos.getByRole('button', { name: 'Ajouter la photo' }).click();
  await expect(photos.getByRole('alert')).toHaveText('Le fichier doit être une photo JPEG, PNG ou WebP.');
  await expect(photos.getByLabel('Nouvelle photo')).toHaveAttribute('aria-invalid', 'true');
  await expect(photos.getByRole('listitem')).toHaveCount(1);

  await photos
    .getByLabel('Nouvelle photo')
    .setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: pngOf(640, 480, [200, 40, 60]) });
  await photos.getByLabel('Ce que montre la photo').fill(run.alt);
  await photos.getByRole('button', { name: 'Ajouter la photo' }).click();
  await expect(photos.getByRole('status')).toHaveText('Photo ajoutée.');
  await expect(photos.getByRole('listitem')).toHaveCount(2);
  await expect(photos.getByRole('listitem').nth(1)).toContainText(run.alt);
  await photos.getByRole('button', { name: `Avancer la photo « ${run.alt} »` }).click();
  await expect(photos.getByRole('listitem').first()).toContainText(`Photo principale · ${run.alt}`);
  await expectAccessible();
  await snap('product-photos');

  await page.getByRole('link', { name: 'Voir la page publique du produit' }).click();
  await expect(page).toHaveURL(new RegExp(`/produits/${run.slug}$`));
  const main = page.locator('img.product-photos__main');
  await expect(main).toHaveAttribute('alt', run.alt);
  await expect(main).toHaveAttribute(
    'srcset',
    /\/media\/[0-9a-f-]{36}\/320\.webp 320w, \/media\/[0-9a-f-]{36}\/640\.webp 640w/,
  );
  expect(await main.evaluate((image: HTMLImageElement) => image.complete && image.naturalWidth > 0)).toBe(true);
  await snap('product-page-with-photo');
});

test('a producer edits its public profile (description, logo) and previews its public page', async ({
  page,
  open,
  snap,
  expectAccessible,
}, testInfo) => {
  const run = RUNS[testInfo.project.name];
  await signIn(page, PRODUCER.login);
  await open('/producteur');
  await page.getByRole('navigation', { name: 'Espace producteur' }).getByRole('link', { name: 'Profil' }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('Mon profil public');
  await page.getByLabel('Présentation').fill(run.description);
  await page
    .getByLabel(/logo/)
    .first()
    .setInputFiles({ name: 'logo.png', mimeType: 'image/png', buffer: pngOf(300, 300, [30, 90, 60]) });
  await page.getByRole('button', { name: 'Enregistrer le profil' }).click();
  await expect(page.getByRole('status')).toHaveText('Profil enregistré.');
  await expect(page.getByLabel('Présentation')).toHaveValue(run.description);
  await expect(page.getByRole('img', { name: `Logo actuel de ${PRODUCER.name}` })).toBeVisible();

  // A name the API refuses is said next to its field, and nothing changes.
  await page.getByLabel('Nom affiché').fill('   ');
  await page.getByRole('button', { name: 'Enregistrer le profil' }).click();
  await expect(page.locator('#profile-name-erreur')).toHaveText('Le nom doit compter entre 1 et 200 caractères.');
  await expect(page.getByLabel('Présentation')).toHaveValue(run.description);
  await expectAccessible();
  await snap('producer-profile-form');

  await page.getByRole('link', { name: 'Voir ma page publique' }).click();
  await expect(page).toHaveURL(/\/producteurs\/les-maraichers-de-plougastel$/);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(PRODUCER.name);
  await expect(page.getByText(run.description)).toBeVisible();
  await expect(page.getByRole('img', { name: `Logo de ${PRODUCER.name}` })).toBeVisible();
  await expectAccessible();
  await snap('producer-page-own');
});
