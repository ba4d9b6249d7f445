import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import type { AuthUser } from '@app/identity';
import { OrderAccess, PaymentMethod, SupplierOrderStatus, orderSnapshots } from '@app/ordering';
import { APP_CONFIG, type AppConfig, AppError, ErrorCode, UnitOfWork } from '@app/platform';
import { CommissionService } from '../commission/commission.service';
import { Payment } from '../entities/payment.entity';
import { ProducerPayoutAccount } from '../entities/producer-payout-account.entity';
import { lockedPayment, insertIfAbsent } from './payment-ledger';
import { PaymentStatus } from './payment-state';
import { STRIPE_CLIENT, type StripeClient } from './stripe-client';
import { refusalsAsPaymentFailed } from './stripe-errors';

export interface CardPaymentStart {
  paymentIntentId: string;
  clientSecret: string;
  amountCents: number;
  publishableKey: string | null;
}

/**
 * `startCardPayment`: one PaymentIntent per order on the platform account, for the total the server computed
 * (PAY-14). Concurrent calls queue on the payment row and all answer the same intent (PAY-13); every producer of
 * the order must be able to receive its transfer before anything is charged (PAY-20).
 */
@Injectable()
export class CardPaymentService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly orders: OrderAccess,
    @Inject(STRIPE_CLIENT) private readonly stripe: StripeClient | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly commission: CommissionService,
  ) {}

  /** Card payments from the web need Stripe's secrets and the publishable key Stripe.js uses in the browser. */
  available(): boolean {
    return this.stripe !== null && this.publishableKey() !== null;
  }

  private publishableKey(): string | null {
    return this.config.payments.stripe?.publishableKey ?? null;
  }

  async startCardPayment(user: AuthUser, orderId: string): Promise<CardPaymentStart> {
    const order = await this.orders.readableOrder(user, orderId);
    if (!order) throw AppError.notFound('Order');
    const stripe = this.stripe;
    if (!stripe) throw new AppError(ErrorCode.PAYMENTS_NOT_CONFIGURED, 'Card payments are not set up on this server.');
    const em = this.unitOfWork.em;
    const parts = (await orderSnapshots(em, order.id)).filter((part) => part.status !== SupplierOrderStatus.CANCELLED);
    if (parts[0]?.paymentMethod !== undefined && parts[0].paymentMethod !== PaymentMethod.CARD) {
      throw AppError.badInput('orderId', 'This order is paid by invoice.');
    }
    if (parts.length === 0)
      throw new AppError(ErrorCode.INVALID_STATE_TRANSITION, 'This order is cancelled; there is nothing to pay.');
    await this.assertProducersPayable(
      em,
      parts.map((part) => part.producerId),
    );
    const amountCents = parts.reduce((sum, part) => sum + part.totalCents, 0);

    return em.transactional(async (tx) => {
      await insertIfAbsent(
        tx,
        Payment,
        { orderId: order.id, method: 'CARD', amountCents, supplierOrderIds: parts.map((part) => part.supplierOrderId) },
        'orderId',
      );
      const payment = (await lockedPayment(tx, order.id))!;
      if (payment.status !== PaymentStatus.PENDING && payment.status !== PaymentStatus.FAILED) {
        throw new AppError(ErrorCode.CONFLICT, 'This order is already paid (or its payment was cancelled).', {
          status: payment.status,
        });
      }
      // Read again under the lock: a part may have been cancelled since, and the amount must follow until the intent exists.
      const live = (await orderSnapshots(tx, order.id)).filter((part) => part.status !== SupplierOrderStatus.CANCELLED);
      if (live.length === 0)
        throw new AppError(ErrorCode.INVALID_STATE_TRANSITION, 'This order is cancelled; there is nothing to pay.');
      if (!payment.paymentIntentId) {
        payment.amountCents = live.reduce((sum, part) => sum + part.totalCents, 0);
        payment.supplierOrderIds = live.map((part) => part.supplierOrderId);
        // The commission in force when the payment starts is the one its transfers will take, whatever is set later.
        payment.commissionBasisPoints = (await this.commission.current()).basisPoints;
        // A refusal (a card error, any other permanent 4xx) answers PAYMENT_FAILED with Stripe's codes; nothing is kept.
        const intent = await refusalsAsPaymentFailed(() =>
          stripe.paymentIntents.create(
            {
              amount: payment.amountCents,
              currency: 'eur',
              automatic_payment_methods: { enabled: true },
              transfer_group: `order:${order.id}`,
              metadata: { orderId: order.id, orderNumber: order.number },
              description: `Ancrage — commande ${order.number}`,
            },
            { idempotencyKey: `pi:${order.id}` },
          ),
        );
        payment.paymentIntentId = intent.id;
        payment.clientSecret = intent.client_secret ?? undefined;
        await tx.flush();
      }
      return {
        paymentIntentId: payment.paymentIntentId!,
        clientSecret: payment.clientSecret!,
        amountCents: payment.amountCents,
        publishableKey: this.publishableKey(),
      };
    });
  }

  /** Each producer has a Connect account that accepts transfers, as Stripe says now (not as we last heard). */
  private async assertProducersPayable(em: EntityManager, producerIds: string[]): Promise<void> {
    const accounts = new Map(
      (await em.find(ProducerPayoutAccount, { producerId: producerIds })).map((account) => [
        account.producerId,
        account,
      ]),
    );
    for (const producerId of producerIds) {
      const known = accounts.get(producerId);
      const account = known ? await this.stripe!.accounts.retrieve(known.stripeAccountId) : undefined;
      if (!account?.charges_enabled || account.capabilities?.transfers !== 'active') {
        throw new AppError(
          ErrorCode.PRODUCER_NOT_PAYABLE,
          'A producer of this order cannot receive card payments yet; pay by invoice or remove its products.',
          { producerId },
        );
      }
    }
  }
}
