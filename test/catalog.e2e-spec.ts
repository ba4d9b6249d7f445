import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { type AppMode, rowCounts, type RunningApp, startApp } from './support/app-modes';
import { CREATE_PRODUCT, createProduct, PLACES, producerAt } from './support/catalog-fixtures';
import { createCreuseBrand, joinBrand, labelProduct, withdrawProduct } from './support/brand-fixtures';
import { graphql } from './support/graphql-client';
import { registerUser, type TestSession } from './support/identity-client';
import { startProductionStack } from './support/production-stack';

const SEARCH = `query ($filter: ProductFilter, $sort: ProductSort, $first: Int, $after: String) {
  products(filter: $filter, sort: $sort, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name priceCents distanceKm } }
  }
}`;

interface Page {
  products: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: { id: string; name: string; priceCents: number; distanceKm: number | null } }[];
  };
}

const names = (page: Page | undefined) => page?.products.edges.map((edge) => edge.node.name);

/**
 * Copies of a product straight in SQL (a thousand through the API would take minutes): `categories[i]` is the
 * category of the i-th copy; each gets its own id and slug. The same statement on PostgreSQL and SQLite.
 */
async function copyProduct(em: EntityManager, postgres: boolean, productId: string, categories: string[]) {
  const columns = (
    await em.execute<{ name: string }[]>(
      postgres
        ? "select column_name as name from information_schema.columns where table_schema = current_schema() and table_name = 'product'"
        : "select name from pragma_table_info('product')",
    )
  )
    .map((column) => column.name)
    .filter((name) => !['id', 'slug', 'category'].includes(name));
  const values = categories.map((category, index) => `('${randomUUID()}', '-copie-${index}', '${category}')`);
  await em.execute(
    `insert into product (id, slug, category, ${columns.join(', ')})
     select v.column1${postgres ? '::uuid' : ''}, p.slug || v.column2, v.column3, ${columns.map((name) => `p.${name}`).join(', ')}
     from product p, (values ${values.join(', ')}) v where p.id = '${productId}'`,
  );
}

/** `totalCount` counts up to 1,000 products and says 1,001 beyond (TOTAL_COUNT_CAP), on both databases. */
async function checkCappedCount(app: INestApplication, em: EntityManager, postgres: boolean, farmer: TestSession) {
  const farm = await producerAt(app, farmer, 'Ferme aux mille pommes', PLACES.gueret);
  const { id } = await createProduct(app, farmer, {
    producerId: farm,
    name: 'Pomme',
    category: 'FRESH_FRUITS',
    priceCents: 90,
  });
  // 1,000 FRESH_FRUITS with the original, 1,002 products in all.
  await copyProduct(em, postgres, id, [...Array<string>(999).fill('FRESH_FRUITS'), 'BEVERAGES', 'BEVERAGES']);
  const page = async (filter: Record<string, unknown>) =>
    (await graphql<Page>(app, SEARCH, { filter: { producerId: farm, ...filter } })).data!.products;
  const exact = await page({ category: 'FRESH_FRUITS' });
  expect(exact.totalCount).toBe(1000);
  const capped = await page({});
  expect(capped.totalCount).toBe(1001);
  expect(capped.edges).toHaveLength(20);
  expect(capped.pageInfo.hasNextPage).toBe(true);
  expect((await page({ category: 'BEVERAGES' })).totalCount).toBe(2);
}

