import { randomUUID } from 'node:crypto';
import { MikroORM } from '@mikro-orm/core';
import { Product, ProductSearchService } from '@app/catalog';
import { UnitOfWork } from '@app/platform';
import type { Pool, QueryConfig } from 'pg';
import { createCreuseBrand, joinBrand, labelProduct, withdrawProduct } from './support/brand-fixtures';
import { createProduct, PLACES, producerAt } from './support/catalog-fixtures';
import { graphql } from './support/graphql-client';
import { registerUser } from './support/identity-client';
import { createDeliveryOption } from './support/ordering-fixtures';
import { startProductionStack } from './support/production-stack';

/** What a product page shows (bench/http.bench.ts), asked of the read model and of the entities' path (`throughEntities`). */
const PAGE_FIELDS = `id name slug description category priceCents vatRate b2bPriceTiers { minQuantity unitPriceCents } stock available
  unit unitMassKg minOrderQuantity certifications ciqualCode active version createdAt
  producer { id name slug address { line1 postalCode city inseeCode departmentCode latitude longitude }
    deliveryOptions { id mode label feeCents minOrderCents maxDistanceKm vehicleId weekdays } }
  labels { id status reason brand { id name slug } }`;

const NEAR_SEARCH = `{ products(filter: { near: { latitude: 46.158, longitude: 1.87, radiusKm: 50 } }, sort: DISTANCE, first: 20) {
  totalCount edges { node { id name priceCents distanceKm producer { id name } labels { id brand { slug } } } } } }`;

