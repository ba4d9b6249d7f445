import { ConfigError, DEVELOPMENT_JWT_SECRET, loadConfig } from './app-config';

const secret = 'x'.repeat(40);

describe('loadConfig', () => {
  it('defaults to the embedded mode: SQLite under ./data, no Redis, port 3000, a warned development secret', () => {
    const config = loadConfig({});
    expect(config.port).toBe(3000);
    expect(config.database).toMatchObject({ kind: 'sqlite' });
    expect(config.database.kind === 'sqlite' && config.database.file).toMatch(/data\/ancrage\.sqlite$/);
    expect(config.exportsDir).toMatch(/data\/exports$/);
    expect(config.redis).toBeUndefined();
    expect(config.auth.jwtSecret).toBe(DEVELOPMENT_JWT_SECRET);
    expect(config.warnings).toEqual([
      expect.stringContaining('JWT_SECRET'),
      expect.stringContaining('SMTP_URL'),
      expect.stringContaining('STRIPE_SECRET_KEY'),
    ]);
    expect(config.payments).toEqual({
      stripe: undefined,
      commissionRate: 0.05,
      publicAppUrl: 'http://localhost:3000',
      cardPaymentTtlMinutes: 30,
      newBuyerInvoiceCapCents: 30_000,
    });
  });

  it('takes card payments only with both Stripe secrets', () => {
    const stripe = {
      STRIPE_SECRET_KEY: 'sk_test_123',
      STRIPE_WEBHOOK_SECRET: 'whsec_456',
      STRIPE_API_URL: 'http://127.0.0.1:12111',
    };
    expect(loadConfig(stripe).payments.stripe).toEqual({
      secretKey: 'sk_test_123',
      webhookSecrets: ['whsec_456'],
      apiUrl: 'http://127.0.0.1:12111',
    });
    expect(
      loadConfig({ ...stripe, STRIPE_WEBHOOK_SECRET: 'whsec_new, whsec_old' }).payments.stripe?.webhookSecrets,
    ).toEqual(['whsec_new', 'whsec_old']);
    expect(() => loadConfig({ STRIPE_SECRET_KEY: 'sk_test_123' })).toThrow(
      'STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together',
    );
    expect(() => loadConfig({ ...stripe, STRIPE_WEBHOOK_SECRET: 'nope' })).toThrow(
      'STRIPE_WEBHOOK_SECRET must be the signing secret',
    );
    expect(() => loadConfig({ PLATFORM_COMMISSION_RATE: '0.9' })).toThrow(
      'PLATFORM_COMMISSION_RATE must be a commission rate between 0 and 0.5',
    );
  });

  it('looks SIRETs up in SIRENE only with its URL and its key, together (issue #20 item 5)', () => {
    const sirene = { SIRENE_API_URL: 'https://api.insee.fr/api-sirene/3.11/', SIRENE_API_TOKEN: 'insee-key-0123' };
    expect(loadConfig(sirene).sirene).toEqual({
      apiUrl: 'https://api.insee.fr/api-sirene/3.11',
      token: 'insee-key-0123',
    });
    expect(loadConfig({}).sirene).toBeUndefined();
    expect(() => loadConfig({ SIRENE_API_URL: sirene.SIRENE_API_URL })).toThrow(
      'SIRENE_API_URL and SIRENE_API_TOKEN must be set together',
    );
    expect(() => loadConfig({ SIRENE_API_TOKEN: sirene.SIRENE_API_TOKEN })).toThrow(
      'SIRENE_API_URL and SIRENE_API_TOKEN must be set together',
    );
    expect(() => loadConfig({ ...sirene, SIRENE_API_URL: 'ftp://insee.fr' })).toThrow(
      "SIRENE_API_URL must be the http(s):// base URL of INSEE's API Sirene 3.11",
    );
    expect(() => loadConfig({ ...sirene, SIRENE_API_TOKEN: 'short' })).toThrow('SIRENE_API_TOKEN must be the API key');
  });

  it('switches to PostgreSQL and Redis when their URLs are given', () => {
    const config = loadConfig({
      DATABASE_URL: 'postgresql://postgres@127.0.0.1:5432/ancrage',
      REDIS_URL: 'redis://127.0.0.1:6379',
      DATA_DIR: '/var/lib/ancrage',
      EXPORTS_DIR: '/exports',
    });
    expect(config.database).toMatchObject({ kind: 'postgresql', url: 'postgresql://postgres@127.0.0.1:5432/ancrage' });
    expect(config.redis).toEqual({ url: 'redis://127.0.0.1:6379', prefix: 'ancrage' });
    expect(config.exportsDir).toBe('/exports');
  });

  it('treats blank variables as unset', () => {
    expect(loadConfig({ DATABASE_URL: '', REDIS_URL: ' ' })).toMatchObject({
      database: { kind: 'sqlite' },
      redis: undefined,
    });
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT must be a TCP port number between 1 and 65535; got "abc".'],
    [{ PORT: '70000' }, 'PORT must be a TCP port number between 1 and 65535; got "70000".'],
    [{ DATABASE_URL: 'mysql://localhost/db' }, 'DATABASE_URL must be a postgresql:// connection URL'],
    [{ REDIS_URL: 'localhost:6379' }, 'REDIS_URL must be a redis:// URL'],
    [{ NODE_ENV: 'staging' }, 'NODE_ENV must be one of development, test, production; got "staging".'],
    [{ JWT_SECRET: 'short' }, 'JWT_SECRET must be a secret of at least 32 characters; got "short".'],
    [{ JOB_ATTEMPTS: '0' }, 'JOB_ATTEMPTS must be a positive whole number of attempts per job; got "0".'],
    [{ REDIS_PREFIX: 'a:b' }, 'REDIS_PREFIX must be a key prefix'],
    [{ SMTP_URL: 'mail.example.org' }, 'SMTP_URL must be an smtp:// or smtps:// URL'],
    [{ TRUST_PROXY: 'yes' }, 'TRUST_PROXY must be false, the number of proxies in front (1)'],
    // Every hop trusted would let a client write its own address into X-Forwarded-For.
    [
      { TRUST_PROXY: 'true' },
      'TRUST_PROXY must be false, the number of proxies in front (1), or their addresses (10.0.0.0/8, comma-separated); never true; got "true".',
    ],
    [{ TRUST_PROXY: '0' }, 'TRUST_PROXY must be false'],
  ])('rejects %j with one sentence naming the variable', (env, sentence) => {
    expect(() => loadConfig(env)).toThrow(ConfigError);
    expect(() => loadConfig(env)).toThrow(sentence);
  });

  it.each([
    ['false', false],
    ['1', 1],
    ['2', 2],
    ['10.0.0.0/8', ['10.0.0.0/8']],
    ['10.0.0.1, 192.168.0.0/16, loopback', ['10.0.0.1', '192.168.0.0/16', 'loopback']],
    ['fd00::/8', ['fd00::/8']],
  ])('trusts TRUST_PROXY=%s as %j', (value, trusted) => {
    expect(loadConfig({ TRUST_PROXY: value }).rateLimit.trustProxy).toEqual(trusted);
  });

  it('refuses the development defaults in production: the JWT secret, and logging e-mails instead of sending them', () => {
    const smtp = 'smtp://mail.example.org:587';
    expect(() => loadConfig({ NODE_ENV: 'production', SMTP_URL: smtp })).toThrow(
      'JWT_SECRET must be set in production',
    );
    expect(() => loadConfig({ NODE_ENV: 'production', SMTP_URL: smtp, JWT_SECRET: DEVELOPMENT_JWT_SECRET })).toThrow(
      'JWT_SECRET must be a secret of your own in production',
    );
    expect(() => loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret })).toThrow(
      'SMTP_URL must be set in production',
    );
    const stripe = { STRIPE_SECRET_KEY: 'sk_live_1', STRIPE_WEBHOOK_SECRET: 'whsec_1' };
    const links = {
      EXPORT_LINK_SECRET: 'b'.repeat(40),
      MFA_ENCRYPTION_KEY: 'c'.repeat(40),
      SIRENE_API_URL: 'https://api.insee.fr/api-sirene/3.11',
      SIRENE_API_TOKEN: 'insee-key-0123',
    };
    expect(
      loadConfig({
        NODE_ENV: 'production',
        JWT_SECRET: secret,
        SMTP_URL: smtp,
        ...stripe,
        ...links,
        STRIPE_PUBLISHABLE_KEY: 'pk_live_1',
      }).warnings,
    ).toEqual([]);
    // Without the publishable key the API takes card payments from its clients, but the web pages cannot.
    expect(
      loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, SMTP_URL: smtp, ...stripe, ...links }).warnings,
    ).toEqual([
      'STRIPE_PUBLISHABLE_KEY is unset: the web pages cannot take card payments (API clients bring their own key).',
    ]);
  });

  it('writes e-mails to MAIL_DIR in development and tests only: production refuses it (links would lie on disk)', () => {
    expect(loadConfig({ MAIL_DIR: 'tmp/mails' }).mail.dir).toMatch(/tmp\/mails$/);
    expect(loadConfig({}).mail.dir).toBeUndefined();
    const production = {
      NODE_ENV: 'production',
      JWT_SECRET: secret,
      SMTP_URL: 'smtp://mail.example.org:587',
      EXPORT_LINK_SECRET: 'b'.repeat(40),
    };
    expect(() => loadConfig({ ...production, MAIL_DIR: '/tmp/mails' })).toThrow(
      'MAIL_DIR must not be set in production',
    );
  });

  it('encrypts second-factor secrets with a key of their own: MFA_ENCRYPTION_KEY, or one derived from JWT_SECRET', () => {
    expect(loadConfig({ JWT_SECRET: secret, MFA_ENCRYPTION_KEY: 'm'.repeat(40) }).auth.mfaEncryptionKey).toBe(
      'm'.repeat(40),
    );
    const derived = loadConfig({ JWT_SECRET: secret }).auth;
    expect(derived.mfaEncryptionKey).not.toBe(secret);
    expect(derived.mfaEncryptionKey).not.toBe(derived.exportLinkSecret);
    expect(() => loadConfig({ JWT_SECRET: secret, MFA_ENCRYPTION_KEY: secret })).toThrow(
      'MFA_ENCRYPTION_KEY must differ from JWT_SECRET',
    );
  });

  it('signs export links with a key of their own: EXPORT_LINK_SECRET, or one derived from JWT_SECRET for that use only', () => {
    const own = loadConfig({ JWT_SECRET: secret, EXPORT_LINK_SECRET: 'e'.repeat(40) });
    expect(own.auth.exportLinkSecret).toBe('e'.repeat(40));
    const derived = loadConfig({ JWT_SECRET: secret });
    expect(derived.auth.exportLinkSecret).not.toBe(secret);
    expect(derived.auth.exportLinkSecret).toMatch(/^[\w-]{43}$/);
    // Derived deterministically, so that every API process of a deployment verifies the links of the others.
    expect(loadConfig({ JWT_SECRET: secret }).auth.exportLinkSecret).toBe(derived.auth.exportLinkSecret);
    expect(loadConfig({ JWT_SECRET: 'z'.repeat(40) }).auth.exportLinkSecret).not.toBe(derived.auth.exportLinkSecret);
    expect(() => loadConfig({ JWT_SECRET: secret, EXPORT_LINK_SECRET: secret })).toThrow(
      'EXPORT_LINK_SECRET must differ from JWT_SECRET',
    );
    expect(() => loadConfig({ EXPORT_LINK_SECRET: 'short' })).toThrow(
      'EXPORT_LINK_SECRET must be a secret of at least 32 characters',
    );
    const smtp = 'smtp://mail.example.org:587';
    expect(loadConfig({ NODE_ENV: 'production', JWT_SECRET: secret, SMTP_URL: smtp }).warnings).toContain(
      'EXPORT_LINK_SECRET is unset: export links are signed with a key derived from JWT_SECRET, so rotating JWT_SECRET also voids them.',
    );
  });
});
