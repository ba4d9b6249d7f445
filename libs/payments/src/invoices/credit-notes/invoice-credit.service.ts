import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AccessPolicy, type AuthUser, OrganizationKind } from '@app/identity';
import { AppError, AuditLog, ErrorCode, isUuid, UnitOfWork } from '@app/platform';
import { Invoice, InvoiceStatus } from '../../entities/invoice.entity';
import { CreditNote } from './credit-note.entity';
import { CreditNoteService } from './credit-note.service';
import { creditableCents } from './creditable';

/** What the producer asks for: part or all of one of its invoices credited, and why. */
export interface InvoiceCreditRequest {
  invoiceId: string;
  /** VAT included. */
  amountCents: number;
  reason: string;
  /** The same key sent again (a double submit, a retry) answers the credit note it issued, never a second one. */
  idempotencyKey?: string | null;
}

const REASON_MAX = 500;
const KEY_MAX = 100;

/** 12.50 €: the euros of an English message (the pages word it in French). */
const eurosText = (cents: number) => `${(cents / 100).toFixed(2)} €`;

/**
 * `creditInvoice`: a producer's member (or a platform admin, audited) gives a credit note (avoir) on one of its
 * invoices paid by transfer — goods damaged at delivery, a line missing — for part or all of what is not credited yet.
 * The credit note itself is CreditNoteService's: numbered gapless, capped, immutable, the buyer told, a wholly
 * credited invoice CANCELLED.
 */
@Injectable()
export class InvoiceCreditService {
  private readonly logger = new Logger('InvoiceCredits');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly creditNotes: CreditNoteService,
    private readonly audit: AuditLog,
  ) {}

  async creditInvoice(user: AuthUser, request: InvoiceCreditRequest): Promise<CreditNote> {
    const reason = request.reason.trim();
    if (!reason)
      throw AppError.badInput('reason', 'Say why the invoice is credited: the reason is printed on the credit note.');
    if (reason.length > REASON_MAX)
      throw AppError.badInput('reason', `The reason must not exceed ${REASON_MAX} characters.`);
    const key = request.idempotencyKey?.trim();
    if (request.idempotencyKey != null && (!key || key.length > KEY_MAX))
      throw AppError.badInput('idempotencyKey', `The idempotency key must have between 1 and ${KEY_MAX} characters.`);

    const invoice = await this.issuedBy(user, request.invoiceId);
    const sourceKey = `credit:${invoice.id}:${key || randomUUID()}`;
    const earlier = key ? await this.unitOfWork.em.findOne(CreditNote, { sourceKey }) : null;
    if (earlier) return this.replayed(earlier, request.amountCents, reason);

    // INVALID_STATE_TRANSITION, not BAD_USER_INPUT: no amount or reason the producer could type would make it right.
    // The invoice's payment (or its being cancelled) is what forbids crediting it; BAD_USER_INPUT names a field to
    // correct, and these have none (PRODUCT.md §3 uses INVALID_STATE_TRANSITION for what an object's state refuses).
    if (invoice.paymentMethod === 'CARD')
      throw new AppError(
        ErrorCode.INVALID_STATE_TRANSITION,
        `Invoice ${invoice.number} was paid by card: its money goes back through a refund of the card payment, which issues the credit note.`,
        { reason: 'PAID_BY_CARD' },
      );
    if (invoice.status === InvoiceStatus.CANCELLED)
      throw new AppError(
        ErrorCode.INVALID_STATE_TRANSITION,
        `Invoice ${invoice.number} is cancelled: nothing is left to credit on it.`,
        { reason: 'INVOICE_CANCELLED' },
      );
    const notes = await this.unitOfWork.em.find(CreditNote, { invoiceId: invoice.id });
    const maximum = creditableCents(
      invoice,
      notes.reduce((sum, note) => sum + note.totalCents, 0),
    );
    this.assertAmount(invoice, request.amountCents, maximum);

    const auditedAdmin = user.isPlatformAdmin && !(await this.policy.roleOf(user, invoice.issuerId));
    const note = await this.unitOfWork.transactional(async (em) => {
      const { note: issued, issuedNow } = await this.creditNotes.creditOnce(em, {
        supplierOrderId: invoice.supplierOrderId,
        amountCents: request.amountCents,
        reason,
        sourceKey,
      });
      // creditOnce caps at what is left once it holds the series lock: another credit note issued since the checks
      // above left less. Throwing rolls the transaction back, the number with it (no gap).
      if (!issued)
        throw new AppError(
          ErrorCode.INVALID_STATE_TRANSITION,
          `Invoice ${invoice.number} was wholly credited meanwhile: nothing is left to credit on it.`,
          { reason: 'INVOICE_CANCELLED' },
        );
      if (!issuedNow) return issued;
      this.assertAmount(invoice, request.amountCents, issued.totalCents);
      if (auditedAdmin) {
        this.audit.record(em, {
          actorId: user.id,
          action: 'invoice.credited',
          targetType: 'Invoice',
          targetId: invoice.id,
          reason,
          details: { creditNoteId: issued.id, amountCents: issued.totalCents },
        });
        await em.flush();
      }
      return issued;
    });
    // The same key sent twice at once: the second waited for the first's lock and was answered its credit note.
    if (note.totalCents !== request.amountCents || note.reason !== reason)
      return this.replayed(note, request.amountCents, reason);
    this.logger.log(
      { event: 'invoice.credited', invoiceId: invoice.id, creditNoteId: note.id, userId: user.id },
      'Invoice credited',
    );
    return note;
  }

  /** The invoice, for the members of its issuer (and platform admins); NOT_FOUND for anyone else, its buyer too. */
  private async issuedBy(user: AuthUser, invoiceId: string): Promise<Invoice> {
    const invoice = isUuid(invoiceId) ? await this.unitOfWork.em.findOne(Invoice, invoiceId) : null;
    if (!invoice) throw AppError.notFound('Invoice');
    await this.policy
      .assertMember(user, invoice.issuerId, { kinds: [OrganizationKind.PRODUCER] })
      .catch((error: unknown) => {
        // The buyer reads the invoice and its credit notes, but only its producer credits it.
        throw error instanceof AppError && error.code === ErrorCode.NOT_FOUND ? AppError.notFound('Invoice') : error;
      });
    return invoice;
  }

  private assertAmount(invoice: Invoice, amountCents: number, maximum: number): void {
    if (Number.isSafeInteger(amountCents) && amountCents > 0 && amountCents <= maximum) return;
    throw new AppError(
      ErrorCode.BAD_USER_INPUT,
      `The amount to credit must be more than 0 and at most ${eurosText(maximum)}: what is left of invoice ${invoice.number} once its credit notes are taken off.`,
      { field: 'amountCents', maximumCents: maximum },
    );
  }

  /** The credit note an earlier request with the same key issued, if this is the same request. */
  private replayed(note: CreditNote, amountCents: number, reason: string): CreditNote {
    if (note.totalCents === amountCents && note.reason === reason) return note;
    throw new AppError(
      ErrorCode.CONFLICT,
      'This idempotency key was already used for another credit note; use a new key for a new credit note.',
      { field: 'idempotencyKey' },
    );
  }
}
