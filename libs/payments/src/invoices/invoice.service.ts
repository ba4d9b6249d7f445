import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { PostgreSqlPlatform } from '@mikro-orm/postgresql';
import type { EntityManager } from '@mikro-orm/sql';
import { AccessPolicy, type AuthUser, OrganizationKind } from '@app/identity';
import { AppError, ErrorCode, isUuid, OutboxService, parisMidnight, UnitOfWork } from '@app/platform';
import { Invoice, InvoiceStatus } from '../entities/invoice.entity';
import { dueDateOf, parisDate } from './invoice-dates';
import { assertConsistentDraft, type InvoiceDocument, type InvoiceDraft } from './invoice-draft';
import { INVOICE_ISSUED, type InvoiceIssued } from './invoice-events';
import { InvoicePayments } from './invoice-payments';
import { formatInvoiceNumber, invoicePrefixOf, invoiceYear, prefixCandidates } from './invoice-number';

interface TakenNumber {
  year: number;
  sequence: number;
  prefix: string;
  issuedAt: Date;
}

const PAYABLE = [InvoiceStatus.ISSUED, InvoiceStatus.OVERDUE];

/** When a payment recorded for `paidOn` arrived: now for today or no day; else Paris midnight of that day. */
function paymentInstant(invoice: Invoice, paidOn?: string | null): Date {
  const now = new Date();
  if (!paidOn || paidOn === parisDate(now)) return now;
  if (paidOn > parisDate(now))
    throw AppError.badInput('paidOn', 'A payment cannot be recorded for a day still to come.');
  if (paidOn < parisDate(invoice.issuedAt))
    throw AppError.badInput(
      'paidOn',
      `The invoice was issued on ${parisDate(invoice.issuedAt)}: it cannot have been paid before.`,
    );
  return parisMidnight(paidOn);
}

