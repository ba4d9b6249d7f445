import { decodeJwt } from 'jose';
import { type FakeStripe, startFakeStripe } from './support/fake-stripe';
import { registerPlatformAdmin } from './support/admin-client';
import { graphql } from './support/graphql-client';
import { createOrganization, GOOD_PASSWORD, registerUser, type TestSession } from './support/identity-client';
import { startProductionStack } from './support/production-stack';

const REFRESH = 'mutation ($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken } }';
const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken } }';
const ONBOARD = 'mutation ($p: ID!) { startProducerOnboarding(producerId: $p) { url } }';
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * Issue #20 item 12: a session (a refresh-token family) ends at an absolute lifetime counted from its sign-in —
 * 30 days for buyers, 12 hours for platform admins and brand managers — that rotation never extends (AUTH-07); and
 * a sensitive change (the producer's payout onboarding) needs a sign-in of the last 5 minutes (AUTH-12). Time is
 * moved through the stored session start, never by waiting.
 */
describe('session lifetimes and fresh sign-in (issue #20 item 12)', () => {
  let fake: FakeStripe;
  let stack: Awaited<ReturnType<typeof startProductionStack>>;

  /** The user's sessions began `ms` ago (every token of every family of the user). */
  const signedInAgo = (userId: string, ms: number) =>
    stack.em
      .fork()
      .execute('update refresh_token set session_started_at = ? where user_id = ?', [
        new Date(Date.now() - ms),
        userId,
      ]);
  /** The user's current refresh tokens were issued `ms` ago (its last refresh or sign-in). */
  const lastUsedAgo = (userId: string, ms: number) =>
    stack.em
      .fork()
      .execute('update refresh_token set created_at = ? where user_id = ?', [new Date(Date.now() - ms), userId]);
  const refresh = (token: string) =>
    graphql<{ refreshSession: { accessToken: string; refreshToken: string } }>(stack.api, REFRESH, { token });
  const codeOf = (response: { errors?: { extensions: Record<string, unknown> }[] }) =>
    response.errors?.[0].extensions.code;

  beforeAll(async () => {
    fake = await startFakeStripe();
    stack = await startProductionStack('session-lifetime', {
      STRIPE_SECRET_KEY: 'sk_test_ancrage',
      STRIPE_PUBLISHABLE_KEY: 'pk_test_ancrage',
      STRIPE_WEBHOOK_SECRET: 'whsec_sessions',
      STRIPE_API_URL: fake.url,
    });
  });

  afterAll(async () => {
    await stack?.close();
    await fake?.close();
  });

  it('a buyer: a session 30 days old less a minute refreshes; at 30 days and a minute it is over', async () => {
    const buyer = await registerUser(stack.api, 'acheteur');
    await signedInAgo(buyer.user.id, 30 * DAY - MINUTE);
    const kept = await refresh(buyer.refreshToken);
    expect(kept.errors).toBeUndefined();
    await signedInAgo(buyer.user.id, 30 * DAY + MINUTE);
    const ended = await refresh(kept.data!.refreshSession.refreshToken);
    expect(codeOf(ended)).toBe('UNAUTHENTICATED');
    expect(ended.data).toBeNull();
  });

  it('rotation never extends a session: every new token keeps the sign-in time, and the access token carries it as auth_time', async () => {
    const buyer = await registerUser(stack.api, 'rotation');
    await signedInAgo(buyer.user.id, 29 * DAY);
    const [started] = await stack.em
      .fork()
      .execute('select session_started_at from refresh_token where user_id = ?', [buyer.user.id]);
    let token = buyer.refreshToken;
    let access = '';
    for (let turn = 0; turn < 3; turn += 1) {
      const next = await refresh(token);
      expect(next.errors).toBeUndefined();
      ({ refreshToken: token, accessToken: access } = next.data!.refreshSession);
    }
    const starts = await stack.em
      .fork()
      .execute('select distinct session_started_at from refresh_token where user_id = ?', [buyer.user.id]);
    expect(starts.map((row) => new Date(row.session_started_at as string).getTime())).toEqual([
      new Date(started.session_started_at).getTime(),
    ]);
    expect(decodeJwt(access).auth_time).toBe(Math.floor(new Date(started.session_started_at).getTime() / 1000));
    // The newest token, issued just now, is still refused once the session's start is past the limit.
    await signedInAgo(buyer.user.id, 30 * DAY + MINUTE);
    expect(codeOf(await refresh(token))).toBe('UNAUTHENTICATED');
  });

  it('a platform admin: 12 hours less a minute refreshes, 12 hours and a minute is over (a buyer at that age goes on)', async () => {
    const admin = await registerPlatformAdmin(stack.api, stack.em, 'admin-session');
    await signedInAgo(admin.user.id, 12 * HOUR - MINUTE);
    const kept = await refresh(admin.refreshToken);
    expect(kept.errors).toBeUndefined();
    await signedInAgo(admin.user.id, 12 * HOUR + MINUTE);
    expect(codeOf(await refresh(kept.data!.refreshSession.refreshToken))).toBe('UNAUTHENTICATED');

    const buyer = await registerUser(stack.api, 'acheteur-12h');
    await signedInAgo(buyer.user.id, 12 * HOUR + MINUTE);
    expect((await refresh(buyer.refreshToken)).errors).toBeUndefined();
  });

  it('a brand manager: 12 hours less a minute refreshes, 12 hours and a minute is over', async () => {
    const manager = await registerUser(stack.api, 'marque');
    await createOrganization(stack.api, manager.accessToken, 'BRAND', 'Marque du Jura');
    await signedInAgo(manager.user.id, 12 * HOUR - MINUTE);
    const kept = await refresh(manager.refreshToken);
    expect(kept.errors).toBeUndefined();
    await signedInAgo(manager.user.id, 12 * HOUR + MINUTE);
    expect(codeOf(await refresh(kept.data!.refreshSession.refreshToken))).toBe('UNAUTHENTICATED');
  });

  it('idle: an admin or brand manager unused for 29 minutes refreshes, for 31 minutes must sign in again; a buyer idle 31 minutes goes on', async () => {
    const admin = await registerPlatformAdmin(stack.api, stack.em, 'admin-idle');
    await lastUsedAgo(admin.user.id, 29 * MINUTE);
    const kept = await refresh(admin.refreshToken);
    expect(kept.errors).toBeUndefined();
    await lastUsedAgo(admin.user.id, 31 * MINUTE);
    expect(codeOf(await refresh(kept.data!.refreshSession.refreshToken))).toBe('UNAUTHENTICATED');

    const manager = await registerUser(stack.api, 'marque-idle');
    await createOrganization(stack.api, manager.accessToken, 'BRAND', 'Marque du Haut-Doubs');
    await lastUsedAgo(manager.user.id, 31 * MINUTE);
    expect(codeOf(await refresh(manager.refreshToken))).toBe('UNAUTHENTICATED');

    const buyer = await registerUser(stack.api, 'acheteur-idle');
    await lastUsedAgo(buyer.user.id, 31 * MINUTE);
    expect((await refresh(buyer.refreshToken)).errors).toBeUndefined();
  });

  it('after a session ends, signing in again opens a new one', async () => {
    const admin = await registerPlatformAdmin(stack.api, stack.em, 'admin-relogin');
    await signedInAgo(admin.user.id, 13 * HOUR);
    expect(codeOf(await refresh(admin.refreshToken))).toBe('UNAUTHENTICATED');
    const again = await graphql<{ login: { refreshToken: string } }>(stack.api, LOGIN, {
      input: { email: admin.user.email, password: GOOD_PASSWORD },
    });
    expect(again.errors).toBeUndefined();
    expect((await refresh(again.data!.login.refreshToken)).errors).toBeUndefined();
  });

  describe('a fresh sign-in before startProducerOnboarding (AUTH-12)', () => {
    let owner: TestSession;
    let farm: string;
    const accountsCreated = () =>
      fake.requests.filter((call) => call.method === 'POST' && call.path === '/v1/accounts').length;
    const linksCreated = () => fake.requests.filter((call) => call.path === '/v1/account_links').length;
    /** The owner's e-mails saying a payout link was asked for (AUTH-12: a notification e-mail queued). */
    const payoutNotices = async () => {
      await stack.drainOutbox();
      return stack.em
        .fork()
        .execute<{ subject: string; text: string }[]>(
          'select subject, text from sent_email where recipient = ? and subject like ?',
          [owner.user.email, 'Versements de %'],
        );
    };

    beforeAll(async () => {
      owner = await registerUser(stack.api, 'ferme-fraiche');
      farm = (await createOrganization(stack.api, owner.accessToken, 'PRODUCER', 'Ferme fraîche')).id;
    });

    it('a sign-in 6 minutes old (an access token from a refresh) is refused with FRESH_SIGN_IN_REQUIRED, before any call to Stripe', async () => {
      await signedInAgo(owner.user.id, 6 * MINUTE);
      const refreshed = (await refresh(owner.refreshToken)).data!.refreshSession;
      owner = { ...owner, ...refreshed };
      const [accounts, links] = [accountsCreated(), linksCreated()];
      const refused = await graphql(stack.api, ONBOARD, { p: farm }, refreshed.accessToken);
      expect(refused.errors?.[0].extensions).toMatchObject({
        code: 'UNAUTHENTICATED',
        reason: 'FRESH_SIGN_IN_REQUIRED',
      });
      expect(refused.data).toBeNull();
      expect([accountsCreated(), linksCreated()]).toEqual([accounts, links]);
      expect(
        await stack.em.fork().execute('select 1 from producer_payout_account where producer_id = ?', [farm]),
      ).toHaveLength(0);
      expect(await payoutNotices()).toEqual([]);
    });

    it('a sign-in 4 minutes old passes (the same refresh path, the other side of the limit)', async () => {
      await signedInAgo(owner.user.id, 4 * MINUTE);
      const refreshed = (await refresh(owner.refreshToken)).data!.refreshSession;
      owner = { ...owner, ...refreshed };
      const link = await graphql<{ startProducerOnboarding: { url: string } }>(
        stack.api,
        ONBOARD,
        { p: farm },
        refreshed.accessToken,
      );
      expect(link.errors).toBeUndefined();
      expect(link.data!.startProducerOnboarding.url).toMatch(/^https:\/\//);
      // The account's owner is told by e-mail, in French, whoever holds the session.
      expect(await payoutNotices()).toEqual([
        {
          subject: 'Versements de Ferme fraîche\u00a0: inscription Stripe demandée',
          text: expect.stringContaining('Si ce n’est pas vous'),
        },
      ]);
    });

    it('signing in again makes an old session fresh enough', async () => {
      await signedInAgo(owner.user.id, 20 * MINUTE);
      const stale = (await refresh(owner.refreshToken)).data!.refreshSession;
      expect((await graphql(stack.api, ONBOARD, { p: farm }, stale.accessToken)).errors?.[0].extensions).toMatchObject({
        reason: 'FRESH_SIGN_IN_REQUIRED',
      });
      const signedIn = await graphql<{ login: { accessToken: string } }>(stack.api, LOGIN, {
        input: { email: owner.user.email, password: GOOD_PASSWORD },
      });
      expect((await graphql(stack.api, ONBOARD, { p: farm }, signedIn.data!.login.accessToken)).errors).toBeUndefined();
    });

    it('someone who is not an owner gets NOT_FOUND or FORBIDDEN as before, not a sign-in prompt', async () => {
      const stranger = await registerUser(stack.api, 'etranger');
      const refused = await graphql(stack.api, ONBOARD, { p: farm }, stranger.accessToken);
      expect(['NOT_FOUND', 'FORBIDDEN']).toContain(refused.errors?.[0].extensions.code);
    });
  });
});
