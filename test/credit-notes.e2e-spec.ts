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
import { AppError, AuditEntry, AuditLog, OutboxMessage, OutboxService, UnitOfWork } from '@app/platform';
import {
  checkEn16931Rules,
  CreditNote,
  CreditNoteService,
  facturXXmlOfCreditNote,
  Invoice,
  type InvoiceDraft,
  InvoicePayments,
  InvoiceCreditService,
  InvoiceService,
  InvoiceStatus,
  invoiceYear,
  PAYMENTS_ENTITIES,
} from '@app/payments';
import { facturXXsdProblemsOfAll } from '@app/test-support';
import { invoiceDraftFor, type Producer, producer } from './support/invoice-drafts';
import { createTestDatabase, type TestDatabase, testConfig } from './support/test-services';
import { migrateDatabase } from '../apps/api/src/database-commands';

/** Thrown inside an issuing transaction after the number was taken: the transaction rolls back. */
class InjectedFailure extends Error {}

/** A delivered business order of two VAT rates, paid by card: 42.00 € of cheese at 5.5 %, 10.00 € of wine at 20 %. */
const draftFor = (seller: Producer): InvoiceDraft =>
  invoiceDraftFor(seller, {
    orderNumber: 'CMD-2026-000042',
    lines: [
      {
        name: 'Comté affiné 24 mois',
        unit: 'KG',
        quantityThousandths: 1500,
        unitPriceCents: 2800,
        vatRateBasisPoints: 550,
        totalCents: 4200,
      },
      {
        name: 'Vin jaune',
        unit: 'PIECE',
        quantityThousandths: 1000,
        unitPriceCents: 1000,
        vatRateBasisPoints: 2000,
        totalCents: 1000,
      },
    ],
    vatByRate: [
      { vatRateBasisPoints: 550, baseCents: 4200, vatCents: 231 },
      { vatRateBasisPoints: 2000, baseCents: 1000, vatCents: 200 },
    ],
    subtotalCents: 5200,
    vatCents: 431,
    totalCents: 5631,
    paymentMethod: 'CARD',
  });

