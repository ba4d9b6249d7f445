import { HttpException, HttpStatus } from '@nestjs/common';
import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { AppError } from '../errors/app-error';
import { BUSY_DATABASE_MESSAGE, isBusyDatabase } from '../errors/busy-database';
import { ErrorCode, isContractErrorCode } from '../errors/error-code';

/** Apollo's own codes for a document or variables the client got wrong. */
const CLIENT_DOCUMENT_CODES = new Set([
  'GRAPHQL_PARSE_FAILED',
  'GRAPHQL_VALIDATION_FAILED',
  'BAD_USER_INPUT',
  'BAD_REQUEST',
  'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_SUPPORTED',
]);

const HTTP_STATUS_CODES: Partial<Record<number, ErrorCode>> = {
  [HttpStatus.BAD_REQUEST]: ErrorCode.BAD_USER_INPUT,
  [HttpStatus.UNAUTHORIZED]: ErrorCode.UNAUTHENTICATED,
  [HttpStatus.FORBIDDEN]: ErrorCode.FORBIDDEN,
  [HttpStatus.NOT_FOUND]: ErrorCode.NOT_FOUND,
  [HttpStatus.CONFLICT]: ErrorCode.CONFLICT,
  [HttpStatus.TOO_MANY_REQUESTS]: ErrorCode.RATE_LIMITED,
};

export const INTERNAL_ERROR_MESSAGE = 'Internal server error';

/** The error as thrown by our code, under Apollo's and Nest's wrappers. */
function originalOf(error: unknown): unknown {
  let current = error;
  while (current instanceof GraphQLError && current.originalError && current.originalError !== current) {
    current = current.originalError;
  }
  return current;
}

/**
 * Maps any error to the contract: expected failures keep their code, message and details; errors in the client's
 * document become BAD_USER_INPUT; a transaction that gave way to another is a retryable CONFLICT; everything else is masked as INTERNAL_SERVER_ERROR with no message, stack or SQL.
 * The one place where errors meet the GraphQL wire.
 */
export function formatGraphqlError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = originalOf(error);
  const location = {
    ...(formatted.locations && { locations: formatted.locations }),
    ...(formatted.path && { path: formatted.path }),
  };

  if (original instanceof AppError) {
    return { message: original.message, ...location, extensions: { ...original.details, code: original.code } };
  }
  if (original instanceof HttpException) {
    const code = HTTP_STATUS_CODES[original.getStatus()];
    if (code) return { message: httpMessage(original), ...location, extensions: { code } };
  }
  if (isBusyDatabase(original)) {
    return {
      message: BUSY_DATABASE_MESSAGE,
      ...location,
      extensions: { code: ErrorCode.CONFLICT, reason: 'BUSY', retryable: true },
    };
  }
  const declaredCode = formatted.extensions?.code;
  // A GraphQLError raised by the framework itself (not wrapping one of our errors) about the client's document.
  if (!(original instanceof Error) || original instanceof GraphQLError) {
    if (typeof declaredCode === 'string' && CLIENT_DOCUMENT_CODES.has(declaredCode)) {
      return { message: formatted.message, ...location, extensions: { code: ErrorCode.BAD_USER_INPUT } };
    }
    if (isContractErrorCode(declaredCode) && declaredCode !== ErrorCode.INTERNAL_SERVER_ERROR) {
      return { message: formatted.message, ...location, extensions: { code: declaredCode } };
    }
  }
  return { message: INTERNAL_ERROR_MESSAGE, ...location, extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR } };
}

function httpMessage(exception: HttpException): string {
  const response = exception.getResponse();
  if (typeof response === 'object' && response && 'message' in response) {
    const message = (response as { message: unknown }).message;
    if (Array.isArray(message)) return message.join('; ');
    if (typeof message === 'string') return message;
  }
  return exception.message;
}

export function isMaskedInternalError(formatted: GraphQLFormattedError): boolean {
  return formatted.extensions?.code === ErrorCode.INTERNAL_SERVER_ERROR;
}
