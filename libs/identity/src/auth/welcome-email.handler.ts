import { HandlesJob, type JobContext, type JobHandler } from '@app/platform';
import { AccountTokenPurpose } from '../entities/account-token.entity';
import { User } from '../entities/user.entity';
import { OneTimeLinkMailer, verificationEmail } from './account-emails.handler';
import { USER_REGISTERED } from './auth.service';
import { EMAIL_VERIFICATION_TTL_MS } from './one-time-token';

/** The welcome e-mail with the address's verification link, sent after the registration commits, once. */
@HandlesJob(USER_REGISTERED)
export class WelcomeEmailHandler implements JobHandler<{ userId: string }> {
  constructor(private readonly links: OneTimeLinkMailer) {}

  async handle(payload: { userId: string }, context: JobContext): Promise<void> {
    const user = await context.em.findOne(User, payload.userId);
    if (!user) return; // the account was deleted before the e-mail went out
    await this.links.sendAccountToken(
      context,
      user,
      AccountTokenPurpose.EMAIL_VERIFICATION,
      '/verifier-email',
      EMAIL_VERIFICATION_TTL_MS,
      (link) => verificationEmail(user.displayName, link, true),
    );
  }
}