describe('credit notes (PostgreSQL)', () => {
  let db: TestDatabase;
  let orm: MikroORM;
  let invoices: InvoiceService;
  let creditNotes: CreditNoteService;

  const em = () => orm.em.fork() as EntityManager;
  const issue = (draft: InvoiceDraft) => em().transactional((tx) => invoices.issue(tx, draft));
  const credit = (
    invoice: Invoice,
    amountCents: number,
    sourceKey = `refund:${randomUUID()}`,
    reason = 'Produit abîmé',
  ) =>
    em().transactional((tx) =>
      creditNotes.creditRefund(tx, { supplierOrderId: invoice.supplierOrderId, amountCents, reason, sourceKey }),
    );
  const statusOf = async (invoice: Invoice) => (await em().findOneOrFail(Invoice, invoice.id)).status;

  beforeAll(async () => {
    Logger.overrideLogger(false);
    db = await createTestDatabase('credit-notes');
    // The schema production runs: the versioned migrations, with the immutability triggers.
    await migrateDatabase(testConfig({ DATABASE_URL: db.url }));
    orm = await MikroORM.init({
      clientUrl: db.url,
      entities: [...PAYMENTS_ENTITIES, ...IDENTITY_ENTITIES, ...ORDERING_ENTITIES, OutboxMessage, AuditEntry],
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
    creditNotes = new CreditNoteService(new UnitOfWork(orm), invoices, new OutboxService());
  });

  afterAll(async () => {
    await orm?.close(true);
    await db?.drop();
  });

  it('200 concurrent issuances, one in ten rolled back after numbering, leave numbers 1..N without gap or duplicate', async () => {
    const seller = producer('Ferme du Haut-Jura');
    const ISSUANCES = 200;
    const invoicesToCredit: Invoice[] = [];
    for (let i = 0; i < ISSUANCES; i++) invoicesToCredit.push(await issue(draftFor(seller)));
    const fails = (i: number) => i % 10 === 3;
    const outcomes = await Promise.allSettled(
      invoicesToCredit.map((invoice, i) =>
        em().transactional(async (tx) => {
          await creditNotes.creditRefund(tx, {
            supplierOrderId: invoice.supplierOrderId,
            amountCents: 1000 + i,
            reason: 'Produit abîmé',
            sourceKey: `refund:${invoice.id}`,
          });
          if (fails(i)) throw new InjectedFailure();
        }),
      ),
    );
    const unexpected = outcomes.flatMap((outcome) =>
      outcome.status === 'rejected' && !(outcome.reason instanceof InjectedFailure) ? [outcome.reason] : [],
    );
    expect(unexpected).toEqual([]);
    const committed = ISSUANCES - ISSUANCES / 10;
    const notes = await em().find(CreditNote, { issuerId: seller.id }, { orderBy: { sequence: 'asc' } });
    expect(notes.map((note) => note.sequence)).toEqual(Array.from({ length: committed }, (_, i) => i + 1));
    const year = invoiceYear(new Date());
    expect(notes.map((note) => note.number)).toEqual(
      notes.map((note) => `FHJ-AV-${year}-${String(note.sequence).padStart(4, '0')}`),
    );
    // Numbers and dates rise together.
    expect(notes.every((note, i) => i === 0 || note.issuedAt >= notes[i - 1].issuedAt)).toBe(true);
    const [{ last_number }] = await em().execute(
      'select last_number from credit_note_series where issuer_id = ? and year = ?',
      [seller.id, year],
    );
    expect(Number(last_number)).toBe(committed);
    // Invoices keep their own series: the credit notes took no invoice number.
    const [{ last_number: invoiceLast }] = await em().execute(
      'select last_number from invoice_series where issuer_id = ? and year = ?',
      [seller.id, year],
    );
    expect(Number(invoiceLast)).toBe(ISSUANCES);
  });

  it('credits a part of an invoice per VAT rate, then the rest: the notes add up to the invoice to the cent and it becomes CANCELLED', async () => {
    const invoice = await issue(draftFor(producer('Fromagerie Vuillet')));
    expect(invoice.status).toBe(InvoiceStatus.PAID);
    const first = (await credit(invoice, 1000, 'refund:first', 'Livraison abîmée'))!;
    expect(first).toMatchObject({
      totalCents: 1000,
      reason: 'Livraison abîmée',
      invoiceId: invoice.id,
      number: `FV-AV-${invoiceYear(new Date())}-0001`,
    });
    expect(first.subtotalCents + first.vatCents).toBe(1000);
    // Spread over the two rates in proportion to what each holds (44.31 € at 5.5 %, 12.00 € at 20 %): 7.87 € and
    // 2.13 €, each split into base and VAT at its rate's own proportion (2.31/44.31 → 0.41; 2.00/12.00 → 0.355 → 0.36).
    expect(first.document.vatByRate).toEqual([
      { vatRateBasisPoints: 550, baseCents: 746, vatCents: 41 },
      { vatRateBasisPoints: 2000, baseCents: 177, vatCents: 36 },
    ]);
    expect(first.document).toMatchObject({
      invoiceNumber: invoice.number,
      wholeInvoice: false,
      reason: 'Livraison abîmée',
      seller: { siret: '41234567800012' },
    });
    expect(await statusOf(invoice)).toBe(InvoiceStatus.PAID);

    // The same refund again (a retried job) is the same credit note.
    expect((await credit(invoice, 1000, 'refund:first'))!.id).toBe(first.id);
    // More than what is left is capped at what is left.
    const rest = (await credit(invoice, 999_999, 'refund:rest'))!;
    expect(rest.totalCents).toBe(invoice.totalCents - 1000);
    const notes = [first, rest];
    for (const rate of invoice.document.vatByRate) {
      const credited = notes
        .flatMap((note) => note.document.vatByRate)
        .filter((one) => one.vatRateBasisPoints === rate.vatRateBasisPoints);
      expect({
        base: credited.reduce((sum, one) => sum + one.baseCents, 0),
        vat: credited.reduce((sum, one) => sum + one.vatCents, 0),
      }).toEqual({ base: rate.baseCents, vat: rate.vatCents });
    }
    expect(await statusOf(invoice)).toBe(InvoiceStatus.CANCELLED);
    // Nothing is left to credit.
    expect(await credit(invoice, 100, 'refund:more')).toBeNull();
    expect(await em().count(CreditNote, { invoiceId: invoice.id })).toBe(2);
  });

  it('credits a whole invoice at once with its own lines; a supplier order never invoiced gets none', async () => {
    const invoice = await issue(draftFor(producer('Ferme Jeunet')));
    const whole = (await credit(invoice, invoice.totalCents, 'refund:whole', 'Annulation de la commande'))!;
    expect(whole.document).toMatchObject({
      wholeInvoice: true,
      lines: invoice.document.lines,
      vatByRate: invoice.document.vatByRate,
      totalCents: invoice.totalCents,
    });
    expect(await statusOf(invoice)).toBe(InvoiceStatus.CANCELLED);
    expect(
      await em().transactional((tx) =>
        creditNotes.creditRefund(tx, {
          supplierOrderId: randomUUID(),
          amountCents: 100,
          reason: 'x',
          sourceKey: 'refund:none',
        }),
      ),
    ).toBeNull();
  });

  it('creditInvoice: one key sent 8 times at once issues one credit note; 6 keys at once never credit more than is left', async () => {
    // A platform admin acts for the producer (no membership to seed); its credits are audited.
    const admin: AuthUser = { id: randomUUID(), email: 'support@example.org', isPlatformAdmin: true };
    const fork = em();
    const organization = fork.create(Organization, {
      kind: OrganizationKind.PRODUCER,
      name: 'Laiterie du Mont',
      siret: '41234567800012',
      address: { line1: '1 route du Lac', postalCode: '39220', city: 'Les Rousses', precision: GeoPrecision.COMMUNE },
    });
    await fork.persist(organization).flush();
    const invoice = await issue({
      ...draftFor({ id: organization.id, name: organization.name }),
      paymentMethod: 'INVOICE',
    });
    const uow = new UnitOfWork(orm);
    const service = new InvoiceCreditService(uow, new AccessPolicy(uow), creditNotes, new AuditLog(uow));
    const request = { invoiceId: invoice.id, amountCents: 650, reason: 'Beurre abîmé', idempotencyKey: 'double-click' };

    const same = await Promise.allSettled(Array.from({ length: 8 }, () => service.creditInvoice(admin, request)));
    expect(same.filter((outcome) => outcome.status === 'rejected')).toEqual([]);
    const ids = new Set(same.map((outcome) => (outcome as PromiseFulfilledResult<CreditNote>).value.id));
    expect(ids.size).toBe(1);
    expect(await em().count(CreditNote, { invoiceId: invoice.id })).toBe(1);

    // 56.31 € less 6.50 € leaves 49.81 €: four credits of 10.00 € fit, the other two are refused, whatever the order.
    const racing = await Promise.allSettled(
      Array.from({ length: 6 }, (_, i) =>
        service.creditInvoice(admin, { ...request, amountCents: 1000, idempotencyKey: `key-${i}` }),
      ),
    );
    const refusals = racing.flatMap((outcome) =>
      outcome.status === 'rejected'
        ? [
            outcome.reason instanceof AppError
              ? `${outcome.reason.code} ${String(outcome.reason.details.field)}`
              : outcome.reason,
          ]
        : [],
    );
    expect(refusals).toEqual(['BAD_USER_INPUT amountCents', 'BAD_USER_INPUT amountCents']);
    const notes = await em().find(CreditNote, { invoiceId: invoice.id }, { orderBy: { sequence: 'asc' } });
    expect(notes.reduce((sum, note) => sum + note.totalCents, 0)).toBe(650 + 4000);
    // Gapless: the refused ones gave their numbers back.
    expect(notes.map((note) => note.sequence)).toEqual([1, 2, 3, 4, 5]);
    expect(await em().count(AuditEntry, { action: 'invoice.credited', targetId: invoice.id })).toBe(5);
    expect(await statusOf(invoice)).toBe(InvoiceStatus.ISSUED);
  });

  describe('issued credit notes are immutable', () => {
    let raw: Client;
    beforeAll(async () => {
      raw = new Client({ connectionString: db.url });
      await raw.connect();
    });
    afterAll(() => raw?.end());

    it('refuses an UPDATE of any column, and a DELETE, through a raw connection', async () => {
      const invoice = await issue(draftFor(producer('Ferme Brocard')));
      const note = (await credit(invoice, 500))!;
      const before = (await raw.query('select * from credit_note where id = $1', [note.id])).rows[0];
      const refusals: (string | undefined)[] = [];
      for (const [sql, message] of [
        ['update credit_note set total_cents = total_cents + 100 where id = $1', /cannot be changed/],
        ["update credit_note set reason = 'autre' where id = $1", /cannot be changed/],
        ["update credit_note set document = '{}'::jsonb where id = $1", /cannot be changed/],
        ['delete from credit_note where id = $1', /cannot be deleted/],
      ] as const) {
        const error = await raw.query(sql, [note.id]).then(
          () => undefined,
          (caught: Error & { code?: string }) => caught,
        );
        expect(error?.message).toMatch(message);
        refusals.push(error?.code);
      }
      expect(refusals).toEqual(['P0001', 'P0001', 'P0001', 'P0001']);
      expect((await raw.query('select * from credit_note where id = $1', [note.id])).rows[0]).toEqual(before);
    });
  });

  it('gives every credit note issued here a Factur-X XML (381, naming its invoice) valid against the official EN 16931 XSD and the EN 16931 rules', async () => {
    const all = await em().find(CreditNote, {});
    expect(all.length).toBeGreaterThan(0);
    const broken = all.flatMap((note) =>
      checkEn16931Rules(facturXXmlOfCreditNote(note)).map(
        (problem) => `${note.number} (${note.totalCents} cents): ${problem}`,
      ),
    );
    expect(broken).toEqual([]);
    expect(facturXXsdProblemsOfAll(all.map(facturXXmlOfCreditNote))).toEqual([]);
  });
});
