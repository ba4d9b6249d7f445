import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/sql';
import type { AuthUser } from '@app/identity';
import { AppError, ErrorCode, isUuid, OutboxService, UnitOfWork } from '@app/platform';
import { Invoice, InvoiceStatus } from '../../entities/invoice.entity';
import type { VatRateTotal } from '../invoice-draft';
import { invoiceYear } from '../invoice-number';
import { InvoiceService } from '../invoice.service';
import { CreditNote } from './credit-note.entity';
import { creditNoteDocumentOf, type CreditNoteSettledBy, formatCreditNoteNumber } from './credit-note-draft';
import { CREDIT_NOTE_ISSUED, type CreditNoteIssued } from './credit-note-events';

/** A refund of part of a supplier order, to be credited against its invoice. */
export interface RefundToCredit {
  supplierOrderId: string;
  /** VAT included; capped at what is left of the invoice. */
  amountCents: number;
  reason: string;
  /** Who gave the amount back when Ancrage refunded nothing (printed on the credit note; absent: a refund). */
  settledBy?: CreditNoteSettledBy;
  /** Unique per cause: a retried job finds the credit note it issued. */
  sourceKey: string;
}

const sumRates = (documents: { vatByRate: VatRateTotal[] }[]): VatRateTotal[] =>
  documents.flatMap((document) => document.vatByRate);

/**
 * Credit notes (avoirs) in the producers' names: issued in the caller's transaction whenever an invoiced supplier
 * order is refunded or cancelled, numbered gapless per producer and Paris year like the invoices (their own series),
 * read by the invoice's parties only. A wholly credited invoice becomes CANCELLED.
 */
