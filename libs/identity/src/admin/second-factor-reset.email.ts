import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, HandlesJob, type JobContext, type JobHandler, MailerService } from '@app/platform';
import { User } from '../entities/user.entity';

/** Raised when support reset an account's second factor: its owner is told by e-mail. */
export const SECOND_FACTOR_RESET = 'identity.second-factor-reset';

/**
 * Support reset an account's second factor: its owner hears of it, with what to do next, and what to do if they did
 * not ask for it. Once per reset.
 */
@HandlesJob(SECOND_FACTOR_RESET)
export class SecondFactorResetEmail implements JobHandler<{ userId: string }> {
  constructor(
    private readonly mailer: MailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle({ userId }: { userId: string }, context: JobContext): Promise<void> {
    const user = await context.em.findOne(User, userId);
    if (!user) return;
    const site = this.config.payments.publicAppUrl;
    await this.mailer.sendOnce(context, {
      to: user.email,
      subject: 'Votre double authentification a été réinitialisée',
      text: [
        `Bonjour ${user.displayName},`,
        '',
        'À votre demande, le support d’Ancrage a effacé la double authentification de votre compte (application et codes de secours). Toutes vos sessions ont été fermées.',
        '',
        `Connectez-vous avec votre mot de passe, puis configurez une nouvelle application d’authentification\u00a0: ${site}/compte/double-authentification`,
        '',
        'Si vous n’avez rien demandé, changez votre mot de passe tout de suite et répondez à ce message.',
        '',
        "L'équipe Ancrage",
      ].join('\n'),
    });
  }
}
