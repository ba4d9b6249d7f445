import { type ArgumentsHost, Catch, type ExceptionFilter } from '@nestjs/common';
import type { GqlContextType } from '@nestjs/graphql';
import { AppError } from './app-error';
import { ErrorCode } from './error-code';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.PAYMENTS_NOT_CONFIGURED]: 503,
};

/**
 * Expected failures (AppError) are answers, not incidents: GraphQL formats them (graphql-error-format.ts) and they are
 * not logged as errors; on a REST route they become a JSON answer with a fitting status. Anything else keeps Nest's
 * handling and is logged in full.
 */
@Catch(AppError)
export class AppErrorFilter implements ExceptionFilter<AppError> {
  catch(error: AppError, host: ArgumentsHost): unknown {
    if (host.getType<GqlContextType>() === 'graphql') return error;
    const response = host.switchToHttp().getResponse<{ status(code: number): { json(body: unknown): void } }>();
    response
      .status(HTTP_STATUS[error.code] ?? 422)
      .json({ code: error.code, message: error.message, ...error.details });
    return undefined;
  }
}