describe('the catalog (PostgreSQL)', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let farmer: TestSession;
  let stranger: TestSession;
  let manager: TestSession;
  const producers: Record<'gueret' | 'limoges' | 'quimper', string> = { gueret: '', limoges: '', quimper: '' };
  const products: Record<string, string> = {};
  let brandId: string;
  let membershipId: string;

  const search = (variables: Record<string, unknown>) => graphql<Page>(stack.api, SEARCH, variables);

  beforeAll(async () => {
    stack = await startProductionStack('catalog');
    farmer = await registerUser(stack.api, 'farmer');
    stranger = await registerUser(stack.api, 'stranger');
    manager = await registerUser(stack.api, 'manager');
    for (const place of ['gueret', 'limoges', 'quimper'] as const)
      producers[place] = await producerAt(stack.api, farmer, `Ferme de ${place}`, PLACES[place]);
    const seed: [string, 'gueret' | 'limoges' | 'quimper', Record<string, unknown>][] = [
      ['Comté affiné 24 mois', 'gueret', { category: 'DAIRY_CHEESE', priceCents: 2800, certifications: ['AOP'] }],
      ['Pommes Reinette', 'gueret', { category: 'FRESH_FRUITS', priceCents: 350, certifications: ['AB'] }],
      ['Œufs fermiers', 'gueret', { category: 'EGGS', unit: 'PIECE', unitMassKg: 0.065, priceCents: 40, stock: 600 }],
      [
        'Jus de pomme',
        'limoges',
        { category: 'BEVERAGES', unit: 'LITRE', unitMassKg: 1.1, priceCents: 450, certifications: ['IGP'] },
      ],
      ['Carottes des sables', 'limoges', { category: 'FRESH_VEGETABLES', priceCents: 220, certifications: ['AB'] }],
      [
        'Galettes bretonnes',
        'quimper',
        { category: 'BAKERY', unit: 'PIECE', unitMassKg: 0.25, priceCents: 600, certifications: ['LABEL_ROUGE'] },
      ],
    ];
    for (const [name, place, input] of seed)
      products[name] = (await createProduct(stack.api, farmer, { producerId: producers[place], name, ...input })).id;

    brandId = await createCreuseBrand(stack.api, stack.em, manager);
    membershipId = await joinBrand(stack.api, brandId, producers.gueret, farmer, manager);
    for (const name of ['Comté affiné 24 mois', 'Œufs fermiers'])
      await labelProduct(stack.api, brandId, products[name], farmer, manager);
    const withdrawn = await createProduct(stack.api, farmer, {
      producerId: producers.gueret,
      name: 'Ancien fromage',
      category: 'DAIRY_CHEESE',
      priceCents: 1000,
    });
    products['Ancien fromage'] = withdrawn.id;
    await withdrawProduct(stack.api, withdrawn.id, farmer);
    await stack.drainOutbox();
  });

  afterAll(() => stack.close());

  describe('producers list their goods', () => {
    it('with consumer and B2B prices, VAT, stock and unit mass', async () => {
      const response = await graphql(
        stack.api,
        CREATE_PRODUCT,
        {
          input: {
            producerId: producers.gueret,
            name: 'Miel de châtaignier',
            category: 'DRY_GROCERIES',
            unit: 'PIECE',
            unitMassKg: 0.55,
            priceCents: 900,
            vatRate: 0.055,
            stock: 40,
            b2bPriceTiers: [
              { minQuantity: 12, unitPriceCents: 800 },
              { minQuantity: 48, unitPriceCents: 720 },
            ],
          },
        },
        farmer.accessToken,
      );
      expect(response.data).toEqual({
        createProduct: {
          id: expect.any(String),
          name: 'Miel de châtaignier',
          version: 1,
          priceCents: 900,
          stock: 40,
          vatRate: 0.055,
          unitMassKg: 0.55,
          available: true,
          b2bPriceTiers: [
            { minQuantity: 12, unitPriceCents: 800 },
            { minQuantity: 48, unitPriceCents: 720 },
          ],
        },
      });
    });

    it.each([
      ['a negative price', { priceCents: -1 }, 'priceCents'],
      ['a stock with 4 decimals', { stock: 1.0005 }, 'stock'],
      ['a negative stock', { stock: -2 }, 'stock'],
      ['a VAT rate of 7 %', { vatRate: 0.07 }, 'vatRate'],
      [
        'tiers that do not increase',
        {
          b2bPriceTiers: [
            { minQuantity: 10, unitPriceCents: 300 },
            { minQuantity: 10, unitPriceCents: 280 },
          ],
        },
        'b2bPriceTiers.1.minQuantity',
      ],
      ['half an egg', { unit: 'PIECE', unitMassKg: 0.06, stock: 10.5 }, 'stock'],
      ['a piece without its mass', { unit: 'PIECE' }, 'unitMassKg'],
      ['a kilo that weighs 2 kg', { unitMassKg: 2 }, 'unitMassKg'],
      ['an empty name', { name: '  ' }, 'name'],
      ['a CIQUAL code with letters', { ciqualCode: 'CAR0T' }, 'ciqualCode'],
    ])('refuses %s and creates nothing', async (_case, override, field) => {
      const before = await rowCounts(stack.em, ['product']);
      const response = await graphql(
        stack.api,
        CREATE_PRODUCT,
        {
          input: {
            producerId: producers.gueret,
            name: 'Beurre',
            category: 'DAIRY_CHEESE',
            unit: 'KG',
            priceCents: 1200,
            vatRate: 0.055,
            stock: 5,
            ...override,
          },
        },
        farmer.accessToken,
      );
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await rowCounts(stack.em, ['product'])).toEqual(before);
    });

    it('keeps the CIQUAL (AGRIBALYSE) food code a producer gives, changes it, and removes it with an empty string', async () => {
      const { id } = await createProduct(stack.api, farmer, {
        producerId: producers.gueret,
        name: 'Carottes de sable',
        category: 'FRESH_VEGETABLES',
        priceCents: 300,
        ciqualCode: ' 20009 ',
      });
      const UPDATE =
        'mutation ($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { ciqualCode } }';
      expect((await graphql(stack.api, 'query ($id: ID!) { product(id: $id) { ciqualCode } }', { id })).data).toEqual({
        product: { ciqualCode: '20009' },
      });
      expect(
        (await graphql(stack.api, UPDATE, { id, input: { ciqualCode: '20031' } }, farmer.accessToken)).data,
      ).toEqual({ updateProduct: { ciqualCode: '20031' } });
      expect((await graphql(stack.api, UPDATE, { id, input: { priceCents: 310 } }, farmer.accessToken)).data).toEqual({
        updateProduct: { ciqualCode: '20031' },
      });
      expect((await graphql(stack.api, UPDATE, { id, input: { ciqualCode: '' } }, farmer.accessToken)).data).toEqual({
        updateProduct: { ciqualCode: null },
      });
    });

    it("refuses to list goods for someone else's farm", async () => {
      const before = await rowCounts(stack.em, ['product']);
      const response = await graphql(
        stack.api,
        CREATE_PRODUCT,
        {
          input: {
            producerId: producers.gueret,
            name: 'Intrus',
            category: 'EGGS',
            unit: 'KG',
            priceCents: 1,
            vatRate: 0.055,
            stock: 1,
          },
        },
        stranger.accessToken,
      );
      expect(response.errors?.[0].extensions.code).toBe('NOT_FOUND');
      expect(await rowCounts(stack.em, ['product'])).toEqual(before);
    });

    it('INV-05: of two edits from the same version, the second gets CONFLICT and nothing is lost (20 runs)', async () => {
      const { id } = await createProduct(stack.api, farmer, {
        producerId: producers.gueret,
        name: 'Tomme',
        category: 'DAIRY_CHEESE',
        priceCents: 1500,
      });
      const UPDATE =
        'mutation ($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { priceCents version } }';
      for (let run = 0; run < 20; run++) {
        const { version } = (
          await graphql<{ product: { version: number } }>(
            stack.api,
            'query ($id: ID!) { product(id: $id) { version } }',
            { id },
          )
        ).data!.product;
        const prices = [2000 + run, 3000 + run];
        const results = await Promise.all(
          prices.map((priceCents) =>
            graphql<{ updateProduct: { priceCents: number } }>(
              stack.api,
              UPDATE,
              { id, input: { priceCents, expectedVersion: version } },
              farmer.accessToken,
            ),
          ),
        );
        const winners = results.filter((result) => result.data?.updateProduct);
        expect(winners).toHaveLength(1);
        expect(results.find((result) => result.errors)?.errors?.[0].extensions.code).toBe('CONFLICT');
        const saved = (
          await graphql<{ product: { priceCents: number } }>(
            stack.api,
            'query ($id: ID!) { product(id: $id) { priceCents } }',
            { id },
          )
        ).data!.product;
        expect(saved.priceCents).toBe(winners[0].data!.updateProduct.priceCents);
      }
    });

    it('refuses a bad edit and keeps the product as it was', async () => {
      const UPDATE =
        'mutation ($id: ID!, $input: UpdateProductInput!) { updateProduct(id: $id, input: $input) { id } }';
      const READ = 'query ($id: ID!) { product(id: $id) { name priceCents vatRate version } }';
      const before = (await graphql(stack.api, READ, { id: products['Jus de pomme'] })).data;
      for (const [input, field] of [
        [{ vatRate: 0.07 }, 'vatRate'],
        [{ priceCents: -5 }, 'priceCents'],
        [{ name: '' }, 'name'],
        [{ unitMassKg: 0 }, 'unitMassKg'],
        [{ stock: 2.0001 }, 'stock'],
        [{ ciqualCode: '1234567' }, 'ciqualCode'],
      ] as const) {
        expect(
          (await graphql(stack.api, UPDATE, { id: products['Jus de pomme'], input }, farmer.accessToken)).errors?.[0]
            .extensions,
        ).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      expect(
        (
          await graphql(
            stack.api,
            UPDATE,
            { id: products['Jus de pomme'], input: { priceCents: 1 } },
            stranger.accessToken,
          )
        ).errors?.[0].extensions.code,
      ).toBe('NOT_FOUND');
      expect((await graphql(stack.api, READ, { id: products['Jus de pomme'] })).data).toEqual(before);
    });

    it('sets the stock, refusing a negative one', async () => {
      const SET = 'mutation ($id: ID!, $stock: Float!) { setStock(productId: $id, stock: $stock) { stock available } }';
      expect(
        (await graphql(stack.api, SET, { id: products['Pommes Reinette'], stock: 0 }, farmer.accessToken)).data,
      ).toEqual({ setStock: { stock: 0, available: false } });
      expect(
        (await graphql(stack.api, SET, { id: products['Pommes Reinette'], stock: -1 }, farmer.accessToken)).errors?.[0]
          .extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'stock' });
      expect(
        (await graphql(stack.api, SET, { id: products['Pommes Reinette'], stock: 250.5 }, farmer.accessToken)).data,
      ).toEqual({ setStock: { stock: 250.5, available: true } });
    });

    it('declares delivery options with the vehicle the carbon footprint needs', async () => {
      const CREATE =
        'mutation ($input: CreateDeliveryOptionInput!) { createDeliveryOption(input: $input) { mode label vehicleId maxDistanceKm feeCents minOrderCents } }';
      const van = await graphql(
        stack.api,
        CREATE,
        {
          input: {
            producerId: producers.gueret,
            mode: 'PRODUCER_DELIVERY',
            label: 'Tournée du mardi',
            vehicleId: 'vul_diesel',
            maxDistanceKm: 60,
            feeCents: 1500,
            minOrderCents: 8000,
          },
        },
        farmer.accessToken,
      );
      expect(van.data).toEqual({
        createDeliveryOption: {
          mode: 'PRODUCER_DELIVERY',
          label: 'Tournée du mardi',
          vehicleId: 'vul_diesel',
          maxDistanceKm: 60,
          feeCents: 1500,
          minOrderCents: 8000,
        },
      });
      const pickup = await graphql(
        stack.api,
        CREATE,
        { input: { producerId: producers.gueret, mode: 'PICKUP', label: 'À la ferme' } },
        farmer.accessToken,
      );
      expect(pickup.errors).toBeUndefined();
      for (const [input, field] of [
        [{ mode: 'CARRIER', label: 'Transporteur' }, 'vehicleId'],
        [{ mode: 'PRODUCER_DELIVERY', label: 'Camion', vehicleId: 'tracteur' }, 'vehicleId'],
        [{ mode: 'PICKUP', label: 'Ferme', feeCents: -5 }, 'feeCents'],
        [{ mode: 'PRODUCER_DELIVERY', label: 'Loin', vehicleId: 'vul_diesel', maxDistanceKm: 0 }, 'maxDistanceKm'],
      ] as const) {
        expect(
          (await graphql(stack.api, CREATE, { input: { producerId: producers.gueret, ...input } }, farmer.accessToken))
            .errors?.[0].extensions,
        ).toMatchObject({ code: 'BAD_USER_INPUT', field });
      }
      const listed = await graphql<{ product: { producer: { deliveryOptions: { label: string }[] } } }>(
        stack.api,
        'query ($id: ID!) { product(id: $id) { producer { deliveryOptions { label } } } }',
        { id: products['Comté affiné 24 mois'] },
      );
      expect(listed.data?.product.producer.deliveryOptions.map((option) => option.label)).toEqual([
        'Tournée du mardi',
        'À la ferme',
      ]);
    });
  });

  describe('buyers find them', () => {
    it('by French text, ignoring accents and plurals', async () => {
      expect(names((await search({ filter: { text: 'pomme' }, sort: 'RELEVANCE' })).data)?.sort()).toEqual([
        'Jus de pomme',
        'Pommes Reinette',
      ]);
      expect(names((await search({ filter: { text: 'COMTE' } })).data)).toEqual(['Comté affiné 24 mois']);
      expect(names((await search({ filter: { text: 'oeufs fermiers' } })).data)).toEqual(['Œufs fermiers']);
    });

    it('by category, producer, certification, brand and label', async () => {
      expect(names((await search({ filter: { category: 'BEVERAGES' } })).data)).toEqual(['Jus de pomme']);
      expect(names((await search({ filter: { producerId: producers.limoges }, sort: 'PRICE_ASC' })).data)).toEqual([
        'Carottes des sables',
        'Jus de pomme',
      ]);
      expect(names((await search({ filter: { certification: 'AB' }, sort: 'PRICE_ASC' })).data)).toEqual([
        'Carottes des sables',
        'Pommes Reinette',
      ]);
      expect(names((await search({ filter: { brandSlug: 'cest-creusois' }, sort: 'PRICE_ASC' })).data)).toEqual([
        'Œufs fermiers',
        'Comté affiné 24 mois',
      ]);
      expect(names((await search({ filter: { labelledOnly: true }, sort: 'PRICE_DESC' })).data)).toEqual([
        'Comté affiné 24 mois',
        'Œufs fermiers',
      ]);
      expect((await search({ filter: { brandSlug: 'unknown-brand' } })).data?.products.totalCount).toBe(0);
    });

    it('near a place, with the distance, sorted by it, and within the radius only', async () => {
      const around = (radiusKm: number) => ({
        filter: { near: { latitude: PLACES.gueret.latitude, longitude: PLACES.gueret.longitude, radiusKm } },
        sort: 'DISTANCE',
        first: 50,
      });
      const within50 = (await search(around(50))).data!.products;
      expect(within50.edges.every((edge) => edge.node.distanceKm === 0)).toBe(true);
      const gueretFarm = (await search({ filter: { producerId: producers.gueret } })).data!.products.totalCount;
      const limogesFarm = (await search({ filter: { producerId: producers.limoges } })).data!.products.totalCount;
      expect(within50.totalCount).toBe(gueretFarm);
      const within70 = (await search(around(70))).data!.products;
      expect(within70.totalCount).toBe(gueretFarm + limogesFarm);
      expect(within70.edges.at(-1)?.node.distanceKm).toBeCloseTo(60.03, 1); // Guéret → Limoges, haversine with R = 6371.0088 km
      const distances = within70.edges.map((edge) => edge.node.distanceKm!);
      expect(distances).toEqual([...distances].sort((a, b) => a - b));
      expect((await search({ sort: 'NEWEST' })).data?.products.edges[0].node.distanceKm).toBeNull();
    });

    it('sorted by price or novelty, inactive products hidden', async () => {
      const ascending = (await search({ sort: 'PRICE_ASC', first: 50 })).data!.products.edges.map(
        (edge) => edge.node.priceCents,
      );
      expect(ascending).toEqual([...ascending].sort((a, b) => a - b));
      const descending = (await search({ sort: 'PRICE_DESC', first: 50 })).data!.products.edges.map(
        (edge) => edge.node.priceCents,
      );
      expect(descending).toEqual([...ascending].reverse());
      const newest = names((await search({ sort: 'NEWEST', first: 50 })).data)!;
      expect(newest).not.toContain('Ancien fromage');
      expect(newest.indexOf('Galettes bretonnes')).toBeLessThan(newest.indexOf('Comté affiné 24 mois'));
      expect(
        (await graphql(stack.api, 'query ($id: ID!) { product(id: $id) { id } }', { id: products['Ancien fromage'] }))
          .data,
      ).toEqual({ product: null });
    });

    it.each(['NEWEST', 'PRICE_ASC', 'PRICE_DESC', 'RELEVANCE', 'DISTANCE'])(
      'pages through every product exactly once (%s)',
      async (sort) => {
        const near = { latitude: PLACES.limoges.latitude, longitude: PLACES.limoges.longitude, radiusKm: 300 };
        const filter = sort === 'DISTANCE' ? { near } : sort === 'RELEVANCE' ? { text: 'pomme' } : {};
        const all = (await search({ filter, sort, first: 100 })).data!.products;
        expect(all.totalCount).toBeGreaterThan(1);
        const seen: string[] = [];
        let after: string | null = null;
        do {
          const page: Page['products'] = (await search({ filter, sort, first: sort === 'RELEVANCE' ? 1 : 2, after }))
            .data!.products;
          expect(page.totalCount).toBe(all.totalCount);
          seen.push(...page.edges.map((edge) => edge.node.id));
          after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        } while (after);
        expect(seen).toEqual(all.edges.map((edge) => edge.node.id));
        expect(new Set(seen).size).toBe(seen.length);
      },
    );

    it.each([
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
      [{ sort: 'DISTANCE' }, 'sort'],
      [{ after: 'not-a-cursor' }, 'after'],
      [{ filter: { near: { latitude: 46, longitude: 2, radiusKm: 0 } } }, 'filter.near.radiusKm'],
      [{ filter: { near: { latitude: 95, longitude: 2, radiusKm: 10 } } }, 'filter.near.latitude'],
    ])('refuses %j', async (variables, field) => {
      expect((await search(variables)).errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });

    it('refuses a cursor of another sort', async () => {
      const cursor = (await search({ sort: 'NEWEST', first: 1 })).data!.products.pageInfo.endCursor;
      expect((await search({ sort: 'PRICE_ASC', after: cursor })).errors?.[0].extensions).toMatchObject({
        code: 'BAD_USER_INPUT',
        field: 'after',
      });
    });

    it('defaults to 20 products a page', async () => {
      for (let n = 0; n < 16; n++)
        await createProduct(stack.api, farmer, {
          producerId: producers.quimper,
          name: `Cidre ${n}`,
          category: 'BEVERAGES',
          unit: 'LITRE',
          unitMassKg: 1.2,
          priceCents: 500 + n,
        });
      const page = (await search({})).data!.products;
      expect(page.edges).toHaveLength(20);
      expect(page.pageInfo.hasNextPage).toBe(true);
    });
  });

  describe('brand labels', () => {
    it('show on the product and on the brand page', async () => {
      const product = await graphql(
        stack.api,
        'query ($id: ID!) { product(id: $id) { labels { status brand { slug } } } }',
        { id: products['Comté affiné 24 mois'] },
      );
      expect(product.data).toEqual({ product: { labels: [{ status: 'APPROVED', brand: { slug: 'cest-creusois' } }] } });
      const brand = await graphql<{ brand: { labelledProducts: Page['products'] } }>(
        stack.api,
        '{ brand(slug: "cest-creusois") { labelledProducts(first: 10) { totalCount edges { node { name } } } } }',
      );
      expect(brand.data?.brand.labelledProducts.totalCount).toBe(2);
    });

    it('are asked only by approved members, and decided only by the brand', async () => {
      const notMember = await graphql(
        stack.api,
        'mutation ($p: ID!, $b: ID!) { requestProductLabel(productId: $p, brandId: $b) { id } }',
        { p: products['Jus de pomme'], b: brandId },
        farmer.accessToken,
      );
      expect(notMember.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'brandId' });
      const asked = await graphql<{ requestProductLabel: { id: string } }>(
        stack.api,
        'mutation ($p: ID!, $b: ID!) { requestProductLabel(productId: $p, brandId: $b) { id status } }',
        { p: products['Pommes Reinette'], b: brandId },
        farmer.accessToken,
      );
      expect(asked.data?.requestProductLabel).toMatchObject({ status: 'PENDING' });
      const id = asked.data!.requestProductLabel.id;
      expect(
        (
          await graphql(
            stack.api,
            'mutation ($id: ID!) { decideProductLabel(id: $id, approve: true) { status } }',
            { id },
            farmer.accessToken,
          )
        ).errors?.[0].extensions.code,
      ).toBe('NOT_FOUND');
      expect(
        (
          await graphql(
            stack.api,
            'mutation ($id: ID!) { decideProductLabel(id: $id, approve: false) { status } }',
            { id },
            manager.accessToken,
          )
        ).errors?.[0].extensions,
      ).toMatchObject({ code: 'BAD_USER_INPUT', field: 'reason' });
      expect(
        (
          await graphql(
            stack.api,
            'mutation ($id: ID!) { decideProductLabel(id: $id, approve: false, reason: "Hors charte") { status reason } }',
            { id },
            manager.accessToken,
          )
        ).data,
      ).toEqual({ decideProductLabel: { status: 'REJECTED', reason: 'Hors charte' } });
      expect(
        (
          await graphql(
            stack.api,
            'mutation ($id: ID!) { decideProductLabel(id: $id, approve: true) { status } }',
            { id },
            manager.accessToken,
          )
        ).errors?.[0].extensions.code,
      ).toBe('INVALID_STATE_TRANSITION');
    });

    it('are suspended while the membership is revoked, and come back when it is approved again', async () => {
      const labelled = async () => names((await search({ filter: { labelledOnly: true } })).data)?.length;
      await graphql(
        stack.api,
        'mutation ($id: ID!) { decideBrandMembership(id: $id, approve: false, reason: "Audit en cours") { status } }',
        { id: membershipId },
        manager.accessToken,
      );
      await stack.drainOutbox();
      expect(await labelled()).toBe(0);
      await graphql(
        stack.api,
        'mutation ($b: ID!, $p: ID!) { applyToBrand(brandId: $b, producerId: $p) { id } }',
        { b: brandId, p: producers.gueret },
        farmer.accessToken,
      );
      await graphql(
        stack.api,
        'mutation ($id: ID!) { decideBrandMembership(id: $id, approve: true) { id } }',
        { id: membershipId },
        manager.accessToken,
      );
      await stack.drainOutbox();
      expect(await labelled()).toBe(2);
    });
  });

  it('GQL-15: a page of products with their producer and labels costs the same SQL statements, whatever its size', async () => {
    for (let n = 0; n < 20; n++) {
      await createProduct(stack.api, farmer, {
        producerId: producers[n % 2 ? 'limoges' : 'quimper'],
        name: `Lot ${n}`,
        category: 'DRY_GROCERIES',
        priceCents: 100 + n,
      });
    }
    const connection = stack.api.get(MikroORM).em.getConnection();
    const execute = connection.execute.bind(connection);
    let statements = 0;
    connection.execute = ((...args: Parameters<typeof execute>) => {
      statements++;
      return execute(...args);
    }) as typeof connection.execute;
    const QUERY =
      'query ($first: Int) { products(first: $first, sort: NEWEST) { edges { node { name producer { name deliveryOptions { label } } labels { brand { name } } } } } }';
    const cost = async (first: number) => {
      statements = 0;
      const response = await graphql<Page>(stack.api, QUERY, { first });
      expect(response.data?.products.edges).toHaveLength(first);
      return statements;
    };
    try {
      const small = await cost(2);
      const large = await cost(20);
      expect(large).toBe(small);
      expect(large).toBeLessThanOrEqual(7);
    } finally {
      connection.execute = execute;
    }
  });

  it('counts the products up to 1,000, and says 1,001 for more (totalCount)', async () => {
    await checkCappedCount(stack.api, stack.em as EntityManager, true, farmer);
  });
});

