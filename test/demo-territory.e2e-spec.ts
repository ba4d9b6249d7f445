import { DEMO_PASSWORD } from '../apps/api/src/demo/demo-territory';
import { seedDemoTerritory } from '../apps/api/src/demo/seed-demo';
import request from 'supertest';
import { downloadBytes } from './support/downloads';
import { checkEn16931Rules } from '@app/payments';
import { facturXXsdProblems, readFacturXPdf } from '@app/test-support';
import { waitFor } from './support/test-services';
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

    const brands = await graphql<{ brands: { slug: string; departmentCodes: string[]; members: unknown[] }[] }>(
      running.app,
      '{ brands { slug departmentCodes members { id } } }',
    );
    expect(brands.data?.brands.map((brand) => [brand.slug, brand.departmentCodes, brand.members.length])).toEqual([
      ['cest-creusois', ['23'], 4],
      ['made-in-jura', ['39'], 4],
      ['tout-commence-en-finistere', ['29'], 5],
    ]);
    const all = await graphql<{ products: { totalCount: number } }>(
      running.app,
      '{ products(filter: { labelledOnly: true }) { totalCount } }',
    );
    expect(all.data?.products.totalCount).toBeGreaterThanOrEqual(60);
  });

  it.each([
    ['Guéret', 46.158, 1.87],
    ['Lons-le-Saunier', 46.676, 5.557],
    ['Quimper', 47.998, -4.097],
  ])('answers a near-search around %s with labelled products, nearest first', async (_place, latitude, longitude) => {
    const response = await graphql<{
      products: { totalCount: number; edges: { node: { distanceKm: number; labels: unknown[] } }[] };
    }>(
      running.app,
      'query ($near: NearInput!) { products(filter: { near: $near }, sort: DISTANCE, first: 10) { totalCount edges { node { distanceKm labels { id } } } } }',
      { near: { latitude, longitude, radiusKm: 50 } },
    );
    const page = response.data!.products;
    expect(page.totalCount).toBeGreaterThanOrEqual(10);
    expect(page.edges.every((edge) => edge.node.labels.length === 1 && edge.node.distanceKm <= 50)).toBe(true);
  });

  it('knows where its communes lie, so that the catalogue can search around "Guéret" without geo:import', async () => {
    const response = await graphql<{ communes: { name: string; latitude: number | null; longitude: number | null }[] }>(
      running.app,
      '{ communes(search: "Guéret", first: 1) { name latitude longitude } }',
    );
    expect(response.data!.communes).toEqual([{ name: 'Guéret', latitude: 46.15847, longitude: 1.87047 }]);
  });
});

