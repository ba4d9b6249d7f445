import { greatCircleKm } from '@app/carbon';
import { registerPlatformAdmin } from './support/admin-client';
import { type AppMode, type RunningApp, startApp } from './support/app-modes';
import { createCreuseBrand, joinBrand } from './support/brand-fixtures';
import { createProduct, producerAt } from './support/catalog-fixtures';
import { graphql } from './support/graphql-client';
import { registerUser, type TestSession } from './support/identity-client';
import { createDeliveryOption } from './support/ordering-fixtures';

/**
 * Issue #20 item 11: a producer's exact position is public only when it sells on site. A product's producer (search
 * results, the product page, the /produits map points, the JSON-LD built from them) shows a farm without a pickup at
 * its commune's centre and without its street; distances are still measured from the exact position. So do every
 * other path that shows a producer to someone outside it: a brand's approved members (`brand`, `brands`, the
 * directory's `Producer.brands`), the directory itself (`producer`, `producers`), a quoted cart's producer. Its own
 * members and platform admins still see the exact address. Embedded mode reads the entities; production mode the
 * read model's one SQL statement.
 */
const EXACT = { latitude: 46.17123, longitude: 1.88456 };
const FARM_PLACE = { postalCode: '23000', inseeCode: '23096', city: 'Guéret', ...EXACT };
const SHOPPER = { latitude: 46.3, longitude: 1.95 };
/** Guéret's centre, as the gazetteer's coordinates file gives it. */
const CENTRE = { latitude: 46.15847, longitude: 1.87047 };
const STREET = '1 route de la ferme';

type ShownAddress = { line1: string; latitude: number; longitude: number; precision: string };

interface PublicProducer {
  producer: { address: { line1: string; latitude: number; longitude: number; precision: string } };
  distanceKm?: number | null;
}

const PRODUCER_FIELDS = 'producer { id address { line1 latitude longitude precision } }';

