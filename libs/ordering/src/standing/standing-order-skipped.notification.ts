import { Inject } from '@nestjs/common';
import { AuthService } from '@app/identity';
import { APP_CONFIG, type AppConfig, HandlesJob, type JobContext, type JobHandler, MailerService } from '@app/platform';
import { STANDING_ORDER_SKIPPED, type StandingOrderSkipped } from '../ordering-events';
import { StandingOrder, StandingOrderOccurrence } from './standing-order.entity';

const frenchDay = new Intl.DateTimeFormat('fr-FR', {
  weekday: 'long',
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** A standing order's occurrence was skipped: the member who set it up hears why, and where to order by hand. */
@HandlesJob(STANDING_ORDER_SKIPPED)
export class StandingOrderSkippedNotification implements JobHandler<StandingOrderSkipped> {
  constructor(
    private readonly mailer: MailerService,
    private readonly auth: AuthService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle({ occurrenceId }: StandingOrderSkipped, context: JobContext): Promise<void> {
    const em = context.em;
    const occurrence = await em.findOne(StandingOrderOccurrence, occurrenceId);
    const standing = occurrence && (await em.findOne(StandingOrder, occurrence.standingOrderId));
    if (!occurrence || !standing) return;
    const [member] = await this.auth.findUsersByIds([standing.createdByUserId]);
    if (!member) return;
    const day = frenchDay.format(new Date(`${occurrence.deliveryDate}T00:00:00Z`));
    await this.mailer.sendOnce(context, {
      to: member.email,
      subject: `Commande récurrente «\u00a0${standing.name}\u00a0»\u00a0: livraison du ${day} non commandée`,
      text: [
        `La livraison du ${day} de votre commande récurrente «\u00a0${standing.name}\u00a0» n’a pas pu être commandée\u00a0: ${occurrence.reason ?? 'elle a été refusée'}.`,
        '',
        'Les prochaines livraisons seront commandées comme prévu. Pour cette date, vous pouvez commander à la main.',
        `Vos commandes récurrentes\u00a0: ${this.config.payments.publicAppUrl}/pro/commandes-recurrentes`,
      ].join('\n'),
    });
  }
}
