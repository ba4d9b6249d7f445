import { seedDemoTerritory } from '../apps/api/src/demo/seed-demo';
import { type RunningApp, startApp } from './support/app-modes';
import { graphql } from './support/graphql-client';

describe('the demo territory of the embedded npm start', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp('embedded', 'demo');
  });

  afterAll(() => running.close());

  it('seeds three brands, their producers, products, businesses and consumers, once', async () => {
    const logins = await seedDemoTerritory(running.app);
    expect(logins?.filter((login) => login.includes('(producer')).length).toBeGreaterThanOrEqual(12);
    expect(logins?.filter((login) => login.includes('(business')).length).toBeGreaterThanOrEqual(5);
    expect(logins?.filter((login) => login.includes('(consumer')).length).toBe(2);
    expect(await seedDemoTerritory(running.app)).toBeUndefined();

    const brands = await graphql<{ brands: { slug: string; departmentCodes: string[]; members: unknown[] }[] }>(running.app, '{ brands { slug departmentCodes members { id } } }');
    expect(brands.data?.brands.map((brand) => [brand.slug, brand.departmentCodes, brand.members.length])).toEqual([
      ['cest-creusois', ['23'], 4],
      ['made-in-jura', ['39'], 4],
      ['tout-commence-en-finistere', ['29'], 5],
    ]);
    const all = await graphql<{ products: { totalCount: number } }>(running.app, '{ products(filter: { labelledOnly: true }) { totalCount } }');
    expect(all.data?.products.totalCount).toBeGreaterThanOrEqual(60);
  });

  it.each([
    ['Guéret', 46.158, 1.87],
    ['Lons-le-Saunier', 46.676, 5.557],
    ['Quimper', 47.998, -4.097],
  ])('answers a near-search around %s with labelled products, nearest first', async (_place, latitude, longitude) => {
    const response = await graphql<{ products: { totalCount: number; edges: { node: { distanceKm: number; labels: unknown[] } }[] } }>(
      running.app,
      'query ($near: NearInput!) { products(filter: { near: $near }, sort: DISTANCE, first: 10) { totalCount edges { node { distanceKm labels { id } } } } }',
      { near: { latitude, longitude, radiusKm: 50 } },
    );
    const page = response.data!.products;
    expect(page.totalCount).toBeGreaterThanOrEqual(10);
    expect(page.edges.every((edge) => edge.node.labels.length === 1 && edge.node.distanceKm <= 50)).toBe(true);
  });
});
