import { commonSecurityHeaders } from './security-headers';

describe('the headers of every answer', () => {
  const config = (env: 'development' | 'test' | 'production', publicAppUrl: string) =>
    ({ env, payments: { publicAppUrl } }) as Parameters<typeof commonSecurityHeaders>[0];

  it('forbid guessing a content type and tell other sites at most our origin', () => {
    expect(commonSecurityHeaders(config('development', 'http://localhost:3000'))).toEqual([
      ['X-Content-Type-Options', 'nosniff'],
      ['Referrer-Policy', 'strict-origin-when-cross-origin'],
    ]);
  });

  it('ask the browser to keep to HTTPS for a year in production over HTTPS only', () => {
    expect(commonSecurityHeaders(config('production', 'https://ancrage.example'))).toContainEqual([
      'Strict-Transport-Security',
      'max-age=31536000',
    ]);
    // A production served over plain HTTP (behind nothing) or a development on an https address: no such promise.
    for (const [env, url] of [
      ['production', 'http://ancrage.internal'],
      ['development', 'https://ancrage.example'],
    ] as const)
      expect(commonSecurityHeaders(config(env, url)).map(([name]) => name)).not.toContain('Strict-Transport-Security');
  });
});
