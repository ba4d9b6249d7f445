import { type CanActivate, type ExecutionContext, Injectable, Logger } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { GraphQLResolveInfo } from 'graphql';
import type { EntityManager } from '@mikro-orm/sql';
import {
  AppError,
  entityColumnsSql,
  ErrorCode,
  isUuid,
  preparesStatements,
  PUBLIC_OPERATION,
  queryPrepared,
  UnitOfWork,
} from '@app/platform';
import { User } from '../entities/user.entity';
import { AccessTokenService } from './access-token.service';
import type { AuthenticatedRequest, AuthUser } from './auth-user';
import { OPERATIONS_WITHOUT_SECOND_FACTOR } from './mfa/mfa-policy';
import { MfaService } from './mfa/mfa.service';

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);

/**
 * Authentication for every GraphQL operation, registered once for the whole API. A root query or mutation needs a
 * valid access token unless it is `@Public()`; the token is read once per request. The token must be of the user's
 * current token version, so signing out or disabling an account takes effect at the next request, not at `exp`.
 * A platform admin's or brand manager's session must have passed a second factor for anything but enrolling and
 * leaving (`mfa/mfa-policy.ts`). What the user may do with an object is the access policy's concern, not this guard's.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  private readonly logger = new Logger('Auth');
  /** The caller's account, and the second-factor check, once per request. */
  private readonly accounts = new WeakMap<AuthenticatedRequest, User>();
  private readonly secondFactorChecks = new WeakMap<AuthenticatedRequest, Promise<void>>();

  constructor(
    private readonly reflector: Reflector,
    private readonly accessTokens: AccessTokenService,
    private readonly unitOfWork: UnitOfWork,
    private readonly mfa: MfaService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType<string>() !== 'graphql') return true;
    const gql = GqlExecutionContext.create(context);
    const req = gql.getContext<{ req: AuthenticatedRequest }>().req;
    req.authUserPromise ??= this.authenticate(req);
    req.authUser = await req.authUserPromise;

    const info = gql.getInfo<GraphQLResolveInfo>();
    if (!ROOT_TYPES.has(info.parentType.name)) return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_OPERATION, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    if (req.authUser) {
      if (!OPERATIONS_WITHOUT_SECOND_FACTOR.has(info.fieldName)) await this.checkSecondFactor(req, req.authUser);
      return true;
    }
    this.logger.warn({ event: 'authorization.refused', operation: info.fieldName, ip: req.ip }, 'Sign-in required');
    throw new AppError(ErrorCode.UNAUTHENTICATED, 'Sign in to do this.');
  }

  /** The caller, null without a token; a token that is present but not valid is refused even on public operations. */
  private async authenticate(req: AuthenticatedRequest): Promise<AuthUser | null> {
    const header = req.headers.authorization;
    if (!header) return null;
    const match = typeof header === 'string' ? /^Bearer (\S+)$/i.exec(header) : null;
    const claims = match ? await this.accessTokens.verify(match[1]) : undefined;
    // A session without a second factor is checked for privilege (checkSecondFactor): read with the account.
    const user = claims ? await readAccount(this.unitOfWork.em, claims.userId, !claims.secondFactor) : null;
    if (!claims || !user || user.disabledAt || user.tokenVersion !== claims.tokenVersion) {
      this.logger.warn({ event: 'authentication.refused', ip: req.ip }, 'Access token refused');
      throw new AppError(ErrorCode.UNAUTHENTICATED, 'Your session has expired or is not valid; sign in again.');
    }
    this.accounts.set(req, user);
    return {
      id: user.id,
      email: user.email,
      isPlatformAdmin: user.isPlatformAdmin,
      authTime: claims.authTime,
      secondFactor: claims.secondFactor,
    };
  }

  private checkSecondFactor(req: AuthenticatedRequest, caller: AuthUser): Promise<void> {
    let check = this.secondFactorChecks.get(req);
    const account = this.accounts.get(req);
    if (!check && account) {
      check = this.mfa.assertSecondFactor(account, Boolean(caller.secondFactor));
      this.secondFactorChecks.set(req, check);
    }
    return check ?? Promise.resolve();
  }
}

/**
 * The account, with whether it manages a brand when asked (what authentication reads): on PostgreSQL outside a
 * transaction as a prepared statement made into the managed entity `em.findOne` would answer (issue #24: the ORM
 * built the statement and PostgreSQL planned it on every request; its columns and formula are the entity's own),
 * elsewhere through `em.findOne`.
 */
export async function readAccount(em: EntityManager, userId: string, withManagesBrand: boolean): Promise<User | null> {
  const populate = withManagesBrand ? (['managesBrand'] as const) : [];
  if (!preparesStatements(em)) return em.findOne(User, { id: userId }, { populate });
  if (!isUuid(userId)) return null;
  const [row] = await queryPrepared(
    em,
    `select ${entityColumnsSql(em, User, 'u', populate)} from ${em.getMetadata().get(User).tableName} u where u.id = $1`,
    [userId],
  );
  return row ? em.map(User, row) : null;
}