describe.each<AppMode>(['embedded', 'production'])("a producer's public position (%s mode)", (mode) => {
  let running: RunningApp;
  let farmer: TestSession;
  let manager: TestSession;
  let admin: TestSession;
  let stranger: TestSession;
  let farm: string;
  let product: string;

  const ADDRESS = 'address { line1 latitude longitude precision }';
  /** The farm's address through every path that shows a brand's approved members, as `viewer` (or anonymously). */
  const brandMemberAddresses = async (viewer?: TestSession): Promise<[string, ShownAddress][]> => {
    const member = `members(status: APPROVED) { producer { id ${ADDRESS} } }`;
    const response = await graphql<{
      brand: { members: { producer: { id: string; address: ShownAddress } }[] };
      brands: { members: { producer: { id: string; address: ShownAddress } }[] }[];
      producer: { brands: { members: { producer: { id: string; address: ShownAddress } }[] }[] };
    }>(
      running.app,
      `query ($slug: String!) { brand(slug: "cest-creusois") { ${member} } brands { ${member} } producer(slug: $slug) { brands { ${member} } } }`,
      { slug: await slugOfFarm() },
      viewer?.accessToken,
    );
    expect(response.errors).toBeUndefined();
    const ofFarm = (members: { producer: { id: string; address: ShownAddress } }[]) =>
      members.find((m) => m.producer.id === farm)!.producer.address;
    return [
      ['brand.members', ofFarm(response.data!.brand.members)],
      ['brands.members', ofFarm(response.data!.brands.flatMap((brand) => brand.members))],
      ['producer.brands.members', ofFarm(response.data!.producer.brands.flatMap((brand) => brand.members))],
    ];
  };
  /** A cart of the farm's product quoted anonymously: its producer. */
  const quotedProducer = async (viewer?: TestSession): Promise<ShownAddress> => {
    const response = await graphql<{ quoteCart: { producers: { producer: { address: ShownAddress } }[] } }>(
      running.app,
      `query ($input: QuoteCartInput!) { quoteCart(input: $input) { producers { producer { ${ADDRESS} } } } }`,
      { input: { lines: [{ productId: product, quantity: 1 }] } },
      viewer?.accessToken,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.quoteCart.producers[0].producer.address;
  };
  interface DirectoryEntry {
    id: string;
    latitude: number;
    longitude: number;
    streetAddress: string | null;
    sellsOnSite: boolean;
  }
  /** The directory's entry of the farm: its profile (`producer`) and its line in `producers`. */
  const directory = async (): Promise<DirectoryEntry[]> => {
    const fields = 'id latitude longitude streetAddress sellsOnSite';
    const response = await graphql<{ producer: DirectoryEntry; producers: { edges: { node: DirectoryEntry }[] } }>(
      running.app,
      `query ($slug: String!) { producer(slug: $slug) { ${fields} } producers(first: 50) { edges { node { ${fields} } } } }`,
      { slug: await slugOfFarm() },
    );
    expect(response.errors).toBeUndefined();
    return [response.data!.producer, response.data!.producers.edges.find((edge) => edge.node.id === farm)!.node];
  };
  let farmSlug: string | undefined;
  const slugOfFarm = async () => {
    farmSlug ??= (
      await graphql<{ organization: { slug: string } }>(
        running.app,
        'query ($id: ID!) { organization(id: $id) { slug } }',
        { id: farm },
        farmer.accessToken,
      )
    ).data!.organization.slug;
    return farmSlug;
  };

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
    // Guéret's centre, as `npm run cli -- gazetteer:import` would load it.
    await running.em.execute(
      'insert into commune_coordinates (insee_code, latitude, longitude, imported_at) values (?, ?, ?, current_timestamp)',
      ['23096', CENTRE.latitude, CENTRE.longitude],
    );
    farmer = await registerUser(running.app, 'position');
    manager = await registerUser(running.app, 'position-brand');
    stranger = await registerUser(running.app, 'position-stranger');
    admin = await registerPlatformAdmin(running.app, running.em, 'position-admin');
    farm = await producerAt(running.app, farmer, 'Ferme cachée', FARM_PLACE);
    await joinBrand(running.app, await createCreuseBrand(running.app, running.em, manager), farm, farmer, manager);
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

  it("shows a farm that does not sell on site at its commune's centre, without its street, on every public path", async () => {
    const hidden = { line1: '', precision: 'COMMUNE', ...CENTRE };
    const shown: [string, ShownAddress][] = [
      ['products', (await searched()).producer.address],
      ['product', (await page()).producer.address],
      ...(await brandMemberAddresses()),
      ...(await brandMemberAddresses(stranger)),
      // A brand's manager is not the producer's member: the public view too.
      ...(await brandMemberAddresses(manager)),
      ['quoteCart', await quotedProducer()],
      ['quoteCart (signed in)', await quotedProducer(stranger)],
    ];
    for (const [path, address] of shown) expect([path, address]).toEqual([path, hidden]);
    for (const entry of await directory()) {
      expect(entry).toMatchObject({ ...CENTRE, streetAddress: null, sellsOnSite: false });
    }
    // The distance is still the exact one.
    expect((await searched()).distanceKm).toBeCloseTo(greatCircleKm(SHOPPER, EXACT), 1);
  });

  it("shows its own members and platform admins the exact address among the brand's members", async () => {
    const exact = { line1: STREET, precision: 'ADDRESS', ...EXACT };
    for (const viewer of [farmer, admin]) {
      for (const [path, address] of await brandMemberAddresses(viewer)) expect([path, address]).toEqual([path, exact]);
    }
    expect(await quotedProducer(farmer)).toEqual(exact);
  });

  it("shows its members the exact address on the organization's own page", async () => {
    const own = await graphql<{ organization: { address: { line1: string; latitude: number } } }>(
      running.app,
      'query ($id: ID!) { organization(id: $id) { address { line1 latitude } } }',
      { id: farm },
      farmer.accessToken,
    );
    expect(own.data!.organization.address).toEqual({ line1: STREET, latitude: EXACT.latitude });
  });

  it('shows the exact position and street once it sells on site (a pickup at the farm)', async () => {
    await createDeliveryOption(running.app, farmer, { producerId: farm, mode: 'PICKUP', label: 'À la ferme' });
    const exact = { line1: STREET, precision: 'ADDRESS', ...EXACT };
    const shown: [string, ShownAddress][] = [
      ['products', (await searched()).producer.address],
      ['product', (await page()).producer.address],
      ...(await brandMemberAddresses()),
      ['quoteCart', await quotedProducer()],
    ];
    for (const [path, address] of shown) expect([path, address]).toEqual([path, exact]);
    for (const entry of await directory()) {
      expect(entry).toMatchObject({ ...EXACT, streetAddress: STREET, sellsOnSite: true });
    }
  });
});
