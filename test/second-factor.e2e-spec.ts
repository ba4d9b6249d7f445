import { Secret, TOTP } from 'otpauth';
import { registerPlatformAdmin } from './support/admin-client';
import { graphql } from './support/graphql-client';
import { createOrganization, GOOD_PASSWORD, registerUser, type TestSession } from './support/identity-client';
import { startProductionStack } from './support/production-stack';

const START = 'mutation { startMfaEnrolment { secret otpauthUri qrCodeSvg } }';
const CONFIRM =
  'mutation ($code: String!) { confirmMfaEnrolment(code: $code) { recoveryCodes session { accessToken refreshToken } } }';
const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }';
const REFRESH = 'mutation ($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken } }';
const ME = '{ me { id mfaEnabled mfaRequired } }';
const ADMIN_USERS = '{ adminUsers(first: 1) { totalCount } }';
const ORGANIZATION = 'query ($id: ID!) { organization(id: $id) { id name } }';
const STEP_MS = 30_000;
const DAY = 24 * 3600_000;

/** The code an authenticator app shows for `secret`, `offsetMs` from now (the test's app, from otpauth). */
const codeAt = (secret: string, offsetMs = 0) =>
  new TOTP({ secret: Secret.fromBase32(secret), digits: 6, period: 30, algorithm: 'SHA1' }).generate({
    timestamp: Date.now() + offsetMs,
  });

/**
 * Issue #20 item 12, AUTH-13: platform admins and brand managers sign in with a second factor (TOTP). Enrolment is
 * confirmed by a first code, a sign-in of an enrolled account asks for a code, a code is used once, recovery codes
 * are spent once, wrong codes are braked, and a privileged account past its 7-day grace without a second factor may
 * only enrol.
 */
