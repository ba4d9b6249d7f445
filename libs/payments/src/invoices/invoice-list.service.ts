import { Injectable } from '@nestjs/common';
import { AccessPolicy, type AuthUser } from '@app/identity';
import { raw } from '@mikro-orm/core';
import { AppError, UnitOfWork } from '@app/platform';
import { Invoice, InvoiceStatus } from '../entities/invoice.entity';
import { amountDueSql } from './amount-due';
import type { DisputeOutcome } from '../entities/payment-dispute.entity';
import {
  afterInvoiceCursor,
  checkedInvoicePageSize,
  decodeInvoiceCursor,
  encodeInvoiceCursor,
  InvoiceDirection,
  issuePeriod,
  parisMonthsBetween,
} from './invoice-list';

export interface InvoiceListFilter {
  organizationId: string;
  direction: InvoiceDirection;
  status?: InvoiceStatus | null;
  /** YYYY-MM-DD, Paris issue dates, inclusive. */
  from?: string | null;
  to?: string | null;
}

/** The invoices a filter selects, once its caller was allowed: what the page and the monthly totals both read. */
export interface InvoiceScope {
  column: 'issuer_id' | 'buyer_organization_id';
  organizationId: string;
  status?: InvoiceStatus;
  from?: Date;
  to?: Date;
}

export interface InvoicePage {
  items: Invoice[];
  cursors: string[];
  hasNextPage: boolean;
  totalCount: number;
  scope: InvoiceScope;
}

export interface InvoiceMonthTotals {
  month: string;
  invoiceCount: number;
  totalCents: number;
  paidCents: number;
  refundedByBankCents: number;
  dueCents: number;
  overdueCents: number;
  cancelledCents: number;
  creditedCents: number;
}

/**
 * Whether the invoice row `invoice` (a table name or alias) was issued paid by a card payment its buyer's bank took
 * back, a dispute lost (what `Invoice.dispute` says and the web shows as « Remboursée par la banque »): such an invoice
 * is no longer paid. The one condition the `PAID` filter leaves out and the monthly totals count apart
 * (`refundedByBankCents`). One payment per order, one dispute per payment.
 */
export const takenBackByBankSql = (invoice: string): string => {
  const lost: DisputeOutcome = 'LOST';
  return `(${invoice}.payment_method = 'CARD' and exists (select 1 from payment join payment_dispute on payment_dispute.payment_id = payment.id
    where payment.order_id = ${invoice}.order_id and payment_dispute.outcome = '${lost}'))`;
};

/** At most 20 years of months in one answer. */
const MAX_MONTHS = 240;

