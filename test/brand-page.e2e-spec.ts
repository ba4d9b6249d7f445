import sharp from 'sharp';
import { METHOD_VERSION } from '@app/carbon';
import request from 'supertest';
import { registerPlatformAdmin, verifyBrand } from './support/admin-client';
import { type AppMode, type RunningApp, rowCounts, startApp } from './support/app-modes';
import { graphql } from './support/graphql-client';
import { createOrganization, registerUser, type TestSession } from './support/identity-client';
import { createMarket, type Market, placeOrder } from './support/ordering-fixtures';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const shiftDay = (day: string, days: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const UPDATE =
  'mutation ($id: ID!, $input: UpdateBrandPageInput!) { updateBrandPage(id: $id, input: $input) { id charter territoryText logo { id } } }';
const PUBLIC_PAGE =
  'query ($slug: String!) { brand(slug: $slug) { charter territoryText logo { id widths } impact { from to orderCount emissionsKgCo2e savedKgCo2e methodVersions } } }';
const DASHBOARD = `query ($b: ID!, $from: Date!, $to: Date!) { brandDashboard(brandId: $b, from: $from, to: $to) {
  memberCount labelledProductCount salesCents orderCount emissionsKgCo2e savedKgCo2e
  byMonth { month memberCount labelledProductCount salesCents orderCount emissionsKgCo2e savedKgCo2e }
  dataTiers { primaryKgCo2e modelledKgCo2e defaultKgCo2e flaggedLineCount } methodVersions } }`;

interface BrandRow {
  charter: string;
  territory_text: string | null;
  logo_media_id: string | null;
}

describe.each<AppMode>(['embedded', 'production'])('the brand page and the brand figures (%s mode)', (mode) => {
  let running: RunningApp;
  let market: Market;
  let manager: TestSession;
  let outsider: TestSession;
  let brandOrganizationId: string;
  let brandId: string;

  const brandRow = async (): Promise<BrandRow> =>
    (
      await running.em
        .fork()
        .execute<BrandRow[]>('select charter, territory_text, logo_media_id from brand where id = ?', [brandId])
    )[0];
  const upload = async (session: TestSession, organizationId: string) =>
    request(running.app.getHttpServer())
      .post('/media')
      .set('authorization', `Bearer ${session.accessToken}`)
      .field('organizationId', organizationId)
      .attach(
        'file',
        await sharp({ create: { width: 600, height: 400, channels: 3, background: '#2f6b3a' } })
          .png()
          .toBuffer(),
        'logo.png',
      );

  beforeAll(async () => {
    running = await startApp(mode, `brand_page_${mode}`);
    market = await createMarket(running.app);
    manager = await registerUser(running.app, 'brand-page-manager');
    outsider = await registerUser(running.app, 'brand-page-outsider');
    brandOrganizationId = (await createOrganization(running.app, manager.accessToken, 'BRAND', 'Association Creuse'))
      .id;
    brandId = (
      await graphql<{ createBrand: { id: string } }>(
        running.app,
        'mutation ($input: CreateBrandInput!) { createBrand(input: $input) { id } }',
        {
          input: {
            organizationId: brandOrganizationId,
            name: "C'est creusois",
            slug: 'cest-creusois',
            departmentCodes: ['23'],
            charter: 'Produit et transformé en Creuse.',
          },
        },
        manager.accessToken,
      )
    ).data!.createBrand.id;
    await verifyBrand(running.app, await registerPlatformAdmin(running.app, running.em), brandId);
  });

  afterAll(() => running.close());

  it("lets the brand's managers write the public page: charter, territory text and a logo uploaded through POST /media", async () => {
    const written = await graphql<{ updateBrandPage: { charter: string; territoryText: string } }>(
      running.app,
      UPDATE,
      {
        id: brandId,
        input: { charter: '  Cultivé, élevé et transformé en Creuse.  ', territoryText: 'Le plateau de Millevaches.' },
      },
      manager.accessToken,
    );
    expect(written.errors).toBeUndefined();
    expect(written.data!.updateBrandPage).toMatchObject({
      charter: 'Cultivé, élevé et transformé en Creuse.',
      territoryText: 'Le plateau de Millevaches.',
    });

    const logo = await upload(manager, brandOrganizationId);
    expect(logo.status).toBe(201);
    const withLogo = await graphql<{ updateBrandPage: { logo: { id: string } } }>(
      running.app,
      UPDATE,
      { id: brandId, input: { logoMediaId: logo.body.id } },
      manager.accessToken,
    );
    expect(withLogo.data!.updateBrandPage.logo).toEqual({ id: logo.body.id });

    // Everyone reads it on the public page; an absent field was left as it was.
    const page = await graphql<{ brand: { charter: string; territoryText: string; logo: { id: string } } }>(
      running.app,
      PUBLIC_PAGE,
      { slug: 'cest-creusois' },
    );
    expect(page.errors).toBeUndefined();
    expect(page.data!.brand).toMatchObject({
      charter: 'Cultivé, élevé et transformé en Creuse.',
      territoryText: 'Le plateau de Millevaches.',
      logo: { id: logo.body.id },
    });
  });

  it('refuses anyone else (FORBIDDEN) and bad input with its field, changing nothing', async () => {
    const before = await brandRow();
    const counts = await rowCounts(running.em, ['brand', 'media']);
    const refused = await graphql(
      running.app,
      UPDATE,
      { id: brandId, input: { charter: 'Pirate' } },
      outsider.accessToken,
    );
    expect(refused.errors?.[0].extensions.code).toBe('FORBIDDEN');
    // A producer of the territory does not write the brand's page either.
    const producer = await graphql(
      running.app,
      UPDATE,
      { id: brandId, input: { territoryText: 'Chez moi' } },
      market.farmer.accessToken,
    );
    expect(producer.errors?.[0].extensions.code).toBe('FORBIDDEN');
    const anonymous = await graphql(running.app, UPDATE, { id: brandId, input: { charter: 'Pirate' } });
    expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    const unknown = await graphql(
      running.app,
      UPDATE,
      { id: '00000000-0000-4000-8000-000000000000', input: { charter: 'x' } },
      manager.accessToken,
    );
    expect(unknown.errors?.[0].extensions.code).toBe('NOT_FOUND');

    // The farm's picture is not the brand's to use; bad texts; a logo given and removed at once.
    const farmPicture = await upload(market.farmer, market.farm);
    expect(farmPicture.status).toBe(201);
    const cases: [Record<string, unknown>, string, string][] = [
      [{ charter: '   ', territoryText: 'Nouveau' }, 'BAD_USER_INPUT', 'charter'],
      [{ charter: 'x'.repeat(20_001) }, 'BAD_USER_INPUT', 'charter'],
      [{ territoryText: 'x'.repeat(5_001), charter: 'Nouvelle charte' }, 'BAD_USER_INPUT', 'territoryText'],
      [{ logoMediaId: farmPicture.body.id, charter: 'Nouvelle charte' }, 'NOT_FOUND', 'logoMediaId'],
      [{ logoMediaId: before.logo_media_id, removeLogo: true }, 'BAD_USER_INPUT', 'logoMediaId'],
    ];
    for (const [input, code, field] of cases) {
      const response = await graphql(running.app, UPDATE, { id: brandId, input }, manager.accessToken);
      expect(response.errors?.[0].extensions).toMatchObject({ code, field });
    }
    expect(await brandRow()).toEqual(before);
    expect(await rowCounts(running.em, ['brand'])).toEqual({ brand: counts.brand });

    // Removing the logo and emptying the territory text are allowed.
    const cleared = await graphql<{ updateBrandPage: { territoryText: string | null; logo: null } }>(
      running.app,
      UPDATE,
      { id: brandId, input: { territoryText: ' ', removeLogo: true } },
      manager.accessToken,
    );
    expect(cleared.data!.updateBrandPage).toMatchObject({ territoryText: null, logo: null });
  });

  it('charts the labelled sales by month, says which data the emissions rest on, and shows the saved CO₂e publicly', async () => {
    const application = await graphql<{ applyToBrand: { id: string } }>(
      running.app,
      'mutation ($b: ID!, $p: ID!) { applyToBrand(brandId: $b, producerId: $p) { id } }',
      { b: brandId, p: market.farm },
      market.farmer.accessToken,
    );
    await graphql(
      running.app,
      'mutation ($id: ID!) { decideBrandMembership(id: $id, approve: true) { id } }',
      { id: application.data!.applyToBrand.id },
      manager.accessToken,
    );
    const label = await graphql<{ requestProductLabel: { id: string } }>(
      running.app,
      'mutation ($p: ID!, $b: ID!) { requestProductLabel(productId: $p, brandId: $b) { id } }',
      { p: market.products.carrots, b: brandId },
      market.farmer.accessToken,
    );
    await graphql(
      running.app,
      'mutation ($id: ID!) { decideProductLabel(id: $id, approve: true) { id } }',
      { id: label.data!.requestProductLabel.id },
      manager.accessToken,
    );
    for (const quantity of [12, 20]) {
      const placed = await placeOrder(running.app, market.chef.accessToken, {
        buyerOrganizationId: market.restaurant,
        lines: [
          { productId: market.products.carrots, quantity },
          { productId: market.products.eggs, quantity: 30 },
        ],
        deliveries: [{ producerId: market.farm, deliveryOptionId: market.options.farmVan }],
      });
      expect(placed.errors).toBeUndefined();
    }

    // Two months: the last one is this month, with its members and labels now.
    const to = today();
    const from = `${shiftDay(`${to.slice(0, 7)}-01`, -1).slice(0, 7)}-01`;
    const response = await graphql<{
      brandDashboard: {
        salesCents: number;
        orderCount: number;
        emissionsKgCo2e: number;
        savedKgCo2e: number;
        byMonth: {
          month: string;
          memberCount: number;
          labelledProductCount: number;
          salesCents: number;
          orderCount: number;
          emissionsKgCo2e: number;
        }[];
        dataTiers: { primaryKgCo2e: number; modelledKgCo2e: number; defaultKgCo2e: number; flaggedLineCount: number };
        methodVersions: string[];
      };
    }>(running.app, DASHBOARD, { b: brandId, from, to }, manager.accessToken);
    expect(response.errors).toBeUndefined();
    const dashboard = response.data!.brandDashboard;
    expect(dashboard.orderCount).toBe(2);
    expect(dashboard.salesCents).toBeGreaterThan(0);
    expect(dashboard.byMonth.map((month) => month.month)).toEqual([from.slice(0, 7), to.slice(0, 7)]);
    expect(dashboard.byMonth[0]).toMatchObject({
      memberCount: 0,
      labelledProductCount: 0,
      salesCents: 0,
      orderCount: 0,
    });
    expect(dashboard.byMonth[1]).toMatchObject({
      memberCount: 1,
      labelledProductCount: 1,
      salesCents: dashboard.salesCents,
      orderCount: 2,
    });
    expect(dashboard.byMonth[1].emissionsKgCo2e).toBeCloseTo(dashboard.emissionsKgCo2e, 9);
    // Placed, not delivered: every kilo of the estimate is the default trip's.
    const { primaryKgCo2e, modelledKgCo2e, defaultKgCo2e, flaggedLineCount } = dashboard.dataTiers;
    expect(primaryKgCo2e + modelledKgCo2e + defaultKgCo2e).toBeCloseTo(dashboard.emissionsKgCo2e, 9);
    expect(defaultKgCo2e).toBeCloseTo(dashboard.emissionsKgCo2e, 9);
    expect(flaggedLineCount).toBe(0);
    // The method a click away: the version its footprints were computed with.
    expect(dashboard.methodVersions).toEqual([METHOD_VERSION]);

    // The public page: the same sales' saved CO₂e over the last 365 days, for anyone.
    const page = await graphql<{
      brand: {
        impact: { from: string; to: string; orderCount: number; savedKgCo2e: number; methodVersions: string[] };
      };
    }>(running.app, PUBLIC_PAGE, { slug: 'cest-creusois' });
    expect(page.errors).toBeUndefined();
    expect(page.data!.brand.impact).toMatchObject({
      from: shiftDay(to, -364),
      to,
      orderCount: 2,
      methodVersions: [METHOD_VERSION],
    });
    expect(page.data!.brand.impact.savedKgCo2e).toBeCloseTo(dashboard.savedKgCo2e, 9);

    const outsiderView = await graphql(running.app, DASHBOARD, { b: brandId, from, to }, outsider.accessToken);
    expect(outsiderView.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });
});
