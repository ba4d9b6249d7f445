import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  AccessPolicy,
  type AuthUser,
  OrganizationKind,
  assertFreshSignIn,
  assertOrganizationVerified,
  enqueueSecurityNotice,
} from '@app/identity';
import { APP_CONFIG, type AppConfig, AppError, ErrorCode, OutboxService, UnitOfWork } from '@app/platform';
import { insertIfAbsent } from '../card/payment-ledger';
import { STRIPE_CLIENT, type StripeClient } from '../card/stripe-client';
import { ProducerPayoutAccount } from '../entities/producer-payout-account.entity';

export interface OnboardingLink {
  url: string;
  expiresAt: Date;
}

/**
 * `startProducerOnboarding`: the producer's Stripe Connect Express account (created once, whatever the retries),
 * and a fresh link to fill it in on Stripe. Whether it may receive transfers then follows `account.updated`.
 */
@Injectable()
export class ProducerOnboardingService {
  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly outbox: OutboxService,
    @Inject(STRIPE_CLIENT) private readonly stripe: StripeClient | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async startProducerOnboarding(user: AuthUser, producerId: string): Promise<OnboardingLink> {
    // Payouts are the owners' (PRODUCT.md §7): a member who is not an owner gets FORBIDDEN.
    const producer = await this.policy.assertOwner(user, producerId, { kinds: [OrganizationKind.PRODUCER] });
    // Issue #20 item 5: payouts go to the company the SIRET names, once an admin verified it is this organization.
    assertOrganizationVerified(producer, 'Receiving payouts');
    // Where the producer's money goes: only right after the owner typed the password (AUTH-12).
    assertFreshSignIn(user);
    const stripe = this.stripe;
    if (!stripe)
      throw new AppError(
        ErrorCode.PAYMENTS_NOT_CONFIGURED,
        'Card payments are not set up on this server; buyers can pay by invoice.',
      );
    const em = this.unitOfWork.em;
    let account = await em.findOne(ProducerPayoutAccount, { producerId: producer.id });
    if (!account) {
      const created = await stripe.accounts.create(
        {
          type: 'express',
          country: 'FR',
          business_type: 'company',
          capabilities: { transfers: { requested: true } },
          business_profile: { name: producer.name },
          metadata: { producerId: producer.id },
        },
        { idempotencyKey: `acct:${producer.id}` },
      );
      await insertIfAbsent(
        em,
        ProducerPayoutAccount,
        { producerId: producer.id, stripeAccountId: created.id },
        'producerId',
      );
      account = await em.findOneOrFail(ProducerPayoutAccount, { producerId: producer.id }, { refresh: true });
    }
    // The web's payouts page of the producer (apps/web: /producteur/paiements), where Stripe sends it back.
    const back = `${this.config.payments.publicAppUrl}/producteur/paiements?producteur=${producer.id}`;
    // A link is single-use and short-lived: each call asks for a new one, under a key of its own (never the client's).
    const link = await stripe.accountLinks.create(
      {
        account: account.stripeAccountId,
        refresh_url: `${back}&relancer=1`,
        return_url: back,
        type: 'account_onboarding',
      },
      { idempotencyKey: `acct:${account.stripeAccountId}:link:${randomUUID()}` },
    );
    // Whoever holds the session, the account's owner hears that a payout link was asked for (AUTH-12).
    enqueueSecurityNotice(this.outbox, em, {
      userId: user.id,
      notice: 'PAYOUT_ONBOARDING',
      organizationName: producer.name,
    });
    await em.flush();
    return { url: link.url, expiresAt: new Date(link.expires_at * 1000) };
  }
}
