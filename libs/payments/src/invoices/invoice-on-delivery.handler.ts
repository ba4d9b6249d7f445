import {
  PaymentMethod,
  SUPPLIER_ORDER_STATUS_CHANGED,
  SupplierOrderStatus,
  type SupplierOrderStatusChanged,
  supplierOrderSnapshot,
} from '@app/ordering';
import { HandlesJob, type JobContext, type JobHandler } from '@app/platform';
import { InvoiceDrafts } from './invoice-drafts';
import { InvoicePayments } from './invoice-payments';
import { InvoiceService } from './invoice.service';

/**
 * A business order paid by invoice is invoiced when it is delivered, in the producer's name (the platform issues it
 * under a billing mandate). Card orders are invoiced when their payment succeeds, by the card payment flow.
 */
@HandlesJob(SUPPLIER_ORDER_STATUS_CHANGED)
export class InvoiceOnDeliveryHandler implements JobHandler<SupplierOrderStatusChanged> {
  constructor(
    private readonly drafts: InvoiceDrafts,
    private readonly invoices: InvoiceService,
    private readonly payments: InvoicePayments,
  ) {}

  async handle({ supplierOrderId, to }: SupplierOrderStatusChanged, context: JobContext): Promise<void> {
    if (to !== SupplierOrderStatus.DELIVERED) return;
    const em = context.em;
    const snapshot = await supplierOrderSnapshot(em, supplierOrderId);
    if (!snapshot || snapshot.paymentMethod !== PaymentMethod.INVOICE) return;
    await this.invoices.issueAll(em, await this.drafts.of(em, [snapshot]));
    await this.payments.invoiced(em, snapshot.orderId);
  }
}
