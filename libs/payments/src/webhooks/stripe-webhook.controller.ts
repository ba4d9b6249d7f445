import {
  Controller,
  HttpCode,
  Inject,
  Logger,
  Post,
  type RawBodyRequest,
  Req,
  BadRequestException,
  ServiceUnavailableException,
} from '@nestjs/common';
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
  async receive(
    @Req() request: RawBodyRequest<{ headers: Record<string, string | string[] | undefined> }>,
  ): Promise<{ received: true }> {
    const settings = this.config.payments.stripe;
    if (!this.stripe || !settings)
      throw new ServiceUnavailableException('Card payments are not set up on this server.');
    const signature = request.headers['stripe-signature'];
    const event = this.verified(request.rawBody, signature, settings.webhookSecrets);
    await this.events.process(event);
    return { received: true };
  }

  /** The event, if the signature matches one of the secrets (two while a secret is rotated, PAY-03); else 400. */
  private verified(rawBody: Buffer | undefined, signature: string | string[] | undefined, secrets: string[]) {
    let reason = 'missing body or signature';
    if (rawBody && typeof signature === 'string') {
      for (const secret of secrets) {
        try {
          return this.stripe!.webhooks.constructEvent(rawBody, signature, secret);
        } catch (error) {
          reason = (error as Error).message;
        }
      }
    }
    this.logger.warn({ event: 'stripe.webhook.refused', reason }, 'Stripe webhook signature refused');
    throw new BadRequestException('Invalid Stripe signature.');
  }
}
