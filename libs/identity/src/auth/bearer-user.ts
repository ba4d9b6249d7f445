import { Injectable, Logger } from '@nestjs/common';
import { AccessTokenService } from './access-token.service';
import type { AuthUser } from './auth-user';
import { AuthService } from './auth.service';

/**
 * The caller of a REST route, from its `Authorization: Bearer <accessToken>` header. The identity guard covers
 * GraphQL operations only, so a REST edge asks here, with the guard's checks: a valid token of the user's current
 * token version, for an account that is not disabled. Undefined for anyone else.
 */
@Injectable()
export class BearerUser {
  private readonly logger = new Logger('Auth');

  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly auth: AuthService,
  ) {}

  async of(authorization: string | undefined, ip?: string): Promise<AuthUser | undefined> {
    const match = authorization ? /^Bearer (\S+)$/i.exec(authorization) : null;
    const claims = match ? await this.accessTokens.verify(match[1]) : undefined;
    const user = claims ? await this.auth.findUser(claims.userId) : null;
    if (!claims || !user || user.disabledAt || user.tokenVersion !== claims.tokenVersion) {
      this.logger.warn({ event: 'authentication.refused', ip }, 'Access token refused');
      return undefined;
    }
    return { id: user.id, email: user.email, isPlatformAdmin: user.isPlatformAdmin, authTime: claims.authTime };
  }
}
