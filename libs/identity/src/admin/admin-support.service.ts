import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  AppError,
  AuditLog,
  ErrorCode,
  FailedJobs,
  isUuid,
  type KeysetPage,
  keysetPage,
  OutboxService,
  UnitOfWork,
} from '@app/platform';
import type { AuthUser } from '../auth/auth-user';
import { MfaRecoveryCode } from '../entities/mfa-recovery-code.entity';
import { RefreshTokenService } from '../auth/refresh-token.service';
import {
  Organization,
  type OrganizationKind,
  type OrganizationVerificationStatus,
} from '../entities/organization.entity';
import { User } from '../entities/user.entity';
import { assertPlatformAdmin } from './platform-admin-only';
import { SECOND_FACTOR_RESET } from './second-factor-reset.email';

/** The reason an admin gives for an action on an account: required, kept in the audit log. */
function auditedReason(reason: string, what: string): string {
  const why = reason.trim();
  if (!why) throw AppError.badInput('reason', `Say why ${what}: it is kept in the audit log.`);
  if (why.length > 1000) throw AppError.badInput('reason', 'The reason must not exceed 1,000 characters.');
  return why;
}

function searchText(search: string | null | undefined): string | undefined {
  const text = search?.trim();
  if (text && text.length > 100) throw AppError.badInput('search', 'Search with at most 100 characters.');
  return text || undefined;
}

/**
 * Support's tools: find an account or an organization, disable an account, reset a lost second factor, run a failed
 * job again.
 */
@Injectable()
export class AdminSupportService {
  private readonly logger = new Logger('Admin');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly refreshTokens: RefreshTokenService,
    private readonly audit: AuditLog,
    private readonly failedJobs: FailedJobs,
    private readonly outbox: OutboxService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /**
   * "Contains this text, whatever the capitals": ILIKE with the person's wildcards escaped on PostgreSQL; on SQLite
   * (whose LIKE ignores ASCII capitals and has no default escape character) the wildcards are left out of the text.
   */
  private contains(text: string): object {
    if (this.config.database.kind === 'postgresql')
      return { $ilike: `%${text.replace(/[\\%_]/g, (char) => `\\${char}`)}%` };
    return { $like: `%${text.replace(/[%_]/g, '')}%` };
  }

  organizations(
    user: AuthUser,
    search: string | null | undefined,
    kind: OrganizationKind | null | undefined,
    first: number,
    after?: string | null,
    verificationStatus?: OrganizationVerificationStatus | null,
  ): Promise<KeysetPage<Organization>> {
    assertPlatformAdmin(user, 'Searching organizations');
    const text = searchText(search);
    const scope = {
      ...(kind ? { kind } : {}),
      ...(verificationStatus ? { verificationStatus } : {}),
      ...(text
        ? { $or: [{ name: this.contains(text) }, { siret: text.replace(/\s/g, '') }, { slug: this.contains(text) }] }
        : {}),
    };
    return keysetPage(this.unitOfWork.em, Organization, scope, first, after);
  }

  users(
    user: AuthUser,
    search: string | null | undefined,
    first: number,
    after?: string | null,
  ): Promise<KeysetPage<User>> {
    assertPlatformAdmin(user, 'Searching accounts');
    const text = searchText(search);
    const scope = text
      ? { $or: [{ email: this.contains(text.toLowerCase()) }, { displayName: this.contains(text) }] }
      : {};
    return keysetPage(this.unitOfWork.em, User, scope, first, after);
  }

  /** Disables the account and ends its sessions at once: its next request, refresh or sign-in fails. */
  async disableUser(admin: AuthUser, id: string, reason: string): Promise<User> {
    assertPlatformAdmin(admin, 'Disabling an account');
    const why = auditedReason(reason, 'the account is disabled');
    const target = await this.userOf(id);
    if (target.id === admin.id) throw AppError.badInput('id', 'You cannot disable your own account.');
    if (target.disabledAt) throw new AppError(ErrorCode.INVALID_STATE_TRANSITION, 'This account is already disabled.');
    const disabled = await this.unitOfWork.transactional(async (em) => {
      const now = new Date();
      const changed = await em.nativeUpdate(User, { id, disabledAt: null }, { disabledAt: now });
      if (changed === 0) throw new AppError(ErrorCode.INVALID_STATE_TRANSITION, 'This account is already disabled.');
      await this.refreshTokens.revokeAllSessions(em, id, now);
      this.audit.record(em, {
        actorId: admin.id,
        action: 'user.disabled',
        targetType: 'User',
        targetId: id,
        reason: why,
        details: { email: target.email },
      });
      return em.findOneOrFail(User, id, { refresh: true });
    });
    this.logger.warn({ event: 'user.disabled', userId: id, adminId: admin.id }, 'Account disabled by an admin');
    return disabled;
  }

  /**
   * Resets the second factor of someone who lost their authenticator and recovery codes, once support has checked who
   * they are: the secret and recovery codes are erased and every session ends. Signing in again with the password
   * opens a session that may only set up a new factor (MFA_REQUIRED for anything else, see `mfa-policy.ts`). The
   * owner is told by e-mail; the reason goes to the audit log.
   */
  async resetSecondFactor(admin: AuthUser, id: string, reason: string): Promise<User> {
    assertPlatformAdmin(admin, 'Resetting a second factor');
    const why = auditedReason(reason, 'the second factor is reset');
    const target = await this.userOf(id);
    const noFactor = () =>
      new AppError(ErrorCode.INVALID_STATE_TRANSITION, 'This account has no second factor to reset.');
    if (!target.mfaEnabledAt) throw noFactor();
    const reset = await this.unitOfWork.transactional(async (em) => {
      const now = new Date();
      const changed = await em.nativeUpdate(
        User,
        { id, mfaEnabledAt: { $ne: null } },
        { mfaSecret: null, mfaPendingSecret: null, mfaEnabledAt: null, mfaLastStep: null },
      );
      if (changed === 0) throw noFactor();
      await em.nativeDelete(MfaRecoveryCode, { user: id });
      await this.refreshTokens.revokeAllSessions(em, id, now);
      this.audit.record(em, {
        actorId: admin.id,
        action: 'user.second_factor_reset',
        targetType: 'User',
        targetId: id,
        reason: why,
        details: { email: target.email },
      });
      this.outbox.enqueue(em, SECOND_FACTOR_RESET, { userId: id });
      return em.findOneOrFail(User, id, { refresh: true });
    });
    this.logger.warn({ event: 'user.second_factor_reset', userId: id, adminId: admin.id }, 'Second factor reset');
    return reset;
  }

  private async userOf(id: string): Promise<User> {
    const user = isUuid(id) ? await this.unitOfWork.em.findOne(User, id) : null;
    if (!user) throw AppError.notFound('User');
    return user;
  }

  failedJobsPage(user: AuthUser, first: number, after?: string | null) {
    assertPlatformAdmin(user, 'The failed jobs list');
    return this.failedJobs.page(first, after);
  }

  async retryJob(admin: AuthUser, id: string) {
    assertPlatformAdmin(admin, 'Retrying a job');
    return this.unitOfWork.transactional(async (em) => {
      const message = await this.failedJobs.retry(em, id);
      this.audit.record(em, {
        actorId: admin.id,
        action: 'job.retried',
        targetType: 'Job',
        targetId: String(message.id),
        details: { topic: message.topic, lastError: message.lastError ?? null },
      });
      return message;
    });
  }

  auditLog(user: AuthUser, first: number, after?: string | null) {
    assertPlatformAdmin(user, 'The audit log');
    return this.audit.page(first, after);
  }
}
