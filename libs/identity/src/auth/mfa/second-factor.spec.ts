import { MFA_ENROLMENT_GRACE_MS, secondFactorMissing } from './mfa-policy';
import {
  newRecoveryCodes,
  newTotpSecret,
  openSecret,
  recoveryCodeHash,
  sealSecret,
  totpCodeAt,
  totpStep,
} from './second-factor';

describe('second factor: TOTP, recovery codes, sealed secrets and who needs one', () => {
  const now = new Date('2026-12-05T10:00:10Z');

  it('accepts the code of now and of one step either side, refuses two steps away, and names the step', () => {
    const secret = newTotpSecret();
    const step = Math.floor(now.getTime() / 30_000);
    expect(totpStep(secret, totpCodeAt(secret, now), now)).toBe(step);
    expect(totpStep(secret, totpCodeAt(secret, new Date(now.getTime() + 30_000)), now)).toBe(step + 1);
    expect(totpStep(secret, totpCodeAt(secret, new Date(now.getTime() - 30_000)), now)).toBe(step - 1);
    expect(totpStep(secret, totpCodeAt(secret, new Date(now.getTime() - 90_000)), now)).toBeUndefined();
    expect(totpStep(secret, 'abcdef', now)).toBeUndefined();
  });

  it('seals a secret so that only the same key opens it, and any change is detected', () => {
    const sealed = sealSecret('JBSWY3DPEHPK3PXP', 'a'.repeat(40));
    expect(sealed).not.toContain('JBSWY3DPEHPK3PXP');
    expect(openSecret(sealed, 'a'.repeat(40))).toBe('JBSWY3DPEHPK3PXP');
    expect(() => openSecret(sealed, 'b'.repeat(40))).toThrow();
    const [version, iv, tag, data] = sealed.split('.');
    const altered = Buffer.from(data, 'base64url');
    altered[0] ^= 1;
    expect(() => openSecret([version, iv, tag, altered.toString('base64url')].join('.'), 'a'.repeat(40))).toThrow();
  });

  it('makes ten distinct recovery codes, hashed the same whatever the case, spaces or dash', () => {
    const codes = newRecoveryCodes();
    expect(new Set(codes).size).toBe(10);
    for (const code of codes) expect(code).toMatch(/^[a-z2-9]{5}-[a-z2-9]{5}$/);
    expect(recoveryCodeHash(codes[0].toUpperCase().replace('-', ' '))).toBe(recoveryCodeHash(codes[0]));
  });

  it('asks a second factor of the privileged only: at once when enrolled, after the grace when not', () => {
    const base = { privileged: true, enrolled: false, sessionHasSecondFactor: false, now };
    const created = (ago: number) => new Date(now.getTime() - ago);
    expect(secondFactorMissing({ ...base, accountCreatedAt: created(MFA_ENROLMENT_GRACE_MS - 60_000) })).toBe(false);
    expect(secondFactorMissing({ ...base, accountCreatedAt: created(MFA_ENROLMENT_GRACE_MS + 60_000) })).toBe(true);
    expect(secondFactorMissing({ ...base, enrolled: true, accountCreatedAt: created(0) })).toBe(true);
    expect(
      secondFactorMissing({ ...base, enrolled: true, sessionHasSecondFactor: true, accountCreatedAt: created(0) }),
    ).toBe(false);
    expect(secondFactorMissing({ ...base, privileged: false, accountCreatedAt: created(365 * 86_400_000) })).toBe(
      false,
    );
  });
});
