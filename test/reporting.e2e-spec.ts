import { existsSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { downloadBytes } from './support/downloads';
import { EMISSION_FACTORS } from '@app/carbon';
import { DailyJobScheduler } from '@app/platform';
import { signedDownloadPath } from '@app/reporting';
import { createCreuseBrand, joinBrand, labelProduct } from './support/brand-fixtures';
import { graphql } from './support/graphql-client';
import { registerUser, type TestSession } from './support/identity-client';
import { type Market, createMarket, placeOrder } from './support/ordering-fixtures';
import { startProductionStack } from './support/production-stack';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const shiftDay = (day: string, days: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

const SUMMARY = `query ($org: ID!, $from: Date!, $to: Date!, $radius: Float) {
  rseSummary(organizationId: $org, from: $from, to: $to, localRadiusKm: $radius) {
    spendCents localSpendCents localSpendShare labelledSpendShare supplierCount localSupplierCount massKg tkm
    emissionsKgCo2e scope3Cat4KgCo2e scope1BuyerKgCo2e baselineKgCo2e savedKgCo2e primaryDataShare
    dataTiers { primaryKgCo2e modelledKgCo2e defaultKgCo2e primaryShare modelledShare defaultShare flaggedLineCount }
    byCategory { category spendCents emissionsKgCo2e } bySupplier { producerName spendCents local } methodVersions
  }
}`;
const EXPORT = 'mutation ($input: RseExportInput!) { requestRseExport(input: $input) { id status } }';
const JOB = 'query ($id: ID!) { exportJob(id: $id) { id status progress rowCount downloadUrl error format } }';

interface Summary {
  spendCents: number;
  localSpendCents: number;
  localSpendShare: number;
  labelledSpendShare: number;
  supplierCount: number;
  localSupplierCount: number;
  massKg: number;
  emissionsKgCo2e: number;
  scope3Cat4KgCo2e: number;
  baselineKgCo2e: number;
  savedKgCo2e: number;
  primaryDataShare: number;
  dataTiers: {
    primaryKgCo2e: number;
    modelledKgCo2e: number;
    defaultKgCo2e: number;
    primaryShare: number;
    modelledShare: number;
    defaultShare: number;
    flaggedLineCount: number;
  };
  bySupplier: { producerName: string; spendCents: number; local: boolean }[];
  methodVersions: string[];
}

describe('RSE reporting and the brand dashboard (PostgreSQL, exports by the worker)', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let market: Market;
  let manager: TestSession;
  let brandId: string;
  /** What the restaurant's delivered supplier orders carry, read back through `order`. */
  const delivered = {
    spendCents: 0,
    emissionsKgCo2e: 0,
    baselineKgCo2e: 0,
    massKg: 0,
    labelledCents: 0,
    odometerKgCo2e: 0,
  };
  let placedOnlyCents = 0;
  let placedOnlyNumber = '';
  const period = () => ({ from: shiftDay(today(), -1), to: shiftDay(today(), 1) });

  const move = (session: TestSession, id: string, status: string, odometerKm?: number) =>
    graphql(
      stack.api,
      'mutation ($id: ID!, $s: SupplierOrderStatus!, $km: Float) { updateSupplierOrderStatus(id: $id, status: $s, odometerKm: $km) { id } }',
      { id, s: status, km: odometerKm },
      session.accessToken,
    );
  const summary = async (variables: Record<string, unknown>, session = market.chef) =>
    graphql<{ rseSummary: Summary }>(
      stack.api,
      SUMMARY,
      { org: market.restaurant, ...period(), ...variables },
      session.accessToken,
    );
  const exportOf = async (format: string) => {
    const requested = await graphql<{ requestRseExport: { id: string; status: string } }>(
      stack.api,
      EXPORT,
      { input: { organizationId: market.restaurant, ...period(), format } },
      market.chef.accessToken,
    );
    expect(requested.data?.requestRseExport.status).toBe('QUEUED');
    await stack.drainOutbox();
    return (
      await graphql<{
        exportJob: {
          id: string;
          status: string;
          progress: number;
          rowCount: number;
          downloadUrl: string;
          error: string | null;
          format: string;
        };
      }>(stack.api, JOB, { id: requested.data!.requestRseExport.id }, market.chef.accessToken)
    ).data!.exportJob;
  };
  const download = (path: string, session?: TestSession) =>
    downloadBytes(stack.api.getHttpServer(), path, session?.accessToken);

  beforeAll(async () => {
    stack = await startProductionStack('reporting');
    market = await createMarket(stack.api);
    // The farm belongs to "C'est creusois", which labels its carrots.
    manager = await registerUser(stack.api, 'brand-manager');
    brandId = await createCreuseBrand(stack.api, stack.em, manager);
    await joinBrand(stack.api, brandId, market.farm, market.farmer, manager);
    await labelProduct(stack.api, brandId, market.products.carrots, market.farmer, manager);

    // Two orders delivered (one part with the van's odometer), one only placed: the report counts deliveries.
    for (const quantity of [12, 20]) {
      const order = (
        await placeOrder(stack.api, market.chef.accessToken, {
          buyerOrganizationId: market.restaurant,
          lines: [
            { productId: market.products.carrots, quantity },
            { productId: market.products.eggs, quantity: 30 },
            { productId: market.products.juice, quantity: 6 },
          ],
          deliveries: [
            { producerId: market.farm, deliveryOptionId: market.options.farmVan },
            { producerId: market.orchard, deliveryOptionId: market.options.orchardCarrier },
          ],
        })
      ).data!.placeOrder;
      for (const part of order.supplierOrders) {
        const farmer = part.producer.id === market.farm ? market.farmer : market.orchardist;
        for (const status of ['CONFIRMED', 'READY', 'SHIPPED']) await move(farmer, part.id, status);
        await move(farmer, part.id, 'DELIVERED', part.producer.id === market.farm ? 4 : undefined);
      }
      const read = await graphql<{
        order: {
          supplierOrders: {
            producer: { id: string };
            lines: { productId: string; totalCents: number }[];
            carbon: { emissionsKgCo2e: number; baselineKgCo2e: number; massKg: number };
          }[];
        };
      }>(
        stack.api,
        'query ($id: ID!) { order(id: $id) { supplierOrders { producer { id } lines { productId totalCents } carbon { emissionsKgCo2e baselineKgCo2e massKg } } } }',
        { id: order.id },
        market.chef.accessToken,
      );
      for (const part of read.data!.order.supplierOrders) {
        delivered.spendCents += part.lines.reduce((sum, line) => sum + line.totalCents, 0);
        delivered.labelledCents += part.lines
          .filter((line) => line.productId === market.products.carrots)
          .reduce((sum, line) => sum + line.totalCents, 0);
        delivered.emissionsKgCo2e += part.carbon.emissionsKgCo2e;
        if (part.producer.id === market.farm) delivered.odometerKgCo2e += part.carbon.emissionsKgCo2e;
        delivered.baselineKgCo2e += part.carbon.baselineKgCo2e;
        delivered.massKg += part.carbon.massKg;
      }
    }
    const pending = (
      await placeOrder(stack.api, market.chef.accessToken, {
        buyerOrganizationId: market.restaurant,
        lines: [{ productId: market.products.carrots, quantity: 15 }],
        deliveries: [{ producerId: market.farm, deliveryOptionId: market.options.farmVan }],
      })
    ).data!.placeOrder;
    placedOnlyCents = pending.supplierOrders[0].lines[0].totalCents;
    placedOnlyNumber = pending.number;
    await stack.drainOutbox();
  });

  afterAll(() => stack?.close());

  it('sums the delivered purchases of the period: spend, local and labelled shares, footprint to the hundredth', async () => {
    const { data, errors } = await summary({});
    expect(errors).toBeUndefined();
    const figures = data!.rseSummary;
    expect(figures.spendCents).toBe(delivered.spendCents);
    expect(figures.supplierCount).toBe(2);
    expect(figures.emissionsKgCo2e).toBeCloseTo(delivered.emissionsKgCo2e, 2);
    expect(figures.scope3Cat4KgCo2e).toBeCloseTo(delivered.emissionsKgCo2e, 2);
    expect(figures.baselineKgCo2e).toBeCloseTo(delivered.baselineKgCo2e, 2);
    expect(figures.savedKgCo2e).toBeCloseTo(delivered.baselineKgCo2e - delivered.emissionsKgCo2e, 2);
    expect(figures.massKg).toBeCloseTo(delivered.massKg, 6);
    expect(figures.labelledSpendShare).toBeCloseTo(delivered.labelledCents / delivered.spendCents, 6);
    // The farm is in Guéret with the restaurant; the orchard in Limoges, 60 km away: local within 100 km, not 10.
    expect(figures.localSpendShare).toBeCloseTo(1, 6);
    expect(figures.localSupplierCount).toBe(2);
    const near = (await summary({ radius: 10 })).data!.rseSummary;
    expect(near.localSupplierCount).toBe(1);
    expect(near.bySupplier.find((supplier) => supplier.producerName === 'Vergers de la Vienne')).toMatchObject({
      local: false,
    });
    // The farm's parts use the odometer (primary data), the carrier's an estimate.
    expect(figures.primaryDataShare).toBeGreaterThan(0);
    expect(figures.primaryDataShare).toBeLessThan(1);
    expect(figures.methodVersions).toHaveLength(1);
    // By data tier (§7.3): the odometer's parts are primary, the carrier's the default trip; no round was modelled.
    expect(figures.dataTiers.primaryKgCo2e).toBeCloseTo(delivered.odometerKgCo2e, 6);
    expect(figures.dataTiers.defaultKgCo2e).toBeCloseTo(delivered.emissionsKgCo2e - delivered.odometerKgCo2e, 6);
    expect(figures.dataTiers).toMatchObject({ modelledKgCo2e: 0, modelledShare: 0, flaggedLineCount: 0 });
    expect(figures.dataTiers.primaryShare).toBeCloseTo(delivered.odometerKgCo2e / delivered.emissionsKgCo2e, 9);
    expect(figures.dataTiers.primaryShare).toBeCloseTo(figures.primaryDataShare, 9);
    expect(figures.dataTiers.primaryShare + figures.dataTiers.defaultShare).toBeCloseTo(1, 9);
  });

  it('refuses other organizations and periods over 366 days, changing nothing', async () => {
    expect((await summary({}, market.consumer)).errors?.[0].extensions.code).toBe('NOT_FOUND');
    expect((await summary({ from: '2025-01-01', to: '2026-01-02' })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'to',
    });
    expect((await summary({ from: '2026-03-02', to: '2026-03-01' })).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'to',
    });
    const year = await summary({ from: '2024-01-01', to: '2024-12-31' });
    expect(year.data?.rseSummary.spendCents).toBe(0);
    const foreign = await graphql(
      stack.api,
      EXPORT,
      { input: { organizationId: market.restaurant, ...period(), format: 'CSV' } },
      market.farmer.accessToken,
    );
    expect(foreign.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('exports the lines as CSV in the background; the lines add up to the orders; only members download, within 15 minutes', async () => {
    const job = await exportOf('CSV');
    expect(job).toMatchObject({ status: 'DONE', progress: 1, rowCount: 6, error: null });
    const file = await download(job.downloadUrl, market.chef);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain('text/csv');
    const text = (file.body as Buffer).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    const [header, ...rows] = text.slice(1).trim().split('\r\n');
    const columns = header.split(';');
    expect(rows).toHaveLength(6);
    const column = (name: string) => {
      const index = columns.findIndex((candidate) => candidate.startsWith(name));
      expect(index).toBeGreaterThanOrEqual(0);
      return rows.map((row) => Number(row.split(';')[index]));
    };
    const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);
    expect(sum(column('emissions_kg'))).toBeCloseTo(delivered.emissionsKgCo2e, 2);
    expect(sum(column('baseline_kg'))).toBeCloseTo(delivered.baselineKgCo2e, 2);
    expect(Math.round(sum(column('spend_eur')) * 100)).toBe(delivered.spendCents);
    expect(text).not.toContain(placedOnlyNumber);
    // CARBON-METHOD.md §9: each line names its transport factor as the factors file states it, and the distance
    // parameters applied: none on the van's odometer distance, circuity and DAF on the carrier's estimate.
    const records = rows.map((row) =>
      Object.fromEntries(row.split(';').map((value, index) => [columns[index], value])),
    );
    const van = EMISSION_FACTORS.vehicles.find((vehicle) => vehicle.id === 'vul_diesel')!;
    const byDistance = Map.groupBy(records, (record) => record.distance_type);
    expect([...byDistance.keys()].sort()).toEqual(['actual', 'gcd_estimated']);
    for (const record of records) {
      expect(record).toMatchObject({
        vehicle_energy: 'diesel',
        temperature_controlled: 'false',
        factor_source: van.source,
        factor_year: String(van.year),
        emissions_kgco2e_ttw: '',
        emissions_kgco2e_wtt: '',
      });
      // The carrots carry their CIQUAL code into the buyer's lines; the other products were listed without one.
      expect(record.agribalyse_ciqual_code).toBe(record.product_name === 'Carottes' ? '20009' : '');
      expect(record.ordered_on).toMatch(/^\d{4}-\d{2}-\d{2}$/);
      // The delivery site's commune, read from the order's delivery address.
      expect(record.site_insee_code).toMatch(/^\d{5}$/);
    }
    for (const record of byDistance.get('actual')!) {
      expect(record).toMatchObject({
        factor_id: 'vehicles.vul_diesel.kgco2e_per_vkm_wtw',
        factor_unit: 'kgCO2e/vkm',
        circuity_factor: '',
        daf_factor: '',
      });
      expect(Number(record.factor_value)).toBe(van.kgco2e_per_vkm_wtw);
    }
    for (const record of byDistance.get('gcd_estimated')!) {
      expect(record).toMatchObject({ factor_id: 'vehicles.vul_diesel.kgco2e_per_tkm_wtw', factor_unit: 'kgCO2e/t.km' });
      expect(Number(record.factor_value)).toBe(van.kgco2e_per_tkm_wtw);
      expect([Number(record.circuity_factor), Number(record.daf_factor)]).toEqual([
        EMISSION_FACTORS.parameters.circuity_gcd_to_road.value,
        EMISSION_FACTORS.parameters.daf_road.value,
      ]);
    }

    expect((await download(job.downloadUrl)).status).toBe(401);
    expect((await download(job.downloadUrl, market.farmer)).status).toBe(404);
    expect((await download(job.downloadUrl.replace(/signature=[^&]+/, 'signature=forged'), market.chef)).status).toBe(
      404,
    );
    expect(
      (await download(job.downloadUrl.replace(/expires=\d+/, `expires=${Date.now() - 1000}`), market.chef)).status,
    ).toBe(404);
    // The links have a key of their own: a link signed with the JWT secret is not one of ours.
    expect(stack.config.auth.exportLinkSecret).not.toBe(stack.config.auth.jwtSecret);
    expect((await download(signedDownloadPath(stack.config.auth.jwtSecret, job.id), market.chef)).status).toBe(404);
    expect((await download(signedDownloadPath(stack.config.auth.exportLinkSecret, job.id), market.chef)).status).toBe(
      200,
    );
    expect((await graphql(stack.api, JOB, { id: job.id }, market.farmer.accessToken)).errors?.[0].extensions.code).toBe(
      'NOT_FOUND',
    );
  });

  it.each([
    ['XLSX', 'spreadsheetml', 'PK'],
    ['PDF', 'application/pdf', '%PDF'],
  ])('exports %s too', async (format, contentType, magic) => {
    const job = await exportOf(format);
    expect(job).toMatchObject({ status: 'DONE', format });
    const file = await download(job.downloadUrl, market.chef);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toContain(contentType);
    expect((file.body as Buffer).subarray(0, magic.length).toString('latin1')).toBe(magic);
  });

  it('shows the brand its members, labelled products and the sales of its labelled products, as the orders say', async () => {
    const dashboard = await graphql<{
      brandDashboard: {
        memberCount: number;
        pendingApplications: number;
        labelledProductCount: number;
        salesCents: number;
        orderCount: number;
        emissionsKgCo2e: number;
        topProducers: { producer: { id: string }; salesCents: number }[];
      };
    }>(
      stack.api,
      'query ($b: ID!, $from: Date!, $to: Date!) { brandDashboard(brandId: $b, from: $from, to: $to) { memberCount pendingApplications labelledProductCount salesCents orderCount emissionsKgCo2e topProducers { producer { id } salesCents } } }',
      { b: brandId, ...period() },
      manager.accessToken,
    );
    expect(dashboard.errors).toBeUndefined();
    // Placed orders count, delivered or not: three orders with labelled carrots.
    expect(dashboard.data!.brandDashboard).toMatchObject({
      memberCount: 1,
      pendingApplications: 0,
      labelledProductCount: 1,
      salesCents: delivered.labelledCents + placedOnlyCents,
      orderCount: 3,
    });
    expect(dashboard.data!.brandDashboard.topProducers).toEqual([
      { producer: { id: market.farm }, salesCents: delivered.labelledCents + placedOnlyCents },
    ]);
    const outsider = await graphql(
      stack.api,
      'query ($b: ID!, $from: Date!, $to: Date!) { brandDashboard(brandId: $b, from: $from, to: $to) { memberCount } }',
      { b: brandId, ...period() },
      market.chef.accessToken,
    );
    expect(outsider.errors?.[0].extensions.code).toBe('NOT_FOUND');
  });

  it('writes an export under a partial name and renames it once complete; gives up an interrupted one after an hour', async () => {
    const done = await exportOf('CSV');
    // Its own file only: other test files write their exports to the same directory at the same time.
    expect(readdirSync(stack.config.exportsDir).filter((name) => name.startsWith(done.id))).toEqual([`${done.id}.csv`]);
    expect(existsSync(join(stack.config.exportsDir, `${done.id}.csv`))).toBe(true);

    // An export whose worker died mid-file: still RUNNING two hours later, with its partial file left behind.
    const em = stack.em.fork();
    const [{ id }] = await em.execute<{ id: string }[]>(
      "insert into export_job (id, organization_id, requested_by_user_id, format, from_day, to_day, local_radius_km, status, progress, row_count, created_at) select gen_random_uuid(), organization_id, requested_by_user_id, 'CSV', from_day, to_day, local_radius_km, 'RUNNING', 0.4, 400, now() - interval '2 hours' from export_job where id = ? returning id",
      [done.id],
    );
    const partial = join(stack.config.exportsDir, `${id}.csv.partial`);
    writeFileSync(partial, 'producteur;produit\n');
    // A recent one still running is left alone.
    const [{ id: recent }] = await em.execute<{ id: string }[]>(
      "insert into export_job (id, organization_id, requested_by_user_id, format, from_day, to_day, local_radius_km, status, progress, row_count, created_at) select gen_random_uuid(), organization_id, requested_by_user_id, 'CSV', from_day, to_day, local_radius_km, 'RUNNING', 0.4, 400, now() - interval '5 minutes' from export_job where id = ? returning id",
      [done.id],
    );
    // The daily run of another day (each day's run is enqueued once; the test below runs today's).
    expect(await stack.worker!.get(DailyJobScheduler).enqueueDue(new Date(Date.now() - 2 * 86_400_000))).toContain(
      'reporting.purge-exports',
    );
    await stack.drainOutbox();

    const interrupted = (
      await graphql<{ exportJob: { status: string; error: string; downloadUrl: string | null } }>(
        stack.api,
        JOB,
        { id },
        market.chef.accessToken,
      )
    ).data!.exportJob;
    expect(interrupted).toMatchObject({
      status: 'FAILED',
      error: expect.stringContaining('interrupted'),
      downloadUrl: null,
    });
    expect(existsSync(partial)).toBe(false);
    expect(
      (await graphql<{ exportJob: { status: string } }>(stack.api, JOB, { id: recent }, market.chef.accessToken)).data!
        .exportJob.status,
    ).toBe('RUNNING');
    await em.execute('delete from export_job where id = ?', [recent]);
  });

  it('deletes export files a week after they were made: the link then answers 404', async () => {
    const job = await exportOf('CSV');
    expect((await download(job.downloadUrl, market.chef)).status).toBe(200);
    await stack.em
      .fork()
      .execute("update export_job set finished_at = now() - interval '8 days' where id = ?", [job.id]);
    expect(await stack.worker!.get(DailyJobScheduler).enqueueDue()).toContain('reporting.purge-exports');
    await stack.drainOutbox();
    expect((await download(job.downloadUrl, market.chef)).status).toBe(404);
  });
});
