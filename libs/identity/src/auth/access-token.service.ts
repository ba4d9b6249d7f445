import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { APP_CONFIG, type AppConfig } from '@app/platform';

export const ACCESS_TOKEN_TTL_SECONDS = 15 * 60;
const ISSUER = 'ancrage';
const AUDIENCE = 'ancrage-api';
const TOKEN_TYPE = 'at+jwt';
const ALGORITHM = 'HS256';

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

  /** The claims of a valid token, or undefined for anything else (expired, tampered, wrong audience…). */
  async verify(token: string): Promise<AccessTokenClaims | undefined> {
    try {
      const { payload } = await jwtVerify(token, this.key, {
        algorithms: [ALGORITHM],
        issuer: ISSUER,
        audience: AUDIENCE,
        typ: TOKEN_TYPE,
        clockTolerance: 30,
        requiredClaims: ['sub', 'exp', 'iat'],
      });
      if (typeof payload.sub !== 'string' || typeof payload.tv !== 'number') return undefined;
      const authTime = typeof payload.auth_time === 'number' ? new Date(payload.auth_time * 1000) : undefined;
      const secondFactor = Array.isArray(payload.amr) && payload.amr.includes('otp');
      return { userId: payload.sub, tokenVersion: payload.tv, authTime, secondFactor };
    } catch {
      return undefined;
    }
  }
}
