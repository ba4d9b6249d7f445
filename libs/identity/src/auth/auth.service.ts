import { Injectable, Logger } from '@nestjs/common';
import { raw, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { AppError, ErrorCode, isUuid, OutboxService, UnitOfWork } from '@app/platform';
import { User } from '../entities/user.entity';
import { AccessTokenService } from './access-token.service';
import type { AuthUser } from './auth-user';
import { MfaService } from './mfa/mfa.service';
import { hashPassword, needsRehash, timingDummyHash, verifyPassword } from './password-hasher';
import { passwordProblem } from './password-policy';
import { RefreshTokenReused, RefreshTokenService, sessionEnded } from './refresh-token.service';
import { isValidEmail, normalizeEmail } from './email-address';
import { enqueueSecurityNotice } from './security-notice.email';
import { SignInLimiter } from './sign-in-limiter';

export const USER_REGISTERED = 'identity.user-registered';
/** Someone tried to open an account with an address already registered: its owner is told (no account is made). */
export const REGISTRATION_ATTEMPTED = 'identity.registration-attempted';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
}

const WRONG_CREDENTIALS = 'Incorrect e-mail or password.';

/** Accounts and sessions: register, sign in, refresh, sign out. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly unitOfWork: UnitOfWork,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly limiter: SignInLimiter,
    private readonly outbox: OutboxService,
    private readonly mfa: MfaService,
  ) {}

  async register(input: { email: string; password: string; displayName: string }, ip?: string): Promise<Session> {
    const email = normalizeEmail(input.email);
    const displayName = input.displayName.trim();
    if (!isValidEmail(email)) throw AppError.badInput('email', 'Enter a valid e-mail address.');
    if (!displayName || displayName.length > 100) {
      throw AppError.badInput('displayName', 'The display name must have between 1 and 100 characters.');
    }
    const problem = passwordProblem(input.password, email);
    if (problem) throw AppError.badInput('password', problem);

    const passwordHash = await hashPassword(input.password);
    try {
      const session = await this.unitOfWork.transactional(async (em) => {
        const user = em.create(User, { email, displayName, passwordHash });
        em.persist(user);
        this.outbox.enqueue(em, USER_REGISTERED, { userId: user.id });
        return this.openSession(em, user);
      });
      this.logger.log({ userId: session.user.id }, 'Account registered');
      return session;
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        // An address taken answers at once (the contract: register signs the new account in, so it cannot pretend);
        // it is a probe like a failed sign-in, and the address's owner hears of it.
        await this.limiter.countProbe(ip);
        await this.unitOfWork.transactional((em) => this.outbox.enqueue(em, REGISTRATION_ATTEMPTED, { email }));
        this.logger.warn({ event: 'register.conflict', ip }, 'Sign-up for a registered address');
        throw new AppError(ErrorCode.CONFLICT, 'An account already exists for this e-mail address; sign in instead.', {
          field: 'email',
        });
      }
      throw error;
    }
  }

  /**
   * The same error, message and (through a dummy verify) time for an unknown e-mail and a wrong password. An
   * account with a second factor then needs `mfaCode` (see `MfaService.verifySignInCode`), and its session is
   * marked as having passed it.
   */
  async login(
    input: { email: string; password: string; mfaCode?: string | null },
    ip?: string,
    now = new Date(),
  ): Promise<Session> {
    const email = normalizeEmail(input.email);
    const attempt = await this.limiter.countAttempt(email, ip);
    const em = this.unitOfWork.em;
    const user = await em.findOne(User, { email }, { populate: ['passwordHash', 'mfaSecret'] });
    const valid = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), input.password);
    if (!user || !valid || user.disabledAt) {
      this.logger.warn({ event: 'login.failed', userId: user?.id, ip }, 'Sign-in refused');
      await this.limiter.countProbe(ip);
      throw new AppError(ErrorCode.UNAUTHENTICATED, WRONG_CREDENTIALS);
    }
    const secondFactor = Boolean(user.mfaEnabledAt);
    if (secondFactor) await this.mfa.verifySignInCode(em, user, input.mfaCode, now);
    await this.limiter.recordSuccess(email, ip, attempt);
    if (needsRehash(user.passwordHash)) user.passwordHash = await hashPassword(input.password);
    const session = await em.transactional((tx) => this.openSession(tx, user, secondFactor));
    this.logger.log({ event: 'login.succeeded', userId: user.id, ip, secondFactor }, 'Signed in');
    return session;
  }

  async refresh(refreshToken: string): Promise<Session> {
    try {
      return await this.unitOfWork.transactional(async (em) => {
        const {
          user,
          refreshToken: next,
          sessionStartedAt,
          secondFactor,
        } = await this.refreshTokens.rotate(em, refreshToken);
        // A refresh is no sign-in: the access token keeps the session's sign-in time (`auth_time`).
        return {
          user,
          refreshToken: next,
          accessToken: await this.accessTokens.sign({
            userId: user.id,
            tokenVersion: user.tokenVersion,
            authTime: sessionStartedAt,
            secondFactor,
          }),
        };
      });
    } catch (error) {
      if (!(error instanceof RefreshTokenReused)) throw error;
      await this.unitOfWork.transactional(async (em) => {
        await this.refreshTokens.revokeFamily(em, error.familyId);
        // The thief may hold an access token from the stolen refresh token: every access token of the user ends now.
        await em.nativeUpdate(User, { id: error.userId }, { tokenVersion: raw('token_version + 1') });
      });
      this.logger.warn(
        { event: 'refresh-token.reused', familyId: error.familyId },
        'A spent refresh token was replayed: session revoked',
      );
      throw sessionEnded();
    }
  }

  /**
   * Ends the session of this refresh token and makes every access token issued so far invalid at once; the user's
   * other sessions get a fresh access token at their next refresh.
   */
  async logout(userId: string, refreshToken: string): Promise<boolean> {
    return this.unitOfWork.transactional(async (em) => {
      const revoked = await this.refreshTokens.revoke(em, refreshToken, userId);
      if (revoked) await em.nativeUpdate(User, { id: userId }, { tokenVersion: raw('token_version + 1') });
      return revoked;
    });
  }

  /**
   * Confirms the caller's second factor with a first code (see `MfaService.confirmEnrolment`): every session of the
   * account ends, and a new one opens that counts as signed in with the second factor. Returns the recovery codes,
   * shown once.
   */
  async confirmMfaEnrolment(caller: AuthUser, code: string): Promise<{ recoveryCodes: string[]; session: Session }> {
    return this.unitOfWork.transactional(async (em) => {
      const recoveryCodes = await this.mfa.confirmEnrolment(em, caller.id, code);
      // The owner hears of it by e-mail (AUTH-12), whoever holds the session.
      enqueueSecurityNotice(this.outbox, em, { userId: caller.id, notice: 'SECOND_FACTOR_ENROLLED' });
      await this.refreshTokens.revokeAllSessions(em, caller.id);
      const user = await em.findOneOrFail(User, caller.id, { refresh: true });
      return { recoveryCodes, session: await this.openSession(em, user, true) };
    });
  }

  /** For the demo territory's accounts (their addresses are examples nobody can open): counted as verified. */
  async markEmailVerified(userId: string): Promise<void> {
    await this.unitOfWork.em.nativeUpdate(User, { id: userId, emailVerifiedAt: null }, { emailVerifiedAt: new Date() });
  }

  findUser(id: string): Promise<User | null> {
    return this.unitOfWork.em.findOne(User, id);
  }

  findUserByEmail(email: string): Promise<User | null> {
    return this.unitOfWork.em.findOne(User, { email: normalizeEmail(email) });
  }

  /** Users by id, in one query (for a page of decisions that name who took them). */
  findUsersByIds(ids: readonly string[]): Promise<User[]> {
    const wanted = [...new Set(ids)].filter(isUuid);
    return wanted.length ? this.unitOfWork.em.find(User, { id: wanted }) : Promise.resolve([]);
  }

  private async openSession(em: EntityManager, user: User, secondFactor = false): Promise<Session> {
    const now = new Date();
    const refreshToken = this.refreshTokens.issue(em, user, undefined, now, secondFactor);
    await em.flush();
    return {
      user,
      refreshToken,
      accessToken: await this.accessTokens.sign({
        userId: user.id,
        tokenVersion: user.tokenVersion,
        authTime: now,
        secondFactor,
      }),
    };
  }
}
