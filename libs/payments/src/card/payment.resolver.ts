import { Args, Context, ID, Int, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { type AuthUser, CurrentUser } from '@app/identity';
import { OrderType, SupplierOrderType } from '@app/ordering';
import { type GraphqlContext, Public, requestLoader } from '@app/platform';
import { ProducerOnboardingService } from '../connect/producer-onboarding.service';
import { InvoiceType } from '../dto/invoice.types';
import { CardPaymentType, OnboardingLinkType, PaymentDisputeType, PaymentType } from '../dto/payment.types';
import type { Invoice } from '../entities/invoice.entity';
import type { Payment } from '../entities/payment.entity';
import type { PaymentDispute } from '../entities/payment-dispute.entity';
import { AdminRefundService } from './admin-refund.service';
import { CardPaymentService } from './card-payment.service';
import { type PartDispute, PaymentQueries } from './payment-queries';

@Resolver(() => OrderType)
export class PaymentResolver {
  constructor(
    private readonly cards: CardPaymentService,
    private readonly onboarding: ProducerOnboardingService,
    private readonly adminRefunds: AdminRefundService,
    private readonly queries: PaymentQueries,
  ) {}

  @Public()
  @Query(() => Boolean, {
    description:
      'Whether buyers can pay by card on this server (Stripe is set up); businesses can always pay by invoice.',
  })
  cardPaymentsAvailable(): boolean {
    return this.cards.available();
  }

  @Mutation(() => CardPaymentType, {
    description: "The order's PaymentIntent (the same one for every call) for the server-computed total.",
  })
  startCardPayment(@CurrentUser() user: AuthUser, @Args('orderId', { type: () => ID }) orderId: string) {
    return this.cards.startCardPayment(user, orderId);
  }

  @Mutation(() => OnboardingLinkType, {
    description:
      "A link to the producer's Stripe Connect onboarding, to receive card payments. Owners only, signed in within the last 5 minutes (else UNAUTHENTICATED with reason FRESH_SIGN_IN_REQUIRED).",
  })
  startProducerOnboarding(@CurrentUser() user: AuthUser, @Args('producerId', { type: () => ID }) producerId: string) {
    return this.onboarding.startProducerOnboarding(user, producerId);
  }

  @Mutation(() => PaymentType, {
    description: 'Platform admins: refund part or all of a card payment; producers give back their share.',
  })
  refundPayment(
    @CurrentUser() user: AuthUser,
    @Args('orderId', { type: () => ID }) orderId: string,
    @Args('amountCents', { type: () => Int }) amountCents: number,
    @Args('reason', { type: () => String, nullable: true }) reason?: string | null,
  ) {
    return this.adminRefunds.refundPayment(user, orderId, amountCents, reason);
  }

  @ResolveField(() => PaymentType, {
    nullable: true,
    description: 'Null until a payment starts (a card payment, or the first invoice).',
  })
  payment(@Parent() order: { id: string }, @Context() context: GraphqlContext) {
    return requestLoader<string, Payment | null>(context, 'payment-by-order', (orderIds) =>
      this.queries.byOrderIds(orderIds),
    ).load(order.id);
  }
}

/** A payment is read through its order, whose readers (the buyer's organization, its producers, admins) see its dispute. */
@Resolver(() => PaymentType)
export class PaymentDisputeResolver {
  constructor(private readonly queries: PaymentQueries) {}

  @ResolveField(() => PaymentDisputeType, {
    nullable: true,
    description: 'The chargeback on this card payment, if any.',
  })
  dispute(@Parent() payment: { id: string }, @Context() context: GraphqlContext) {
    return requestLoader<string, PaymentDispute | null>(context, 'dispute-by-payment', (paymentIds) =>
      this.queries.disputesByPaymentIds(paymentIds),
    ).load(payment.id);
  }
}

/** `SupplierOrder.dispute`: the producer concerned reads its part, not the buyer's order, and sees the dispute there. */
@Resolver(() => SupplierOrderType)
export class SupplierOrderDisputeResolver {
  constructor(private readonly queries: PaymentQueries) {}

  @ResolveField(() => PaymentDisputeType, {
    nullable: true,
    description:
      "The chargeback on the order's card payment, if any: its producer gives back its share (`shareCents`) meanwhile.",
  })
  dispute(@Parent() supplierOrder: { id: string }, @Context() context: GraphqlContext) {
    return requestLoader<string, PartDispute | null>(context, 'dispute-by-supplier-order', (ids) =>
      this.queries.disputesBySupplierOrderIds(ids),
    ).load(supplierOrder.id);
  }
}

/**
 * `Invoice.dispute`: a card invoice is issued paid with the card payment; once the buyer's bank disputes that payment,
 * both parties reading the invoice (its buyer, its issuer) see what became of the money. Without `shareCents`.
 */
@Resolver(() => InvoiceType)
export class InvoiceDisputeResolver {
  constructor(private readonly queries: PaymentQueries) {}

  @ResolveField(() => PaymentDisputeType, {
    nullable: true,
    description:
      'The chargeback on the card payment that paid this invoice, if any (`shareCents` null): a lost one gave the buyer the money back.',
  })
  async dispute(@Parent() invoice: Invoice, @Context() context: GraphqlContext) {
    if (invoice.paymentMethod !== 'CARD') return null;
    const payment = await requestLoader<string, Payment | null>(context, 'payment-by-order', (orderIds) =>
      this.queries.byOrderIds(orderIds),
    ).load(invoice.orderId);
    if (!payment?.supplierOrderIds.includes(invoice.supplierOrderId)) return null;
    return requestLoader<string, PaymentDispute | null>(context, 'dispute-by-payment', (paymentIds) =>
      this.queries.disputesByPaymentIds(paymentIds),
    ).load(payment.id);
  }
}
