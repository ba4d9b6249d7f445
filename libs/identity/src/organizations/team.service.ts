import { Inject, Injectable, Logger } from '@nestjs/common';
import { LockMode, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import {
  APP_CONFIG,
  type AppConfig,
  AppError,
  AuditLog,
  ErrorCode,
  HandlesJob,
  isUuid,
  type JobContext,
  type JobHandler,
  OutboxService,
  UnitOfWork,
} from '@app/platform';
import { OneTimeLinkMailer } from '../auth/account-emails.handler';
import type { AuthUser } from '../auth/auth-user';
import { isValidEmail, normalizeEmail } from '../auth/email-address';
import { INVITATION_TTL_MS, tokenDigest } from '../auth/one-time-token';
import { Invitation } from '../entities/invitation.entity';
import { Membership, MembershipRole } from '../entities/membership.entity';
import { Organization } from '../entities/organization.entity';
import { User } from '../entities/user.entity';
import { AccessPolicy } from './access-policy.service';

export const MEMBER_INVITED = 'identity.member-invited';

export interface InvitationPreview {
  organizationName: string;
  email: string;
  role: MembershipRole;
  expiresAt: Date;
}

/**
 * Teams (PRODUCT.md §7): owners invite by e-mail (7 days, once, bound to the address), remove members (access ends
 * at the member's next request: every check reads the memberships), and an organization keeps at least one owner.
 */
@Injectable()
export class TeamService {
  private readonly logger = new Logger('Team');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly policy: AccessPolicy,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditLog,
  ) {}

  /** A new invitation (an earlier pending one of the same address is replaced), e-mailed by a job. */
  async invite(user: AuthUser, organizationId: string, emailInput: string, role: MembershipRole): Promise<Invitation> {
    const organization = await this.policy.assertOwner(user, organizationId);
    const email = normalizeEmail(emailInput);
    if (!isValidEmail(email)) throw AppError.badInput('email', 'Enter a valid e-mail address.');
    const em = this.unitOfWork.em;
    const alreadyMember = await em.count(Membership, { organization, user: { email } });
    if (alreadyMember)
      throw new AppError(ErrorCode.CONFLICT, 'This person is already a member of the organization.', {
        field: 'email',
      });
    return em.transactional(async (tx) => {
      const now = new Date();
      await tx.nativeUpdate(
        Invitation,
        { organization: organization.id, email, acceptedAt: null, revokedAt: null },
        { revokedAt: now },
      );
      const invitation = tx.create(Invitation, {
        organization: tx.getReference(Organization, organization.id),
        email,
        role,
        invitedByUserId: user.id,
        expiresAt: new Date(now.getTime() + INVITATION_TTL_MS),
      });
      tx.persist(invitation);
      this.outbox.enqueue(tx, MEMBER_INVITED, { invitationId: invitation.id });
      await tx.flush();
      this.logger.log(
        { event: 'member.invited', organizationId, invitationId: invitation.id, by: user.id },
        'Member invited',
      );
      return invitation;
    });
  }

  /** What an invitation link is for, or null when it cannot be accepted (unknown, expired, used or replaced). */
  async preview(token: string): Promise<InvitationPreview | null> {
    const invitation = await this.findByToken(this.unitOfWork.em, token);
    if (!invitation || !isPending(invitation)) return null;
    return {
      organizationName: invitation.organization.name,
      email: invitation.email,
      role: invitation.role,
      expiresAt: invitation.expiresAt,
    };
  }

  /** Joins the organization with the invitation's role; the caller must be signed in with the invited address. */
  async accept(user: AuthUser, token: string): Promise<Membership> {
    const em = this.unitOfWork.em;
    const invitation = await this.findByToken(em, token);
    if (!invitation) throw AppError.badInput('token', 'This invitation link is not valid.');
    if (invitation.acceptedAt) throw AppError.badInput('token', 'This invitation has already been used.');
    if (invitation.revokedAt)
      throw AppError.badInput(
        'token',
        'This invitation was replaced by a newer one; use the link of the latest e-mail.',
      );
    if (invitation.expiresAt <= new Date())
      throw AppError.badInput('token', 'This invitation has expired; ask the organization for a new one.');
    if (normalizeEmail(user.email) !== invitation.email) {
      this.logger.warn(
        { event: 'authorization.refused', userId: user.id, invitationId: invitation.id },
        'Invitation for another address',
      );
      throw new AppError(
        ErrorCode.FORBIDDEN,
        'This invitation was sent to another e-mail address: sign in, or create an account, with that address.',
      );
    }
    try {
      return await em.transactional(async (tx) => {
        const now = new Date();
        const spent = await tx.nativeUpdate(
          Invitation,
          { id: invitation.id, acceptedAt: null, revokedAt: null, expiresAt: { $gt: now } },
          { acceptedAt: now },
        );
        if (spent !== 1) throw AppError.badInput('token', 'This invitation has already been used.');
        const member = await tx.findOneOrFail(User, user.id);
        member.emailVerifiedAt ??= now; // the link reached this address
        const membership = tx.create(Membership, {
          user: member,
          organization: invitation.organization,
          role: invitation.role,
        });
        tx.persist(membership);
        // A role given is in the audit log: who joined, as what, on whose invitation.
        this.audit.record(tx, {
          actorId: user.id,
          action: 'membership.granted',
          targetType: 'Organization',
          targetId: invitation.organization.id,
          reason: 'invitation accepted',
          details: {
            userId: user.id,
            email: member.email,
            role: invitation.role,
            invitedByUserId: invitation.invitedByUserId,
            organizationName: invitation.organization.name,
          },
        });
        await tx.flush();
        this.logger.log(
          {
            event: 'member.joined',
            organizationId: invitation.organization.id,
            userId: user.id,
            role: invitation.role,
          },
          'Invitation accepted',
        );
        return membership;
      });
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        throw new AppError(ErrorCode.CONFLICT, 'You are already a member of this organization.', { field: 'token' });
      }
      throw error;
    }
  }

  /** Removes a member; the last owner stays (CONFLICT). The owners' rows are locked so two removals cannot both pass. */
  async remove(user: AuthUser, organizationId: string, userId: string): Promise<boolean> {
    await this.policy.assertOwner(user, organizationId);
    if (!isUuid(userId)) throw AppError.notFound('Member');
    return this.unitOfWork.transactional(async (tx) => {
      const owners = await tx.find(
        Membership,
        { organization: organizationId, role: MembershipRole.OWNER },
        this.config.database.kind === 'postgresql' ? { lockMode: LockMode.PESSIMISTIC_WRITE } : {},
      );
      const membership = await tx.findOne(Membership, { organization: organizationId, user: userId });
      if (!membership) throw AppError.notFound('Member');
      if (membership.role === MembershipRole.OWNER && owners.length <= 1) {
        throw new AppError(
          ErrorCode.CONFLICT,
          'An organization keeps at least one owner: make someone else an owner before removing this one.',
          {
            field: 'userId',
          },
        );
      }
      tx.remove(membership);
      this.audit.record(tx, {
        actorId: user.id,
        action: 'membership.removed',
        targetType: 'Organization',
        targetId: organizationId,
        details: { userId, role: membership.role },
      });
      await tx.flush();
      this.logger.log({ event: 'member.removed', organizationId, userId, by: user.id }, 'Member removed');
      return true;
    });
  }

  /** Invitations not yet accepted, still valid, newest first. */
  pendingInvitations(organizationId: string): Promise<Invitation[]> {
    return this.unitOfWork.em.find(
      Invitation,
      { organization: organizationId, acceptedAt: null, revokedAt: null, expiresAt: { $gt: new Date() } },
      { orderBy: { createdAt: 'desc' } },
    );
  }

  private async findByToken(em: EntityManager, token: string): Promise<Invitation | null> {
    if (!token || token.length > 100) return null;
    return em.findOne(Invitation, { tokenHash: tokenDigest(token) }, { populate: ['organization'] });
  }
}

