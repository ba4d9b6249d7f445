import type { AppConfig } from '@app/platform';
import { ACCESS_TOKEN_TTL_SECONDS, AccessTokenService } from './access-token.service';

const config = { auth: { jwtSecret: 'an access-token secret of the tests, long enough' } } as AppConfig;
const SIGNED_AT = new Date('2026-12-06T10:00:00.000Z');
/** The last second jose still accepts a token in (its expiry, plus the 30 s of clock tolerance, less one). */
const LAST_VALID_MS = SIGNED_AT.getTime() + (ACCESS_TOKEN_TTL_SECONDS + 29) * 1000;

/**
 * A token verified before is known by its text until it expires (issue #24): the answer must be the one jose gives a
 * token it has never seen, whatever the clock says. Only the clock is faked.
 */
describe('AccessTokenService.verify of a token verified before', () => {
  beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask', 'setTimeout'] }));
  afterEach(() => jest.useRealTimers());

  it('answers the same claims as a first verification, until the same second', async () => {
    const signer = new AccessTokenService(config);
    const token = await signer.sign({ userId: 'u-1', tokenVersion: 3, authTime: SIGNED_AT }, SIGNED_AT);
    const claims = { userId: 'u-1', tokenVersion: 3, authTime: SIGNED_AT, secondFactor: false };
    const warmed = new AccessTokenService(config);
    jest.setSystemTime(SIGNED_AT);
    expect(await warmed.verify(token)).toEqual(claims);
    for (const [at, expected] of [
      [SIGNED_AT.getTime() + 60_000, claims],
      [LAST_VALID_MS, claims],
      [LAST_VALID_MS + 999, claims],
      [LAST_VALID_MS + 1000, undefined],
      [LAST_VALID_MS + 3_600_000, undefined],
    ] as const) {
      jest.setSystemTime(at);
      // A service that never saw the token (jose's own answer), and the one that did.
      expect(await new AccessTokenService(config).verify(token)).toEqual(expected);
      expect(await warmed.verify(token)).toEqual(expected);
    }
    // An expired token is forgotten, not remembered as refused: with the clock set back, jose's answer again.
    jest.setSystemTime(SIGNED_AT);
    expect(await warmed.verify(token)).toEqual(claims);
  });

  it('never keeps a refused token: one of another secret, then tampered, stays refused', async () => {
    const verifier = new AccessTokenService(config);
    jest.setSystemTime(SIGNED_AT);
    const foreign = await new AccessTokenService({
      auth: { jwtSecret: 'another secret, equally long enough' },
    } as AppConfig).sign({ userId: 'u-2', tokenVersion: 0 }, SIGNED_AT);
    expect(await verifier.verify(foreign)).toBeUndefined();
    expect(await verifier.verify(foreign)).toBeUndefined();
    const token = await verifier.sign({ userId: 'u-2', tokenVersion: 0 }, SIGNED_AT);
    expect(await verifier.verify(token)).toMatchObject({ userId: 'u-2' });
    const [header, payload, signature] = token.split('.');
    const tampered = `${header}.${Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload, 'base64url').toString()), tv: 9 })).toString('base64url')}.${signature}`;
    expect(await verifier.verify(tampered)).toBeUndefined();
  });
});
