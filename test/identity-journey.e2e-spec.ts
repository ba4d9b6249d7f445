import { SentEmail } from '@app/platform';
import { type AppMode, rowCounts, type RunningApp, startApp } from './support/app-modes';
import { graphql } from './support/graphql-client';
import {
  createOrganization,
  GOOD_PASSWORD,
  JURA_ADDRESS,
  randomSiret,
  registerUser,
  uniqueEmail,
} from './support/identity-client';
import { fileFakeSmtp } from './support/fake-smtp';
import { testProfile, waitFor } from './support/test-services';

const REGISTER =
  'mutation ($input: RegisterInput!) { register(input: $input) { accessToken refreshToken user { id email } } }';
const LOGIN =
  'mutation ($input: LoginInput!) { login(input: $input) { accessToken refreshToken user { id email displayName } } }';
const REFRESH =
  'mutation ($token: String!) { refreshSession(refreshToken: $token) { accessToken refreshToken user { id } } }';
const LOGOUT = 'mutation ($token: String!) { logout(refreshToken: $token) }';
const ME = '{ me { id email displayName memberships { role organization { id kind name siret vatNumber } } } }';
const CREATE_ORGANIZATION =
  'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id kind name siret vatNumber address { line1 postalCode city inseeCode departmentCode latitude longitude precision } } }';

