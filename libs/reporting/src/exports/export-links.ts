import { createHmac, timingSafeEqual } from 'node:crypto';

/** A download link lives 15 minutes: long enough to click, short enough that a forwarded link soon dies. */
export const DOWNLOAD_LINK_TTL_MS = 15 * 60_000;

const signatureOf = (secret: string, exportJobId: string, expires: number) =>
  createHmac('sha256', secret).update(`export:${exportJobId}:${expires}`).digest('base64url');

export function signedDownloadPath(secret: string, exportJobId: string, now = Date.now()): string {
  const expires = now + DOWNLOAD_LINK_TTL_MS;
  return `/exports/${exportJobId}/download?expires=${expires}&signature=${signatureOf(secret, exportJobId, expires)}`;
}

/** Whether the link's signature is ours and it has not expired. */
export function isValidDownloadLink(
  secret: string,
  exportJobId: string,
  expires: string | undefined,
  signature: string | undefined,
  now = Date.now(),
): boolean {
  const at = Number(expires);
  if (!signature || !Number.isSafeInteger(at) || at < now) return false;
  const expected = Buffer.from(signatureOf(secret, exportJobId, at));
  const given = Buffer.from(signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