describe('the demo orders', () => {
  let running: RunningApp;

  beforeAll(async () => {
    running = await startApp('embedded', 'demo-orders');
    await seedDemoTerritory(running.app);
  });

  afterAll(() => running.close());

  const login = async (email: string) =>
    (
      await graphql<{ login: { accessToken: string } }>(
        running.app,
        'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }',
        { input: { email, password: DEMO_PASSWORD } },
      )
    ).data!.login.accessToken;

  it('lets the restaurant follow a delivered, invoiced order with its measured footprint, and the producer see it', async () => {
    const chef = await login('chef@lecomtois.example');
    const mine = await graphql<{
      myOrders: {
        edges: {
          node: {
            status: string;
            supplierOrders: { status: string; carbon: { distanceType: string }; invoice: { number: string } | null }[];
          };
        }[];
      };
    }>(
      running.app,
      '{ myOrders { edges { node { status supplierOrders { status carbon { distanceType } invoice { number } } } } } }',
      {},
      chef,
    );
    const [order] = mine.data!.myOrders.edges.map((edge) => edge.node);
    expect(order.status).toBe('DELIVERED');
    expect(order.supplierOrders.map((part) => part.carbon.distanceType)).toEqual(['ODOMETER', 'ODOMETER']);
    // Invoices are issued by a job after the delivery commits (in-process here).
    await waitFor(
      async () => {
        const again = await graphql<{
          myOrders: { edges: { node: { supplierOrders: { invoice: { number: string } | null }[] } }[] };
        }>(running.app, '{ myOrders { edges { node { supplierOrders { invoice { number } } } } } }', {}, chef);
        return again.data!.myOrders.edges[0].node.supplierOrders.every((part) => part.invoice);
      },
      { what: 'the demo invoices' },
    );

    const cheesemaker = await login('fromagerie@revermont.example');
    const me = await graphql<{ me: { memberships: { organization: { id: string } }[] } }>(
      running.app,
      '{ me { memberships { organization { id } } } }',
      {},
      cheesemaker,
    );
    const orders = await graphql<{ supplierOrders: { totalCount: number } }>(
      running.app,
      'query ($p: ID!) { supplierOrders(producerId: $p) { totalCount } }',
      { p: me.data!.me.memberships[0].organization.id },
      cheesemaker,
    );
    expect(orders.data!.supplierOrders.totalCount).toBe(1);
  });

  it('gives the producers delivery days: the farm pickup (Wednesday, Saturday, with its hours), the van (Tuesday, Friday), orders closing the day before', async () => {
    const cheesemaker = await login('fromagerie@revermont.example');
    const me = await graphql<{
      me: {
        memberships: {
          organization: {
            deliveryOptions: {
              mode: string;
              weekdays: number[];
              cutoffHours: number;
              openingHours: string | null;
              nextDeliveryDates: string[];
            }[];
          };
        }[];
      };
    }>(
      running.app,
      '{ me { memberships { organization { deliveryOptions { mode weekdays cutoffHours openingHours nextDeliveryDates(first: 4) } } } } }',
      {},
      cheesemaker,
    );
    const options = me.data!.me.memberships[0].organization.deliveryOptions;
    expect(options.map(({ mode, weekdays, cutoffHours }) => [mode, weekdays, cutoffHours]).sort()).toEqual([
      ['CARRIER', [], 24],
      ['PICKUP', [3, 6], 24],
      ['PRODUCER_DELIVERY', [2, 5], 24],
    ]);
    expect(options.find((option) => option.mode === 'PICKUP')!.openingHours).toBe('Mercredi et samedi, 9 h – 12 h');
    const weekdayOf = (day: string) => new Date(`${day}T12:00:00Z`).getUTCDay() || 7;
    for (const option of options.filter((each) => each.weekdays.length > 0)) {
      expect(option.nextDeliveryDates).toHaveLength(4);
      expect(option.nextDeliveryDates.every((day) => option.weekdays.includes(weekdayOf(day)))).toBe(true);
    }
  });

  it("pools three Arbois restaurants' orders in the Domaine de la Pinte's planned round: each saves carbon, where the dedicated trips emit more than the conventional chain", async () => {
    const winemaker = await login('domaine@lapinte.example');
    const me = await graphql<{ me: { memberships: { organization: { id: string } }[] } }>(
      running.app,
      '{ me { memberships { organization { id } } } }',
      {},
      winemaker,
    );
    type Part = {
      deliveryDate: string;
      buyerOrganization: { name: string } | null;
      carbon: {
        deliveryPath: string;
        dataSource: string;
        roundOrders: number | null;
        emissionsKgCo2e: number;
        savedKgCo2e: number;
      };
    };
    const listed = await graphql<{ supplierOrders: { edges: { node: Part }[] } }>(
      running.app,
      'query ($p: ID!) { supplierOrders(producerId: $p, first: 10) { edges { node { deliveryDate buyerOrganization { name } carbon { deliveryPath dataSource roundOrders emissionsKgCo2e savedKgCo2e } } } } }',
      { p: me.data!.me.memberships[0].organization.id },
      winemaker,
    );
    const pooled = listed
      .data!.supplierOrders.edges.map((edge) => edge.node)
      .filter((part) => part.carbon.deliveryPath === 'ROUND');
    expect(pooled.map((part) => part.buyerOrganization!.name).sort()).toEqual([
      'Auberge de Mesnay',
      'La Table de Pupillin',
      "Le Caveau d'Arbois",
    ]);
    expect(new Set(pooled.map((part) => part.deliveryDate)).size).toBe(1);
    for (const part of pooled) expect(part.carbon).toMatchObject({ dataSource: 'MODELLED_ROUND', roundOrders: 3 });
    expect(pooled.every((part) => part.carbon.savedKgCo2e > 0)).toBe(true);
    const chef = await login('chef@lecomtois.example');
    const mine = await graphql<{
      myOrders: { edges: { node: { supplierOrders: { carbon: { savedKgCo2e: number } }[] } }[] };
    }>(running.app, '{ myOrders { edges { node { supplierOrders { carbon { savedKgCo2e } } } } } }', {}, chef);
    expect(mine.data!.myOrders.edges[0].node.supplierOrders.every((part) => part.carbon.savedKgCo2e < 0)).toBe(true);
  });

  it('gives the restaurant a standing order: cheese and butter every Friday, starting in a week', async () => {
    const chef = await login('chef@lecomtois.example');
    const me = await graphql<{ me: { memberships: { organization: { id: string } }[] } }>(
      running.app,
      '{ me { memberships { organization { id } } } }',
      {},
      chef,
    );
    const listed = await graphql<{
      standingOrders: {
        name: string;
        status: string;
        weekdays: number[];
        startsOn: string;
        lines: { product: { name: string } }[];
        nextOccurrences: string[];
        occurrences: unknown[];
      }[];
    }>(
      running.app,
      'query ($org: ID!) { standingOrders(organizationId: $org) { name status weekdays startsOn lines { product { name } } nextOccurrences(first: 2) occurrences { deliveryDate } } }',
      { org: me.data!.me.memberships[0].organization.id },
      chef,
    );
    const [standing] = listed.data!.standingOrders;
    expect(standing).toMatchObject({
      name: 'Fromages et beurre du vendredi',
      status: 'ACTIVE',
      weekdays: [5],
      occurrences: [],
    });
    expect(standing.lines.map((line) => line.product.name)).toEqual([
      'Comté AOP 18 mois',
      'Beurre cru de baratte 250 g',
    ]);
    expect(standing.nextOccurrences).toHaveLength(2);
    expect(
      standing.nextOccurrences.every(
        (day) => day >= standing.startsOn && new Date(`${day}T00:00:00Z`).getUTCDay() === 5,
      ),
    ).toBe(true);
  });

  it('gives the restaurant its demo invoices and credit note as Factur-X: PDF/A-3 whose factur-x.xml passes the official XSD and the EN 16931 rule check', async () => {
    const chef = await login('chef@lecomtois.example');
    const mine = await graphql<{
      myOrders: {
        edges: {
          node: { supplierOrders: { invoice: { facturXUrl: string; creditNotes: { facturXUrl: string }[] } | null }[] };
        }[];
      };
    }>(
      running.app,
      '{ myOrders { edges { node { supplierOrders { invoice { facturXUrl creditNotes { facturXUrl } } } } } } }',
      {},
      chef,
    );
    const invoices = mine.data!.myOrders.edges.flatMap((edge) =>
      edge.node.supplierOrders.flatMap((part) => (part.invoice ? [part.invoice] : [])),
    );
    const urls = invoices.flatMap((invoice) => [
      invoice.facturXUrl,
      ...invoice.creditNotes.map((note) => note.facturXUrl),
    ]);
    // The Revermont cheese dairy's invoice carries the demo's credit note (two damaged butter packs).
    expect(urls.length).toBeGreaterThan(invoices.length);
    for (const url of urls) {
      const response = await downloadBytes(running.app.getHttpServer(), url, chef);
      expect(response.status).toBe(200);
      const read = await readFacturXPdf(response.body as Buffer);
      expect({ url, pdfa: read.pdfa, fx: read.fx.ConformanceLevel, relationship: read.relationship }).toEqual({
        url,
        pdfa: { part: '3', conformance: 'B' },
        fx: 'EN 16931',
        relationship: 'Data',
      });
      const xml = read.attachments['factur-x.xml'];
      expect({ url, xsd: facturXXsdProblems(xml), rules: checkEn16931Rules(xml) }).toEqual({ url, xsd: [], rules: [] });
    }
  });

  it('lets the demo restaurant download its RSE report in the three formats', async () => {
    const chef = await login('chef@lecomtois.example');
    const me = await graphql<{ me: { memberships: { organization: { id: string } }[] } }>(
      running.app,
      '{ me { memberships { organization { id } } } }',
      {},
      chef,
    );
    const organizationId = me.data!.me.memberships[0].organization.id;
    const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
    for (const format of ['CSV', 'XLSX', 'PDF']) {
      const requested = await graphql<{ requestRseExport: { id: string } }>(
        running.app,
        'mutation ($input: RseExportInput!) { requestRseExport(input: $input) { id } }',
        { input: { organizationId, from: day, to: day, format } },
        chef,
      );
      const job = await waitFor(
        async () => {
          const read = await graphql<{ exportJob: { status: string; rowCount: number; downloadUrl: string | null } }>(
            running.app,
            'query ($id: ID!) { exportJob(id: $id) { status rowCount downloadUrl } }',
            { id: requested.data!.requestRseExport.id },
            chef,
          );
          return read.data?.exportJob.status === 'DONE' ? read.data.exportJob : undefined;
        },
        { what: `the ${format} export` },
      );
      expect(job.rowCount).toBe(4);
      const file = await request(running.app.getHttpServer())
        .get(job.downloadUrl!)
        .set('authorization', `Bearer ${chef}`);
      expect(file.status).toBe(200);
    }
  });
});