describe.each<AppMode>(['embedded', 'production'])('the identity journey (%s mode)', (mode) => {
  let running: RunningApp;
  const identityTables = ['app_user', 'organization', 'membership', 'refresh_token'];

  beforeAll(async () => {
    running = await startApp(mode, `identity_${mode}`);
  });

  afterAll(() => running.close());

  it('register → welcome e-mail → login → create a producer → me → refresh → logout', async () => {
    const { app, em } = running;
    const email = uniqueEmail('claire');

    const registered = await graphql<{ register: { user: { id: string; email: string } } }>(app, REGISTER, {
      input: { email: `  ${email.toUpperCase()} `, password: GOOD_PASSWORD, displayName: 'Claire Martin' },
    });
    expect(registered.errors).toBeUndefined();
    expect(registered.data?.register.user.email).toBe(email);
    const [{ password_hash: storedHash }] = await em.execute('select password_hash from app_user where email = ?', [
      email,
    ]);
    expect(storedHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);

    const welcome = await waitFor(async () => (await em.fork().find(SentEmail, { recipient: email }))[0], {
      what: 'the welcome e-mail',
    });
    expect(welcome.subject).toBe('Bienvenue sur Ancrage');
    expect(welcome.text).toContain('Bonjour Claire Martin');
    if (testProfile() === 'production') {
      // The production profile delivers over SMTP: the recorded e-mail reached the mail server, once. (The record is
      // committed before the send, JOB-09: wait for the server to have it.)
      expect(running.config.env).toBe('production');
      const deliveredTo = () => fileFakeSmtp()!.messages.filter((message) => message.to.includes(email));
      const delivered = await waitFor(async () => deliveredTo().length > 0 && deliveredTo(), {
        what: 'the welcome e-mail to reach the mail server',
      });
      expect(delivered.map((message) => message.data.match(/^Subject: (.*)$/m)?.[1])).toEqual([
        'Bienvenue sur Ancrage',
      ]);
    }

    const login = await graphql<{ login: { accessToken: string; refreshToken: string; user: { id: string } } }>(
      app,
      LOGIN,
      {
        input: { email, password: GOOD_PASSWORD },
      },
    );
    expect(login.data?.login.user.id).toBe(registered.data?.register.user.id);
    const { accessToken, refreshToken } = login.data!.login;

    const created = await graphql<{ createOrganization: { id: string } }>(
      app,
      CREATE_ORGANIZATION,
      {
        input: {
          kind: 'PRODUCER',
          name: 'Fromagerie du Val',
          siret: '443 061 841 00047',
          address: {
            line1: '2 route de Lons',
            postalCode: '39300',
            city: 'Champagnole',
            latitude: 46.7478,
            longitude: 5.9079,
          },
        },
      },
      accessToken,
    );
    expect(created.errors).toBeUndefined();
    expect(created.data?.createOrganization).toMatchObject({
      kind: 'PRODUCER',
      name: 'Fromagerie du Val',
      siret: '44306184100047',
      vatNumber: 'FR64443061841',
      address: {
        postalCode: '39300',
        departmentCode: '39',
        latitude: 46.7478,
        longitude: 5.9079,
        precision: 'ADDRESS',
      },
    });

    const me = await graphql<{ me: { memberships: unknown[] } }>(app, ME, {}, accessToken);
    expect(me.data?.me).toMatchObject({
      email,
      displayName: 'Claire Martin',
      memberships: [
        { role: 'OWNER', organization: { id: created.data!.createOrganization.id, name: 'Fromagerie du Val' } },
      ],
    });
    const organization = await graphql(
      app,
      'query ($id: ID!) { organization(id: $id) { name members { role user { email } } } }',
      { id: created.data!.createOrganization.id },
      accessToken,
    );
    expect(organization.data).toEqual({
      organization: { name: 'Fromagerie du Val', members: [{ role: 'OWNER', user: { email } }] },
    });

    const refreshed = await graphql<{ refreshSession: { accessToken: string; refreshToken: string } }>(app, REFRESH, {
      token: refreshToken,
    });
    expect(refreshed.data?.refreshSession.refreshToken).not.toBe(refreshToken);
    const next = refreshed.data!.refreshSession;
    expect((await graphql(app, ME, {}, next.accessToken)).data).toBeDefined();

    expect((await graphql(app, LOGOUT, { token: next.refreshToken }, next.accessToken)).data).toEqual({ logout: true });
    // Signing out takes effect at once: the access token is refused before its 15 minutes, the refresh token too.
    expect((await graphql(app, ME, {}, next.accessToken)).errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
    expect((await graphql(app, REFRESH, { token: next.refreshToken })).errors?.[0].extensions.code).toBe(
      'UNAUTHENTICATED',
    );
  });

  describe('bad input gets a clear error and changes nothing', () => {
    it.each([
      ['an invalid e-mail', { email: 'not-an-email' }, 'email'],
      ['a 7-character password', { password: 'abc1234' }, 'password'],
      ['a common password', { password: 'password1' }, 'password'],
      ['an empty display name', { displayName: '   ' }, 'displayName'],
    ])('register refuses %s', async (_case, override, field) => {
      const before = await rowCounts(running.em, identityTables);
      const response = await graphql(running.app, REGISTER, {
        input: { email: uniqueEmail(), password: GOOD_PASSWORD, displayName: 'Someone', ...override },
      });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(await rowCounts(running.em, identityTables)).toEqual(before);
    });

    it('register refuses an address already registered, whatever the capitals', async () => {
      const existing = await registerUser(running.app, 'taken');
      const before = await rowCounts(running.em, identityTables);
      const response = await graphql(running.app, REGISTER, {
        input: { email: existing.user.email.toUpperCase(), password: GOOD_PASSWORD, displayName: 'Copycat' },
      });
      expect(response.errors?.[0].extensions).toMatchObject({ code: 'CONFLICT', field: 'email' });
      expect(await rowCounts(running.em, identityTables)).toEqual(before);
    });

    it.each([
      ['a producer without SIRET', { kind: 'PRODUCER', siret: null }, 'siret', 'BAD_USER_INPUT'],
      ['a business with an invalid SIRET', { kind: 'BUSINESS', siret: '44306184100048' }, 'siret', 'BAD_USER_INPUT'],
      ['an empty name', { name: ' ' }, 'name', 'BAD_USER_INPUT'],
      [
        'a 4-digit postal code',
        { address: { ...JURA_ADDRESS, postalCode: '3930' } },
        'address.postalCode',
        'BAD_USER_INPUT',
      ],
      [
        'a malformed INSEE code',
        { address: { ...JURA_ADDRESS, inseeCode: '3909' } },
        'address.inseeCode',
        'BAD_USER_INPUT',
      ],
      [
        'a latitude without longitude',
        { address: { ...JURA_ADDRESS, latitude: 46.7 } },
        'address.longitude',
        'BAD_USER_INPUT',
      ],
    ])('createOrganization refuses %s', async (_case, override, field, code) => {
      const owner = await registerUser(running.app, 'org');
      const before = await rowCounts(running.em, identityTables);
      const response = await graphql(
        running.app,
        CREATE_ORGANIZATION,
        { input: { kind: 'PRODUCER', name: 'Ferme', siret: randomSiret(), address: JURA_ADDRESS, ...override } },
        owner.accessToken,
      );
      expect(response.errors?.[0].extensions).toMatchObject({ code, field });
      expect(await rowCounts(running.em, identityTables)).toEqual(before);
    });

    it('createOrganization lets a second claim of a SIRET in, UNVERIFIED (issue #20 item 5), and refuses an anonymous caller', async () => {
      const owner = await registerUser(running.app, 'dup');
      const other = await registerUser(running.app, 'dup-other');
      const siret = randomSiret();
      const input = { kind: 'PRODUCER', name: 'Ferme A', siret, address: JURA_ADDRESS };
      const first = await graphql<{ createOrganization: { id: string; verificationStatus: string } }>(
        running.app,
        'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id verificationStatus } }',
        { input },
        owner.accessToken,
      );
      // The first to type a farm's SIRET no longer blocks the farm: verification settles which claim is the company.
      const second = await graphql<{ createOrganization: { id: string; verificationStatus: string } }>(
        running.app,
        'mutation ($input: CreateOrganizationInput!) { createOrganization(input: $input) { id verificationStatus } }',
        { input: { ...input, name: 'Ferme B' } },
        other.accessToken,
      );
      expect(first.data?.createOrganization.verificationStatus).toBe('UNVERIFIED');
      expect(second.data?.createOrganization.verificationStatus).toBe('UNVERIFIED');
      expect(second.data?.createOrganization.id).not.toBe(first.data?.createOrganization.id);
      const before = await rowCounts(running.em, identityTables);
      const anonymous = await graphql(running.app, CREATE_ORGANIZATION, { input: { ...input, siret: randomSiret() } });
      expect(anonymous.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      expect(await rowCounts(running.em, identityTables)).toEqual(before);
    });

    it('a brand may have no SIRET; a business buyer with one gets its VAT number', async () => {
      const owner = await registerUser(running.app, 'brand');
      const brand = await createOrganization(running.app, owner.accessToken, 'BRAND', 'Made in Jura');
      expect(brand).toMatchObject({ kind: 'BRAND', name: 'Made in Jura' });
      const response = await graphql<{
        createOrganization: { vatNumber: string; siret: string; address: { precision: string } };
      }>(
        running.app,
        CREATE_ORGANIZATION,
        { input: { kind: 'BUSINESS', name: 'Restaurant Le Comtois', siret: '55208131766522', address: JURA_ADDRESS } },
        owner.accessToken,
      );
      expect(response.data?.createOrganization).toMatchObject({
        vatNumber: 'FR03552081317',
        address: { precision: 'DEPARTMENT' },
      });
    });

    it('login, refresh and logout refuse what they do not know', async () => {
      const user = await registerUser(running.app, 'known');
      const wrong = await graphql(running.app, LOGIN, {
        input: { email: user.user.email, password: 'not the password' },
      });
      expect(wrong.errors?.[0]).toMatchObject({
        message: 'Incorrect e-mail or password.',
        extensions: { code: 'UNAUTHENTICATED' },
      });
      const unknownToken = await graphql(running.app, REFRESH, { token: 'made-up' });
      expect(unknownToken.errors?.[0].extensions.code).toBe('UNAUTHENTICATED');
      const otherUser = await registerUser(running.app, 'other');
      // Another user's refresh token is not this user's to end.
      expect((await graphql(running.app, LOGOUT, { token: otherUser.refreshToken }, user.accessToken)).data).toEqual({
        logout: false,
      });
      expect((await graphql(running.app, REFRESH, { token: otherUser.refreshToken })).data).toBeDefined();
    });
  });
});
