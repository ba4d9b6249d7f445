import { randomUUID } from 'node:crypto';
import { Logger } from '@nestjs/common';
import { MikroORM } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/sql';
import { Client } from 'pg';
import {
  AccessPolicy,
  type AuthUser,
  GeoPrecision,
  IDENTITY_ENTITIES,
  Organization,
  OrganizationKind,
} from '@app/identity';
import { ORDERING_ENTITIES } from '@app/ordering';
import { OutboxMessage, OutboxService, UnitOfWork } from '@app/platform';
import { invoiceDraftFor, type Producer, producer } from './support/invoice-drafts';
import {
  checkEn16931Rules,
  facturXXmlOfInvoice,
  Invoice,
  type InvoiceDraft,
  InvoicePayments,
  InvoiceService,
  InvoiceStatus,
  invoiceYear,
  PAYMENTS_ENTITIES,
} from '@app/payments';
import { facturXXsdProblemsOfAll } from '@app/test-support';
import { createTestDatabase, type TestDatabase, testConfig } from './support/test-services';
import { migrateDatabase } from '../apps/api/src/database-commands';

/** Thrown inside an issuing transaction after the number was taken: the transaction rolls back (DATA-03). */
class InjectedFailure extends Error {}

describe('invoices (PostgreSQL)', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let invoices: InvoiceService;
  /** Platform admins act for every organization: markPaid needs no user or membership here, only the producer. */
  const admin: AuthUser = { id: randomUUID(), email: 'support@example.org', isPlatformAdmin: true };

  const em = () => orm.em.fork() as EntityManager;
  const issue = (draft: InvoiceDraft) => em().transactional((tx) => invoices.issue(tx, draft));
  /** A producer that exists as an organization, for the access policy. */
  async function registeredProducer(name: string): Promise<Producer> {
    const fork = em();
    const organization = fork.create(Organization, {
      kind: OrganizationKind.PRODUCER,
      name,
      siret: '41234567800012',
      address: {
        line1: '12 rue du Collège',
        postalCode: '39300',
        city: 'Champagnole',
        precision: GeoPrecision.COMMUNE,
      },
    });
    await fork.persist(organization).flush();
    return { id: organization.id, name };
  }
  const lastNumber = async (issuerId: string, year: number) =>
    (
      await em().execute<{ last_number: number }[]>(
        'select last_number from invoice_series where issuer_id = ? and year = ?',
        [issuerId, year],
      )
    )[0]?.last_number;

  beforeAll(async () => {
    // No application here to route the services' logs to a silent pino: keep the output to the DATA-03 figures.
    Logger.overrideLogger(false);
    db = await createTestDatabase('invoices');
    // The schema production runs: the versioned migrations, with the immutability triggers.
    await migrateDatabase(testConfig({ DATABASE_URL: db.url }));
    orm = await MikroORM.init({
      clientUrl: db.url,
      entities: [...PAYMENTS_ENTITIES, ...IDENTITY_ENTITIES, ...ORDERING_ENTITIES, OutboxMessage],
      pool: { min: 0, max: 24 },
      forceUtcTimezone: true,
      debug: false,
    });
    invoices = new InvoiceService(
      new UnitOfWork(orm),
      new AccessPolicy(new UnitOfWork(orm)),
      new OutboxService(),
      new InvoicePayments(),
    );
  });

  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  describe('DATA-03: gapless numbers under concurrency', () => {
    const ISSUANCES = 500;
    const fails = (i: number) => i % 10 === 9;

    /** Runs `ISSUANCES` concurrent transactions, each failing after `take` when `fails(i)`; rejects on anything else. */
    async function race(take: (tx: EntityManager) => Promise<unknown>) {
      const started = performance.now();
      const outcomes = await Promise.allSettled(
        Array.from({ length: ISSUANCES }, (_, i) =>
          em().transactional(async (tx) => {
            await take(tx);
            if (fails(i)) throw new InjectedFailure();
          }),
        ),
      );
      const seconds = (performance.now() - started) / 1000;
      const unexpected = outcomes.flatMap((outcome) =>
        outcome.status === 'rejected' && !(outcome.reason instanceof InjectedFailure) ? [outcome.reason] : [],
      );
      expect(unexpected).toEqual([]);
      return { failures: outcomes.filter((outcome) => outcome.status === 'rejected').length, seconds };
    }

    /** Gaps in 1..max, duplicates, and pairs where a higher number carries an earlier date. */
    async function audit(table: string, numberColumn: string, where = 'true', params: unknown[] = []) {
      const [row] = await em().execute<
        { committed: string; distinct_numbers: string; max: string | null; inversions: string }[]
      >(
        `select count(*) as committed, count(distinct ${numberColumn}) as distinct_numbers, max(${numberColumn}) as max,
           (select count(*) from (select issued_at < lag(issued_at) over (order by ${numberColumn}) as inverted from ${table} where ${where}) ordered where inverted) as inversions
         from ${table} where ${where}`,
        [...params, ...params],
      );
      const committed = Number(row.committed);
      return {
        committed,
        gaps: Number(row.max ?? 0) - Number(row.distinct_numbers),
        duplicates: committed - Number(row.distinct_numbers),
        inversions: Number(row.inversions),
      };
    }

    it(`${ISSUANCES} concurrent issuances with 10 % failing after numbering leave numbers 1..N without gap, duplicate or inversion`, async () => {
      const seller = producer('Ferme du Haut-Jura');
      const { failures, seconds } = await race((tx) => invoices.issue(tx, invoiceDraftFor(seller)));
      const figures = await audit('invoice', 'sequence', 'issuer_id = ?', [seller.id]);

      const control = await sequenceControl();
      console.log(
        `DATA-03: ${ISSUANCES} concurrent issuances, ${failures} injected failures -> ${figures.committed} committed, ` +
          `${figures.gaps} gaps, ${figures.duplicates} duplicates, ${figures.inversions} inversions, ${Math.round(ISSUANCES / seconds)} issuances/s; ` +
          `negative control (PostgreSQL sequence): ${control.gaps} gaps`,
      );

      expect(failures).toBe(ISSUANCES / 10);
      expect(figures).toEqual({ committed: ISSUANCES - failures, gaps: 0, duplicates: 0, inversions: 0 });
      const numbers = await em().find(Invoice, { issuerId: seller.id }, { orderBy: { sequence: 'asc' } });
      expect(numbers.map((invoice) => invoice.sequence)).toEqual(
        Array.from({ length: ISSUANCES - failures }, (_, i) => i + 1),
      );
      expect(numbers.map((invoice) => invoice.number)).toEqual(
        numbers.map((invoice) => `FHJ-${invoice.seriesYear}-${String(invoice.sequence).padStart(4, '0')}`),
      );
      expect(await lastNumber(seller.id, numbers[0].seriesYear)).toBe(ISSUANCES - failures);

      // The same test is sensitive: numbers from a sequence are not given back by a rollback.
      expect(control.gaps).toBeGreaterThan(0);
      expect(control.duplicates).toBe(0);
    });

    async function sequenceControl() {
      await em().execute('create sequence control_number_seq');
      await em().execute(
        'create table control_invoice (number bigint primary key, issued_at timestamptz not null default clock_timestamp())',
      );
      await race(async (tx) => {
        const [{ number }] = await tx.execute<{ number: string }[]>("select nextval('control_number_seq') as number");
        await tx.execute('insert into control_invoice (number) values (?)', [number]);
      });
      return audit('control_invoice', 'number');
    }
  });

  describe('DATA-04: series per producer and Paris year', () => {
    it('puts 31 Dec 23:59:59.9 and 1 Jan 00:00:00.1 (Paris) in the 2026 and 2027 series; the 2027 series starts at 1', async () => {
      const seller = producer('Laiterie de Mouthe');
      const early = await issue(invoiceDraftFor(seller, { issuedAt: new Date('2026-12-31T10:00:00.000Z') }));
      const lastOf2026 = await issue(invoiceDraftFor(seller, { issuedAt: new Date('2026-12-31T22:59:59.900Z') }));
      const firstOf2027 = await issue(invoiceDraftFor(seller, { issuedAt: new Date('2026-12-31T23:00:00.100Z') }));

      expect(
        [early, lastOf2026, firstOf2027].map(({ number, seriesYear, sequence }) => ({ number, seriesYear, sequence })),
      ).toEqual([
        { number: 'LM-2026-0001', seriesYear: 2026, sequence: 1 },
        { number: 'LM-2026-0002', seriesYear: 2026, sequence: 2 },
        { number: 'LM-2027-0001', seriesYear: 2027, sequence: 1 },
      ]);
      expect(firstOf2027.issuedAt.toISOString()).toBe('2026-12-31T23:00:00.100Z');
      expect([await lastNumber(seller.id, 2026), await lastNumber(seller.id, 2027)]).toEqual([2, 1]);
    });

    it('gives each producer its own series, and two producers of the same initials different prefixes', async () => {
      const first = producer('Ferme des Combes');
      const second = producer('Ferme Du Château de Clairvaux');
      const namesake = producer('Ferme des Combes');
      const issuedAt = new Date('2026-06-15T10:00:00Z');
      const a1 = await issue(invoiceDraftFor(first, { issuedAt }));
      const a2 = await issue(invoiceDraftFor(first, { issuedAt }));
      const b1 = await issue(invoiceDraftFor(second, { issuedAt }));
      const c1 = await issue(invoiceDraftFor(namesake, { issuedAt }));
      const c2027 = await issue(invoiceDraftFor(namesake, { issuedAt: new Date('2027-02-01T10:00:00Z') }));

      expect([a1.number, a2.number, b1.number]).toEqual(['FC-2026-0001', 'FC-2026-0002', 'FCC-2026-0001']);
      // Numbers are unique across producers: the namesake gets a prefix of its own, and keeps it the next year.
      expect(c1.number).toBe('FCA-2026-0001');
      expect(c2027.number).toBe('FCA-2027-0001');
    });

    it('keeps UNIQUE(series, number) as a backstop', async () => {
      const invoice = await issue(invoiceDraftFor(producer('Ferme Vuillet')));
      const copy = `insert into invoice (id, number, issuer_id, series_year, sequence, supplier_order_id, order_id, buyer_user_id,
          payment_method, issued_at, due_date, subtotal_cents, vat_cents, total_cents, status, document)
        select gen_random_uuid(), number || '-BIS', issuer_id, series_year, sequence, gen_random_uuid(), order_id, buyer_user_id,
          payment_method, issued_at, due_date, subtotal_cents, vat_cents, total_cents, status, document from invoice where id = ?`;
      await expect(em().execute(copy, [invoice.id])).rejects.toThrow(/invoice_issuer_series_sequence_unique/);
    });
  });

  describe('DATA-05: issued invoices are immutable', () => {
    let raw: Client;
    beforeAll(async () => {
      raw = new Client({ connectionString: db.url });
      await raw.connect();
    });
    afterAll(() => raw?.end());

    it('refuses an UPDATE of the amounts, the number or the document, and a DELETE (2/2), through a raw connection', async () => {
      const invoice = await issue(invoiceDraftFor(producer('Ferme Jeunet')));
      const before = (await raw.query('select * from invoice where id = $1', [invoice.id])).rows[0];

      const refusals: (string | undefined)[] = [];
      for (const [sql, message] of [
        [
          'update invoice set total_cents = total_cents + 100 where id = $1',
          /only its status and payment date may change/,
        ],
        ["update invoice set number = 'FJ-2026-9999' where id = $1", /only its status and payment date may change/],
        [
          "update invoice set document = '{}'::jsonb, due_date = due_date + 30 where id = $1",
          /only its status and payment date may change/,
        ],
        ['delete from invoice where id = $1', /cannot be deleted/],
      ] as const) {
        const error = await raw.query(sql, [invoice.id]).then(
          () => undefined,
          (caught: Error & { code?: string }) => caught,
        );
        expect(error?.message).toMatch(message);
        refusals.push(error?.code);
      }

      expect(refusals).toEqual(['P0001', 'P0001', 'P0001', 'P0001']);
      expect((await raw.query('select * from invoice where id = $1', [invoice.id])).rows[0]).toEqual(before);
    });

    it('lets the status and payment date change: markPaid', async () => {
      const invoice = await issue(invoiceDraftFor(await registeredProducer('Ferme Brocard')));
      const paid = await invoices.markPaid(admin, invoice.id);

      expect(paid.status).toBe(InvoiceStatus.PAID);
      expect(paid.paidAt).toBeInstanceOf(Date);
      expect({ ...paid, status: undefined, paidAt: undefined }).toEqual({
        ...invoice,
        status: undefined,
        paidAt: undefined,
      });
      await expect(invoices.markPaid(admin, invoice.id)).rejects.toMatchObject({ code: 'INVALID_STATE_TRANSITION' });
      await expect(invoices.markPaid(admin, randomUUID())).rejects.toMatchObject({ code: 'NOT_FOUND' });
    });
  });

  describe('issuing', () => {
    it('is idempotent per supplier order: the same invoice, one number consumed', async () => {
      const seller = producer('Ferme Tissot');
      const draft = invoiceDraftFor(seller, { issuedAt: new Date('2026-03-10T08:00:00Z') });
      const first = await issue(draft);
      const again = await issue({ ...draft, issuedAt: new Date('2026-03-11T08:00:00Z') });
      expect(again.id).toBe(first.id);
      expect(again.number).toBe('FT-2026-0001');
      expect(await lastNumber(seller.id, 2026)).toBe(1);

      // Concurrent retries wait on the series lock, then find the invoice issued meanwhile and give their number back.
      const racing = invoiceDraftFor(seller, { issuedAt: new Date('2026-03-12T08:00:00Z') });
      const results = await Promise.all(Array.from({ length: 8 }, () => issue(racing)));
      expect(new Set(results.map((invoice) => invoice.number))).toEqual(new Set(['FT-2026-0002']));
      expect(await lastNumber(seller.id, 2026)).toBe(2);
    });

    it('issues several producers’ invoices in one transaction without deadlock, whatever order the checkout names them in', async () => {
      const [first, second] = [producer('Ferme Mivelaz'), producer('Ferme Pourchet')];
      await Promise.all(
        Array.from({ length: 20 }, (_, i) => {
          const sellers = i % 2 ? [first, second] : [second, first];
          return em().transactional((tx) =>
            invoices.issueAll(
              tx,
              sellers.map((seller) => invoiceDraftFor(seller)),
            ),
          );
        }),
      );
      const year = invoiceYear(new Date());
      expect([await lastNumber(first.id, year), await lastNumber(second.id, year)]).toEqual([20, 20]);
    });

    it('dates and states the invoice by payment method, and keeps the draft as its document', async () => {
      const seller = producer('Ferme Girard');
      const onInvoice = await issue(
        invoiceDraftFor(seller, {
          issuedAt: new Date('2026-11-21T16:00:00Z'),
          deliveryDate: new Date('2026-11-20T23:30:00Z'),
        }),
      );
      expect(onInvoice).toMatchObject({
        status: InvoiceStatus.ISSUED,
        paidAt: null,
        deliveryDate: '2026-11-21',
        dueDate: '2026-12-21',
        totalCents: 4431,
        paymentMethod: 'INVOICE',
      });

      const byCard = await issue(
        invoiceDraftFor(seller, {
          paymentMethod: 'CARD',
          deliveryDate: null,
          buyer: {
            organizationId: null,
            userId: randomUUID(),
            name: 'Camille Martin',
            siret: null,
            vatNumber: null,
            address: null,
          },
        }),
      );
      expect(byCard).toMatchObject({
        status: InvoiceStatus.PAID,
        paidAt: byCard.issuedAt,
        deliveryDate: null,
        buyerOrganizationId: null,
      });
      expect(byCard.dueDate).toBe(
        new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Paris' }).format(byCard.issuedAt),
      );

      const stored = await em().findOneOrFail(Invoice, byCard.id);
      expect(stored.document).toMatchObject({
        orderNumber: 'CMD-2026-000001',
        deliveryDate: null,
        issuedAt: byCard.issuedAt.toISOString(),
        buyer: { name: 'Camille Martin' },
      });
      expect(stored.document.lines).toEqual(invoiceDraftFor(seller).lines);
    });

    it('refuses a draft whose figures do not add up, and takes no number', async () => {
      const seller = producer('Ferme Bourgeois');
      await issue(invoiceDraftFor(seller));
      await expect(issue(invoiceDraftFor(seller, { totalCents: 4432 }))).rejects.toThrow(
        /subtotal \+ VAT must equal the total/,
      );
      expect(await lastNumber(seller.id, invoiceYear(new Date()))).toBe(1);
    });
  });

  it('gives every invoice issued here a Factur-X XML valid against the official EN 16931 XSD and the EN 16931 rules', async () => {
    const all = await em().find(Invoice, {});
    expect(all.length).toBeGreaterThan(0);
    const broken = all.flatMap((invoice) =>
      checkEn16931Rules(facturXXmlOfInvoice(invoice)).map((problem) => `${invoice.number}: ${problem}`),
    );
    expect(broken).toEqual([]);
    expect(facturXXsdProblemsOfAll(all.map(facturXXmlOfInvoice))).toEqual([]);
  });
});