const isPending = (invitation: Invitation) =>
  !invitation.acceptedAt && !invitation.revokedAt && invitation.expiresAt > new Date();

const ROLE_WORDS: Record<MembershipRole, string> = { OWNER: 'propriétaire', MEMBER: 'membre' };

/** The invitation e-mail with its link; the token's digest is stored once the e-mail has gone. */
@HandlesJob(MEMBER_INVITED)
export class InvitationEmailHandler implements JobHandler<{ invitationId: string }> {
  constructor(private readonly links: OneTimeLinkMailer) {}

  async handle({ invitationId }: { invitationId: string }, context: JobContext): Promise<void> {
    const em = context.em;
    const invitation = await em.findOne(Invitation, invitationId, { populate: ['organization'] });
    if (!invitation || !isPending(invitation)) return;
    const inviter = await em.findOne(User, invitation.invitedByUserId);
    const tokenHash = await this.links.send(context, invitation.email, '/invitation', (link) => ({
      subject: `Invitation à rejoindre ${invitation.organization.name} sur Ancrage`,
      text: [
        'Bonjour,',
        '',
        `${inviter?.displayName ?? 'Un propriétaire'} vous invite à rejoindre ${invitation.organization.name} sur Ancrage, en tant que ${ROLE_WORDS[invitation.role]}.`,
        '',
        `Pour accepter, ouvrez ce lien (valable 7 jours, une seule fois) et connectez-vous, ou créez votre compte, avec cette adresse (${invitation.email})\u00a0:`,
        link,
        '',
        'Si vous ne connaissez pas cette organisation, ignorez ce message.',
        '',
        "L'équipe Ancrage",
      ].join('\n'),
    }));
    if (!tokenHash) return;
    invitation.tokenHash = tokenHash;
    await em.flush();
  }
}