/** The invoices list (PRODUCT.md §7): a producer's issued invoices, a buyer's received ones, and their monthly totals. */
@Injectable()
export class InvoiceListService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: AccessPolicy,
  ) {}

  /** A page of the organization's invoices, newest issued first; members of the organization (and admins) only. */
  async list(user: AuthUser, filter: InvoiceListFilter, first: number, after?: string | null): Promise<InvoicePage> {
    const size = checkedInvoicePageSize(first);
    const { from, to } = issuePeriod(filter.from, filter.to);
    const cursor = after ? decodeInvoiceCursor(after) : null;
    await this.policy.assertMember(user, filter.organizationId);
    const scope: InvoiceScope = {
      column: filter.direction === InvoiceDirection.ISSUED ? 'issuer_id' : 'buyer_organization_id',
      organizationId: filter.organizationId,
      ...(filter.status ? { status: filter.status } : {}),
      from,
      to,
    };
    const em = this.unitOfWork.em;
    // Each query its own filter: a raw fragment used as a key is consumed by the query it is written in.
    const where = this.whereOf(scope);
    const rows = await em.find(Invoice, cursor ? { $and: [where, afterInvoiceCursor(cursor)] } : where, {
      orderBy: { issuedAt: 'desc', id: 'desc' },
      limit: size + 1,
    });
    const totalCount = await em.count(Invoice, this.whereOf(scope));
    const items = rows.slice(0, size);
    return { items, cursors: items.map(encodeInvoiceCursor), hasNextPage: rows.length > size, totalCount, scope };
  }

  /**
   * The scope's invoices totalled per Paris month of issue, by status, in one SQL aggregate: every month of the
   * period (of the invoices' own span when the period is open), empty months as zeros. Months are bucketed by their
   * Paris-midnight bounds, so PostgreSQL and SQLite agree without time-zone functions.
   */
  async monthlyTotals(scope: InvoiceScope): Promise<InvoiceMonthTotals[]> {
    const em = this.unitOfWork.em;
    const platform = em.getPlatform();
    const asParam = (at: Date) => platform.processDateProperty(at) as unknown;
    const { sql: whereSql, params: whereParams } = this.rawWhereOf(scope, asParam);
    let first = scope.from;
    let last = scope.to ? new Date(scope.to.getTime() - 1) : undefined;
    if (!first || !last) {
      const [span] = await em.execute<{ first: Date | number | string | null; last: Date | number | string | null }[]>(
        `select min(issued_at) as first, max(issued_at) as last from invoice where ${whereSql}`,
        whereParams,
      );
      if (span?.first == null || span.last == null) return [];
      first ??= new Date(typeof span.first === 'string' && /^\d+$/.test(span.first) ? Number(span.first) : span.first);
      last ??= new Date(typeof span.last === 'string' && /^\d+$/.test(span.last) ? Number(span.last) : span.last);
    }
    if (last < first) return [];
    const months = parisMonthsBetween(first, last);
    if (months.length > MAX_MONTHS)
      throw AppError.badInput(
        'from',
        `Monthly totals cover at most ${MAX_MONTHS / 12} years; ask for a shorter period.`,
      );
    const bucket = `case ${months.map((_, index) => `when issued_at < ? then ${index}`).join(' ')} else ${months.length} end`;
    const sumOf = (status: InvoiceStatus, also?: string, amount = 'total_cents') =>
      `sum(case when status = '${status}'${also ? ` and ${also}` : ''} then ${amount} else 0 end)`;
    // What is still owed on an unpaid invoice is its total less its credit notes (`amountDueCents`).
    const owed = amountDueSql('invoice', 'credited.credited_cents');
    // A card invoice is issued paid with its order's card payment; once the buyer's bank took that payment back, it is
    // no longer paid, and counts apart.
    const takenBack = takenBackByBankSql('invoice');
    // The credit notes of each invoice, summed beside it: still one statement, one row per invoice before grouping.
    const rows = await em.execute<Record<string, number | string>[]>(
      `select ${bucket} as bucket, count(*) as invoice_count, sum(total_cents) as total_cents,
         ${sumOf(InvoiceStatus.PAID, `not ${takenBack}`)} as paid_cents,
         ${sumOf(InvoiceStatus.PAID, takenBack)} as refunded_by_bank_cents, ${sumOf(InvoiceStatus.ISSUED, undefined, owed)} as due_cents,
         ${sumOf(InvoiceStatus.OVERDUE, undefined, owed)} as overdue_cents, ${sumOf(InvoiceStatus.CANCELLED)} as cancelled_cents,
         sum(coalesce(credited.credited_cents, 0)) as credited_cents
       from invoice
       left join (select invoice_id, sum(total_cents) as credited_cents from credit_note group by invoice_id) credited on credited.invoice_id = invoice.id
       where ${whereSql} group by bucket`,
      [...months.map((month) => asParam(month.end)), ...whereParams],
    );
    const byBucket = new Map(rows.map((row) => [Number(row.bucket), row]));
    return months.map((month, index) => {
      const row = byBucket.get(index);
      return {
        month: month.month,
        invoiceCount: Number(row?.invoice_count ?? 0),
        totalCents: Number(row?.total_cents ?? 0),
        paidCents: Number(row?.paid_cents ?? 0),
        refundedByBankCents: Number(row?.refunded_by_bank_cents ?? 0),
        dueCents: Number(row?.due_cents ?? 0),
        overdueCents: Number(row?.overdue_cents ?? 0),
        cancelledCents: Number(row?.cancelled_cents ?? 0),
        creditedCents: Number(row?.credited_cents ?? 0),
      };
    });
  }

  /**
   * The scope's selection as a filter. `PAID` means paid and still paid: an invoice whose card payment the buyer's
   * bank took back is left out (`takenBackByBankSql`), as its amount is left out of the totals' `paidCents`.
   */
  private whereOf(scope: InvoiceScope) {
    const issuedAt = { ...(scope.from ? { $gte: scope.from } : {}), ...(scope.to ? { $lt: scope.to } : {}) };
    return {
      ...(scope.column === 'issuer_id'
        ? { issuerId: scope.organizationId }
        : { buyerOrganizationId: scope.organizationId }),
      ...(scope.status ? { status: scope.status } : {}),
      ...(scope.status === InvoiceStatus.PAID
        ? { [raw((alias: string) => `not ${takenBackByBankSql(alias)}`)]: [] }
        : {}),
      ...(scope.from || scope.to ? { issuedAt } : {}),
    };
  }

  /** The same selection as `whereOf`, as SQL for the aggregate. */
  private rawWhereOf(scope: InvoiceScope, asParam: (at: Date) => unknown): { sql: string; params: unknown[] } {
    const clauses = [`${scope.column} = ?`];
    const params: unknown[] = [scope.organizationId];
    const add = (clause: string, param: unknown) => {
      clauses.push(clause);
      params.push(param);
    };
    if (scope.status) add('status = ?', scope.status);
    if (scope.status === InvoiceStatus.PAID) clauses.push(`not ${takenBackByBankSql('invoice')}`);
    if (scope.from) add('issued_at >= ?', asParam(scope.from));
    if (scope.to) add('issued_at < ?', asParam(scope.to));
    return { sql: clauses.join(' and '), params };
  }
}
