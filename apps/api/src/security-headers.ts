import type { NextFunction, Request, RequestHandler, Response } from 'express';
import type { AppConfig } from '@app/platform';

/**
 * The headers every answer carries, API and pages alike:
 * - `X-Content-Type-Options: nosniff`: a browser takes a file for what its Content-Type says (a downloaded invoice,
 *   a producer's picture, a JSON error), never for a script or a page it guessed;
 * - `Referrer-Policy: strict-origin-when-cross-origin`: another site (Stripe, the map's tiles) learns at most our
 *   origin, never a page's path and query (a password-reset or invitation link carries its token there);
 * - in production over HTTPS, `Strict-Transport-Security` for a year: the browser never asks the site over plain
 *   HTTP again, so no one on the network can strip TLS from a sign-in.
 */
export function commonSecurityHeaders(config: Pick<AppConfig, 'env' | 'payments'>): [string, string][] {
  const headers: [string, string][] = [
    ['X-Content-Type-Options', 'nosniff'],
    ['Referrer-Policy', 'strict-origin-when-cross-origin'],
  ];
  if (config.env === 'production' && config.payments.publicAppUrl.startsWith('https://'))
    headers.push(['Strict-Transport-Security', 'max-age=31536000']);
  return headers;
}

/** Sets `headers` on every answer (the ones a handler sets afterwards win). */
export function setHeaders(headers: [string, string][]): RequestHandler {
  return (_req: Request, res: Response, next: NextFunction) => {
    for (const [name, value] of headers) res.setHeader(name, value);
    next();
  };
}