@Injectable()
export class CreditNoteService {
  private readonly logger = new Logger('CreditNotes');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly invoices: InvoiceService,
    private readonly outbox: OutboxService,
  ) {}

  /**
   * Several refunds in one transaction (an admin's refund spread over the producers): the producers' series are
   * locked in one order, so that two transactions naming the same producers never deadlock.
   */
  async creditRefunds(em: EntityManager, refunds: RefundToCredit[]): Promise<(CreditNote | null)[]> {
    const invoices = await em.find(Invoice, { supplierOrderId: refunds.map((refund) => refund.supplierOrderId) });
    const issuerOf = new Map(invoices.map((invoice) => [invoice.supplierOrderId, invoice.issuerId]));
    const sorted = [...refunds].sort((a, b) =>
      (issuerOf.get(a.supplierOrderId) ?? '').localeCompare(issuerOf.get(b.supplierOrderId) ?? ''),
    );
    const issued = new Map<string, CreditNote | null>();
    for (const refund of sorted) issued.set(refund.sourceKey, await this.creditRefund(em, refund));
    return refunds.map((refund) => issued.get(refund.sourceKey) ?? null);
  }

  /**
   * The credit note of a refund, inside the caller's transaction `em`, when the supplier order was invoiced (null
   * otherwise, or when its invoice is already wholly credited). The series row stays locked until the caller commits:
   * a rollback gives the number back (no gap). Call it as late as possible in the transaction.
   */
  async creditRefund(em: EntityManager, refund: RefundToCredit): Promise<CreditNote | null> {
    return (await this.creditOnce(em, refund)).note;
  }

  /**
   * `creditRefund`, saying whether this call issued the credit note (`issuedNow`) or found the one its source key
   * already had (a retry, or a concurrent call that committed first).
   */
  async creditOnce(
    em: EntityManager,
    refund: RefundToCredit,
  ): Promise<{ note: CreditNote | null; issuedNow: boolean }> {
    const done = await em.findOne(CreditNote, { sourceKey: refund.sourceKey });
    if (done) return { note: done, issuedNow: false };
    const invoice = await em.findOne(Invoice, { supplierOrderId: refund.supplierOrderId }, { refresh: true });
    if (!invoice || refund.amountCents <= 0) return { note: null, issuedNow: false };
    const taken = await this.takeNumber(em, invoice);
    // Under the series lock: every credit note of this invoice committed before is visible now.
    const raced = await em.findOne(CreditNote, { sourceKey: refund.sourceKey });
    const before = await em.find(CreditNote, { invoiceId: invoice.id });
    const creditedCents = before.reduce((sum, note) => sum + note.totalCents, 0);
    const amountCents = Math.min(refund.amountCents, invoice.totalCents - creditedCents);
    if (raced || amountCents <= 0) {
      await this.giveBack(em, invoice.issuerId, taken.year);
      return { note: raced ?? null, issuedNow: false };
    }
    const reason = refund.reason.trim().slice(0, 500) || 'Remboursement';
    const document = creditNoteDocumentOf(
      invoice,
      sumRates(before.map((note) => note.document)),
      amountCents,
      reason,
      refund.settledBy,
    );
    const note = em.create(CreditNote, {
      number: formatCreditNoteNumber(taken.prefix, taken.year, taken.sequence),
      issuerId: invoice.issuerId,
      seriesYear: taken.year,
      sequence: taken.sequence,
      invoiceId: invoice.id,
      supplierOrderId: invoice.supplierOrderId,
      orderId: invoice.orderId,
      buyerOrganizationId: invoice.buyerOrganizationId ?? null,
      buyerUserId: invoice.buyerUserId,
      sourceKey: refund.sourceKey,
      issuedAt: taken.issuedAt,
      reason,
      subtotalCents: document.subtotalCents,
      vatCents: document.vatCents,
      totalCents: document.totalCents,
      document,
    });
    await em.persist(note).flush();
    if (creditedCents + amountCents === invoice.totalCents) {
      await em.nativeUpdate(Invoice, { id: invoice.id }, { status: InvoiceStatus.CANCELLED });
    }
    await this.outbox.enqueue(em, CREDIT_NOTE_ISSUED, { creditNoteId: note.id } satisfies CreditNoteIssued);
    this.logger.log(
      { event: 'credit-note.issued', creditNoteId: note.id, invoiceId: invoice.id, totalCents: note.totalCents },
      'Credit note issued',
    );
    return { note, issuedNow: true };
  }

  /** The credit note, for the parties of its invoice (NOT_FOUND for anyone else). */
  async findReadable(user: AuthUser, id: string): Promise<CreditNote> {
    const note = isUuid(id) ? await this.unitOfWork.em.findOne(CreditNote, id) : null;
    if (!note) throw AppError.notFound('Credit note');
    await this.invoices.findReadable(user, note.invoiceId).catch((error: unknown) => {
      throw error instanceof AppError && error.code === ErrorCode.NOT_FOUND ? AppError.notFound('Credit note') : error;
    });
    return note;
  }

  /** For a DataLoader: the credit notes of invoices the caller may already read, oldest first. */
  findByInvoiceIds(ids: readonly string[]): Promise<CreditNote[]> {
    const wanted = [...new Set(ids)].filter(isUuid);
    return wanted.length
      ? this.unitOfWork.em.find(CreditNote, { invoiceId: wanted }, { orderBy: { issuedAt: 'asc', sequence: 'asc' } })
      : Promise.resolve([]);
  }

  /**
   * What the credit notes issued since `issuedFrom` took off each supplier order's invoice, excluding VAT (their
   * `subtotalCents`, summed exactly as issued: never re-derived from the TTC amount), for one buying organization or
   * for some producers. For reports (RSE spend, a brand's sales): a credit note is issued after the part it credits was
   * placed and delivered, so those of the parts of a period all come at or after its start.
   */
  async creditedBySupplierOrder(
    em: EntityManager,
    filter: { buyerOrganizationId: string } | { issuerIds: readonly string[] },
    issuedFrom: Date,
  ): Promise<Map<string, number>> {
    const who =
      'buyerOrganizationId' in filter
        ? { buyerOrganizationId: filter.buyerOrganizationId }
        : { issuerId: { $in: [...filter.issuerIds] } };
    if ('issuerIds' in filter && filter.issuerIds.length === 0) return new Map();
    const notes = await em.find(
      CreditNote,
      { ...who, issuedAt: { $gte: issuedFrom } },
      { fields: ['supplierOrderId', 'subtotalCents'] },
    );
    const credited = new Map<string, number>();
    for (const note of notes)
      credited.set(note.supplierOrderId, (credited.get(note.supplierOrderId) ?? 0) + note.subtotalCents);
    return credited;
  }

  /** For a DataLoader: invoices by id, for credit notes the caller may already read. */
  findInvoicesByIds(ids: readonly string[]): Promise<Invoice[]> {
    const wanted = [...new Set(ids)].filter(isUuid);
    return wanted.length ? this.unitOfWork.em.find(Invoice, { id: wanted }) : Promise.resolve([]);
  }

  /** The next number of the producer's credit-note series for the Paris year of issue (see InvoiceService). */
  private async takeNumber(
    em: EntityManager,
    invoice: Invoice,
  ): Promise<{ year: number; sequence: number; prefix: string; issuedAt: Date }> {
    for (let attempt = 0; ; attempt++) {
      const year = invoiceYear(new Date());
      const { sequence, prefix, now } = await this.increment(em, invoice, year);
      if (invoiceYear(now) === year || attempt > 0) return { year, sequence, prefix, issuedAt: now };
      await this.giveBack(em, invoice.issuerId, year);
    }
  }

  private async increment(em: EntityManager, invoice: Invoice, year: number) {
    const postgres = em.getPlatform() instanceof PostgreSqlPlatform;
    const returning = postgres ? 'last_number, prefix, clock_timestamp() as now' : 'last_number, prefix';
    for (let opened = false; ; opened = true) {
      const [row] = await em.execute<{ last_number: number; prefix: string; now?: Date | string }[]>(
        `update credit_note_series set last_number = last_number + 1 where issuer_id = ? and year = ? returning ${returning}`,
        [invoice.issuerId, year],
      );
      if (row)
        return { sequence: Number(row.last_number), prefix: row.prefix, now: row.now ? new Date(row.now) : new Date() };
      if (opened) throw new Error(`Could not open the ${year} credit-note series of producer ${invoice.issuerId}.`);
      // The producer's invoice prefix: its credit notes read as its own (the "-AV-" keeps the two series apart).
      const [own] = await em.execute<{ prefix: string }[]>(
        'select prefix from invoice_series where issuer_id = ? order by year desc limit 1',
        [invoice.issuerId],
      );
      const prefix = own?.prefix ?? invoice.number.slice(0, invoice.number.lastIndexOf(`-${invoice.seriesYear}-`));
      await em.execute(
        'insert into credit_note_series (id, issuer_id, year, prefix, last_number) values (?, ?, ?, ?, 0) on conflict do nothing',
        [randomUUID(), invoice.issuerId, year, prefix],
      );
    }
  }

  /** Only right after `increment`, in the same transaction. */
  private async giveBack(em: EntityManager, issuerId: string, year: number): Promise<void> {
    await em.execute('update credit_note_series set last_number = last_number - 1 where issuer_id = ? and year = ?', [
      issuerId,
      year,
    ]);
  }
}
