import { AppError } from './app-error';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Our ids are UUIDs; anything else names no object, and must not reach the database as a malformed value. */
export function isUuid(id: string): boolean {
  return UUID.test(id);
}

export function assertKnownIdShape(id: string, what: string): void {
  if (!isUuid(id)) throw AppError.notFound(what);
}
