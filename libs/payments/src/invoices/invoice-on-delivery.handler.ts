import type { EntityManager } from '@mikro-orm/sql';
import { AuthService, type Organization, OrganizationService } from '@app/identity';
import { PaymentMethod, SUPPLIER_ORDER_DELIVERED, type SupplierOrderDelivered, type SupplierOrderSnapshot, supplierOrderSnapshot } from '@app/ordering';
import { HandlesJob, type JobContext, type JobHandler, OutboxService } from '@app/platform';
import type { InvoiceDraft, InvoiceParty } from './invoice-draft';
import { INVOICE_ISSUED, type InvoiceIssued } from './invoice-events';
import { InvoiceService } from './invoice.service';

/**
 * A business order paid by invoice is invoiced when it is delivered, in the producer's name (the platform issues it
 * under a billing mandate). Card orders are invoiced when their payment succeeds, by the card payment flow.
 */
@HandlesJob(SUPPLIER_ORDER_DELIVERED)
export class InvoiceOnDeliveryHandler implements JobHandler<SupplierOrderDelivered> {
  constructor(
    private readonly invoices: InvoiceService,
    private readonly organizations: OrganizationService,
    private readonly auth: AuthService,
    private readonly outbox: OutboxService,
  ) {}

  async handle({ supplierOrderId }: SupplierOrderDelivered, context: JobContext): Promise<void> {
    const em = context.em as EntityManager;
    const snapshot = await supplierOrderSnapshot(em, supplierOrderId);
    if (!snapshot || snapshot.paymentMethod !== PaymentMethod.INVOICE) return;
    const parties = await this.organizations.findByIds([snapshot.producerId, snapshot.buyerOrganizationId ?? snapshot.producerId], em);
    const seller = parties.find((organization) => organization.id === snapshot.producerId)!;
    const buyerOrganization = parties.find((organization) => organization.id === snapshot.buyerOrganizationId) ?? null;
    const buyerUser = (await this.auth.findUsersByIds([snapshot.buyerUserId], em))[0];
    const draft = invoiceDraftOf(snapshot, partyOf(seller), buyerOrganization ? partyOf(buyerOrganization, snapshot.buyerUserId) : consumerParty(snapshot, buyerUser?.displayName ?? ''));
    const invoice = await this.invoices.issue(em, draft);
    await this.outbox.enqueue(em, INVOICE_ISSUED, { invoiceId: invoice.id } satisfies InvoiceIssued);
  }
}

function partyOf(organization: Organization, userId: string | null = null): InvoiceParty {
  const { address } = organization;
  return {
    organizationId: organization.id,
    userId,
    name: organization.name,
    siret: organization.siret ?? null,
    vatNumber: organization.vatNumber ?? null,
    address: { line1: address.line1, postalCode: address.postalCode, city: address.city ?? '' },
  };
}

function consumerParty(snapshot: SupplierOrderSnapshot, name: string): InvoiceParty {
  return { organizationId: null, userId: snapshot.buyerUserId, name, siret: null, vatNumber: null, address: snapshot.deliveryAddress };
}

/** The supplier order as the invoice shows it: its goods, then its delivery fee as one "Livraison" line per VAT rate. */
export function invoiceDraftOf(snapshot: SupplierOrderSnapshot, seller: InvoiceParty, buyer: InvoiceParty): InvoiceDraft {
  const feeLines = snapshot.feeByRate.map((fee) => ({ name: 'Livraison', unit: 'PIECE' as const, quantityThousandths: 1000, unitPriceCents: fee.totalCents, vatRateBasisPoints: fee.vatRateBasisPoints, totalCents: fee.totalCents }));
  return {
    supplierOrderId: snapshot.supplierOrderId,
    orderId: snapshot.orderId,
    orderNumber: snapshot.orderNumber,
    seller,
    buyer,
    deliveryAddress: snapshot.deliveryAddress,
    deliveryDate: snapshot.deliveredAt,
    lines: [...snapshot.lines, ...feeLines],
    vatByRate: snapshot.vatByRate,
    subtotalCents: snapshot.subtotalCents,
    vatCents: snapshot.vatCents,
    totalCents: snapshot.totalCents,
    paymentMethod: snapshot.paymentMethod,
  };
}
