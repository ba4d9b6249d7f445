import { Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { SupplierOrderStatus, orderSnapshots } from '@app/ordering';
import { applyPaymentEvent, lockedPayment, insertIfAbsent } from '../card/payment-ledger';
import { PaymentEvent } from '../card/payment-state';
import { Invoice, InvoiceStatus } from '../entities/invoice.entity';
import { Payment } from '../entities/payment.entity';

/** The payment of a business order paid by invoice: INVOICED once invoiced, PAID once every invoice is paid. */
@Injectable()
export class InvoicePayments {
  async invoiced(em: EntityManager, orderId: string): Promise<void> {
    const live = (await orderSnapshots(em, orderId)).filter((part) => part.status !== SupplierOrderStatus.CANCELLED);
    const amountCents = live.reduce((sum, part) => sum + part.totalCents, 0);
    await insertIfAbsent(
      em,
      Payment,
      { orderId, method: 'INVOICE', amountCents, supplierOrderIds: live.map((part) => part.supplierOrderId) },
      'orderId',
    );
    const payment = (await lockedPayment(em, orderId))!;
    payment.amountCents = amountCents;
    payment.supplierOrderIds = live.map((part) => part.supplierOrderId);
    applyPaymentEvent(payment, PaymentEvent.INVOICED);
    await em.flush();
  }

  async settleIfAllPaid(em: EntityManager, orderId: string): Promise<void> {
    const live = (await orderSnapshots(em, orderId)).filter((part) => part.status !== SupplierOrderStatus.CANCELLED);
    const paid = await em.count(Invoice, {
      supplierOrderId: live.map((part) => part.supplierOrderId),
      status: InvoiceStatus.PAID,
    });
    if (paid < live.length) return;
    const payment = await lockedPayment(em, orderId);
    if (payment && applyPaymentEvent(payment, PaymentEvent.INVOICES_PAID)) await em.flush();
  }
}
