import { Inject, Injectable } from '@nestjs/common';
import { LockMode } from '@mikro-orm/core';
import { APP_CONFIG, type AppConfig, HandlesJob, type JobContext, type JobHandler, MailerService } from '@app/platform';
import { AccountToken, AccountTokenPurpose } from '../entities/account-token.entity';
import { User } from '../entities/user.entity';
import { EMAIL_VERIFICATION_REQUESTED, PASSWORD_RESET_REQUESTED } from './account-recovery.service';
import {
  EMAIL_VERIFICATION_TTL_MS,
  newOneTimeToken,
  PASSWORD_RESET_RESEND_DELAY_MS,
  PASSWORD_RESET_TTL_MS,
  tokenDigest,
} from './one-time-token';

/**
 * Sends an e-mail carrying a one-time link. The token exists in clear only in the message: the copy the mailer
 * records has it masked, and its digest is stored only once the e-mail has gone (a retried job that finds the
 * e-mail sent makes no token whose link nobody received).
 */
@Injectable()
export class OneTimeLinkMailer {
  constructor(
    private readonly mailer: MailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** The web page `path` with `?token=`; `write(link)` gives the e-mail. Returns the token's digest, or undefined if already sent. */
  async send(
    context: JobContext,
    to: string,
    path: string,
    write: (link: string) => { subject: string; text: string },
  ): Promise<string | undefined> {
    const token = newOneTimeToken();
    const message = write(`${this.config.payments.publicAppUrl}${path}?token=${token}`);
    const result = await this.mailer.sendOnce(context, { to, ...message, secrets: [token] });
    return result === 'sent' ? tokenDigest(token) : undefined;
  }

  async sendAccountToken(
    context: JobContext,
    user: User,
    purpose: AccountTokenPurpose,
    path: string,
    ttlMs: number,
    write: (link: string) => { subject: string; text: string },
  ): Promise<void> {
    const em = context.em;
    const tokenHash = await this.send(context, user.email, path, write);
    if (!tokenHash) return;
    em.persist(em.create(AccountToken, { user, purpose, tokenHash, expiresAt: new Date(Date.now() + ttlMs) }));
    await em.flush();
  }
}

export function verificationEmail(displayName: string, link: string, welcome: boolean) {
  return {
    subject: welcome ? 'Bienvenue sur Ancrage' : 'Confirmez votre adresse e-mail',
    text: [
      `Bonjour ${displayName},`,
      '',
      ...(welcome
        ? [
            'Votre compte Ancrage est ouvert. Producteur, créez votre organisation et rejoignez la marque de votre',
            'territoire\u00a0; entreprise, trouvez les producteurs près de chez vous et suivez le carbone de vos achats.',
            '',
          ]
        : []),
      'Confirmez que cette adresse est bien la vôtre en ouvrant ce lien (valable une heure\u00a0; passé ce délai, la page du lien en envoie un nouveau)\u00a0:',
      link,
      '',
      "Si vous n'êtes pas à l'origine de cette inscription, ignorez ce message ou répondez-y simplement.",
      '',
      "L'équipe Ancrage",
    ].join('\n'),
  };
}

/** The reset link of an account, if the address has one; nothing otherwise (the request said nothing either way). */
@HandlesJob(PASSWORD_RESET_REQUESTED)
export class PasswordResetEmailHandler implements JobHandler<{ email: string }> {
  constructor(
    private readonly links: OneTimeLinkMailer,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle({ email }: { email: string }, context: JobContext): Promise<void> {
    const em = context.em;
    // The account's row locked: requests handled side by side see each other's token, and send one e-mail a minute.
    const lock = this.config.database.kind === 'postgresql' ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {};
    const user = await em.findOne(User, { email }, lock);
    if (!user || user.disabledAt) return;
    const recent = await em.count(AccountToken, {
      user,
      purpose: AccountTokenPurpose.PASSWORD_RESET,
      createdAt: { $gt: new Date(Date.now() - PASSWORD_RESET_RESEND_DELAY_MS) },
    });
    if (recent > 0) return;
    await this.links.sendAccountToken(
      context,
      user,
      AccountTokenPurpose.PASSWORD_RESET,
      '/reinitialiser-mot-de-passe',
      PASSWORD_RESET_TTL_MS,
      (link) => ({
        subject: 'Réinitialisation de votre mot de passe Ancrage',
        text: [
          `Bonjour ${user.displayName},`,
          '',
          'Pour choisir un nouveau mot de passe, ouvrez ce lien (valable une heure, une seule fois)\u00a0:',
          link,
          '',
          'Vos autres sessions seront fermées. Si vous n’avez rien demandé, ignorez ce message\u00a0: votre mot de passe ne change pas.',
          '',
          "L'équipe Ancrage",
        ].join('\n'),
      }),
    );
  }
}

/** A new verification link, asked for by a signed-in user whose address is not verified yet. */
@HandlesJob(EMAIL_VERIFICATION_REQUESTED)
export class EmailVerificationHandler implements JobHandler<{ userId: string }> {
  constructor(private readonly links: OneTimeLinkMailer) {}

  async handle({ userId }: { userId: string }, context: JobContext): Promise<void> {
    const user = await context.em.findOne(User, userId);
    if (!user || user.emailVerifiedAt) return;
    await this.links.sendAccountToken(
      context,
      user,
      AccountTokenPurpose.EMAIL_VERIFICATION,
      '/verifier-email',
      EMAIL_VERIFICATION_TTL_MS,
      (link) => verificationEmail(user.displayName, link, false),
    );
  }
}
