import { Inject, Injectable } from '@nestjs/common';
import { UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { AccessPolicy, type AuthUser, OrganizationKind } from '@app/identity';
import { APP_CONFIG, type AppConfig, AppError, ErrorCode, isUuid, UnitOfWork } from '@app/platform';
import { PaymentMethod } from '../entities/order.entity';
import { SupplierOrder } from '../entities/supplier-order.entity';
import { SupplierOrderStatus } from '../lifecycle/supplier-order-state';
import { type InvoiceRefusal, invoiceRefusal, invoiceRefusalMessage, newBuyerCapOf } from './invoice-credit';
import { ProducerSalesTerms, RefusedInvoiceBuyer } from './invoice-terms.entity';

/** The most a producer may set as its cap for new buyers: 1,000,000.00 €. */
export const MAX_NEW_BUYER_INVOICE_CAP_CENTS = 100_000_000;

export interface SalesTermsValue {
  producerId: string;
  /** The cap in force: the producer's own, else the platform's. */
  newBuyerInvoiceCapCents: number;
  /** The producer's own cap, null when it keeps the platform's. */
  ownNewBuyerInvoiceCapCents: number | null;
  defaultNewBuyerInvoiceCapCents: number;
}

/** One producer's part of an invoice order, as checkout prices it. */
export interface InvoicePartValues {
  producerId: string;
  producerName: string;
  totalCents: number;
}

/**
 * Issue #20 item 4: a producer's terms for invoice payment (its cap for new buyers, the buyers it refused) and the
 * check `placeOrder` makes before writing an invoice order (the rule itself is `invoiceRefusal`).
 */
@Injectable()
export class InvoiceTermsService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: AccessPolicy,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  private get defaultCapCents(): number {
    return this.config.payments.newBuyerInvoiceCapCents;
  }

  async termsOf(user: AuthUser, producerId: string): Promise<SalesTermsValue> {
    await this.policy.assertMember(user, producerId, { kinds: [OrganizationKind.PRODUCER] });
    const terms = await this.unitOfWork.em.findOne(ProducerSalesTerms, { producerId });
    return this.valueOf(producerId, terms?.newBuyerInvoiceCapCents ?? null);
  }

  /** Sets the producer's cap for new buyers; null goes back to the platform's default. */
  async update(
    user: AuthUser,
    producerId: string,
    input: { newBuyerInvoiceCapCents?: number | null },
  ): Promise<SalesTermsValue> {
    await this.policy.assertMember(user, producerId, { kinds: [OrganizationKind.PRODUCER] });
    const cap = input.newBuyerInvoiceCapCents ?? null;
    if (cap !== null && (!Number.isInteger(cap) || cap < 0 || cap > MAX_NEW_BUYER_INVOICE_CAP_CENTS)) {
      throw AppError.badInput(
        'newBuyerInvoiceCapCents',
        'The cap for new buyers is between 0 and 1,000,000.00 €, in cents.',
      );
    }
    const em = this.unitOfWork.em;
    const terms =
      (await em.findOne(ProducerSalesTerms, { producerId })) ?? em.create(ProducerSalesTerms, { producerId });
    terms.newBuyerInvoiceCapCents = cap;
    terms.updatedAt = new Date();
    await em.flush();
    return this.valueOf(producerId, cap);
  }

  private valueOf(producerId: string, own: number | null): SalesTermsValue {
    return {
      producerId,
      newBuyerInvoiceCapCents: newBuyerCapOf(own, this.defaultCapCents),
      ownNewBuyerInvoiceCapCents: own,
      defaultNewBuyerInvoiceCapCents: this.defaultCapCents,
    };
  }

  /** The businesses the producer refused invoice payment from, latest first. */
  async refusedBuyers(producerId: string): Promise<RefusedInvoiceBuyer[]> {
    return this.unitOfWork.em.find(RefusedInvoiceBuyer, { producerId }, { orderBy: { refusedAt: 'desc', id: 'asc' } });
  }

  /**
   * Refuses (allowed false) or allows again invoice payment from a business that ordered from this producer; any
   * other organization is NOT_FOUND (a producer only names the buyers it knows). Answers the producer's terms.
   */
  async setBuyerInvoicePayment(
    user: AuthUser,
    producerId: string,
    buyerOrganizationId: string,
    allowed: boolean,
  ): Promise<SalesTermsValue> {
    await this.policy.assertMember(user, producerId, { kinds: [OrganizationKind.PRODUCER] });
    const em = this.unitOfWork.em;
    if (!isUuid(buyerOrganizationId) || (await em.count(SupplierOrder, { producerId, buyerOrganizationId })) === 0) {
      throw AppError.notFound('Buyer');
    }
    const existing = await em.findOne(RefusedInvoiceBuyer, { producerId, buyerOrganizationId });
    if (allowed && existing) {
      em.remove(existing);
      await em.flush();
    } else if (!allowed && !existing) {
      em.create(RefusedInvoiceBuyer, { producerId, buyerOrganizationId, refusedByUserId: user.id });
      // Two refusals at once: the second finds the first's row, which is what it asked for.
      await em.flush().catch((error: unknown) => {
        if (!(error instanceof UniqueConstraintViolationException)) throw error;
      });
    }
    return this.termsOf(user, producerId);
  }

  /** The first refusal among these parts of an invoice order by `buyerOrganizationId`, or null. */
  async refusalOf(
    em: EntityManager,
    buyerOrganizationId: string,
    parts: InvoicePartValues[],
  ): Promise<InvoiceRefusal | null> {
    if (parts.length === 0) return null;
    const producerIds = parts.map((part) => part.producerId);
    const [terms, refused, delivered, open] = await Promise.all([
      em.find(ProducerSalesTerms, { producerId: { $in: producerIds } }),
      em.find(RefusedInvoiceBuyer, { producerId: { $in: producerIds }, buyerOrganizationId }),
      em.find(
        SupplierOrder,
        { producerId: { $in: producerIds }, buyerOrganizationId, status: SupplierOrderStatus.DELIVERED },
        { fields: ['producerId'] },
      ),
      em.find(
        SupplierOrder,
        {
          producerId: { $in: producerIds },
          buyerOrganizationId,
          status: { $nin: [SupplierOrderStatus.DELIVERED, SupplierOrderStatus.CANCELLED] },
          order: { paymentMethod: PaymentMethod.INVOICE },
        },
        { fields: ['producerId', 'totalCents'] },
      ),
    ]);
    for (const part of parts) {
      const refusal = invoiceRefusal({
        producerId: part.producerId,
        producerName: part.producerName,
        partCents: part.totalCents,
        openInvoiceCents: open
          .filter((order) => order.producerId === part.producerId)
          .reduce((sum, order) => sum + order.totalCents, 0),
        deliveredBefore: delivered.some((order) => order.producerId === part.producerId),
        refused: refused.some((row) => row.producerId === part.producerId),
        capCents: newBuyerCapOf(
          terms.find((row) => row.producerId === part.producerId)?.newBuyerInvoiceCapCents,
          this.defaultCapCents,
        ),
      });
      if (refusal) return refusal;
    }
    return null;
  }

  /** placeOrder's check, before anything is written: BAD_USER_INPUT on paymentMethod, naming the producer. */
  async assertInvoiceAllowed(buyerOrganizationId: string, parts: InvoicePartValues[]): Promise<void> {
    const refusal = await this.refusalOf(this.unitOfWork.em, buyerOrganizationId, parts);
    if (!refusal) return;
    const details =
      refusal.reason === 'NEW_BUYER_INVOICE_CAP'
        ? { capCents: refusal.capCents, openInvoiceCents: refusal.openInvoiceCents }
        : {};
    throw new AppError(ErrorCode.BAD_USER_INPUT, invoiceRefusalMessage(refusal), {
      field: 'paymentMethod',
      reason: refusal.reason,
      producerId: refusal.producerId,
      producerName: refusal.producerName,
      ...details,
    });
  }
}
