import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { LockMode, raw } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/sql';
import { APP_CONFIG, type AppConfig, AppError, ErrorCode } from '@app/platform';
import { RefreshToken } from '../entities/refresh-token.entity';
import { User } from '../entities/user.entity';
import { sessionOutlived } from './session-lifetime';

export const REFRESH_TOKEN_TTL_MS = 30 * 24 * 3600_000;
/**
 * Two refreshes of the same token this close together are a client racing itself (two tabs), not theft: the
 * second gets CONFLICT and keeps the session; later, a replay revokes the whole family.
 */
export const REFRESH_RACE_GRACE_MS = 10_000;

const digest = (token: string) => createHash('sha256').update(token).digest('hex');

/** A spent refresh token presented again. Its family must be revoked in a transaction of its own, which commits. */
export class RefreshTokenReused extends Error {
  constructor(
    readonly familyId: string,
    readonly userId: string,
  ) {
    super('Refresh token reused');
  }
}

/** A session's family: its id, the sign-in that opened it, and whether that sign-in passed a second factor. */
export interface SessionFamily {
  id: string;
  startedAt: Date;
  secondFactor: boolean;
}

export const sessionEnded = () => new AppError(ErrorCode.UNAUTHENTICATED, 'This session has ended; sign in again.');

/** Opaque 256-bit refresh tokens, stored hashed, rotated at each use, with reuse detection per family. */
@Injectable()
export class RefreshTokenService {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  /**
   * Adds a new token to the unit of work of `em`; returns the token in clear, shown once to the client. Without a
   * family, it opens a session (a sign-in at `now`, which passed a second factor or not); with one, it continues it
   * and keeps its start and whether its sign-in passed a second factor.
   */
  issue(em: EntityManager, user: User, family?: SessionFamily, at = new Date(), secondFactor = false): string {
    family ??= { id: randomUUID(), startedAt: at, secondFactor };
    const token = randomBytes(32).toString('base64url');
    em.persist(
      em.create(RefreshToken, {
        user,
        familyId: family.id,
        sessionStartedAt: family.startedAt,
        secondFactor: family.secondFactor,
        tokenHash: digest(token),
        expiresAt: new Date(at.getTime() + REFRESH_TOKEN_TTL_MS),
      }),
    );
    return token;
  }

  /**
   * Spends a token and returns its user and the new token, in `em`'s transaction. A used token presented again
   * throws RefreshTokenReused: the caller revokes the family, so a stolen token works at most until its owner
   * refreshes.
   */
  async rotate(
    em: EntityManager,
    token: string,
    now = new Date(),
  ): Promise<{ user: User; refreshToken: string; sessionStartedAt: Date; secondFactor: boolean }> {
    const stored = await em.findOne(
      RefreshToken,
      { tokenHash: digest(token) },
      {
        populate: ['user'],
        ...(this.config.database.kind === 'postgresql' && { lockMode: LockMode.PESSIMISTIC_WRITE }),
      },
    );
    if (!stored || stored.revokedAt || stored.expiresAt <= now || stored.user.disabledAt) throw sessionEnded();
    if (stored.usedAt) {
      if (now.getTime() - stored.usedAt.getTime() < REFRESH_RACE_GRACE_MS) {
        throw new AppError(
          ErrorCode.CONFLICT,
          'This session was just refreshed by another request; use the newest token.',
        );
      }
      throw new RefreshTokenReused(stored.familyId, stored.user.id);
    }
    // The absolute lifetime (AUTH-07), from the family's sign-in, whatever the rotations since: 12 hours for the
    // privileged, 30 days for everyone else; and for the privileged, 30 minutes idle.
    if (sessionOutlived(stored.sessionStartedAt, stored.createdAt, await this.isPrivileged(em, stored.user), now))
      throw sessionEnded();
    stored.usedAt = now;
    const family = { id: stored.familyId, startedAt: stored.sessionStartedAt, secondFactor: stored.secondFactor };
    return {
      user: stored.user,
      refreshToken: this.issue(em, stored.user, family, now),
      sessionStartedAt: stored.sessionStartedAt,
      secondFactor: stored.secondFactor,
    };
  }

  /**
   * Platform admins and the managers of a territory brand (any member of a BRAND organization): short sessions, and
   * a second factor.
   */
  async isPrivileged(em: EntityManager, user: User): Promise<boolean> {
    if (user.isPlatformAdmin) return true;
    // Read with the account when authentication loaded it (a lazy formula), otherwise now: apart from the identity
    // map, which would answer with `user` itself, unread.
    if (user.managesBrand !== undefined) return user.managesBrand;
    const read = await em.findOne(User, user.id, { populate: ['managesBrand'], disableIdentityMap: true });
    return read?.managesBrand === true;
  }

  /** Ends the session the token belongs to, if it is one of `userId`'s; returns whether it was. */
  async revoke(em: EntityManager, token: string, userId: string, now = new Date()): Promise<boolean> {
    const stored = await em.findOne(RefreshToken, { tokenHash: digest(token), user: userId });
    if (!stored) return false;
    await this.revokeFamily(em, stored.familyId, now);
    return true;
  }

  async revokeFamily(em: EntityManager, familyId: string, now = new Date()): Promise<void> {
    await em.nativeUpdate(RefreshToken, { familyId, revokedAt: null }, { revokedAt: now });
  }

  /**
   * Ends every session of the user at once: all its refresh tokens are revoked and every access token issued so far
   * is refused at the next request (the token version moves on). For a password reset, a disabled account, a
   * downgraded role. Runs in the caller's transaction.
   */
  async revokeAllSessions(em: EntityManager, userId: string, now = new Date()): Promise<void> {
    await em.nativeUpdate(RefreshToken, { user: userId, revokedAt: null }, { revokedAt: now });
    await em.nativeUpdate(User, { id: userId }, { tokenVersion: raw('token_version + 1') });
  }
}
