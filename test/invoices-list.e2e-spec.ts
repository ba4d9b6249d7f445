import { randomUUID } from 'node:crypto';
import type { INestApplication } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { CreditNoteService, Invoice, type InvoiceDraft, InvoiceService, InvoiceStatus } from '@app/payments';
import { createApiApp } from '../apps/api/src/create-api-app';
import { graphql } from './support/graphql-client';
import { createOrganization, registerUser, type TestSession } from './support/identity-client';
import { startProductionStack } from './support/production-stack';
import { createTempDir, testConfig } from './support/test-services';

const LIST = `query ($org: ID!, $direction: InvoiceDirection!, $status: InvoiceStatus, $from: Date, $to: Date, $first: Int, $after: String) {
  invoices(organizationId: $org, direction: $direction, status: $status, from: $from, to: $to, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { cursor node { id number sellerName buyerName issuedAt dueDate totalCents status paidOn pdfUrl issuer { id } buyer { id } creditNotes { number totalCents } amountDueCents } }
  }
}`;

const TOTALS = `query ($org: ID!, $direction: InvoiceDirection!, $status: InvoiceStatus, $from: Date, $to: Date) {
  invoices(organizationId: $org, direction: $direction, status: $status, from: $from, to: $to, first: 1) {
    totalCount
    monthlyTotals { month invoiceCount totalCents paidCents dueCents overdueCents cancelledCents creditedCents }
  }
}`;

const MARK_PAID =
  'mutation ($id: ID!, $paidOn: Date) { markInvoicePaid(id: $id, paidOn: $paidOn) { id status paidOn } }';

interface Node {
  id: string;
  number: string;
  sellerName: string;
  buyerName: string;
  issuedAt: string;
  dueDate: string;
  totalCents: number;
  status: InvoiceStatus;
  paidOn: string | null;
  pdfUrl: string;
  issuer: { id: string };
  buyer: { id: string } | null;
  creditNotes: { number: string; totalCents: number }[];
  amountDueCents: number;
}

interface ListAnswer {
  invoices: {
    totalCount: number;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
    edges: { cursor: string; node: Node }[];
  };
}

interface MonthTotals {
  month: string;
  invoiceCount: number;
  totalCents: number;
  paidCents: number;
  dueCents: number;
  overdueCents: number;
  cancelledCents: number;
  creditedCents: number;
}

interface Party {
  id: string;
  name: string;
  owner: TestSession;
}

/** Each database the API runs on: PostgreSQL as in production (migrations and triggers), SQLite when embedded. */
const RUNTIMES: [string, () => Promise<{ app: INestApplication; close: () => Promise<void> }>][] = [
  [
    'PostgreSQL',
    async () => {
      const stack = await startProductionStack('invoices_list', {}, { withWorker: false });
      return { app: stack.api, close: () => stack.close() };
    },
  ],
  [
    'embedded SQLite',
    async () => {
      const dataDir = createTempDir('invoices-list');
      const app = await createApiApp(testConfig({ DATA_DIR: dataDir.path }));
      await app.init();
      return { app, close: async () => (await app.close(), dataDir.remove()) };
    },
  ],
];