describe.each<AppMode>(['embedded'])('the catalog (%s mode)', (mode) => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp(mode, 'catalog_embedded');
  });

  afterAll(() => running.close());

  it('finds products near Guéret, sorted by distance, and by text', async () => {
    const farmer = await registerUser(running.app, 'farmer');
    const gueret = await producerAt(running.app, farmer, 'Ferme de Guéret', PLACES.gueret);
    const limoges = await producerAt(running.app, farmer, 'Ferme de Limoges', PLACES.limoges);
    await createProduct(running.app, farmer, {
      producerId: limoges,
      name: 'Jus de pomme',
      category: 'BEVERAGES',
      unit: 'LITRE',
      unitMassKg: 1.1,
      priceCents: 450,
    });
    await createProduct(running.app, farmer, {
      producerId: gueret,
      name: 'Pommes Reinette',
      category: 'FRESH_FRUITS',
      priceCents: 350,
    });
    const response = await graphql<Page>(running.app, SEARCH, {
      filter: { near: { latitude: 46.158, longitude: 1.87, radiusKm: 80 } },
      sort: 'DISTANCE',
    });
    expect(response.data?.products.edges.map((edge) => [edge.node.name, Math.round(edge.node.distanceKm!)])).toEqual([
      ['Pommes Reinette', 0],
      ['Jus de pomme', 60],
    ]);
    expect(
      names((await graphql<Page>(running.app, SEARCH, { filter: { text: 'POMME' }, sort: 'PRICE_ASC' })).data),
    ).toEqual(['Pommes Reinette', 'Jus de pomme']);
  });

  it('counts the products up to 1,000, and says 1,001 for more (totalCount)', async () => {
    await checkCappedCount(running.app, running.em, false, await registerUser(running.app, 'farmer'));
  });
});
