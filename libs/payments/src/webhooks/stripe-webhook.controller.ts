import { Controller, HttpCode, Inject, Logger, Post, type RawBodyRequest, Req, BadRequestException, ServiceUnavailableException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/platform';
import { STRIPE_CLIENT, type StripeClient } from '../card/stripe-client';
import { StripeEventService } from './stripe-event.service';

/**
 * `POST /webhooks/stripe`: the signature is verified on the raw bytes before anything else — a bad one answers 400
 * without touching the database (PAY-02). A verified event is recorded and applied in one transaction; a failure
 * answers 5xx so that Stripe delivers it again (PAY-08).
 */
@Controller('webhooks')
export class StripeWebhookController {
  private readonly logger = new Logger('StripeWebhook');

  constructor(
    private readonly events: StripeEventService,
    @Inject(STRIPE_CLIENT) private readonly stripe: StripeClient | null,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Post('stripe')
  @HttpCode(200)
  async receive(@Req() request: RawBodyRequest<{ headers: Record<string, string | string[] | undefined> }>): Promise<{ received: true }> {
    const settings = this.config.payments.stripe;
    if (!this.stripe || !settings) throw new ServiceUnavailableException('Card payments are not set up on this server.');
    const signature = request.headers['stripe-signature'];
    let event;
    try {
      if (!request.rawBody || typeof signature !== 'string') throw new Error('missing body or signature');
      event = this.stripe.webhooks.constructEvent(request.rawBody, signature, settings.webhookSecret);
    } catch (error) {
      this.logger.warn({ event: 'stripe.webhook.refused', reason: (error as Error).message }, 'Stripe webhook signature refused');
      throw new BadRequestException('Invalid Stripe signature.');
    }
    await this.events.process(event);
    return { received: true };
  }
}
