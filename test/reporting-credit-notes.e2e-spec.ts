import ExcelJS from 'exceljs';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { Invoice } from '@app/payments';
import { type AppMode, type RunningApp, startApp } from './support/app-modes';
import { createCreuseBrand, joinBrand, labelProduct } from './support/brand-fixtures';
import { graphql } from './support/graphql-client';
import { registerUser, type TestSession } from './support/identity-client';
import { type Market, createMarket, placeOrder } from './support/ordering-fixtures';
import { downloadBytes } from './support/downloads';
import { waitFor } from './support/test-services';

const today = () => new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(new Date());
const shiftDay = (day: string, days: number) =>
  new Date(Date.parse(`${day}T12:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const period = () => ({ from: shiftDay(today(), -1), to: shiftDay(today(), 1) });

const SUMMARY = `query ($org: ID!, $from: Date!, $to: Date!) {
  rseSummary(organizationId: $org, from: $from, to: $to) {
    spendCents creditedCents localSpendCents localSpendShare labelledSpendShare massKg tkm emissionsKgCo2e
    baselineKgCo2e savedKgCo2e byCategory { category spendCents emissionsKgCo2e }
    bySupplier { producerName spendCents creditedCents emissionsKgCo2e }
  }
}`;
const DASHBOARD = `query ($brand: ID!, $from: Date!, $to: Date!) {
  brandDashboard(brandId: $brand, from: $from, to: $to) {
    salesCents creditedCents orderCount emissionsKgCo2e savedKgCo2e
    topProducers { salesCents } byMonth { month salesCents }
  }
}`;
const CREDIT = `mutation ($invoiceId: ID!, $amountCents: Cents!, $reason: String!) {
  creditInvoice(invoiceId: $invoiceId, amountCents: $amountCents, reason: $reason) { subtotalCents vatCents totalCents }
}`;

interface Summary {
  spendCents: number;
  creditedCents: number;
  localSpendCents: number;
  localSpendShare: number;
  labelledSpendShare: number;
  massKg: number;
  tkm: number;
  emissionsKgCo2e: number;
  baselineKgCo2e: number;
  savedKgCo2e: number;
  byCategory: { category: string; spendCents: number; emissionsKgCo2e: number }[];
  bySupplier: { producerName: string; spendCents: number; creditedCents: number; emissionsKgCo2e: number }[];
}
interface Dashboard {
  salesCents: number;
  creditedCents: number;
  orderCount: number;
  emissionsKgCo2e: number;
  savedKgCo2e: number;
  topProducers: { salesCents: number }[];
  byMonth: { month: string; salesCents: number }[];
}

/**
 * A credit note gives money back, not the trip: the restaurant's RSE spend and the brand's labelled sales are net of
 * it, the emissions are not. By hand: 20 carrots at the 10+ tier, 1,80 € (labelled) = 36,00 €, and 30 eggs at
 * 0,40 € = 12,00 €, both at 5,5 %: an invoice of 48,00 € HT + 2,64 € VAT = 50,64 € TTC. The farmer credits 6,33 € TTC
 * (one rate: VAT 6,33 × 2,64 / 50,64 = 0,33 exactly), so 6,00 € HT; it comes off the goods, shared 36 : 12 between
 * carrots and eggs: 4,50 € and 1,50 €.
 */
describe.each<AppMode>(['production', 'embedded'])('spend and sales net of credit notes (%s)', (mode) => {
  let running: RunningApp;
  let market: Market;
  let manager: TestSession;
  let brandId: string;
  const em = () => running.app.get(MikroORM).em.fork() as EntityManager;
  const summary = async () => {
    const response = await graphql<{ rseSummary: Summary }>(
      running.app,
      SUMMARY,
      { org: market.restaurant, ...period() },
      market.chef.accessToken,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.rseSummary;
  };
  const dashboard = async () => {
    const response = await graphql<{ brandDashboard: Dashboard }>(
      running.app,
      DASHBOARD,
      { brand: brandId, ...period() },
      manager.accessToken,
    );
    expect(response.errors).toBeUndefined();
    return response.data!.brandDashboard;
  };

  beforeAll(async () => {
    running = await startApp(mode, `reporting-credit-notes-${mode}`);
    market = await createMarket(running.app);
    manager = await registerUser(running.app, 'brand-manager');
    brandId = await createCreuseBrand(running.app, running.em, manager);
    await joinBrand(running.app, brandId, market.farm, market.farmer, manager);
    await labelProduct(running.app, brandId, market.products.carrots, market.farmer, manager);
  });

  afterAll(() => running?.close());

  it('takes the credit note off the spend and the labelled sales, excluding VAT, and leaves the emissions', async () => {
    const order = (
      await placeOrder(running.app, market.chef.accessToken, {
        buyerOrganizationId: market.restaurant,
        lines: [
          { productId: market.products.carrots, quantity: 20 },
          { productId: market.products.eggs, quantity: 30 },
        ],
        deliveries: [{ producerId: market.farm, deliveryOptionId: market.options.farmPickup }],
      })
    ).data!.placeOrder;
    const [part] = order.supplierOrders;
    for (const status of ['CONFIRMED', 'READY', 'SHIPPED', 'DELIVERED'])
      expect(
        (
          await graphql(
            running.app,
            'mutation ($id: ID!, $s: SupplierOrderStatus!) { updateSupplierOrderStatus(id: $id, status: $s) { id } }',
            { id: part.id, s: status },
            market.farmer.accessToken,
          )
        ).errors,
      ).toBeUndefined();
    const invoice = await waitFor(
      async () => (await em().findOne(Invoice, { supplierOrderId: part.id })) ?? undefined,
      {
        timeoutMs: 30_000,
        what: 'the invoice issued at delivery',
      },
    );
    expect([invoice.subtotalCents, invoice.vatCents, invoice.totalCents]).toEqual([4800, 264, 5064]);

    const before = await summary();
    expect(before).toMatchObject({ spendCents: 4800, creditedCents: 0, localSpendCents: 4800 });
    expect(before.labelledSpendShare).toBeCloseTo(0.75, 12);
    const salesBefore = await dashboard();
    expect(salesBefore).toMatchObject({ salesCents: 3600, creditedCents: 0, orderCount: 1 });

    const credited = await graphql<{ creditInvoice: { subtotalCents: number; vatCents: number; totalCents: number } }>(
      running.app,
      CREDIT,
      { invoiceId: invoice.id, amountCents: 633, reason: 'Deux bottes de carottes abîmées' },
      market.farmer.accessToken,
    );
    expect(credited.errors).toBeUndefined();
    expect(credited.data!.creditInvoice).toEqual({ subtotalCents: 600, vatCents: 33, totalCents: 633 });

    const after = await summary();
    expect(after).toMatchObject({ spendCents: 4200, creditedCents: 600, localSpendCents: 4200, localSpendShare: 1 });
    // Labelled: 36,00 − 4,50 = 31,50 € of 42,00 €.
    expect(after.labelledSpendShare).toBeCloseTo(0.75, 12);
    expect(Object.fromEntries(after.byCategory.map((row) => [row.category, row.spendCents]))).toEqual({
      FRESH_VEGETABLES: 3150,
      EGGS: 1050,
    });
    expect(after.bySupplier).toEqual([
      expect.objectContaining({ producerName: 'Ferme du Gué', spendCents: 4200, creditedCents: 600 }),
    ]);
    // The goods travelled: the transport figures are those before the credit note, to the last digit.
    for (const figure of ['massKg', 'tkm', 'emissionsKgCo2e', 'baselineKgCo2e', 'savedKgCo2e'] as const)
      expect(after[figure]).toBe(before[figure]);
    expect(after.byCategory.map((row) => row.emissionsKgCo2e)).toEqual(
      before.byCategory.map((row) => row.emissionsKgCo2e),
    );

    // The XLSX export's summary says what the page says: 42,00 € HT of spend.
    const requested = await graphql<{ requestRseExport: { id: string } }>(
      running.app,
      'mutation ($input: RseExportInput!) { requestRseExport(input: $input) { id } }',
      { input: { organizationId: market.restaurant, ...period(), format: 'XLSX' } },
      market.chef.accessToken,
    );
    expect(requested.errors).toBeUndefined();
    const job = await waitFor(
      async () => {
        const read = await graphql<{ exportJob: { status: string; downloadUrl: string | null } }>(
          running.app,
          'query ($id: ID!) { exportJob(id: $id) { status downloadUrl } }',
          { id: requested.data!.requestRseExport.id },
          market.chef.accessToken,
        );
        return read.data?.exportJob.status === 'DONE' ? read.data.exportJob : undefined;
      },
      { timeoutMs: 30_000, what: 'the XLSX export' },
    );
    const file = await downloadBytes(running.app.getHttpServer(), job.downloadUrl!, market.chef.accessToken);
    const workbook = new ExcelJS.Workbook();
    // ExcelJS declares the Buffer type of an older @types/node.
    await workbook.xlsx.load(file.body as never);
    const spendRow = workbook
      .getWorksheet('Synthèse')!
      .getRows(1, 60)!
      .find((row) => row.getCell(1).value === 'Dépenses HT');
    expect(spendRow?.getCell(2).value).toBe(42);

    const salesAfter = await dashboard();
    expect(salesAfter).toMatchObject({ salesCents: 3150, creditedCents: 450, orderCount: 1 });
    expect(salesAfter.topProducers).toEqual([{ salesCents: 3150 }]);
    expect(salesAfter.byMonth.reduce((sum, month) => sum + month.salesCents, 0)).toBe(3150);
    expect([salesAfter.emissionsKgCo2e, salesAfter.savedKgCo2e]).toEqual([
      salesBefore.emissionsKgCo2e,
      salesBefore.savedKgCo2e,
    ]);
  });
});
