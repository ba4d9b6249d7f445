/** Reads one cookie of a request. */
export function readCookie(request: Request, name: string): string | null {
  const header = request.headers.get('cookie');
  if (!header) return null;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq > 0 && part.slice(0, eq).trim() === name) return decodeURIComponent(part.slice(eq + 1).trim());
  }
  return null;
}

const secure = (): boolean => process.env.NODE_ENV === 'production';

/** A Set-Cookie value: httpOnly, SameSite=Lax, path /, Secure in production (WEB.md §1). */
export function serializeCookie(name: string, value: string, maxAgeSeconds: number): string {
  const parts = [
    `${name}=${encodeURIComponent(value)}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    `Max-Age=${maxAgeSeconds}`,
  ];
  if (secure()) parts.push('Secure');
  return parts.join('; ');
}

export const clearCookie = (name: string): string => serializeCookie(name, '', 0);
