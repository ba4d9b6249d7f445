import { Injectable, Logger } from '@nestjs/common';
import type { EntityManager } from '@mikro-orm/sql';
import { AppError, OutboxService, UnitOfWork } from '@app/platform';
import { AccountToken, AccountTokenPurpose } from '../entities/account-token.entity';
import { User } from '../entities/user.entity';
import { AccessTokenService } from './access-token.service';
import type { Session } from './auth.service';
import { normalizeEmail } from './email-address';
import { tokenDigest } from './one-time-token';
import { hashPassword } from './password-hasher';
import { passwordProblem } from './password-policy';
import { RefreshTokenService } from './refresh-token.service';
import { SignInLimiter } from './sign-in-limiter';

export const PASSWORD_RESET_REQUESTED = 'identity.password-reset-requested';
export const EMAIL_VERIFICATION_REQUESTED = 'identity.email-verification-requested';

const INVALID_LINK = 'This link is not valid or has expired; ask for a new one.';

/** A way back in: password reset by e-mail, and the proof that an address is the user's. */
@Injectable()
export class AccountRecoveryService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly outbox: OutboxService,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly limiter: SignInLimiter,
  ) {}

  /**
   * Always true, and the same work whatever the address: one outbox row. Whether an account exists is looked up by
   * the job, after the answer, which then e-mails the link (or nothing). So neither the answer nor its time tells.
   */
  async requestPasswordReset(email: string): Promise<boolean> {
    const normalized = normalizeEmail(email);
    if (normalized.length > 254) return true;
    const em = this.unitOfWork.em;
    this.outbox.enqueue(em, PASSWORD_RESET_REQUESTED, { email: normalized });
    await em.flush();
    return true;
  }

  /**
   * Spends a reset token: the new password (policy checked first, so a refused one leaves the link usable), every
   * other session ended, the address counted as verified, and a new session opened.
   */
  async resetPassword(token: string, password: string): Promise<Session> {
    const em = this.unitOfWork.em;
    const stored = await this.usableToken(em, token, AccountTokenPurpose.PASSWORD_RESET);
    const problem = passwordProblem(password, stored.user.email);
    if (problem) throw AppError.badInput('password', problem);
    const passwordHash = await hashPassword(password);
    const session = await em.transactional(async (tx) => {
      const now = new Date();
      await this.spend(tx, stored, now);
      // Any other reset link of the account dies with this one.
      await tx.nativeUpdate(
        AccountToken,
        { user: stored.user.id, purpose: AccountTokenPurpose.PASSWORD_RESET, usedAt: null },
        { usedAt: now },
      );
      await this.refreshTokens.revokeAllSessions(tx, stored.user.id, now);
      const user = await tx.findOneOrFail(User, stored.user.id, { refresh: true });
      user.passwordHash = passwordHash;
      user.emailVerifiedAt ??= now;
      // The reset proves the mailbox and sets the password: a sign-in, which opens a new session.
      const refreshToken = this.refreshTokens.issue(tx, user, undefined, now);
      await tx.flush();
      return {
        user,
        refreshToken,
        accessToken: await this.accessTokens.sign({ userId: user.id, tokenVersion: user.tokenVersion, authTime: now }),
      };
    });
    await this.limiter.clearAccount(session.user.email);
    this.logger.log({ event: 'password.reset', userId: session.user.id }, 'Password reset; other sessions ended');
    return session;
  }

  async verifyEmail(token: string): Promise<User> {
    const em = this.unitOfWork.em;
    const stored = await this.usableToken(em, token, AccountTokenPurpose.EMAIL_VERIFICATION);
    return em.transactional(async (tx) => {
      const now = new Date();
      await this.spend(tx, stored, now);
      const user = await tx.findOneOrFail(User, stored.user.id);
      user.emailVerifiedAt ??= now;
      return user;
    });
  }

  /** A new verification link for the caller, unless the address is verified already. */
  async requestEmailVerification(userId: string): Promise<boolean> {
    const em = this.unitOfWork.em;
    const user = await em.findOneOrFail(User, userId);
    if (user.emailVerifiedAt) return false;
    this.outbox.enqueue(em, EMAIL_VERIFICATION_REQUESTED, { userId });
    await em.flush();
    return true;
  }

  private async usableToken(em: EntityManager, token: string, purpose: AccountTokenPurpose): Promise<AccountToken> {
    const stored =
      token.length <= 100
        ? await em.findOne(AccountToken, { tokenHash: tokenDigest(token), purpose }, { populate: ['user'] })
        : null;
    if (!stored || stored.usedAt || stored.expiresAt <= new Date() || stored.user.disabledAt)
      throw AppError.badInput('token', INVALID_LINK);
    return stored;
  }

  /** Marks the token used, if nobody did in between: one conditional UPDATE, so a token works exactly once. */
  private async spend(em: EntityManager, stored: AccountToken, now: Date): Promise<void> {
    const spent = await em.nativeUpdate(
      AccountToken,
      { id: stored.id, usedAt: null, expiresAt: { $gt: now } },
      { usedAt: now },
    );
    if (spent !== 1) throw AppError.badInput('token', INVALID_LINK);
  }
}
