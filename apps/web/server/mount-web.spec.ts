import type { Request } from 'express';
import { isApiPath, isSameOrigin, withLoopback } from './mount-web';

describe('the pages mounted in the API server', () => {
  it('leaves the API its paths and gives every other path to the pages', () => {
    expect(
      [
        '/graphql',
        '/health/ready',
        '/webhooks/stripe',
        '/invoices/1/pdf',
        '/invoices/1/factur-x',
        '/credit-notes/1/pdf',
        '/credit-notes/1/factur-x',
        '/exports/1/download',
        '/media',
      ].every(isApiPath),
    ).toBe(true);
    expect(['/', '/produits', '/graphqlx', '/healthy', '/commandes/1'].some(isApiPath)).toBe(false);
  });

  it('trusts the loopback hop of its own API calls beside the configured proxies', () => {
    expect(withLoopback(false)).toBe('loopback');
    expect(withLoopback(undefined)).toBe('loopback');
    expect(withLoopback(['10.0.0.0/8'])).toEqual(['10.0.0.0/8', 'loopback']);
    // A number of hops already counts the loopback hop as the nearest one.
    expect(withLoopback(1)).toBe(1);
  });

  it('takes a post for one of its pages only from this host or the public address', () => {
    const request = (headers: Record<string, string>) =>
      ({ get: (name: string) => headers[name.toLowerCase()] }) as unknown as Request;
    const publicUrl = 'https://ancrage.example';
    expect(isSameOrigin(request({ host: '127.0.0.1:3000', origin: 'http://127.0.0.1:3000' }), publicUrl)).toBe(true);
    expect(isSameOrigin(request({ host: 'internal:3000', origin: 'https://ancrage.example' }), publicUrl)).toBe(true);
    expect(isSameOrigin(request({ host: 'internal:3000', referer: 'https://ancrage.example/panier' }), publicUrl)).toBe(
      true,
    );
    expect(isSameOrigin(request({ host: 'ancrage.example', origin: 'https://attacker.example' }), publicUrl)).toBe(
      false,
    );
    expect(isSameOrigin(request({ host: 'ancrage.example', origin: 'null' }), publicUrl)).toBe(false);
    expect(isSameOrigin(request({ host: 'ancrage.example' }), publicUrl)).toBe(false);
  });
});