describe.each(RUNTIMES)('invoices list (%s)', (_name, start) => {
  let app: INestApplication;
  let close: () => Promise<void>;
  let farm: Party;
  let dairy: Party;
  let bistro: Party;
  let canteen: Party;
  let stranger: TestSession;
  let consumer: TestSession;
  /** Every invoice seeded, by the test's own name for it. */
  const seeded = new Map<string, Invoice>();

  const em = () => app.get(MikroORM).em.fork() as EntityManager;
  const list = (token: string, variables: Record<string, unknown>) => graphql<ListAnswer>(app, LIST, variables, token);

  async function party(kind: 'PRODUCER' | 'BUSINESS', label: string, name: string): Promise<Party> {
    const owner = await registerUser(app, label);
    const { id } = await createOrganization(app, owner.accessToken, kind, name);
    return { id, name, owner };
  }

  function draft(seller: Party, buyer: Party | TestSession, issuedAt: string, totalCents: number): InvoiceDraft {
    const business = 'owner' in buyer;
    return {
      supplierOrderId: randomUUID(),
      orderId: randomUUID(),
      orderNumber: 'CMD-2026-000042',
      seller: {
        organizationId: seller.id,
        userId: null,
        name: seller.name,
        siret: '41234567800012',
        vatNumber: null,
        address: { line1: '12 rue du Collège', postalCode: '39300', city: 'Champagnole' },
      },
      buyer: business
        ? {
            organizationId: buyer.id,
            userId: buyer.owner.user.id,
            name: buyer.name,
            siret: '52345678900027',
            vatNumber: null,
            address: null,
          }
        : {
            organizationId: null,
            userId: buyer.user.id,
            name: 'Camille Martin',
            siret: null,
            vatNumber: null,
            address: null,
          },
      deliveryAddress: { line1: '5 chemin du Lac', postalCode: '39130', city: 'Clairvaux-les-Lacs' },
      deliveryDate: new Date(issuedAt),
      lines: [
        {
          name: 'Comté affiné 24 mois',
          unit: 'KG',
          quantityThousandths: 1000,
          unitPriceCents: totalCents,
          vatRateBasisPoints: 0,
          totalCents,
        },
      ],
      vatByRate: [{ vatRateBasisPoints: 0, baseCents: totalCents, vatCents: 0 }],
      subtotalCents: totalCents,
      vatCents: 0,
      totalCents,
      paymentMethod: 'INVOICE',
      issuedAt: new Date(issuedAt),
    };
  }

  async function issue(
    name: string,
    seller: Party,
    buyer: Party | TestSession,
    issuedAt: string,
    totalCents: number,
    status?: InvoiceStatus,
  ) {
    const invoice = await em().transactional((tx) =>
      app.get(InvoiceService).issue(tx, draft(seller, buyer, issuedAt, totalCents)),
    );
    // Only the status may change on an issued invoice (the immutability trigger allows it): the daily job's OVERDUE,
    // a credit note's CANCELLED.
    if (status)
      await em().nativeUpdate(
        Invoice,
        { id: invoice.id },
        { status, ...(status === InvoiceStatus.PAID ? { paidAt: new Date(issuedAt) } : {}) },
      );
    seeded.set(name, await em().findOneOrFail(Invoice, invoice.id));
  }

  /** Every page of the list, following the cursors `first` at a time. */
  async function all(token: string, variables: Record<string, unknown>, first = 2): Promise<Node[]> {
    const nodes: Node[] = [];
    let after: string | null = null;
    for (let page = 0; page < 100; page++) {
      const response: Awaited<ReturnType<typeof list>> = await list(token, { ...variables, first, after });
      expect(response.errors).toBeUndefined();
      const { edges, pageInfo } = response.data!.invoices;
      nodes.push(...edges.map((edge) => edge.node));
      if (!pageInfo.hasNextPage) return nodes;
      after = pageInfo.endCursor;
    }
    throw new Error('The list never ended');
  }

  const ids = (names: string[]) => names.map((name) => seeded.get(name)!.id);
  /** The seeded invoices in the list's order: newest issued first, then by id descending. */
  const sorted = (names: string[]) =>
    names
      .map((name) => seeded.get(name)!)
      .sort((a, b) => b.issuedAt.getTime() - a.issuedAt.getTime() || (a.id < b.id ? 1 : -1))
      .map((invoice) => invoice.id);

  const snapshot = async () =>
    (await em().find(Invoice, {}, { orderBy: { id: 'asc' } })).map(
      (invoice) => `${invoice.id}|${invoice.status}|${invoice.paidAt?.toISOString()}`,
    );

  beforeAll(async () => {
    ({ app, close } = await start());
    farm = await party('PRODUCER', 'farm', 'Ferme du Haut-Jura');
    dairy = await party('PRODUCER', 'dairy', 'Fruitière des Lacs');
    bistro = await party('BUSINESS', 'bistro', 'Bistrot des Lacs');
    canteen = await party('BUSINESS', 'canteen', 'Cantine du Lycée');
    stranger = await registerUser(app, 'stranger');
    consumer = await registerUser(app, 'consumer');

    // The farm's invoices: three to the bistro, one to the canteen, one to a consumer; statuses of every kind.
    await issue('farm-sep', farm, bistro, '2026-09-15T10:00:00Z', 12_345);
    // 31 October 23:30 UTC is 1 November 00:30 in Paris (winter time): a November invoice.
    await issue('farm-nov-first-minute', farm, bistro, '2026-10-31T23:30:00Z', 10_001, InvoiceStatus.OVERDUE);
    await issue('farm-oct-last', farm, canteen, '2026-10-31T22:30:00Z', 2_099, InvoiceStatus.PAID);
    await issue('farm-nov-cancelled', farm, bistro, '2026-11-20T09:00:00Z', 4_550, InvoiceStatus.CANCELLED);
    await issue('farm-consumer', farm, consumer, '2026-11-21T09:00:00Z', 1_999);
    // Five invoices at the very same instant: paging must neither repeat nor skip one of them.
    for (let i = 0; i < 5; i++) await issue(`farm-same-${i}`, farm, bistro, '2026-11-25T08:00:00Z', 1_000 + i);
    // The dairy's: one to the bistro, one to the canteen.
    await issue('dairy-bistro', dairy, bistro, '2026-11-02T08:00:00Z', 7_777);
    await issue('dairy-canteen', dairy, canteen, '2026-11-03T08:00:00Z', 888);
    // A partial refund of the September invoice: its credit note lists with it, and counts in September's totals.
    await em().transactional((tx) =>
      app.get(CreditNoteService).creditRefund(tx, {
        supplierOrderId: seeded.get('farm-sep')!.supplierOrderId,
        amountCents: 1_000,
        reason: 'Une meule entamée',
        sourceKey: `refund-${randomUUID()}`,
      }),
    );
  });

  afterAll(() => close?.());

  const FARM_ALL = [
    'farm-sep',
    'farm-nov-first-minute',
    'farm-oct-last',
    'farm-nov-cancelled',
    'farm-consumer',
    ...[0, 1, 2, 3, 4].map((i) => `farm-same-${i}`),
  ];
  const BISTRO_ALL = [
    'farm-sep',
    'farm-nov-first-minute',
    'farm-nov-cancelled',
    ...[0, 1, 2, 3, 4].map((i) => `farm-same-${i}`),
    'dairy-bistro',
  ];

  it('shows a producer the invoices it issued, newest first, with what a list needs; never another producer’s', async () => {
    const response = await list(farm.owner.accessToken, { org: farm.id, direction: 'ISSUED', first: 100 });
    expect(response.errors).toBeUndefined();
    const { edges, totalCount, pageInfo } = response.data!.invoices;
    expect(edges.map((edge) => edge.node.id)).toEqual(sorted(FARM_ALL));
    expect(totalCount).toBe(FARM_ALL.length);
    expect(pageInfo.hasNextPage).toBe(false);
    const overdue = edges.find((edge) => edge.node.id === seeded.get('farm-nov-first-minute')!.id)!.node;
    expect(overdue).toEqual({
      id: seeded.get('farm-nov-first-minute')!.id,
      number: seeded.get('farm-nov-first-minute')!.number,
      sellerName: 'Ferme du Haut-Jura',
      buyerName: 'Bistrot des Lacs',
      issuedAt: '2026-10-31T23:30:00.000Z',
      dueDate: '2026-12-01',
      totalCents: 10_001,
      status: 'OVERDUE',
      paidOn: null,
      pdfUrl: `/invoices/${seeded.get('farm-nov-first-minute')!.id}/pdf`,
      issuer: { id: farm.id },
      buyer: { id: bistro.id },
      creditNotes: [],
      amountDueCents: 10_001,
    });
    const september = edges.find((edge) => edge.node.id === seeded.get('farm-sep')!.id)!.node;
    expect(september.creditNotes).toEqual([{ number: expect.stringMatching(/-AV-2026-0*1$/), totalCents: 1_000 }]);
    // Unpaid with a credit note: what is left to pay is its total less the credit note; a paid one owes nothing.
    expect(september).toMatchObject({ status: 'ISSUED', totalCents: 12_345, amountDueCents: 11_345 });
    expect(edges.filter((edge) => edge.node.status === 'PAID').map((edge) => edge.node.amountDueCents)).toEqual(
      expect.arrayContaining([0]),
    );
    expect(
      edges.filter((edge) => ['PAID', 'CANCELLED'].includes(edge.node.status) && edge.node.amountDueCents !== 0),
    ).toEqual([]);
    const toConsumer = edges.find((edge) => edge.node.id === seeded.get('farm-consumer')!.id)!.node;
    expect(toConsumer).toMatchObject({ buyerName: 'Camille Martin', buyer: null });
    expect(edges.find((edge) => edge.node.id === seeded.get('farm-oct-last')!.id)!.node.paidOn).toBe('2026-10-31');
  });

  it('shows a business the invoices it received, from every producer; never another buyer’s', async () => {
    const nodes = await all(bistro.owner.accessToken, { org: bistro.id, direction: 'RECEIVED' }, 100);
    expect(nodes.map((node) => node.id)).toEqual(sorted(BISTRO_ALL));
    expect(new Set(nodes.map((node) => node.sellerName))).toEqual(
      new Set(['Ferme du Haut-Jura', 'Fruitière des Lacs']),
    );
    expect(await all(canteen.owner.accessToken, { org: canteen.id, direction: 'RECEIVED' })).toEqual([
      expect.objectContaining({ id: seeded.get('dairy-canteen')!.id }),
      expect.objectContaining({ id: seeded.get('farm-oct-last')!.id }),
    ]);
    // A business issues nothing; a producer that bought nothing received nothing.
    expect(await all(bistro.owner.accessToken, { org: bistro.id, direction: 'ISSUED' })).toEqual([]);
    expect(await all(farm.owner.accessToken, { org: farm.id, direction: 'RECEIVED' })).toEqual([]);
  });

  it('filters by status and by Paris issue dates, both ends included', async () => {
    const overdue = await all(farm.owner.accessToken, { org: farm.id, direction: 'ISSUED', status: 'OVERDUE' });
    expect(overdue.map((node) => node.id)).toEqual(ids(['farm-nov-first-minute']));
    const due = await all(bistro.owner.accessToken, { org: bistro.id, direction: 'RECEIVED', status: 'ISSUED' });
    expect(due.map((node) => node.id)).toEqual(
      sorted(['farm-sep', ...[0, 1, 2, 3, 4].map((i) => `farm-same-${i}`), 'dairy-bistro']),
    );

    const november = await all(farm.owner.accessToken, {
      org: farm.id,
      direction: 'ISSUED',
      from: '2026-11-01',
      to: '2026-11-30',
    });
    expect(november.map((node) => node.id)).toEqual(
      sorted(FARM_ALL.filter((name) => !['farm-sep', 'farm-oct-last'].includes(name))),
    );
    const october = await all(farm.owner.accessToken, {
      org: farm.id,
      direction: 'ISSUED',
      from: '2026-10-01',
      to: '2026-10-31',
    });
    expect(october.map((node) => node.id)).toEqual(ids(['farm-oct-last']));
    const oneDay = await all(farm.owner.accessToken, {
      org: farm.id,
      direction: 'ISSUED',
      from: '2026-11-25',
      to: '2026-11-25',
      status: 'ISSUED',
    });
    expect(oneDay).toHaveLength(5);

    // « Payées »: every paid invoice, page after page (none paid by a card payment its buyer's bank took back, which
    // the filter leaves out: stripe-disputes.e2e-spec.ts).
    const everything = await all(farm.owner.accessToken, { org: farm.id, direction: 'ISSUED' });
    const paid = await all(farm.owner.accessToken, { org: farm.id, direction: 'ISSUED', status: 'PAID' });
    expect(paid.length).toBeGreaterThan(0);
    expect(paid.map((node) => node.id)).toEqual(
      everything.filter((node) => node.status === 'PAID').map((node) => node.id),
    );
  });

  it('pages with cursors, stable when invoices share their issue instant: each once, in order', async () => {
    for (const first of [1, 2, 3, 4]) {
      const nodes = await all(farm.owner.accessToken, { org: farm.id, direction: 'ISSUED' }, first);
      expect(nodes.map((node) => node.id)).toEqual(sorted(FARM_ALL));
    }
    const firstPage = await list(farm.owner.accessToken, { org: farm.id, direction: 'ISSUED', first: 3 });
    expect(firstPage.data!.invoices).toMatchObject({ totalCount: FARM_ALL.length, pageInfo: { hasNextPage: true } });
  });

  it('totals each Paris month of the period by status, in cents, adding up to the listed invoices', async () => {
    for (const [token, variables] of [
      [farm.owner.accessToken, { org: farm.id, direction: 'ISSUED' }],
      [bistro.owner.accessToken, { org: bistro.id, direction: 'RECEIVED' }],
      [farm.owner.accessToken, { org: farm.id, direction: 'ISSUED', from: '2026-08-10', to: '2026-12-31' }],
      [
        farm.owner.accessToken,
        { org: farm.id, direction: 'ISSUED', status: 'ISSUED', from: '2026-11-01', to: '2026-11-30' },
      ],
      [farm.owner.accessToken, { org: farm.id, direction: 'ISSUED', status: 'PAID' }],
    ] as const) {
      const response = await graphql<{ invoices: { totalCount: number; monthlyTotals: MonthTotals[] } }>(
        app,
        TOTALS,
        variables,
        token,
      );
      expect(response.errors).toBeUndefined();
      const nodes = await all(token, variables, 100);
      const months = new Map<string, MonthTotals>();
      const unpaidCredited = new Map<string, number>();
      for (const node of nodes) {
        const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris', year: 'numeric', month: '2-digit' })
          .format(new Date(node.issuedAt))
          .slice(0, 7);
        const totals = months.get(month) ?? {
          month,
          invoiceCount: 0,
          totalCents: 0,
          paidCents: 0,
          dueCents: 0,
          overdueCents: 0,
          cancelledCents: 0,
          creditedCents: 0,
        };
        totals.invoiceCount++;
        const credited = node.creditNotes.reduce((sum, note) => sum + note.totalCents, 0);
        totals.creditedCents += credited;
        totals.totalCents += node.totalCents;
        const key = (
          { PAID: 'paidCents', ISSUED: 'dueCents', OVERDUE: 'overdueCents', CANCELLED: 'cancelledCents' } as const
        )[node.status];
        // What is left to pay on an unpaid invoice is its total less its credit notes.
        totals[key] += key === 'dueCents' || key === 'overdueCents' ? node.totalCents - credited : node.totalCents;
        unpaidCredited.set(
          month,
          (unpaidCredited.get(month) ?? 0) + (key === 'dueCents' || key === 'overdueCents' ? credited : 0),
        );
        months.set(month, totals);
      }
      const { monthlyTotals } = response.data!.invoices;
      expect(monthlyTotals.filter((month) => month.invoiceCount > 0)).toEqual(
        [...months.values()].sort((a, b) => a.month.localeCompare(b.month)),
      );
      for (const month of monthlyTotals)
        expect(
          month.paidCents +
            month.dueCents +
            month.overdueCents +
            month.cancelledCents +
            (unpaidCredited.get(month.month) ?? 0),
        ).toBe(month.totalCents);
    }
  });

  it('lists every month of the period, empty ones as zeros, and the exact figures of the farm’s months', async () => {
    const response = await graphql<{ invoices: { monthlyTotals: MonthTotals[] } }>(
      app,
      TOTALS,
      { org: farm.id, direction: 'ISSUED', from: '2026-08-10', to: '2026-12-31' },
      farm.owner.accessToken,
    );
    expect(response.data!.invoices.monthlyTotals).toEqual([
      {
        month: '2026-08',
        invoiceCount: 0,
        totalCents: 0,
        paidCents: 0,
        dueCents: 0,
        overdueCents: 0,
        cancelledCents: 0,
        creditedCents: 0,
      },
      {
        month: '2026-09',
        invoiceCount: 1,
        totalCents: 12_345,
        paidCents: 0,
        dueCents: 11_345, // 12,345 less its 1,000 credit note
        overdueCents: 0,
        cancelledCents: 0,
        creditedCents: 1_000,
      },
      {
        month: '2026-10',
        invoiceCount: 1,
        totalCents: 2_099,
        paidCents: 2_099,
        dueCents: 0,
        overdueCents: 0,
        cancelledCents: 0,
        creditedCents: 0,
      },
      {
        month: '2026-11',
        invoiceCount: 8,
        totalCents: 10_001 + 4_550 + 1_999 + 5_010,
        paidCents: 0,
        dueCents: 1_999 + 5_010,
        overdueCents: 10_001,
        cancelledCents: 4_550,
        creditedCents: 0,
      },
      {
        month: '2026-12',
        invoiceCount: 0,
        totalCents: 0,
        paidCents: 0,
        dueCents: 0,
        overdueCents: 0,
        cancelledCents: 0,
        creditedCents: 0,
      },
    ]);
    const nothing = await graphql<{ invoices: { monthlyTotals: MonthTotals[] } }>(
      app,
      TOTALS,
      { org: canteen.id, direction: 'ISSUED' },
      canteen.owner.accessToken,
    );
    expect(nothing.data!.invoices.monthlyTotals).toEqual([]);
  });

  it('refuses anyone but the organization’s members, and bad arguments, with the codes of PRODUCT.md §3', async () => {
    for (const [token, org] of [
      [stranger.accessToken, farm.id],
      [bistro.owner.accessToken, farm.id],
      [dairy.owner.accessToken, farm.id],
      [farm.owner.accessToken, bistro.id],
      [canteen.owner.accessToken, bistro.id],
      [consumer.accessToken, bistro.id],
      [farm.owner.accessToken, randomUUID()],
      [farm.owner.accessToken, 'not-an-id'],
    ]) {
      for (const direction of ['ISSUED', 'RECEIVED']) {
        const response = await list(token, { org, direction });
        expect(response.errors?.map((error) => error.extensions.code)).toEqual(['NOT_FOUND']);
        expect(response.data?.invoices ?? null).toBeNull();
      }
    }
    expect((await graphql(app, LIST, { org: farm.id, direction: 'ISSUED' })).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );

    for (const [variables, field] of [
      [{ first: 0 }, 'first'],
      [{ first: 101 }, 'first'],
      [{ after: 'bm90IGEgY3Vyc29y' }, 'after'],
      [{ from: '2026-11-02', to: '2026-11-01' }, 'to'],
    ] as const) {
      const response = await list(farm.owner.accessToken, { org: farm.id, direction: 'ISSUED', ...variables });
      expect(response.errors?.map((error) => [error.extensions.code, error.extensions.field])).toEqual([
        ['BAD_USER_INPUT', field],
      ]);
    }
  });

  describe('markInvoicePaid with the day the payment arrived', () => {
    it('records the day, and the list shows it paid on that day', async () => {
      const invoice = seeded.get('farm-same-0')!;
      const response = await graphql<{ markInvoicePaid: { status: string; paidOn: string } }>(
        app,
        MARK_PAID,
        { id: invoice.id, paidOn: '2026-11-30' },
        farm.owner.accessToken,
      );
      expect(response.errors).toBeUndefined();
      expect(response.data!.markInvoicePaid).toEqual({ id: invoice.id, status: 'PAID', paidOn: '2026-11-30' });
      const paid = await all(bistro.owner.accessToken, { org: bistro.id, direction: 'RECEIVED', status: 'PAID' });
      expect(paid.map((node) => [node.id, node.paidOn])).toEqual([[invoice.id, '2026-11-30']]);
      // Paris midnight of that day.
      expect((await em().findOneOrFail(Invoice, invoice.id)).paidAt!.toISOString()).toBe('2026-11-29T23:00:00.000Z');
    });

    it('marks an overdue invoice paid today when no day is given', async () => {
      const invoice = seeded.get('farm-nov-first-minute')!;
      const response = await graphql<{ markInvoicePaid: { status: string; paidOn: string } }>(
        app,
        MARK_PAID,
        { id: invoice.id },
        farm.owner.accessToken,
      );
      expect(response.errors).toBeUndefined();
      const today = new Intl.DateTimeFormat('en-CA', {
        timeZone: 'Europe/Paris',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
      }).format(new Date());
      expect(response.data!.markInvoicePaid).toEqual({ id: invoice.id, status: 'PAID', paidOn: today });
    });

    it('refuses a day to come, a day before the invoice, a paid or cancelled invoice, and anyone but its producer; nothing changes', async () => {
      const before = await snapshot();
      const open = seeded.get('farm-same-1')!;
      for (const [paidOn, message] of [
        ['2999-01-01', /still to come/],
        ['2026-11-24', /issued on 2026-11-25/],
      ] as const) {
        const response = await graphql(app, MARK_PAID, { id: open.id, paidOn }, farm.owner.accessToken);
        expect(response.errors?.map((error) => [error.extensions.code, error.extensions.field])).toEqual([
          ['BAD_USER_INPUT', 'paidOn'],
        ]);
        expect(response.errors?.[0].message).toMatch(message);
      }
      expect(
        (await graphql(app, MARK_PAID, { id: open.id, paidOn: '30/11/2026' }, farm.owner.accessToken)).errors?.[0]
          .extensions.code,
      ).toBe('BAD_USER_INPUT');
      for (const name of ['farm-oct-last', 'farm-nov-cancelled', 'farm-same-0']) {
        const response = await graphql(
          app,
          MARK_PAID,
          { id: seeded.get(name)!.id, paidOn: '2026-12-01' },
          farm.owner.accessToken,
        );
        expect(response.errors?.map((error) => error.extensions.code)).toEqual(['INVALID_STATE_TRANSITION']);
      }
      for (const token of [bistro.owner.accessToken, dairy.owner.accessToken, stranger.accessToken]) {
        const response = await graphql(app, MARK_PAID, { id: open.id, paidOn: '2026-12-01' }, token);
        expect(response.errors?.map((error) => error.extensions.code)).toEqual(['NOT_FOUND']);
      }
      expect(await snapshot()).toEqual(before);
    });
  });
});
