import { Inject, Injectable, Logger } from '@nestjs/common';
import { DeadlockException, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import {
  APP_CONFIG,
  type AppConfig,
  AppError,
  AuditLog,
  ErrorCode,
  formatSiret,
  HandlesJob,
  isUuid,
  type JobContext,
  type JobHandler,
  MailerService,
  OutboxService,
  UnitOfWork,
} from '@app/platform';
import type { AuthUser } from '../auth/auth-user';
import { Membership } from '../entities/membership.entity';
import { Organization, OrganizationKind, OrganizationVerificationStatus } from '../entities/organization.entity';
import { assertPlatformAdmin } from '../admin/platform-admin-only';
import { ORGANIZATION_CLAIMED, type OrganizationClaimed } from './organization.service';
import { SireneDirectory } from './sirene-directory';

/** An admin's decision on an organization (or the automatic rejection of another claim of a verified SIRET). */
export const ORGANIZATION_VERIFICATION_DECIDED = 'identity.organization-verification-decided';
export interface OrganizationVerificationDecided extends Record<string, unknown> {
  organizationId: string;
  status: OrganizationVerificationStatus;
}

/** The decisions an admin may take: an organization never goes back to UNVERIFIED. */
export type VerificationDecision = OrganizationVerificationStatus.VERIFIED | OrganizationVerificationStatus.REJECTED;

const REASON_MAX_LENGTH = 1000;
/** The reason kept on the other claims of a SIRET when one of them is verified. */
export const OTHER_CLAIM_VERIFIED_REASON = 'Une autre organisation a été vérifiée pour ce SIRET.';

/**
 * Issue #20 item 5: an organization is the company its SIRET names only once a platform admin said so, with the
 * SIRENE directory's answer (when configured) beside what was typed. The rules:
 * - UNVERIFIED → VERIFIED or REJECTED; REJECTED → VERIFIED (a decision revisited); VERIFIED is final (a company
 *   that turns out not to be one is handled by disabling its accounts): orders and invoices in its name may exist.
 * - At most one VERIFIED organization of a kind per SIRET: verifying one rejects the other claims, with a reason;
 *   verifying a second answers CONFLICT.
 * - Only a VERIFIED producer issues invoices and receives payouts (ordering's and payments' checks read the status).
 */
@Injectable()
export class OrganizationVerificationService {
  private readonly logger = new Logger('OrganizationVerification');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly audit: AuditLog,
    private readonly outbox: OutboxService,
  ) {}

  async decide(admin: AuthUser, id: string, decision: VerificationDecision, reason: string): Promise<Organization> {
    assertPlatformAdmin(admin, 'Verifying an organization');
    const why = reason.trim();
    if (!why) throw AppError.badInput('reason', 'Say why: the reason is kept and sent to its members.');
    if (why.length > REASON_MAX_LENGTH)
      throw AppError.badInput('reason', `The reason must not exceed ${REASON_MAX_LENGTH} characters.`);
    if (decision !== OrganizationVerificationStatus.VERIFIED && decision !== OrganizationVerificationStatus.REJECTED)
      throw AppError.badInput('decision', 'Decide VERIFIED or REJECTED.');
    const em = this.unitOfWork.em;
    const organization = isUuid(id) ? await em.findOne(Organization, id) : null;
    if (!organization) throw AppError.notFound('Organization');
    const from = organization.verificationStatus;
    if (from === OrganizationVerificationStatus.VERIFIED || from === decision) {
      throw new AppError(ErrorCode.INVALID_STATE_TRANSITION, `This organization is already ${from.toLowerCase()}.`, {
        status: from,
      });
    }
    try {
      return await this.unitOfWork.transactional(async (tx) => {
        const now = new Date();
        const changed = await tx.nativeUpdate(
          Organization,
          { id, verificationStatus: from },
          { verificationStatus: decision, verificationReason: why, verificationDecidedAt: now },
        );
        if (changed === 0)
          throw new AppError(ErrorCode.INVALID_STATE_TRANSITION, 'Another decision was just taken; reload it.');
        this.record(tx, admin.id, organization, from, decision, why);
        if (decision === OrganizationVerificationStatus.VERIFIED && organization.siret)
          await this.settleOtherClaims(tx, admin.id, organization, now);
        return tx.findOneOrFail(Organization, id, { refresh: true });
      });
    } catch (error) {
      // Two claims of one SIRET verified at once: PostgreSQL's partial unique index lets one through, or each waits
      // for the other's row (verifying one rejects the other) and PostgreSQL ends one of them as a deadlock.
      if (error instanceof UniqueConstraintViolationException || error instanceof DeadlockException)
        throw this.alreadyVerified();
      throw error;
    }
  }

  /** Verifying a claim rejects the other claims of its SIRET; one already verified makes this one CONFLICT. */
  private async settleOtherClaims(
    em: EntityManager,
    adminId: string,
    organization: Organization,
    now: Date,
  ): Promise<void> {
    const others = await em.find(Organization, {
      kind: organization.kind,
      siret: organization.siret,
      id: { $ne: organization.id },
    });
    if (others.some((other) => other.verificationStatus === OrganizationVerificationStatus.VERIFIED))
      throw this.alreadyVerified();
    for (const other of others) {
      if (other.verificationStatus !== OrganizationVerificationStatus.UNVERIFIED) continue;
      await em.nativeUpdate(
        Organization,
        { id: other.id, verificationStatus: OrganizationVerificationStatus.UNVERIFIED },
        {
          verificationStatus: OrganizationVerificationStatus.REJECTED,
          verificationReason: OTHER_CLAIM_VERIFIED_REASON,
          verificationDecidedAt: now,
        },
      );
      this.record(
        em,
        adminId,
        other,
        OrganizationVerificationStatus.UNVERIFIED,
        OrganizationVerificationStatus.REJECTED,
        OTHER_CLAIM_VERIFIED_REASON,
        { verifiedOrganizationId: organization.id },
      );
    }
  }

  private record(
    em: EntityManager,
    adminId: string,
    organization: Organization,
    from: OrganizationVerificationStatus,
    to: OrganizationVerificationStatus,
    reason: string,
    extra: Record<string, unknown> = {},
  ): void {
    this.audit.record(em, {
      actorId: adminId,
      action: to === OrganizationVerificationStatus.VERIFIED ? 'organization.verified' : 'organization.rejected',
      targetType: 'Organization',
      targetId: organization.id,
      reason,
      details: {
        name: organization.name,
        kind: organization.kind,
        siret: organization.siret ?? null,
        from,
        sirene: organization.sireneCheck ?? null,
        ...extra,
      },
    });
    this.outbox.enqueue<OrganizationVerificationDecided>(em, ORGANIZATION_VERIFICATION_DECIDED, {
      organizationId: organization.id,
      status: to,
    });
    this.logger.log({ event: `organization.${to.toLowerCase()}`, organizationId: organization.id, adminId });
  }

  private alreadyVerified(): AppError {
    return new AppError(
      ErrorCode.CONFLICT,
      'Another organization is already verified for this SIRET: only one may issue invoices in its name.',
      { field: 'id' },
    );
  }
}