describe('the catalog read model (PostgreSQL): one statement for a search page or a product page', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let statements: string[] = [];
  const productIds: string[] = [];
  let restore: () => void;
  let farmer: Awaited<ReturnType<typeof registerUser>>;

  beforeAll(async () => {
    stack = await startProductionStack('catalog_read_model');
    farmer = await registerUser(stack.api, 'farmer');
    const manager = await registerUser(stack.api, 'manager');
    const gueret = await producerAt(stack.api, farmer, 'Ferme de Guéret', PLACES.gueret);
    for (const [name, priceCents] of [
      ['Comté affiné', 2800],
      ['Pommes Reinette', 350],
      ['Miel de bruyère', 900],
    ] as const)
      productIds.push(
        (
          await createProduct(stack.api, farmer, {
            producerId: gueret,
            name,
            category: 'DRY_GROCERIES',
            priceCents,
            b2bPriceTiers: [{ minQuantity: 5, unitPriceCents: priceCents - 10 }],
          })
        ).id,
      );
    await createDeliveryOption(stack.api, farmer, {
      producerId: gueret,
      mode: 'PRODUCER_DELIVERY',
      label: 'Tournée du mardi',
      vehicleId: 'vul_diesel',
      maxDistanceKm: 60,
      feeCents: 1500,
      minOrderCents: 8000,
    });
    const brandId = await createCreuseBrand(stack.api, stack.em, manager);
    await joinBrand(stack.api, brandId, gueret, farmer, manager);
    for (const productId of productIds.slice(0, 2)) await labelProduct(stack.api, brandId, productId, farmer, manager);
    // Withdrawn: neither found nor listed.
    await withdrawProduct(stack.api, productIds[2], farmer);
    await stack.drainOutbox();
    // Every statement: those of the ORM (`execute`) and the read model's prepared ones (straight on the ORM's pool).
    const connection = stack.api.get(MikroORM).em.getConnection();
    const execute = connection.execute.bind(connection);
    connection.execute = ((...args: Parameters<typeof execute>) => {
      statements.push(String(args[0]));
      return execute(...args);
    }) as typeof connection.execute;
    const pool = await (connection as unknown as { getNativeClient(): Promise<Pool> }).getNativeClient();
    const query = pool.query.bind(pool) as (config: QueryConfig) => Promise<unknown>;
    pool.query = ((config: QueryConfig) => {
      statements.push(config.text);
      return query(config);
    }) as unknown as typeof pool.query;
    restore = () => {
      connection.execute = execute;
      pool.query = query as unknown as typeof pool.query;
    };
  }, 180_000);

  afterAll(async () => {
    restore?.();
    await stack.close();
  });

  /**
   * `run` with a product page's product read as the entities' path reads it (the ORM's entity, its producer, labels,
   * brands and delivery options through the loaders): the reference the read model must answer exactly as.
   */
  const throughEntities = async <T>(run: () => Promise<T>): Promise<T> => {
    const search = stack.api.get(ProductSearchService);
    const unitOfWork = stack.api.get(UnitOfWork);
    const spy = jest
      .spyOn(search, 'activeProductBySlug')
      .mockImplementation((slug) => unitOfWork.em.findOne(Product, { slug, active: true }));
    try {
      return await run();
    } finally {
      spy.mockRestore();
    }
  };

  const counted = async <T>(query: string, variables?: Record<string, unknown>, token?: string) => {
    statements = [];
    const response = await graphql<T>(stack.api, query, variables, token);
    expect(response.errors).toBeUndefined();
    return { data: response.data!, statements: statements.length };
  };

  it('answers a product page in one statement, exactly as the entities and loaders do (by slug)', async () => {
    const byId = await counted<{ product: { slug: string } }>(
      `query ($id: ID!) { product(id: $id) { ${PAGE_FIELDS} } }`,
      { id: productIds[0] },
    );
    expect(byId.statements).toBe(1);
    const bySlugQuery = `query ($slug: String!) { productBySlug(slug: $slug) { ${PAGE_FIELDS} } }`;
    const bySlug = await counted<{ productBySlug: unknown }>(bySlugQuery, { slug: byId.data.product.slug });
    expect(bySlug.statements).toBe(1);
    const byEntities = await throughEntities(() =>
      counted<{ productBySlug: unknown }>(bySlugQuery, { slug: byId.data.product.slug }),
    );
    expect(byEntities.statements).toBeGreaterThan(1);
    expect(byId.data.product).toEqual(byEntities.data.productBySlug);
    expect(bySlug.data.productBySlug).toEqual(byEntities.data.productBySlug);
    expect(byId.data.product).toMatchObject({
      name: 'Comté affiné',
      b2bPriceTiers: [{ minQuantity: 5, unitPriceCents: 2790 }],
      producer: { name: 'Ferme de Guéret', deliveryOptions: [{ label: 'Tournée du mardi', vehicleId: 'vul_diesel' }] },
      labels: [{ status: 'APPROVED', brand: { slug: 'cest-creusois' } }],
    });
  });

  it("gives the product's producer every field of an organization as the entities do, to the public and to its members", async () => {
    // The read model's producer carries only the columns these fields read: each of them, through both paths, none
    // left null (a logo, the verification's reason, date and SIRENE answer, as an admin's decision leaves them).
    const em = stack.em.fork();
    const [gueret] = await em.execute<{ id: string }[]>(`select id from organization where name = 'Ferme de Guéret'`);
    const logoId = randomUUID();
    await em.execute(
      `insert into media (id, organization_id, widths, width, height, created_at) values (?, ?, '[320, 640]', 640, 480, now())`,
      [logoId, gueret.id],
    );
    await em.execute(
      `update organization set description = 'Fromages et fruits.', logo_media_id = ?, verification_reason = 'SIRET vérifié.',
        verification_decided_at = now(), sirene_check = ? where id = ?`,
      [logoId, JSON.stringify({ checkedAt: new Date().toISOString(), outcome: 'FOUND', active: true }), gueret.id],
    );
    const producer = `producer { id kind name slug description siret vatNumber verificationStatus logo { id }
      address { line1 postalCode city inseeCode departmentCode latitude longitude precision }
      deliveryOptions { id label } }`;
    const ofMembers = `producer { verification { status reason decidedAt sirene { outcome } } members { role }
      invitations { email } brandApplications { status } }`;
    for (const [fields, token] of [
      [producer, undefined],
      [`${producer} ${ofMembers}`, farmer.accessToken],
    ] as const) {
      const byId = await counted<{ product: { slug: string; producer: Record<string, unknown> } }>(
        `query ($id: ID!) { product(id: $id) { slug ${fields} } }`,
        { id: productIds[0] },
        token,
      );
      const bySlug = await throughEntities(() =>
        counted<{ productBySlug: unknown }>(
          `query ($slug: String!) { productBySlug(slug: $slug) { slug ${fields} } }`,
          { slug: byId.data.product.slug },
          token,
        ),
      );
      expect(byId.data.product).toEqual(bySlug.data.productBySlug);
      // Shown as the public sees it (no pickup at the farm): its commune's centre, no street.
      expect(byId.data.product.producer).toMatchObject({
        name: 'Ferme de Guéret',
        verificationStatus: 'VERIFIED',
        description: 'Fromages et fruits.',
        logo: { id: logoId },
        address: { line1: '', precision: 'COMMUNE' },
      });
      if (token)
        expect(byId.data.product.producer.verification).toMatchObject({
          reason: 'SIRET vérifié.',
          decidedAt: expect.any(String),
          sirene: { outcome: 'FOUND' },
        });
    }
  });

  it('finds no withdrawn product and no product of a malformed id, without an error', async () => {
    for (const id of [productIds[2], 'not-an-id']) {
      const { data } = await counted<{ product: unknown }>('query ($id: ID!) { product(id: $id) { id } }', { id });
      expect(data.product).toBeNull();
    }
  });

  it('answers the near-search and the listing in one statement each, with their producer and labels', async () => {
    const near = await counted<{
      products: {
        totalCount: number;
        edges: { node: { name: string; distanceKm: number; labels: unknown[]; producer: { name: string } } }[];
      };
    }>(NEAR_SEARCH);
    expect(near.statements).toBe(1);
    expect(near.data.products.totalCount).toBe(2);
    // The statement brings the farm once, on the first of its products; the second finds it in the request's loader.
    expect(near.data.products.edges.map((edge) => edge.node.producer.name)).toEqual([
      'Ferme de Guéret',
      'Ferme de Guéret',
    ]);
    // Both at the same place: the same distance, the order between them is the ids'.
    expect(near.data.products.edges.map((edge) => [edge.node.name, edge.node.labels]).sort()).toEqual([
      ['Comté affiné', [{ id: expect.any(String), brand: { slug: 'cest-creusois' } }]],
      ['Pommes Reinette', [{ id: expect.any(String), brand: { slug: 'cest-creusois' } }]],
    ]);
    const listing = await counted<{ products: { totalCount: number } }>(
      '{ products(first: 1) { totalCount pageInfo { hasNextPage } edges { node { name producer { name } labels { id } } } } }',
    );
    expect(listing.statements).toBe(1);
    expect(listing.data).toEqual({
      products: {
        totalCount: 2,
        pageInfo: { hasNextPage: true },
        edges: [
          {
            node: {
              name: 'Pommes Reinette',
              producer: { name: 'Ferme de Guéret' },
              labels: [{ id: expect.any(String) }],
            },
          },
        ],
      },
    });
  });

  it('pages a search by DISTANCE from the nearest farms, ties between farms at one place in id order, any filter', async () => {
    farmer = await registerUser(stack.api, 'farmer');
    // Two more farms at Guéret (the same distance as the first one's) and one at Limoges, 4 products each.
    for (const [name, place] of [
      ['Ferme du bourg', PLACES.gueret],
      ['Ferme de la gare', PLACES.gueret],
      ['Ferme de Limoges', PLACES.limoges],
    ] as const) {
      const producerId = await producerAt(stack.api, farmer, name, place);
      for (const [n, category] of ['DRY_GROCERIES', 'EGGS', 'DRY_GROCERIES', 'EGGS'].entries())
        await createProduct(stack.api, farmer, { producerId, name: `${name} ${n}`, category, priceCents: 100 + n });
    }
    await stack.drainOutbox();
    type Near = {
      products: {
        totalCount: number;
        pageInfo: { hasNextPage: boolean; endCursor: string | null };
        edges: { node: { id: string; distanceKm: number } }[];
      };
    };
    const NEAR = `query ($filter: ProductFilter, $sort: ProductSort, $first: Int, $after: String) {
      products(filter: $filter, sort: $sort, first: $first, after: $after) {
        totalCount pageInfo { hasNextPage endCursor } edges { node { id distanceKm } } } }`;
    const near = { latitude: 46.158, longitude: 1.87, radiusKm: 80 };
    for (const [filter, expected, sort] of [
      [{ near }, 14, 'DISTANCE'],
      [{ near, category: 'EGGS' }, 6, 'DISTANCE'],
      [{ near: { ...near, radiusKm: 50 } }, 10, 'DISTANCE'],
      [{ near }, 14, 'PRICE_ASC'],
    ] as const) {
      const all = (await counted<Near>(NEAR, { filter, sort, first: 100 })).data.products;
      expect(all.totalCount).toBe(expected);
      const ids = all.edges.map((edge) => edge.node.id);
      expect(ids).toHaveLength(expected);
      // By distance, then by id: the farms at one place mix their products in id order.
      const ordered = [...all.edges].sort(
        (a, b) => a.node.distanceKm - b.node.distanceKm || (a.node.id < b.node.id ? -1 : 1),
      );
      if (sort === 'DISTANCE') expect(ordered.map((edge) => edge.node.id)).toEqual(ids);
      // Any other sort: each product with its farm's distance (Guéret's three farms, Limoges 60 km away).
      else
        expect(ordered.map((edge) => Math.round(edge.node.distanceKm))).toEqual([...Array(10).fill(0), 60, 60, 60, 60]);
      for (const first of [1, 3, 5]) {
        const seen: string[] = [];
        let after: string | null = null;
        do {
          const page: Near['products'] = (await counted<Near>(NEAR, { filter, sort, first, after })).data.products;
          expect(page.totalCount).toBe(expected);
          seen.push(...page.edges.map((edge) => edge.node.id));
          after = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
        } while (after);
        expect(seen).toEqual(ids);
      }
      // A cursor past the last product: no product, the count still right.
      const last = (await counted<Near>(NEAR, { filter, sort, first: expected })).data.products.pageInfo.endCursor;
      expect((await counted<Near>(NEAR, { filter, sort, first: 2, after: last })).data.products).toMatchObject({
        totalCount: expected,
        edges: [],
      });
    }
  });
});