/** Invoices in the producers' names: issued gapless, read by the parties only, marked paid by the producer. */
@Injectable()
export class InvoiceService {
  private readonly logger = new Logger('Invoices');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly outbox: OutboxService,
    private readonly payments: InvoicePayments,
  ) {}

  /**
   * Issues the invoice of a supplier order inside the caller's transaction `em`, or returns the one already issued.
   * The number is taken from the producer's series row, which stays locked until the caller commits: the next
   * issuer of this producer waits, and a rollback gives the number back, so the series never has a gap (DATA-03).
   * Issue as late as possible in the transaction: the producer's other issuers wait until it ends.
   */
  async issue(em: EntityManager, draft: InvoiceDraft): Promise<Invoice> {
    const existing = await em.findOne(Invoice, { supplierOrderId: draft.supplierOrderId });
    if (existing) return existing;
    assertConsistentDraft(draft);
    const issuerId = draft.seller.organizationId!;
    const taken = await this.takeNumber(em, issuerId, draft.seller.name, draft.issuedAt);

    // A concurrent issue for the same supplier order may have committed while this one waited for the lock.
    const raced = await em.findOne(Invoice, { supplierOrderId: draft.supplierOrderId });
    if (raced) {
      await this.giveBack(em, issuerId, taken.year);
      return raced;
    }

    const { issuedAt } = taken;
    const deliveryDate = draft.deliveryDate ? parisDate(draft.deliveryDate) : null;
    const paidByCard = draft.paymentMethod === 'CARD';
    const { issuedAt: _requested, deliveryDate: _delivered, ...snapshot } = draft;
    const document: InvoiceDocument = { ...snapshot, deliveryDate, issuedAt: issuedAt.toISOString() };
    const invoice = em.create(Invoice, {
      number: formatInvoiceNumber(taken.prefix, taken.year, taken.sequence),
      issuerId,
      seriesYear: taken.year,
      sequence: taken.sequence,
      supplierOrderId: draft.supplierOrderId,
      orderId: draft.orderId,
      buyerOrganizationId: draft.buyer.organizationId,
      buyerUserId: draft.buyer.userId!,
      paymentMethod: draft.paymentMethod,
      issuedAt,
      deliveryDate,
      dueDate: dueDateOf(draft.paymentMethod, issuedAt, draft.deliveryDate),
      subtotalCents: draft.subtotalCents,
      vatCents: draft.vatCents,
      totalCents: draft.totalCents,
      status: paidByCard ? InvoiceStatus.PAID : InvoiceStatus.ISSUED,
      paidAt: paidByCard ? issuedAt : null,
      document,
    });
    await em.persist(invoice).flush();
    await this.outbox.enqueue(em, INVOICE_ISSUED, { invoiceId: invoice.id } satisfies InvoiceIssued);
    return invoice;
  }

  /**
   * Several invoices in one transaction (a card checkout across producers). The series are locked in one order,
   * by producer, so that two checkouts naming the same producers the other way round never deadlock.
   */
  async issueAll(em: EntityManager, drafts: InvoiceDraft[]): Promise<Invoice[]> {
    const bySeller = [...drafts].sort((a, b) =>
      (a.seller.organizationId ?? '').localeCompare(b.seller.organizationId ?? ''),
    );
    const issued = new Map<string, Invoice>();
    for (const draft of bySeller) issued.set(draft.supplierOrderId, await this.issue(em, draft));
    return drafts.map((draft) => issued.get(draft.supplierOrderId)!);
  }

  /** The producer records that a business paid its invoice, on `paidOn` (a Paris day; now when left out). */
  async markPaid(user: AuthUser, id: string, paidOn?: string | null): Promise<Invoice> {
    const invoice = await this.findOrNotFound(id);
    await this.policy
      .assertMember(user, invoice.issuerId, { kinds: [OrganizationKind.PRODUCER] })
      .catch((error: unknown) => {
        // The buyer may read the invoice but not settle it: for anyone but the producer, there is no such invoice.
        throw error instanceof AppError && error.code === ErrorCode.NOT_FOUND ? AppError.notFound('Invoice') : error;
      });
    const paidAt = paymentInstant(invoice, paidOn);
    const current = await this.unitOfWork.transactional(async (em) => {
      // Conditional, so that two clicks or two members at once cannot both succeed.
      const updated = await em.nativeUpdate(
        Invoice,
        { id, status: { $in: PAYABLE } },
        { status: InvoiceStatus.PAID, paidAt },
      );
      const now = await em.findOneOrFail(Invoice, id, { refresh: true });
      if (!updated) {
        throw new AppError(
          ErrorCode.INVALID_STATE_TRANSITION,
          `Invoice ${now.number} is ${now.status.toLowerCase()}: only an issued or overdue invoice can be marked paid.`,
        );
      }
      await this.payments.settleIfAllPaid(em, now.orderId);
      return now;
    });
    this.logger.log({ event: 'invoice.paid', invoiceId: id, userId: user.id }, 'Invoice marked paid');
    return current;
  }

  /** The invoice, for the seller's members, the buyer organization's members, or the consumer who bought. */
  async findReadable(user: AuthUser, id: string): Promise<Invoice> {
    const invoice = await this.findOrNotFound(id);
    const buyerMay = invoice.buyerOrganizationId
      ? () => this.policy.isMember(user, invoice.buyerOrganizationId!)
      : async () => invoice.buyerUserId === user.id;
    if ((await this.policy.isMember(user, invoice.issuerId)) || (await buyerMay())) return invoice;
    throw this.refused(user, id);
  }

  /** For a DataLoader: the caller has already been allowed to read these supplier orders. */
  findBySupplierOrderIds(ids: readonly string[]): Promise<Invoice[]> {
    const wanted = [...new Set(ids)].filter(isUuid);
    return wanted.length ? this.unitOfWork.em.find(Invoice, { supplierOrderId: wanted }) : Promise.resolve([]);
  }

  private async findOrNotFound(id: string): Promise<Invoice> {
    const invoice = isUuid(id) ? await this.unitOfWork.em.findOne(Invoice, id) : null;
    if (!invoice) throw AppError.notFound('Invoice');
    return invoice;
  }

  private refused(user: AuthUser, invoiceId: string): AppError {
    this.logger.warn({ event: 'authorization.refused', userId: user.id, invoiceId }, 'Not a party to the invoice');
    return AppError.notFound('Invoice');
  }

  /**
   * The next number of the producer's series for the year of issue. Without a requested date, the invoice is dated
   * once the lock is held, so that numbers and dates rise together; if waiting for the lock crossed midnight on
   * 31 December, the number is given back and taken again in the new year's series.
   */
  private async takeNumber(
    em: EntityManager,
    issuerId: string,
    sellerName: string,
    requestedAt?: Date,
  ): Promise<TakenNumber> {
    for (let attempt = 0; ; attempt++) {
      const year = invoiceYear(requestedAt ?? new Date());
      const { sequence, prefix, now } = await this.increment(em, issuerId, year, sellerName);
      const issuedAt = requestedAt ?? now;
      if (invoiceYear(issuedAt) === year || attempt > 0) return { year, sequence, prefix, issuedAt };
      await this.giveBack(em, issuerId, year);
    }
  }

  /** `last_number + 1`, opening the series first when this is the producer's first invoice of the year. */
  private async increment(em: EntityManager, issuerId: string, year: number, sellerName: string) {
    const postgres = em.getPlatform() instanceof PostgreSqlPlatform;
    // PostgreSQL's clock, read under the lock: one clock for every API instance.
    const returning = postgres ? 'last_number, prefix, clock_timestamp() as now' : 'last_number, prefix';
    const tried = new Set<string>();
    for (;;) {
      const [row] = await em.execute<{ last_number: number; prefix: string; now?: Date | string }[]>(
        `update invoice_series set last_number = last_number + 1 where issuer_id = ? and year = ? returning ${returning}`,
        [issuerId, year],
      );
      if (row)
        return { sequence: Number(row.last_number), prefix: row.prefix, now: row.now ? new Date(row.now) : new Date() };
      if (tried.size >= 3) throw new Error(`Could not open the ${year} invoice series of producer ${issuerId}.`);
      const prefix = await this.choosePrefix(em, issuerId, sellerName, tried);
      tried.add(prefix);
      // Nothing when a concurrent issuer opened the series first, or took this prefix for the year: the loop sees.
      await em.execute(
        'insert into invoice_series (id, issuer_id, year, prefix, last_number) values (?, ?, ?, ?, 0) on conflict do nothing',
        [randomUUID(), issuerId, year, prefix],
      );
    }
  }

  /** The producer keeps its prefix from year to year; a new producer gets one no other producer has. */
  private async choosePrefix(
    em: EntityManager,
    issuerId: string,
    sellerName: string,
    tried: Set<string>,
  ): Promise<string> {
    const [own] = await em.execute<{ prefix: string }[]>(
      'select prefix from invoice_series where issuer_id = ? order by year desc limit 1',
      [issuerId],
    );
    if (own && !tried.has(own.prefix)) return own.prefix;
    const { stem, candidates } = prefixCandidates(invoicePrefixOf(sellerName));
    const others = await em.execute<{ prefix: string }[]>(
      'select distinct prefix from invoice_series where issuer_id <> ? and prefix like ?',
      [issuerId, `${stem}%`],
    );
    const taken = new Set(others.map((row) => row.prefix));
    const free = candidates.find((candidate) => !taken.has(candidate) && !tried.has(candidate));
    if (!free) throw new Error(`No free invoice prefix left for "${sellerName}".`);
    return free;
  }

  /** Only right after `increment`, in the same transaction: the row lock guarantees nobody took a later number. */
  private async giveBack(em: EntityManager, issuerId: string, year: number): Promise<void> {
    await em.execute('update invoice_series set last_number = last_number - 1 where issuer_id = ? and year = ?', [
      issuerId,
      year,
    ]);
  }
}
