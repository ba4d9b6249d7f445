import { randomUUID } from 'node:crypto';
import { generateKeyPair, SignJWT, UnsecuredJWT } from 'jose';
import { Redis } from 'ioredis';
import { graphql } from './support/graphql-client';
import { membershipOf, type Organization, readAccount } from '@app/identity';
import { createOrganization, GOOD_PASSWORD, registerUser, uniqueEmail } from './support/identity-client';
import { startProductionStack } from './support/production-stack';

const LOGIN = 'mutation ($input: LoginInput!) { login(input: $input) { accessToken } }';
const REFRESH = 'mutation ($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken } }';
const ME = '{ me { id } }';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

describe('sign-in security (PostgreSQL, Redis)', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;

  beforeAll(async () => {
    stack = await startProductionStack('auth_security', { RATE_LIMIT_ACCOUNT_FAILURES: '1000' });
  });

  afterAll(() => stack.close());

  it('AUTH-03: an unknown e-mail and a wrong password look the same, in answer and in time', async () => {
    const known = await registerUser(stack.api, 'known');
    const unknownEmail = uniqueEmail('nobody');
    const attempt = async (email: string) => {
      const started = process.hrtime.bigint();
      const response = await graphql(stack.api, LOGIN, { input: { email, password: 'Wrong password 123' } });
      const elapsedMs = Number(process.hrtime.bigint() - started) / 1e6;
      const { requestId, ...extensions } = response.errors![0].extensions;
      return {
        elapsedMs,
        visible: { status: response.status, data: response.data, message: response.errors![0].message, extensions },
      };
    };
    const timings = { unknown: [] as number[], known: [] as number[] };
    // Alternated, and which one goes first alternates too, so that the load of a shared machine weighs on both alike.
    for (let round = 0; round < 100; round++) {
      const unknownFirst = round % 2 === 0;
      const first = await attempt(unknownFirst ? unknownEmail : known.user.email);
      const second = await attempt(unknownFirst ? known.user.email : unknownEmail);
      const [unknown, wrong] = unknownFirst ? [first, second] : [second, first];
      expect(unknown.visible).toEqual(wrong.visible);
      timings.unknown.push(unknown.elapsedMs);
      timings.known.push(wrong.elapsedMs);
    }
    if (process.env.REPORT_FIGURES)
      console.info(
        `AUTH-03 medians: unknown ${median(timings.unknown).toFixed(1)} ms, wrong password ${median(timings.known).toFixed(1)} ms`,
      );
    expect(Math.abs(median(timings.unknown) - median(timings.known))).toBeLessThan(10);
  });

  it('AUTH-05: nine kinds of bad access tokens are refused, and a good one accepted', async () => {
    const user = await registerUser(stack.api, 'tokens');
    const other = await registerUser(stack.api, 'victim');
    const secret = new TextEncoder().encode(stack.config.auth.jwtSecret);
    const now = Math.floor(Date.now() / 1000);
    const claims = (overrides: { iss?: string; aud?: string; exp?: number; nbf?: number; sub?: string } = {}) =>
      new SignJWT({ tv: 0 })
        .setProtectedHeader({ alg: 'HS256', typ: 'at+jwt' })
        .setSubject(overrides.sub ?? user.user.id)
        .setIssuer(overrides.iss ?? 'ancrage')
        .setAudience(overrides.aud ?? 'ancrage-api')
        .setIssuedAt(now - 60)
        .setNotBefore(overrides.nbf ?? now - 60)
        .setExpirationTime(overrides.exp ?? now + 600);

    expect((await graphql(stack.api, ME, {}, await claims().sign(secret))).data).toEqual({ me: { id: user.user.id } });

    const rsa = await generateKeyPair('RS256');
    const [header, , signature] = user.accessToken.split('.');
    const otherPayload = Buffer.from(
      JSON.stringify({
        ...JSON.parse(Buffer.from(user.accessToken.split('.')[1], 'base64url').toString()),
        sub: other.user.id,
      }),
    ).toString('base64url');
    const badTokens: Record<string, string> = {
      'alg none': new UnsecuredJWT({ tv: 0 })
        .setSubject(user.user.id)
        .setIssuer('ancrage')
        .setAudience('ancrage-api')
        .setExpirationTime(now + 600)
        .encode(),
      'RS256 instead of HS256': await new SignJWT({ tv: 0 })
        .setProtectedHeader({ alg: 'RS256', typ: 'at+jwt' })
        .setSubject(user.user.id)
        .setIssuer('ancrage')
        .setAudience('ancrage-api')
        .setExpirationTime(now + 600)
        .sign(rsa.privateKey),
      expired: await claims({ exp: now - 120 }).sign(secret),
      'not before in the future': await claims({ nbf: now + 3600 }).sign(secret),
      'wrong audience': await claims({ aud: 'another-api' }).sign(secret),
      'wrong issuer': await claims({ iss: 'someone-else' }).sign(secret),
      'tampered payload': `${header}.${otherPayload}.${signature}`,
      'a refresh token': user.refreshToken,
      'another key': await claims().sign(new TextEncoder().encode('a-rotated-out-secret-of-32-characters!!')),
    };
    for (const [kind, token] of Object.entries(badTokens)) {
      const response = await graphql(stack.api, ME, {}, token);
      expect({ kind, data: response.data, code: response.errors?.[0].extensions.code }).toEqual({
        kind,
        data: null,
        code: 'UNAUTHENTICATED',
      });
    }
    // A bad token is refused even on a public operation, rather than silently treated as anonymous.
    expect((await graphql(stack.api, '{ apiVersion }', {}, badTokens.expired)).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('issue #24: on PostgreSQL authentication and the membership check read through prepared statements the entities em.findOne reads', async () => {
    const manager = await registerUser(stack.api, 'brand-manager');
    const plain = await registerUser(stack.api, 'not-a-manager');
    const brand = await createOrganization(stack.api, manager.accessToken, 'BRAND');
    const business = await createOrganization(stack.api, plain.accessToken, 'BUSINESS');
    const em = stack.em.fork();
    await em.execute('update app_user set email_verified_at = now(), mfa_last_step = 7 where id = ?', [plain.user.id]);
    /** Every property the entity read holds, by name (lazy ones are left unread by both). */
    const propertiesOf = (entity: object | null | undefined) =>
      entity && Object.fromEntries(Object.entries(entity).filter(([, value]) => typeof value !== 'function'));
    const userClass = em.getMetadata().getByClassName<object>('User').class;
    for (const [session, managesBrand] of [
      [manager, true],
      [plain, false],
    ] as const) {
      for (const withManagesBrand of [true, false]) {
        // Each read in an EntityManager of its own: the identity map would answer the second with the first.
        const prepared = await readAccount(stack.em.fork(), session.user.id, withManagesBrand);
        const found = await stack.em
          .fork()
          .findOne(userClass, { id: session.user.id }, { populate: withManagesBrand ? ['managesBrand' as never] : [] });
        expect(propertiesOf(prepared)).toEqual(propertiesOf(found));
        expect((prepared as { managesBrand?: boolean }).managesBrand).toBe(withManagesBrand ? managesBrand : undefined);
        expect(prepared!.createdAt).toBeInstanceOf(Date);
      }
    }
    expect(await readAccount(stack.em.fork(), randomUUID(), true)).toBeNull();
    expect(await readAccount(stack.em.fork(), 'not-a-uuid', true)).toBeNull();

    const membershipClass = em.getMetadata().getByClassName<object>('Membership').class;
    for (const [session, organization] of [
      [manager, brand],
      [plain, business],
    ] as const) {
      const prepared = await membershipOf(stack.em.fork(), session.user.id, organization.id);
      const found = (await stack.em
        .fork()
        .findOne(membershipClass, { organization: organization.id, user: session.user.id } as never, {
          populate: ['organization' as never],
        })) as { role: string; organization: Organization };
      expect(prepared!.role).toBe(found.role);
      expect(propertiesOf(prepared!.organization)).toEqual(propertiesOf(found.organization));
      expect(prepared!.organization.address.latitude).toEqual(expect.any(Number));
    }
    expect(await membershipOf(stack.em.fork(), plain.user.id, brand.id)).toBeNull();
    // Inside a transaction, the ORM's path (the transaction's connection).
    await stack.em.fork().transactional(async (tx) => {
      expect((await readAccount(tx, plain.user.id, true))?.email).toBe(plain.user.email);
      expect((await membershipOf(tx, plain.user.id, business.id))?.organization.id).toBe(business.id);
    });
  });

  it('AUTH-06: a replayed refresh token revokes its whole family', async () => {
    const session = await registerUser(stack.api, 'rotation');
    const first = await graphql<{ refreshSession: { refreshToken: string; accessToken: string } }>(stack.api, REFRESH, {
      token: session.refreshToken,
    });
    const newest = first.data!.refreshSession.refreshToken;
    const newestAccess = first.data!.refreshSession.accessToken;

    // At once, the replay is taken for a client racing itself: refused, but the session lives.
    expect((await graphql(stack.api, REFRESH, { token: session.refreshToken })).errors?.[0].extensions.code).toBe(
      'CONFLICT',
    );

    // Later, it is theft: refused, and the newest token of the family is revoked with it.
    await stack.em.execute(
      "update refresh_token set used_at = used_at - interval '1 minute' where used_at is not null",
    );
    expect((await graphql(stack.api, REFRESH, { token: session.refreshToken })).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
    expect((await graphql(stack.api, REFRESH, { token: newest })).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    // …and so is any access token issued before: the thief's too.
    expect((await graphql(stack.api, ME, {}, newestAccess)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
  });

  it('AUTH-06: two concurrent refreshes of one token: one wins, the other gets CONFLICT', async () => {
    const session = await registerUser(stack.api, 'race');
    const results = await Promise.all(
      [1, 2].map(() =>
        graphql<{ refreshSession: { refreshToken: string } }>(stack.api, REFRESH, { token: session.refreshToken }),
      ),
    );
    const winners = results.filter((result) => result.data?.refreshSession);
    expect(winners).toHaveLength(1);
    expect(results.find((result) => result.errors)?.errors?.[0].extensions.code).toBe('CONFLICT');
    expect(
      (await graphql(stack.api, REFRESH, { token: winners[0].data!.refreshSession.refreshToken })).data,
    ).toBeDefined();
  });
});

describe('AUTH-04: brute force and credential stuffing (limits in Redis)', () => {
  let stack: Awaited<ReturnType<typeof startProductionStack>>;
  let ipCounter = 0;
  const freshIp = () => `203.0.113.${++ipCounter}`;
  const login = (email: string, password: string, ip: string) =>
    graphql(stack.api, LOGIN, { input: { email, password } }, undefined, { 'x-forwarded-for': ip });

  beforeAll(async () => {
    // One load balancer in front: its X-Forwarded-For entry (the last) is the client's address; anything before it
    // was written by the client.
    stack = await startProductionStack('auth_limits', {
      RATE_LIMIT_AUTH_PER_MINUTE: '20',
      RATE_LIMIT_ACCOUNT_FAILURES: '10',
      TRUST_PROXY: '1',
    });
  });

  afterAll(() => stack.close());

  it('lets one IP try 20 sign-ins a minute, then answers RATE_LIMITED', async () => {
    const ip = freshIp();
    const codes = [];
    for (let n = 0; n < 25; n++)
      codes.push((await login(uniqueEmail('stuffing'), 'Guess 1234 xyz', ip)).errors?.[0].extensions.code);
    expect(codes.slice(0, 20).every((code) => code === 'UNAUTHENTICATED')).toBe(true);
    expect(codes.slice(20).every((code) => code === 'RATE_LIMITED')).toBe(true);
    // Another address is not affected.
    expect((await login(uniqueEmail('stuffing'), 'Guess 1234 xyz', freshIp())).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  it('does not let a client behind the proxy pick its address: a forged X-Forwarded-For entry changes nothing', async () => {
    const ip = freshIp();
    const codes = [];
    for (let n = 0; n < 22; n++) {
      // The client writes a new address each time; the proxy appends the one it saw.
      const forged = `198.51.100.${n + 1}, ${ip}`;
      const answer = await graphql(
        stack.api,
        LOGIN,
        { input: { email: uniqueEmail('forger'), password: 'Guess 1234 xyz' } },
        undefined,
        { 'x-forwarded-for': forged },
      );
      codes.push(answer.errors?.[0].extensions.code);
    }
    expect(codes.slice(0, 20).every((code) => code === 'UNAUTHENTICATED')).toBe(true);
    expect(codes.slice(20)).toEqual(['RATE_LIMITED', 'RATE_LIMITED']);
  });

  it('counts 10 aliased login fields in one request as 10 attempts', async () => {
    // Mutation fields run one after the other and a refused login nulls the whole answer, which stops the rest; so
    // aliases are worth something to an attacker only while they succeed. Succeeding ones count, one each.
    const user = await registerUser(stack.api, 'aliases');
    const ip = freshIp();
    const aliased = `mutation { ${Array.from({ length: 10 }, (_, n) => `a${n}: login(input: { email: "${user.user.email}", password: "${GOOD_PASSWORD}" }) { accessToken }`).join(' ')} }`;
    const send = () => graphql<Record<string, unknown>>(stack.api, aliased, {}, undefined, { 'x-forwarded-for': ip });
    expect(Object.keys((await send()).data ?? {})).toHaveLength(10);
    expect(Object.keys((await send()).data ?? {})).toHaveLength(10);
    const third = await send();
    expect(third.data).toBeNull();
    expect(third.errors?.map((error) => error.extensions.code)).toEqual(['RATE_LIMITED']);
  });

  it('pauses an account after 10 failures from many IPs — for strangers, not for its owner at an address it signed in from (#20 item 2)', async () => {
    const victim = await registerUser(stack.api, 'victim');
    const home = freshIp();
    expect((await login(victim.user.email, GOOD_PASSWORD, home)).data).toEqual({
      login: { accessToken: expect.any(String) },
    });

    // The attacker, from many addresses.
    for (let n = 0; n < 10; n++) {
      expect((await login(victim.user.email, `Guess number ${n}!`, freshIp())).errors?.[0].extensions.code).toBe(
        'UNAUTHENTICATED',
      );
    }
    const blocked = await login(victim.user.email, GOOD_PASSWORD, freshIp());
    expect(blocked.errors?.[0]).toMatchObject({
      extensions: { code: 'RATE_LIMITED' },
      message: expect.stringContaining('15 minutes'),
    });

    // The owner, at home: the right password still opens the account, and strangers stay paused.
    expect((await login(victim.user.email, GOOD_PASSWORD, home)).data).toEqual({
      login: { accessToken: expect.any(String) },
    });
    expect((await login(victim.user.email, 'Guess number 11!', freshIp())).errors?.[0].extensions.code).toBe(
      'RATE_LIMITED',
    );

    // A pause, not a permanent lock: the counter expires with its window.
    const redis = new Redis(stack.config.redis!.url);
    const [key] = await redis.keys(`${stack.config.redis!.prefix}:rate:sign-in-failures:*`);
    const ttlMs = await redis.pttl(key);
    redis.disconnect();
    expect(ttlMs).toBeGreaterThan(0);
    expect(ttlMs).toBeLessThanOrEqual(15 * 60_000);
  });

  it('pauses one address guessing at one account even when the account knows it: 10 failures, then that address waits', async () => {
    const owner = await registerUser(stack.api, 'guessed');
    const home = freshIp();
    await login(owner.user.email, GOOD_PASSWORD, home);
    for (let n = 0; n < 10; n++)
      expect((await login(owner.user.email, `Guess number ${n}!`, home)).errors?.[0].extensions.code).toBe(
        'UNAUTHENTICATED',
      );
    expect((await login(owner.user.email, GOOD_PASSWORD, home)).errors?.[0].extensions.code).toBe('RATE_LIMITED');
  });

  it('counts a sign-up for a taken address as a probe, with failed sign-ins: the 21st from one IP in a minute is RATE_LIMITED, and the owner is told (#20 item 3)', async () => {
    const owner = await registerUser(stack.api, 'taken');
    const ip = freshIp();
    const REGISTER = 'mutation ($input: RegisterInput!) { register(input: $input) { accessToken } }';
    const register = () =>
      graphql(
        stack.api,
        REGISTER,
        { input: { email: owner.user.email, password: GOOD_PASSWORD, displayName: 'Prober' } },
        undefined,
        { 'x-forwarded-for': ip },
      );
    const codes: (string | undefined)[] = [];
    // Ten of each: under each mutation's own 20 a minute, but 20 probes together.
    for (let n = 0; n < 10; n++) {
      codes.push((await login(uniqueEmail('probe'), 'Guess 1234 xyz', ip)).errors?.[0].extensions.code);
      codes.push((await register()).errors?.[0].extensions.code);
    }
    expect(codes.filter((code) => code === 'UNAUTHENTICATED')).toHaveLength(10);
    expect(codes.filter((code) => code === 'CONFLICT')).toHaveLength(10);
    expect((await register()).errors?.[0].extensions.code).toBe('RATE_LIMITED');
    // Another address is not affected.
    expect(
      (
        await graphql(
          stack.api,
          REGISTER,
          { input: { email: owner.user.email, password: GOOD_PASSWORD, displayName: 'Prober' } },
          undefined,
          { 'x-forwarded-for': freshIp() },
        )
      ).errors?.[0].extensions.code,
    ).toBe('CONFLICT');

    await stack.drainOutbox();
    const told = await stack.em
      .fork()
      .execute<{ text: string }[]>(
        "select text from sent_email where recipient = ? and subject = 'Une inscription a été tentée avec votre adresse'",
        [owner.user.email],
      );
    expect(told.length).toBeGreaterThanOrEqual(10);
    expect(told[0].text).toContain('/mot-de-passe-oublie');
  });
});