describe('second factor for platform admins and brand managers (issue #20 item 12, AUTH-13)', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  const codeOf = (response: { errors?: { extensions: Record<string, unknown> }[] }) =>
    response.errors?.[0].extensions.code;
  const reasonOf = (response: { errors?: { extensions: Record<string, unknown> }[] }) =>
    response.errors?.[0].extensions.reason;
  const login = (email: string, mfaCode?: string) =>
    graphql<{ login: { accessToken: string; refreshToken: string } }>(stack.api, LOGIN, {
      input: { email, password: GOOD_PASSWORD, ...(mfaCode !== undefined && { mfaCode }) },
    });
  const sessionsOf = async (userId: string) =>
    Number((await stack.em.fork().execute('select count(*) as n from refresh_token where user_id = ?', [userId]))[0].n);

  /** Enrols `who` and returns the secret, the code that confirmed it, the recovery codes and the new session. */
  async function enrol(who: TestSession) {
    const started = await graphql<{ startMfaEnrolment: { secret: string } }>(stack.api, START, {}, who.accessToken);
    expect(started.errors).toBeUndefined();
    const { secret } = started.data!.startMfaEnrolment;
    const enrolmentCode = codeAt(secret);
    const confirmed = await graphql<{
      confirmMfaEnrolment: { recoveryCodes: string[]; session: { accessToken: string; refreshToken: string } };
    }>(stack.api, CONFIRM, { code: enrolmentCode }, who.accessToken);
    expect(confirmed.errors).toBeUndefined();
    return { secret, enrolmentCode, ...confirmed.data!.confirmMfaEnrolment };
  }

  beforeAll(async () => {
    stack = await startProductionStack('second-factor', { MFA_ENCRYPTION_KEY: 'k'.repeat(40) });
  });

  afterAll(async () => {
    await stack?.close();
  });

  it('enrolment: a secret shown as an otpauth URI and a QR code, confirmed by a first code; stored sealed; recovery codes stored hashed', async () => {
    const admin = await registerPlatformAdmin(stack.api, stack.em, 'mfa-enrol');
    expect((await graphql<{ me: object }>(stack.api, ME, {}, admin.accessToken)).data!.me).toEqual({
      id: admin.user.id,
      mfaEnabled: false,
      mfaRequired: true,
    });
    const started = await graphql<{ startMfaEnrolment: { secret: string; otpauthUri: string; qrCodeSvg: string } }>(
      stack.api,
      START,
      {},
      admin.accessToken,
    );
    const { secret, otpauthUri, qrCodeSvg } = started.data!.startMfaEnrolment;
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(otpauthUri).toMatch(/^otpauth:\/\/totp\/Ancrage:.+\?.*secret=[A-Z2-7]{32}/);
    expect(otpauthUri).toContain('period=30');
    expect(qrCodeSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);

    // A wrong code confirms nothing: BAD_USER_INPUT on `code`, and the account is not enrolled.
    const wrong = await graphql(stack.api, CONFIRM, { code: codeAt(secret, -10 * 60_000) }, admin.accessToken);
    expect(codeOf(wrong)).toBe('BAD_USER_INPUT');
    expect(wrong.errors![0].extensions.field).toBe('code');
    expect((await login(admin.user.email)).errors).toBeUndefined();

    const confirmed = await graphql<{
      confirmMfaEnrolment: { recoveryCodes: string[]; session: { accessToken: string } };
    }>(stack.api, CONFIRM, { code: codeAt(secret) }, admin.accessToken);
    expect(confirmed.errors).toBeUndefined();
    const { recoveryCodes, session } = confirmed.data!.confirmMfaEnrolment;
    expect(recoveryCodes).toHaveLength(10);
    expect(new Set(recoveryCodes).size).toBe(10);
    // Every earlier session ended; the new one works, and is a second-factor session (admin work allowed).
    expect(codeOf(await graphql(stack.api, ME, {}, admin.accessToken))).toBe('UNAUTHENTICATED');
    expect((await graphql(stack.api, ADMIN_USERS, {}, session.accessToken)).errors).toBeUndefined();
    expect((await graphql<{ me: object }>(stack.api, ME, {}, session.accessToken)).data!.me).toMatchObject({
      mfaEnabled: true,
      mfaRequired: false,
    });

    const [row] = await stack.em
      .fork()
      .execute('select mfa_secret, mfa_pending_secret, mfa_enabled_at from app_user where id = ?', [admin.user.id]);
    expect(row.mfa_enabled_at).not.toBeNull();
    expect(row.mfa_pending_secret).toBeNull();
    expect(row.mfa_secret).toMatch(/^v1\./);
    expect(row.mfa_secret).not.toContain(secret);
    const hashes = await stack.em
      .fork()
      .execute('select code_hash from mfa_recovery_code where user_id = ?', [admin.user.id]);
    expect(hashes).toHaveLength(10);
    for (const { code_hash } of hashes) {
      expect(code_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(recoveryCodes.map((code) => code.replace('-', ''))).not.toContain(code_hash);
    }

    // The owner is told by e-mail, in French (AUTH-12): once, for the confirmed enrolment, not for the wrong code.
    await stack.drainOutbox();
    const emails = await stack.em
      .fork()
      .execute('select subject, text from sent_email where recipient = ? and subject like ?', [
        admin.user.email,
        '%ouble authentification%',
      ]);
    expect(emails).toEqual([
      {
        subject: 'Double authentification activée sur votre compte',
        text: expect.stringContaining('/mot-de-passe-oublie'),
      },
    ]);
  });

  it('sign-in of an enrolled account: no code asks for one, a wrong code is refused, a code is used once, a recovery code once', async () => {
    const admin = await registerPlatformAdmin(stack.api, stack.em, 'mfa-login');
    const { secret, enrolmentCode, recoveryCodes } = await enrol(admin);
    const before = await sessionsOf(admin.user.id);

    const noCode = await login(admin.user.email);
    expect(codeOf(noCode)).toBe('UNAUTHENTICATED');
    expect(reasonOf(noCode)).toBe('MFA_CODE_REQUIRED');
    expect(noCode.data).toBeNull();
    const wrong = await login(admin.user.email, codeAt(secret, -10 * 60_000));
    expect(codeOf(wrong)).toBe('UNAUTHENTICATED');
    expect(reasonOf(wrong)).toBe('MFA_CODE_INVALID');
    // The enrolment spent its code's step: that code again is a replay (the code of now, once the clock has passed into
    // the next 30-second step, would be a new one: the test then failed once in a while).
    expect(reasonOf(await login(admin.user.email, enrolmentCode))).toBe('MFA_CODE_INVALID');
    expect(await sessionsOf(admin.user.id)).toBe(before);

    const next = codeAt(secret, STEP_MS);
    const signedIn = await login(admin.user.email, next);
    expect(signedIn.errors).toBeUndefined();
    expect((await graphql(stack.api, ADMIN_USERS, {}, signedIn.data!.login.accessToken)).errors).toBeUndefined();
    // The session keeps its second factor through a refresh.
    const refreshed = await graphql<{ refreshSession: { accessToken: string } }>(stack.api, REFRESH, {
      token: signedIn.data!.login.refreshToken,
    });
    expect(
      (await graphql(stack.api, ADMIN_USERS, {}, refreshed.data!.refreshSession.accessToken)).errors,
    ).toBeUndefined();
    // The same code again, within its validity: refused (replay).
    const replay = await login(admin.user.email, next);
    expect(reasonOf(replay)).toBe('MFA_CODE_INVALID');

    const recovery = recoveryCodes[3].toUpperCase();
    expect((await login(admin.user.email, recovery)).errors).toBeUndefined();
    expect(reasonOf(await login(admin.user.email, recovery))).toBe('MFA_CODE_INVALID');
  });

  it('wrong codes are braked: after five in 15 minutes even the right code waits (RATE_LIMITED), and no session opens', async () => {
    const admin = await registerPlatformAdmin(stack.api, stack.em, 'mfa-brake');
    const { secret } = await enrol(admin);
    for (let attempt = 0; attempt < 5; attempt += 1) {
      expect(reasonOf(await login(admin.user.email, codeAt(secret, -(attempt + 10) * 60_000)))).toBe(
        'MFA_CODE_INVALID',
      );
    }
    const before = await sessionsOf(admin.user.id);
    const braked = await login(admin.user.email, codeAt(secret, STEP_MS));
    expect(codeOf(braked)).toBe('RATE_LIMITED');
    expect(await sessionsOf(admin.user.id)).toBe(before);
  });

  it('a brand manager without a second factor: free during the 7-day grace, then only enrolment is open (MFA_REQUIRED); a buyer is never asked', async () => {
    const manager = await registerUser(stack.api, 'mfa-marque');
    const brand = await createOrganization(stack.api, manager.accessToken, 'BRAND', 'Marque du Grandvaux');
    const read = (token: string) => graphql(stack.api, ORGANIZATION, { id: brand.id }, token);
    expect((await read(manager.accessToken)).errors).toBeUndefined();

    await stack.em
      .fork()
      .execute('update app_user set created_at = ? where id = ?', [new Date(Date.now() - 8 * DAY), manager.user.id]);
    const refused = await read(manager.accessToken);
    expect(codeOf(refused)).toBe('FORBIDDEN');
    expect(reasonOf(refused)).toBe('MFA_REQUIRED');
    expect((refused.data as { organization: unknown } | null)?.organization ?? null).toBeNull();
    expect((await graphql<{ me: object }>(stack.api, ME, {}, manager.accessToken)).data!.me).toMatchObject({
      mfaRequired: true,
    });

    const { secret, session } = await enrol(manager);
    expect((await read(session.accessToken)).errors).toBeUndefined();
    const again = await login(manager.user.email, codeAt(secret, STEP_MS));
    expect((await read(again.data!.login.accessToken)).errors).toBeUndefined();

    const buyer = await registerUser(stack.api, 'mfa-acheteur');
    const business = await createOrganization(stack.api, buyer.accessToken, 'BUSINESS', 'Fromagerie du test');
    await stack.em
      .fork()
      .execute('update app_user set created_at = ? where id = ?', [new Date(Date.now() - 30 * DAY), buyer.user.id]);
    expect((await graphql(stack.api, ORGANIZATION, { id: business.id }, buyer.accessToken)).errors).toBeUndefined();
    expect((await graphql<{ me: object }>(stack.api, ME, {}, buyer.accessToken)).data!.me).toMatchObject({
      mfaRequired: false,
    });
  });

  it('support resets a lost second factor: sessions end, the password alone opens only enrolment, the owner is told; refusals change nothing', async () => {
    const RESET =
      'mutation ($id: ID!, $reason: String!) { resetSecondFactor(id: $id, reason: $reason) { id mfaEnabledAt } }';
    const support = await registerPlatformAdmin(stack.api, stack.em, 'mfa-support');
    const manager = await registerUser(stack.api, 'mfa-perdu');
    const brand = await createOrganization(stack.api, manager.accessToken, 'BRAND', 'Marque du Haut-Doubs');
    const enrolled = await enrol(manager);
    await stack.em
      .fork()
      .execute('update app_user set created_at = ? where id = ?', [new Date(Date.now() - 30 * DAY), manager.user.id]);
    const reset = (id: string, reason: string, token?: string) =>
      graphql<{ resetSecondFactor: { id: string; mfaEnabledAt: string | null } }>(
        stack.api,
        RESET,
        { id, reason },
        token,
      );
    const stillEnrolled = async () => {
      expect(reasonOf(await login(manager.user.email))).toBe('MFA_CODE_REQUIRED');
      expect(await sessionsOf(manager.user.id)).toBeGreaterThan(0);
    };

    // Refusals: not an admin, anonymous, no reason, unknown account, an account without a second factor.
    expect(codeOf(await reset(manager.user.id, 'perdu', enrolled.session.accessToken))).toBe('FORBIDDEN');
    expect(codeOf(await reset(manager.user.id, 'perdu'))).toBe('UNAUTHENTICATED');
    const blank = await reset(manager.user.id, '  ', support.accessToken);
    expect(codeOf(blank)).toBe('BAD_USER_INPUT');
    expect(blank.errors?.[0].extensions.field).toBe('reason');
    expect(codeOf(await reset('00000000-0000-4000-8000-000000000000', 'perdu', support.accessToken))).toBe('NOT_FOUND');
    const buyer = await registerUser(stack.api, 'mfa-sans');
    expect(codeOf(await reset(buyer.user.id, 'perdu', support.accessToken))).toBe('INVALID_STATE_TRANSITION');
    await stillEnrolled();

    const done = await reset(manager.user.id, 'Téléphone perdu ; identité vérifiée par appel', support.accessToken);
    expect(done.errors).toBeUndefined();
    expect(done.data!.resetSecondFactor).toEqual({ id: manager.user.id, mfaEnabledAt: null });
    expect(codeOf(await reset(manager.user.id, 'encore', support.accessToken))).toBe('INVALID_STATE_TRANSITION');

    // Every session ended; the recovery codes are gone with the secret.
    const [open] = await stack.em
      .fork()
      .execute('select count(*) as n from refresh_token where user_id = ? and revoked_at is null', [manager.user.id]);
    expect(Number(open.n)).toBe(0);
    const refresh = await graphql(stack.api, REFRESH, { token: enrolled.session.refreshToken });
    expect(codeOf(refresh)).toBe('UNAUTHENTICATED');
    const [codes] = await stack.em
      .fork()
      .execute('select count(*) as n from mfa_recovery_code where user_id = ?', [manager.user.id]);
    expect(Number(codes.n)).toBe(0);

    // The password alone signs in, to a session that may only set up a new factor.
    const signedIn = await login(manager.user.email);
    expect(signedIn.errors).toBeUndefined();
    const token = signedIn.data!.login.accessToken;
    const refused = await graphql(stack.api, ORGANIZATION, { id: brand.id }, token);
    expect(reasonOf(refused)).toBe('MFA_REQUIRED');
    const { session } = await enrol({ ...manager, accessToken: token });
    expect((await graphql(stack.api, ORGANIZATION, { id: brand.id }, session.accessToken)).errors).toBeUndefined();

    // Who, when and why in the audit log; the owner told by e-mail, in French.
    const [entry] = await stack.em
      .fork()
      .execute("select actor_id, reason from audit_entry where action = 'user.second_factor_reset' and target_id = ?", [
        manager.user.id,
      ]);
    expect(entry).toEqual({ actor_id: support.user.id, reason: 'Téléphone perdu ; identité vérifiée par appel' });
    await stack.drainOutbox();
    const emails = await stack.em
      .fork()
      .execute('select subject, text from sent_email where recipient = ? and subject like ?', [
        manager.user.email,
        '%double authentification%',
      ]);
    expect(emails).toHaveLength(1);
    expect(emails[0].subject).toBe('Votre double authentification a été réinitialisée');
    expect(emails[0].text).toContain('/compte/double-authentification');
  });

  it('enrolling needs a sign-in of the last 5 minutes (a stolen session cannot put its own app on the account)', async () => {
    const admin = await registerPlatformAdmin(stack.api, stack.em, 'mfa-fresh');
    await stack.em
      .fork()
      .execute('update refresh_token set session_started_at = ? where user_id = ?', [
        new Date(Date.now() - 10 * 60_000),
        admin.user.id,
      ]);
    const refreshed = await graphql<{ refreshSession: { accessToken: string } }>(stack.api, REFRESH, {
      token: admin.refreshToken,
    });
    const stale = await graphql(stack.api, START, {}, refreshed.data!.refreshSession.accessToken);
    expect(codeOf(stale)).toBe('UNAUTHENTICATED');
    expect(reasonOf(stale)).toBe('FRESH_SIGN_IN_REQUIRED');
    const [row] = await stack.em
      .fork()
      .execute('select mfa_pending_secret from app_user where id = ?', [admin.user.id]);
    expect(row.mfa_pending_secret).toBeNull();
  });
});
