import { UniqueConstraintViolationException } from '@mikro-orm/core';
import { AppError } from './app-error';
import { ErrorCode } from './error-code';

/**
 * For `.catch()` after a write guarded by a unique key: a duplicate (two first requests at once, a taken slug…)
 * becomes CONFLICT with a sentence for the client, anything else goes on as it was.
 */
export function conflictOnDuplicate(message: string, details: Record<string, unknown> = {}) {
  return (error: unknown): never => {
    if (error instanceof UniqueConstraintViolationException) throw new AppError(ErrorCode.CONFLICT, message, details);
    throw error;
  };
}
