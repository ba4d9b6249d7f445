import { greatCircleKm } from '@app/carbon';
import { type AppMode, type RunningApp, startApp } from './support/app-modes';
import { createProduct, producerAt } from './support/catalog-fixtures';
import { graphql } from './support/graphql-client';
import { registerUser, type TestSession } from './support/identity-client';
import { createDeliveryOption } from './support/ordering-fixtures';

/**
 * Issue #20 item 11: a producer's exact position is public only when it sells on site. A product's producer (search
 * results, the product page, the /produits map points, the JSON-LD built from them) shows a farm without a pickup at
 * a coarse position and without its street; distances are still measured from the exact position. Embedded mode
 * reads the entities; production mode the read model's one SQL statement.
 */
const EXACT = { latitude: 46.17123, longitude: 1.88456 };
const FARM_PLACE = { postalCode: '23000', inseeCode: '23096', city: 'Guéret', ...EXACT };
const SHOPPER = { latitude: 46.3, longitude: 1.95 };

interface PublicProducer {
  producer: { address: { line1: string; latitude: number; longitude: number; precision: string } };
  distanceKm?: number | null;
}

const PRODUCER_FIELDS = 'producer { id address { line1 latitude longitude precision } }';

describe.each<AppMode>(['embedded', 'production'])("a producer's public position (%s mode)", (mode) => {
  let running: RunningApp;
  let farmer: TestSession;
  let farm: string;
  let product: string;

  const searched = async () => {
    const response = await graphql<{ products: { edges: { node: PublicProducer & { id: string } }[] } }>(
      running.app,
      `query ($near: NearInput!) { products(filter: { near: $near }, first: 50) { edges { node { id distanceKm ${PRODUCER_FIELDS} } } } }`,
      { near: { ...SHOPPER, radiusKm: 100 } },
    );
    expect(response.errors).toBeUndefined();
    return response.data!.products.edges.map((edge) => edge.node).find((node) => node.id === product)!;
  };
  const page = async () =>
    (
      await graphql<{ product: PublicProducer }>(
        running.app,
        `query ($id: ID!) { product(id: $id) { ${PRODUCER_FIELDS} } }`,
        {
          id: product,
        },
      )
    ).data!.product;

  beforeAll(async () => {
    running = await startApp(mode, `position_${mode}`);
    farmer = await registerUser(running.app, 'position');
    farm = await producerAt(running.app, farmer, 'Ferme cachée', FARM_PLACE);
    product = (
      await createProduct(running.app, farmer, {
        producerId: farm,
        name: 'Miel de bruyère',
        category: 'DRY_GROCERIES',
        priceCents: 900,
      })
    ).id;
    await createDeliveryOption(running.app, farmer, {
      producerId: farm,
      mode: 'PRODUCER_DELIVERY',
      label: 'Tournée',
      vehicleId: 'vul_diesel',
      maxDistanceKm: 60,
    });
  });

  afterAll(() => running.close());

  it('shows a farm that does not sell on site at a coarse position, without its street, in search and on the page', async () => {
    for (const shown of [await searched(), await page()]) {
      const { address } = shown.producer;
      expect(address.line1).toBe('');
      expect(address.precision).toBe('COMMUNE');
      expect([address.latitude, address.longitude]).not.toEqual([EXACT.latitude, EXACT.longitude]);
      // Within the commune (its centre, or the exact position on a 5 km grid), never more than a few km away.
      expect(greatCircleKm(EXACT, address)).toBeLessThan(5);
    }
    // The distance is still the exact one.
    expect((await searched()).distanceKm).toBeCloseTo(greatCircleKm(SHOPPER, EXACT), 1);
  });

  it("shows its members the exact address on the organization's own page", async () => {
    const own = await graphql<{ organization: { address: { line1: string; latitude: number } } }>(
      running.app,
      'query ($id: ID!) { organization(id: $id) { address { line1 latitude } } }',
      { id: farm },
      farmer.accessToken,
    );
    expect(own.data!.organization.address).toEqual({ line1: '1 route de la ferme', latitude: EXACT.latitude });
  });

  it('shows the exact position and street once it sells on site (a pickup at the farm)', async () => {
    await createDeliveryOption(running.app, farmer, { producerId: farm, mode: 'PICKUP', label: 'À la ferme' });
    for (const shown of [await searched(), await page()]) {
      expect(shown.producer.address).toEqual({
        line1: '1 route de la ferme',
        latitude: EXACT.latitude,
        longitude: EXACT.longitude,
        precision: 'ADDRESS',
      });
    }
  });
});
