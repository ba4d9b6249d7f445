import { createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { AuthenticatedRequest, AuthUser } from './auth-user';

/** The signed-in user of a GraphQL operation (null on a public operation called anonymously). */
export const CurrentUser = createParamDecorator((_data: unknown, context: ExecutionContext): AuthUser | null => {
  const req = GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req;
  return req.authUser ?? null;
});
