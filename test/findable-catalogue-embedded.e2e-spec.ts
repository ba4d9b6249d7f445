import request from 'supertest';
import { DEMO_PASSWORD } from '../apps/api/src/demo/demo-territory';
import { seedDemoTerritory } from '../apps/api/src/demo/seed-demo';
import { type RunningApp, startApp } from './support/app-modes';
import { graphql } from './support/graphql-client';

/** The findable catalogue on the embedded SQLite of `npm start`: the demo's slugs, pictures, directory and uploads. */
describe('the findable catalogue, embedded (SQLite)', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp('embedded', 'findable_embedded');
    await seedDemoTerritory(running.app);
  });

  afterAll(() => running.close());

  it('gives every demo product a slug and a drawn picture, served as WebP', async () => {
    const page = await graphql<{
      products: {
        totalCount: number;
        edges: { node: { slug: string; images: { alt: string; widths: number[]; url: string }[] } }[];
      };
    }>(
      running.app,
      '{ products(first: 100) { totalCount edges { node { slug images { alt widths url(width: 320) } } } } }',
    );
    const products = page.data!.products.edges.map((edge) => edge.node);
    expect(products).toHaveLength(page.data!.products.totalCount);
    expect(new Set(products.map((product) => product.slug)).size).toBe(products.length);
    expect(products.map((product) => product.slug)).toContain('comte-aop-18-mois');
    for (const product of products)
      expect(product.images).toEqual([
        expect.objectContaining({
          widths: [320, 800],
          url: expect.stringMatching(/^\/media\/[0-9a-f-]{36}\/320\.webp$/),
        }),
      ]);
    const file = await request(running.app.getHttpServer()).get(products[0].images[0].url).expect(200);
    expect(file.headers['content-type']).toBe('image/webp');
  });

  it('finds the producers near Guéret, nearest first, and shows a public profile', async () => {
    const near = await graphql<{ producers: { edges: { node: { slug: string; distanceKm: number } }[] } }>(
      running.app,
      '{ producers(filter: { near: { latitude: 46.158, longitude: 1.87, radiusKm: 50 } }) { edges { node { slug distanceKm } } } }',
    );
    const distances = near.data!.producers.edges.map((edge) => edge.node.distanceKm);
    expect(distances.length).toBeGreaterThanOrEqual(3);
    expect(distances).toEqual([...distances].sort((a, b) => a - b));
    const profile = await graphql<{
      producer: {
        name: string;
        sellsOnSite: boolean;
        productCount: number;
        categories: unknown[];
        brands: { slug: string }[];
      };
    }>(
      running.app,
      '{ producer(slug: "fromagerie-du-revermont") { name sellsOnSite productCount categories { category productCount } brands { slug } } }',
    );
    expect(profile.data!.producer).toMatchObject({ name: 'Fromagerie du Revermont', sellsOnSite: true });
    expect(profile.data!.producer.productCount).toBeGreaterThan(0);
  });

  it('takes an upload and attaches it to a product', async () => {
    const login = await graphql<{ login: { accessToken: string } }>(
      running.app,
      'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }',
      {
        input: { email: 'fromagerie@revermont.example', password: DEMO_PASSWORD },
      },
    );
    const token = login.data!.login.accessToken;
    const product = await graphql<{ productBySlug: { id: string; producer: { id: string } } }>(
      running.app,
      '{ productBySlug(slug: "comte-aop-18-mois") { id producer { id } } }',
    );
    const { id, producer } = product.data!.productBySlug;
    const sharp = (await import('sharp')).default;
    const picture = await sharp({ create: { width: 1000, height: 750, channels: 3, background: '#d4b04a' } })
      .jpeg()
      .toBuffer();
    const upload = await request(running.app.getHttpServer())
      .post('/media')
      .set('authorization', `Bearer ${token}`)
      .field('organizationId', producer.id)
      .attach('file', picture, 'comte.jpg')
      .expect(201);
    expect(upload.body.widths).toEqual([320, 800, 1000]);
    const added = await graphql<{ addProductImage: { images: { alt: string }[] } }>(
      running.app,
      'mutation ($p: ID!, $m: ID!) { addProductImage(productId: $p, mediaId: $m, alt: "Une meule de comté") { images { alt } } }',
      { p: id, m: upload.body.id },
      token,
    );
    expect(added.data!.addProductImage.images.map((image) => image.alt)).toEqual([
      'Comté AOP 18 mois\u00a0: illustration aux couleurs de son rayon',
      'Une meule de comté',
    ]);
  });
});
