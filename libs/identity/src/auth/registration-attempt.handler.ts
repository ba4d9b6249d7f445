import { Inject } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, HandlesJob, type JobContext, type JobHandler, MailerService } from '@app/platform';
import { User } from '../entities/user.entity';
import { REGISTRATION_ATTEMPTED } from './auth.service';

/**
 * Someone tried to open an account with an address already registered (AUTH-03): the owner hears of it, with the way
 * back in if it was them and what to do if it was not. Once per attempt.
 */
@HandlesJob(REGISTRATION_ATTEMPTED)
export class RegistrationAttemptEmail implements JobHandler<{ email: string }> {
  constructor(
    private readonly mailer: MailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle({ email }: { email: string }, context: JobContext): Promise<void> {
    const user = await context.em.findOne(User, { email });
    if (!user) return;
    const site = this.config.payments.publicAppUrl;
    await this.mailer.sendOnce(context, {
      to: user.email,
      subject: 'Une inscription a été tentée avec votre adresse',
      text: [
        `Bonjour ${user.displayName},`,
        '',
        'Quelqu’un vient d’essayer d’ouvrir un compte Ancrage avec votre adresse e-mail. Aucun compte n’a été créé\u00a0: le vôtre existe déjà.',
        '',
        `Si c’était vous, connectez-vous\u00a0: ${site}/connexion`,
        `Mot de passe oublié\u00a0? ${site}/mot-de-passe-oublie`,
        '',
        'Si ce n’était pas vous, vous n’avez rien à faire\u00a0: votre compte et votre mot de passe n’ont pas changé.',
        '',
        "L'équipe Ancrage",
      ].join('\n'),
    });
  }
}
