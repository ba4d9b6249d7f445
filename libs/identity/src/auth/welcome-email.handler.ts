import { HandlesJob, type JobContext, type JobHandler, MailerService } from '@app/platform';
import { User } from '../entities/user.entity';
import { USER_REGISTERED } from './auth.service';

/** The welcome e-mail, sent after the registration commits, once. */
@HandlesJob(USER_REGISTERED)
export class WelcomeEmailHandler implements JobHandler<{ userId: string }> {
  constructor(private readonly mailer: MailerService) {}

  async handle(payload: { userId: string }, context: JobContext): Promise<void> {
    const user = await context.em.findOne(User, payload.userId);
    if (!user) return; // the account was deleted before the e-mail went out
    await this.mailer.sendOnce(context, {
      to: user.email,
      subject: 'Bienvenue sur Ancrage',
      text: [
        `Bonjour ${user.displayName},`,
        '',
        'Votre compte Ancrage est ouvert. Producteur, créez votre organisation et rejoignez la marque de votre',
        'territoire ; entreprise, trouvez les producteurs près de chez vous et suivez le carbone de vos achats.',
        '',
        "Si vous n'êtes pas à l'origine de cette inscription, répondez simplement à ce message.",
        '',
        "L'équipe Ancrage",
      ].join('\n'),
    });
  }
}
