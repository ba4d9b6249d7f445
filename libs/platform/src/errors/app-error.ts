import { ErrorCode } from './error-code';

/**
 * An expected failure a client can act on. Services throw it; the GraphQL layer shows its code, message and
 * details as they are. Anything else thrown is unexpected and reaches clients masked.
 */
export class AppError extends Error {
  override name = 'AppError';

  constructor(
    readonly code: Exclude<ErrorCode, ErrorCode.INTERNAL_SERVER_ERROR>,
    message: string,
    /** Extra machine-readable details for the client, e.g. `{ field }` or `{ productId, available }`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
  }

  static badInput(field: string, message: string): AppError {
    return new AppError(ErrorCode.BAD_USER_INPUT, message, { field });
  }

  static notFound(what: string): AppError {
    return new AppError(ErrorCode.NOT_FOUND, `${what} was not found.`);
  }
}
