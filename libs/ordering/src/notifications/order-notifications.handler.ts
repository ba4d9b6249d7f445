import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { AuthService, OrganizationService } from '@app/identity';
import {
  APP_CONFIG,
  type AppConfig,
  eurosText,
  HandlesJob,
  type JobContext,
  type JobHandler,
  MailerService,
} from '@app/platform';
import { quantityText } from '../checkout/cart-pricing';
import { Order } from '../entities/order.entity';
import type { OrderLine } from '../entities/order-line.entity';
import { SupplierOrder } from '../entities/supplier-order.entity';
import { SupplierOrderStatus } from '../lifecycle/supplier-order-state';
import { PAYMENT_EXPIRED } from '../lifecycle/supplier-order-payment';
import {
  ORDER_PLACED,
  type OrderPlaced,
  SUPPLIER_ORDER_STATUS_CHANGED,
  type SupplierOrderStatusChanged,
} from '../ordering-events';

const STATUS_WORDS: Record<SupplierOrderStatus, string> = {
  PLACED: 'reçue',
  CONFIRMED: 'confirmée par le producteur',
  READY: 'prête',
  SHIPPED: 'en route',
  DELIVERED: 'livrée',
  CANCELLED: 'annulée',
};

/** Who hears about an order (the buyer, and the members of each producer concerned), and the pages its e-mails link to. */
@Injectable()
export class OrderRecipients {
  constructor(
    private readonly auth: AuthService,
    private readonly organizations: OrganizationService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The buyer's page of the order (the web's `/commandes/:id`). */
  orderPage(orderId: string): string {
    return `${this.config.payments.publicAppUrl}/commandes/${orderId}`;
  }

  /** The producer's orders to prepare (the web's `/producteur`). */
  producerOrdersPage(): string {
    return `${this.config.payments.publicAppUrl}/producteur`;
  }

  async buyerEmail(em: EntityManager, order: Order): Promise<string | undefined> {
    return (await this.auth.findUsersByIds([order.buyerUserId]))[0]?.email;
  }

  async memberEmails(em: EntityManager, organizationId: string): Promise<string[]> {
    return (await this.organizations.membersOf(organizationId)).map((membership) => membership.user.email);
  }
}

/** Order placed: a summary to the buyer, and to each producer the part it has to prepare. */
@HandlesJob(ORDER_PLACED)
export class OrderPlacedNotification implements JobHandler<OrderPlaced> {
  constructor(
    private readonly mailer: MailerService,
    private readonly recipients: OrderRecipients,
  ) {}

  async handle({ orderId }: OrderPlaced, context: JobContext): Promise<void> {
    const em = context.em;
    const order = await em.findOne(Order, orderId, { populate: ['supplierOrders.lines'] });
    if (!order) return;
    const buyer = await this.recipients.buyerEmail(em, order);
    if (buyer) {
      await this.mailer.sendOnce(context, {
        to: buyer,
        subject: `Commande ${order.number} enregistrée`,
        text: [
          `Votre commande ${order.number} de ${eurosText(order.totalCents)} TTC est transmise à ${order.supplierOrders.length} producteur(s).`,
          '',
          `Suivez-la dans «\u00a0Mes commandes\u00a0»\u00a0: ${this.recipients.orderPage(order.id)}`,
        ].join('\n'),
      });
    }
    for (const part of order.supplierOrders) {
      const lines = part.lines.getItems().map(lineText);
      for (const to of await this.recipients.memberEmails(em, part.producerId)) {
        await this.mailer.sendOnce(context, {
          to,
          subject: `Nouvelle commande ${order.number}`,
          text: [
            `Nouvelle commande ${order.number} (${eurosText(part.totalCents)} TTC, ${part.delivery.label})\u00a0:`,
            ...lines,
            '',
            `Confirmez-la dans vos commandes\u00a0: ${this.recipients.producerOrdersPage()}`,
          ].join('\n'),
        });
      }
    }
  }
}

/** A supplier order moved: the buyer hears of it. */
@HandlesJob(SUPPLIER_ORDER_STATUS_CHANGED)
export class SupplierOrderStatusNotification implements JobHandler<SupplierOrderStatusChanged> {
  constructor(
    private readonly mailer: MailerService,
    private readonly recipients: OrderRecipients,
  ) {}

  async handle({ supplierOrderId, to, actor, reason }: SupplierOrderStatusChanged, context: JobContext): Promise<void> {
    const em = context.em;
    const part = await em.findOne(SupplierOrder, supplierOrderId, { populate: ['order', 'lines'] });
    if (!part) return;
    // The buyer dropped this producer's part: the producer stops preparing it.
    if (to === SupplierOrderStatus.CANCELLED && actor === 'BUYER') await this.tellProducer(em, part, reason, context);
    const buyer = await this.recipients.buyerEmail(em, part.order);
    if (!buyer) return;
    await this.mailer.sendOnce(context, {
      to: buyer,
      subject: `Commande ${part.order.number}\u00a0: ${STATUS_WORDS[to]}`,
      text: [
        `La part de votre commande ${part.order.number} livrée par «\u00a0${part.delivery.label}\u00a0» est ${STATUS_WORDS[to]}.`,
        ...(reason === PAYMENT_EXPIRED
          ? [
              'Le paiement par carte n’a pas été reçu à temps\u00a0: les produits sont remis en vente. Un paiement arrivé depuis vous est remboursé.',
            ]
          : []),
        '',
        `Le détail de la commande\u00a0: ${this.recipients.orderPage(part.order.id)}`,
      ].join('\n'),
    });
  }

  private async tellProducer(
    em: EntityManager,
    part: SupplierOrder,
    reason: string | null | undefined,
    context: JobContext,
  ): Promise<void> {
    const lines = part.lines.getItems().map(lineText);
    for (const to of await this.recipients.memberEmails(em, part.producerId)) {
      await this.mailer.sendOnce(context, {
        to,
        subject:
          reason === PAYMENT_EXPIRED
            ? `Commande ${part.order.number} annulée\u00a0: paiement non reçu`
            : `Commande ${part.order.number} annulée par le client`,
        text: [
          reason === PAYMENT_EXPIRED
            ? `Le client n’a pas payé à temps votre part de la commande ${part.order.number} (${eurosText(part.totalCents)} TTC, ${part.delivery.label})\u00a0: elle est annulée, ne la préparez pas.`
            : `Le client a annulé votre part de la commande ${part.order.number} (${eurosText(part.totalCents)} TTC, ${part.delivery.label})\u00a0: ne la préparez pas.`,
          ...(reason && reason !== PAYMENT_EXPIRED ? [`Motif\u00a0: ${reason}`] : []),
          '',
          'Produits remis en stock\u00a0:',
          ...lines,
          '',
          `Vos commandes\u00a0: ${this.recipients.producerOrdersPage()}`,
        ].join('\n'),
      });
    }
  }
}

/** A line as a producer reads it in an e-mail: « - Carottes : 2,5 kg », « - Œufs : 12 pièces ». */
const lineText = (line: OrderLine): string =>
  `- ${line.name}\u00a0: ${quantityText(line.quantityThousandths, line.unit)}`;
