import { Injectable, Logger } from '@nestjs/common';
import { MikroORM, raw, UniqueConstraintViolationException } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { AppError, ErrorCode, isUuid, OutboxService } from '@app/platform';
import { User } from '../entities/user.entity';
import { AccessTokenService } from './access-token.service';
import { hashPassword, needsRehash, timingDummyHash, verifyPassword } from './password-hasher';
import { passwordProblem } from './password-policy';
import { RefreshTokenReused, RefreshTokenService, sessionEnded } from './refresh-token.service';
import { SignInLimiter } from './sign-in-limiter';

export const USER_REGISTERED = 'identity.user-registered';
/** Someone tried to open an account with an address already registered: its owner is told (no account is made). */
export const REGISTRATION_ATTEMPTED = 'identity.registration-attempted';

export interface Session {
  accessToken: string;
  refreshToken: string;
  user: User;
}

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const WRONG_CREDENTIALS = 'Incorrect e-mail or password.';

export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Accounts and sessions: register, sign in, refresh, sign out. */
@Injectable()
export class AuthService {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly orm: MikroORM,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly limiter: SignInLimiter,
    private readonly outbox: OutboxService,
  ) {}

  private em(): EntityManager {
    return this.orm.em.fork() as EntityManager;
  }

  async register(input: { email: string; password: string; displayName: string }, ip?: string): Promise<Session> {
    const email = normalizeEmail(input.email);
    const displayName = input.displayName.trim();
    if (!EMAIL_PATTERN.test(email) || email.length > 254)
      throw AppError.badInput('email', 'Enter a valid e-mail address.');
    if (!displayName || displayName.length > 100) {
      throw AppError.badInput('displayName', 'The display name must have between 1 and 100 characters.');
    }
    const problem = passwordProblem(input.password, email);
    if (problem) throw AppError.badInput('password', problem);

    const passwordHash = await hashPassword(input.password);
    try {
      const session = await this.em().transactional(async (em) => {
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
        await this.em().transactional((em) => this.outbox.enqueue(em, REGISTRATION_ATTEMPTED, { email }));
        this.logger.warn({ event: 'register.conflict', ip }, 'Sign-up for a registered address');
        throw new AppError(ErrorCode.CONFLICT, 'An account already exists for this e-mail address; sign in instead.', {
          field: 'email',
        });
      }
      throw error;
    }
  }

  /** The same error, message and (through a dummy verify) time for an unknown e-mail and a wrong password. */
  async login(input: { email: string; password: string }, ip?: string): Promise<Session> {
    const email = normalizeEmail(input.email);
    const attempt = await this.limiter.countAttempt(email, ip);
    const em = this.em();
    const user = await em.findOne(User, { email }, { populate: ['passwordHash'] });
    const valid = await verifyPassword(user?.passwordHash ?? (await timingDummyHash()), input.password);
    if (!user || !valid || user.disabledAt) {
      this.logger.warn({ event: 'login.failed', userId: user?.id, ip }, 'Sign-in refused');
      await this.limiter.countProbe(ip);
      throw new AppError(ErrorCode.UNAUTHENTICATED, WRONG_CREDENTIALS);
    }
    await this.limiter.recordSuccess(email, ip, attempt);
    if (needsRehash(user.passwordHash)) user.passwordHash = await hashPassword(input.password);
    const session = await em.transactional((tx) => this.openSession(tx, user));
    this.logger.log({ event: 'login.succeeded', userId: user.id, ip }, 'Signed in');
    return session;
  }

  async refresh(refreshToken: string): Promise<Session> {
    try {
      return await this.em().transactional(async (em) => {
        const { user, refreshToken: next, sessionStartedAt } = await this.refreshTokens.rotate(em, refreshToken);
        // A refresh is no sign-in: the access token keeps the session's sign-in time (`auth_time`).
        return {
          user,
          refreshToken: next,
          accessToken: await this.accessTokens.sign({
            userId: user.id,
            tokenVersion: user.tokenVersion,
            authTime: sessionStartedAt,
          }),
        };
      });
    } catch (error) {
      if (!(error instanceof RefreshTokenReused)) throw error;
      await this.em().transactional(async (em) => {
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
    return this.em().transactional(async (em) => {
      const revoked = await this.refreshTokens.revoke(em, refreshToken, userId);
      if (revoked) await em.nativeUpdate(User, { id: userId }, { tokenVersion: raw('token_version + 1') });
      return revoked;
    });
  }

  /** For the demo territory's accounts (their addresses are examples nobody can open): counted as verified. */
  async markEmailVerified(userId: string): Promise<void> {
    await this.em().nativeUpdate(User, { id: userId, emailVerifiedAt: null }, { emailVerifiedAt: new Date() });
  }

  findUser(id: string): Promise<User | null> {
    return this.em().findOne(User, id);
  }

  findUserByEmail(email: string): Promise<User | null> {
    return this.em().findOne(User, { email: normalizeEmail(email) });
  }

  /** Users by id, in one query (for a page of decisions that name who took them). */
  findUsersByIds(ids: readonly string[], em: EntityManager = this.em()): Promise<User[]> {
    const wanted = [...new Set(ids)].filter(isUuid);
    return wanted.length ? em.find(User, { id: wanted }) : Promise.resolve([]);
  }

  private async openSession(em: EntityManager, user: User): Promise<Session> {
    const now = new Date();
    const refreshToken = this.refreshTokens.issue(em, user, undefined, now);
    await em.flush();
    return {
      user,
      refreshToken,
      accessToken: await this.accessTokens.sign({ userId: user.id, tokenVersion: user.tokenVersion, authTime: now }),
    };
  }
}
