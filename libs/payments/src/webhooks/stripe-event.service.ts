import { Inject, Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import type Stripe from 'stripe';
import { markCardPartsPaid } from '@app/ordering';
import { APP_CONFIG, type AppConfig, OutboxService, UnitOfWork } from '@app/platform';
import { DisputesService } from '../card/disputes.service';
import { applyPaymentEvent, lockedPayment } from '../card/payment-ledger';
import { PaymentEvent, PaymentStatus } from '../card/payment-state';
import { isLiveKey } from '../card/stripe-client';
import { Payment } from '../entities/payment.entity';
import { ProducerPayoutAccount } from '../entities/producer-payout-account.entity';
import { ORDER_PAID, type OrderPaid } from '../payments-events';

type StripeWebhookEvent = Stripe.Event;

const PAYMENT_INTENT_EVENTS: Readonly<Record<string, PaymentEvent>> = {
  'payment_intent.succeeded': PaymentEvent.SUCCEEDED,
  'payment_intent.payment_failed': PaymentEvent.FAILED,
  'payment_intent.canceled': PaymentEvent.CANCELLED,
};

/**
 * A chargeback's events (PAY-17; RELIABILITY.md §Disputes); the disputed charge says whose payment it is. Each carries
 * the whole dispute as it stands, so each is applied the same way (DisputesService.apply): `updated` moves its status
 * (needs_response → under_review), `funds_withdrawn` and `funds_reinstated` say what `created` and a won `closed`
 * say already.
 */
const DISPUTE_EVENTS: ReadonlySet<string> = new Set([
  'charge.dispute.created',
  'charge.dispute.updated',
  'charge.dispute.funds_withdrawn',
  'charge.dispute.funds_reinstated',
  'charge.dispute.closed',
]);

const chargeOf = (dispute: Stripe.Dispute): string =>
  typeof dispute.charge === 'string' ? dispute.charge : dispute.charge.id;

/**
 * Applies verified Stripe events: once per event id (PAY-04), whatever their order (the payment state table is
 * monotonic, PAY-06; an `account.updated` older than the account state held is not applied, issue #20 item 9; a
 * dispute moves once from open to closed, PAY-17), never calling Stripe here (the follow-ups — transfers,
 * reversals, invoices — go through the outbox).
 * Events that are not ours change nothing and leave one log line (PAY-07).
 */
@Injectable()
export class StripeEventService {
  private readonly logger = new Logger('StripeWebhook');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly disputes: DisputesService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async process(event: StripeWebhookEvent): Promise<void> {
    const ignored = this.whyIgnored(event);
    if (ignored) {
      this.logger.log(
        { event: 'stripe.webhook.ignored', stripeEventId: event.id, type: event.type, reason: ignored },
        'Stripe event ignored',
      );
      return;
    }
    const em = this.unitOfWork.em;
    if (
      event.type === 'account.updated' &&
      !(await em.count(ProducerPayoutAccount, { stripeAccountId: (event.data.object as Stripe.Account).id }))
    ) {
      this.logger.log(
        { event: 'stripe.webhook.ignored', stripeEventId: event.id, type: event.type, reason: 'unknown account' },
        'Stripe event ignored',
      );
      return;
    }
    const disputed = DISPUTE_EVENTS.has(event.type)
      ? await em.findOne(Payment, { chargeId: chargeOf(event.data.object as Stripe.Dispute) }, { fields: ['orderId'] })
      : undefined;
    if (disputed === null) {
      this.logger.log(
        { event: 'stripe.webhook.ignored', stripeEventId: event.id, type: event.type, reason: 'unknown charge' },
        'Stripe event ignored',
      );
      return;
    }
    await em.transactional(async (tx) => {
      if (!(await this.recordOnce(tx, event))) return;
      if (event.type === 'account.updated') await this.applyAccount(tx, event.data.object as Stripe.Account, event);
      else if (disputed) {
        const payment = (await lockedPayment(tx, disputed.orderId))!;
        await this.disputes.apply(tx, payment, event.data.object as Stripe.Dispute);
      } else
        await this.applyPaymentIntent(tx, event.data.object as Stripe.PaymentIntent, PAYMENT_INTENT_EVENTS[event.type]);
    });
  }

  private whyIgnored(event: StripeWebhookEvent): string | undefined {
    if (event.livemode !== isLiveKey(this.config)) return 'livemode differs from this server';
    if (event.type === 'account.updated' || DISPUTE_EVENTS.has(event.type)) return undefined;
    if (!(event.type in PAYMENT_INTENT_EVENTS)) return 'type not handled';
    const intent = event.data.object as Stripe.PaymentIntent;
    if (!intent.metadata?.orderId) return 'no orderId in the metadata';
    return undefined;
  }

  /** Records the event id; false when it was already processed (a redelivery). */
  private async recordOnce(em: EntityManager, event: StripeWebhookEvent): Promise<boolean> {
    const rows = await em
      .getConnection()
      .execute(
        'insert into stripe_event (id, type, received_at) values (?, ?, ?) on conflict (id) do nothing returning id',
        [event.id, event.type, new Date()],
        'all',
        em.getTransactionContext(),
      );
    return rows.length > 0;
  }

  private async applyPaymentIntent(
    em: EntityManager,
    intent: Stripe.PaymentIntent,
    paymentEvent: PaymentEvent,
  ): Promise<void> {
    const orderId = intent.metadata.orderId;
    const payment = await lockedPayment(em, orderId);
    if (!payment || payment.paymentIntentId !== intent.id) {
      this.logger.warn(
        { event: 'stripe.webhook.unknown_intent', paymentIntentId: intent.id, orderId },
        'No payment of ours for this PaymentIntent',
      );
      return;
    }
    const wasPending = payment.status !== PaymentStatus.SUCCEEDED;
    if (!applyPaymentEvent(payment, paymentEvent)) return;
    if (paymentEvent === PaymentEvent.SUCCEEDED && wasPending) {
      payment.chargeId =
        typeof intent.latest_charge === 'string' ? intent.latest_charge : (intent.latest_charge?.id ?? undefined);
      // Under the payment's lock, as the expiry: parts still awaiting it may now be confirmed (expired ones stay so).
      await markCardPartsPaid(em, orderId);
      await this.outbox.enqueue(em, ORDER_PAID, { orderId } satisfies OrderPaid);
    }
    await em.flush();
  }

  /**
   * An `account.updated` carries the whole account as it was when Stripe created the event: it replaces what is
   * stored only if it is not older than the state already applied (`stripeUpdatedAt`), so a late, stale event never
   * turns a payable producer back into an unpayable one, nor the reverse (issue #20 item 9). `created` has one-second
   * precision: an event of the same second as the stored one is applied (the later delivery wins that tie).
   */
  private async applyAccount(em: EntityManager, account: Stripe.Account, event: StripeWebhookEvent): Promise<void> {
    const writtenAt = new Date(event.created * 1000);
    const applied = await em.nativeUpdate(
      ProducerPayoutAccount,
      { stripeAccountId: account.id, $or: [{ stripeUpdatedAt: null }, { stripeUpdatedAt: { $lte: writtenAt } }] },
      {
        chargesEnabled: account.charges_enabled,
        payoutsEnabled: account.payouts_enabled,
        transfersActive: account.capabilities?.transfers === 'active',
        stripeUpdatedAt: writtenAt,
      },
    );
    if (!applied) {
      this.logger.log(
        { event: 'stripe.webhook.stale', stripeEventId: event.id, type: event.type, stripeAccountId: account.id },
        'Older than the account state we hold: not applied',
      );
    }
  }
}