/**
 * The SIRENE lookup of a new organization's SIRET (when SIRENE_API_URL is set), kept on it for the admin: whether
 * the establishment is active, its registered name and address. No answer from SIRENE (network, 5xx, 429) is
 * retried by the job; a refusal (401, 403 for a non-public establishment) is kept as UNAVAILABLE with its status.
 */
@HandlesJob(ORGANIZATION_CLAIMED)
export class SireneLookupHandler implements JobHandler<OrganizationClaimed> {
  constructor(private readonly directory: SireneDirectory) {}

  async handle({ organizationId }: OrganizationClaimed, context: JobContext): Promise<void> {
    if (!this.directory.configured) return;
    const organization = await context.em.findOne(Organization, organizationId);
    if (!organization?.siret) return;
    organization.sireneCheck = await this.directory.lookUp(organization.siret);
    await context.em.flush();
  }
}

const KIND_WORDS: Record<OrganizationKind, string> = {
  [OrganizationKind.PRODUCER]: 'producteur',
  [OrganizationKind.BUSINESS]: 'entreprise',
  [OrganizationKind.BRAND]: 'marque',
};

/** Each member of the organization hears of the decision, in French, with the reason and what it opens or blocks. */
@HandlesJob(ORGANIZATION_VERIFICATION_DECIDED)
export class VerificationDecisionEmail implements JobHandler<OrganizationVerificationDecided> {
  constructor(
    private readonly mailer: MailerService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async handle({ organizationId, status }: OrganizationVerificationDecided, context: JobContext): Promise<void> {
    const organization = await context.em.findOne(Organization, organizationId);
    if (!organization) return;
    const members = await context.em.find(Membership, { organization: organizationId }, { populate: ['user'] });
    const site = this.config.payments.publicAppUrl;
    const siret = organization.siret ? ` (SIRET ${formatSiret(organization.siret)})` : '';
    const verified = status === OrganizationVerificationStatus.VERIFIED;
    const consequence = verified
      ? organization.kind === OrganizationKind.PRODUCER
        ? 'Vous pouvez désormais recevoir des commandes payées sur facture, émettre vos factures et ouvrir vos versements par carte.'
        : 'Votre organisation est désormais reconnue comme l’entreprise de ce SIRET.'
      : organization.kind === OrganizationKind.PRODUCER
        ? 'Tant qu’elle n’est pas vérifiée, elle ne peut ni émettre de factures ni recevoir de versements. Si vous pensez qu’il s’agit d’une erreur, répondez à ce message avec un justificatif (extrait Kbis ou avis de situation SIRENE).'
        : 'Elle ne peut plus payer sur facture. Si vous pensez qu’il s’agit d’une erreur, répondez à ce message avec un justificatif (extrait Kbis ou avis de situation SIRENE).';
    for (const { user } of members) {
      await this.mailer.sendOnce(context, {
        to: user.email,
        subject: verified ? `${organization.name} est vérifiée` : `${organization.name} n’a pas pu être vérifiée`,
        text: [
          `Bonjour ${user.displayName},`,
          '',
          verified
            ? `L’équipe Ancrage a vérifié votre organisation ${KIND_WORDS[organization.kind]} «\u00a0${organization.name}\u00a0»${siret}.`
            : `L’équipe Ancrage a refusé la vérification de votre organisation ${KIND_WORDS[organization.kind]} «\u00a0${organization.name}\u00a0»${siret}.`,
          `Motif\u00a0: ${organization.verificationReason ?? '—'}`,
          '',
          consequence,
          '',
          `Votre espace\u00a0: ${site}/${organization.kind === OrganizationKind.PRODUCER ? 'producteur' : 'pro'}`,
          '',
          "L'équipe Ancrage",
        ].join('\n'),
      });
    }
  }
}
