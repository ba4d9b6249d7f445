import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { APP_CONFIG, type AppConfig } from '@app/platform';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'ancrage';
const AUDIENCE = 'ancrage-api';
const TOKEN_TYPE = 'at+jwt';
const ALGORITHM = 'HS256';
const CLOCK_TOLERANCE_SECONDS = 30;
/** The most verified tokens remembered at once (`AccessTokenService.verify`). */
const VERIFIED_TOKENS_KEPT = 10_000;

interface VerifiedToken {
  claims: AccessTokenClaims;
  /** In seconds since the epoch: the token is valid while the current second is earlier. */
  validUntil: number;
}

export interface AccessTokenClaims {
  userId: string;
  tokenVersion: number;
  /**
   * The sign-in that opened the session (OIDC `auth_time`): now at sign-in, kept by refreshes. A token without it
   * (signed before it existed) is valid but never counts as a fresh sign-in.
   */
  authTime?: Date;
  /** Whether the session's sign-in passed a second factor: `amr: ["pwd", "otp"]` (RFC 8176), kept by refreshes. */
  secondFactor?: boolean;
}

/** Short-lived JWT access tokens: HS256 only, issuer, audience and type checked, 30 s of clock tolerance. */
@Injectable()
export class AccessTokenService {
  private readonly key: Uint8Array;
  private readonly verified = new Map<string, VerifiedToken>();

  constructor(@Inject(APP_CONFIG) config: AppConfig) {
    this.key = new TextEncoder().encode(config.auth.jwtSecret);
  }

  sign(claims: AccessTokenClaims, now = new Date()): Promise<string> {
    return new SignJWT({
      tv: claims.tokenVersion,
      ...(claims.authTime && { auth_time: Math.floor(claims.authTime.getTime() / 1000) }),
      amr: claims.secondFactor ? ['pwd', 'otp'] : ['pwd'],
    })
      .setProtectedHeader({ alg: ALGORITHM, typ: TOKEN_TYPE })
      .setSubject(claims.userId)
      .setIssuer(ISSUER)
      .setAudience(AUDIENCE)
      .setIssuedAt(now)
      .setExpirationTime(Math.floor(now.getTime() / 1000) + ACCESS_TOKEN_TTL_SECONDS)
      .sign(this.key);
  }

  /**
   * The claims of a valid token, or undefined for anything else (expired, tampered, wrong audience…). A token verified
   * before is known by its exact text until it expires: a client sends the same one with each request of its quarter
   * of an hour, and everything but its expiry was checked once and for all (issue #24: checking its HMAC through
   * WebCrypto was ≈ 5 % of the API's CPU under the placeOrder load).
   */
  async verify(token: string): Promise<AccessTokenClaims | undefined> {
    const known = this.verified.get(token);
    if (known && Math.floor(Date.now() / 1000) < known.validUntil) return known.claims;
    if (known) this.verified.delete(token);
    const claims = await this.verifyAnew(token);
    if (claims) {
      // Bounded: past this many tokens in the last quarter of an hour, start afresh.
      if (this.verified.size >= VERIFIED_TOKENS_KEPT) this.verified.clear();
      this.verified.set(token, claims);
    }
    return claims?.claims;
  }

  private async verifyAnew(token: string): Promise<VerifiedToken | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ: TOKEN_TYPE,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.tv !== 'number') return undefined;
      const authTime = typeof payload.auth_time === 'number' ? new Date(payload.auth_time * 1000) : undefined;
      const secondFactor = Array.isArray(payload.amr) && payload.amr.includes('otp');
      return {
        claims: { userId: payload.sub, tokenVersion: payload.tv, authTime, secondFactor },
        // Valid while jose's check would pass: `exp` later than now less the tolerance (a token with `nbf` is not kept).
        validUntil: payload.nbf === undefined ? payload.exp! + CLOCK_TOLERANCE_SECONDS : 0,
      };
    } catch {
      return undefined;
    }
  }
}
