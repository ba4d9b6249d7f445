import { Inject } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/core';
import {
  APP_CONFIG,
  type AppConfig,
  HandlesJob,
  type JobContext,
  type JobHandler,
  MailerService,
  OutboxService,
} from '@app/platform';
import { User } from '../entities/user.entity';

/** A sensitive change was made from an account (AUTH-12): its owner is told by e-mail. */
export const SECURITY_NOTICE = 'identity.security-notice';

export type SecurityNotice =
  | { userId: string; notice: 'SECOND_FACTOR_ENROLLED' }
  | { userId: string; notice: 'PAYOUT_ONBOARDING'; organizationName: string };

/**
 * Queues the owner's e-mail in the caller's unit of work: it goes only if the change commits. (A second factor reset
 * by support has its own e-mail, `SecondFactorResetEmail`.)
 */
export function enqueueSecurityNotice(outbox: OutboxService, em: EntityManager, notice: SecurityNotice): void {
  outbox.enqueue(em, SECURITY_NOTICE, notice);
}

/** The French e-mail of a notice: what was done from the account, and what to do if it was not its owner. */
export function securityNoticeEmail(
  notice: SecurityNotice,
  displayName: string,
  site: string,
): { subject: string; text: string } {
  const ifNotYou = [
    'Si ce n’est pas vous, quelqu’un utilise votre compte\u00a0: changez votre mot de passe tout de suite',
    `(${site}/mot-de-passe-oublie) et répondez à ce message pour que le support bloque l’accès.`,
  ];
  const body =
    notice.notice === 'SECOND_FACTOR_ENROLLED'
      ? {
          subject: 'Double authentification activée sur votre compte',
          lines: [
            'Une application d’authentification vient d’être associée à votre compte Ancrage\u00a0: elle seule donne désormais les codes de connexion, de nouveaux codes de secours ont été créés (les anciens ne valent plus) et vos autres sessions ont été fermées.',
          ],
        }
      : {
          subject: `Versements de ${notice.organizationName}\u00a0: inscription Stripe demandée`,
          lines: [
            `Un lien d’inscription Stripe vient d’être demandé depuis votre compte pour recevoir les versements de ${notice.organizationName}. C’est sur ce formulaire Stripe que se saisit le compte bancaire où arrivent les paiements par carte.`,
          ],
        };
  return {
    subject: body.subject,
    text: [`Bonjour ${displayName},`, '', ...body.lines, '', ...ifNotYou, '', "L'équipe Ancrage"].join('\n'),
  };
}

@HandlesJob(SECURITY_NOTICE)
export class SecurityNoticeEmail implements JobHandler<SecurityNotice> {
  constructor(
    private readonly mailer: MailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle(notice: SecurityNotice, context: JobContext): Promise<void> {
    const user = await context.em.findOne(User, notice.userId);
    if (!user) return;
    await this.mailer.sendOnce(context, {
      to: user.email,
      ...securityNoticeEmail(notice, user.displayName, this.config.payments.publicAppUrl),
    });
  }
}
