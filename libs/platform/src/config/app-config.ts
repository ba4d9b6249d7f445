import { createHmac } from 'node:crypto';
import { resolve } from 'node:path';
import { z } from 'zod';

/**
 * The process configuration, read once from the environment at start and validated concern by concern.
 * Every variable carries, as its description, what it expects: that text is the error sentence when it is wrong.
 */

export const DEVELOPMENT_JWT_SECRET = 'ancrage-development-secret-do-not-use-in-production';

const port = (fallback: number) =>
  z.coerce.number().int().min(1).max(65535).default(fallback).describe('a TCP port number between 1 and 65535');
const positiveInt = (fallback: number, what: string) =>
  z.coerce.number().int().positive().default(fallback).describe(what);
const optionalUrl = (protocols: string[], what: string) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value ? value : undefined))
    .refine((value) => value === undefined || protocols.some((p) => value.startsWith(`${p}://`)), {
      message: what,
    })
    .refine((value) => value === undefined || URL.canParse(value), { message: what })
    .describe(what);

export const serverSchema = z.object({
  NODE_ENV: z
    .enum(['development', 'test', 'production'])
    .default('development')
    .describe('one of development, test, production'),
  PORT: port(3000),
  WORKER_HEALTH_PORT: port(3001),
  LOG_LEVEL: z
    .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
    .default('info')
    .describe('one of fatal, error, warn, info, debug, trace, silent'),
  WEB_MODE: z
    .enum(['development', 'built', 'off'])
    .optional()
    .describe('one of development (Vite serves the pages from the sources), built (the bundles of npm run build), off'),
  GRAPHQL_ROUTE: z
    .enum(['lean', 'apollo'])
    .default('lean')
    .describe('one of lean (POST /graphql answered in front of express for the documents Apollo accepts), apollo'),
});

export const databaseSchema = z.object({
  DATABASE_URL: optionalUrl(
    ['postgresql', 'postgres'],
    'a postgresql:// connection URL, or unset for the embedded SQLite file',
  ),
  DATA_DIR: z.string().trim().min(1).default('./data').describe('a directory path for the SQLite file and exports'),
  DATABASE_POOL_MAX: positiveInt(10, 'a positive whole number of pooled PostgreSQL connections'),
});

export const redisSchema = z.object({
  REDIS_URL: optionalUrl(['redis', 'rediss'], 'a redis:// URL, or unset to run jobs inside the API process'),
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('ancrage')
    .describe('a key prefix of letters, digits, "-" or "_"'),
});

export const authSchema = z.object({
  JWT_SECRET: z.string().min(32).optional().describe('a secret of at least 32 characters'),
  MFA_ENCRYPTION_KEY: z
    .string()
    .min(32)
    .optional()
    .describe('a secret of at least 32 characters, other than JWT_SECRET (it encrypts the TOTP secrets at rest)'),
});

export const jobsSchema = z.object({
  JOB_ATTEMPTS: positiveInt(8, 'a positive whole number of attempts per job'),
  JOB_BACKOFF_MS: positiveInt(1000, 'a positive whole number of milliseconds for the first retry delay'),
  OUTBOX_POLL_MS: positiveInt(100, 'a positive whole number of milliseconds between outbox polls'),
  WORKER_CONCURRENCY: positiveInt(5, 'a positive whole number of jobs run at once by a worker'),
  WORKER_LOCK_DURATION_MS: positiveInt(30_000, 'a positive whole number of milliseconds a worker holds a job lock'),
  WORKER_STALLED_INTERVAL_MS: positiveInt(30_000, 'a positive whole number of milliseconds between stalled-job checks'),
  DAILY_JOBS: z
    .enum(['on', 'off'])
    .default('on')
    .transform((value) => value === 'on')
    .describe('on (daily jobs such as overdue invoices run once a day) or off'),
});

export const mailSchema = z.object({
  SMTP_URL: optionalUrl(['smtp', 'smtps'], 'an smtp:// or smtps:// URL of the mail server, or unset to log e-mails'),
  MAIL_FROM: z
    .string()
    .trim()
    .min(3)
    .default('Ancrage <no-reply@ancrage.example>')
    .describe('a sender such as "Ancrage <no-reply@example.org>"'),
  MAIL_DIR: z
    .string()
    .trim()
    .min(1)
    .optional()
    .describe('a directory where development writes each e-mail as a JSON file'),
});

export const rateLimitSchema = z.object({
  RATE_LIMIT_AUTH_PER_MINUTE: positiveInt(
    20,
    'a positive whole number of sign-in or sign-up attempts per IP and minute',
  ),
  RATE_LIMIT_ACCOUNT_FAILURES: positiveInt(10, 'a positive whole number of failed sign-ins per account before a pause'),
  TRUST_PROXY: z
    .string()
    .trim()
    .default('false')
    .refine((value) => parseTrustProxy(value) !== undefined, {
      message:
        'false, the number of proxies in front (1), or their addresses (10.0.0.0/8, comma-separated); never true',
    })
    .transform((value) => parseTrustProxy(value)!)
    .describe(
      'false, the number of proxies in front (1), or their addresses (10.0.0.0/8, comma-separated); never true',
    ),
});

/**
 * Which proxies' `X-Forwarded-For` to believe: none, the last N hops, or the listed addresses (IPs, CIDRs, or Express's
 * `loopback`, `linklocal`, `uniquelocal`). Never every hop: `true` would let a client name its own address and escape
 * the per-IP limits. Undefined when the value is none of these.
 */
export type TrustedProxies = false | number | string[];
const PROXY_ADDRESS =
  /^(loopback|linklocal|uniquelocal|\d{1,3}(\.\d{1,3}){3}(\/\d{1,2})?|[0-9a-f]*:[0-9a-f:]*(\/\d{1,3})?)$/i;
export function parseTrustProxy(value: string): TrustedProxies | undefined {
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value) >= 1 ? Number(value) : undefined;
  const addresses = value.split(',').map((address) => address.trim());
  return addresses.every((address) => PROXY_ADDRESS.test(address)) ? addresses : undefined;
}

export const paymentsSchema = z.object({
  STRIPE_SECRET_KEY: z
    .string()
    .trim()
    .regex(/^(sk|rk)_/)
    .optional()
    .describe('a Stripe secret key (sk_… or rk_…), or unset to take invoice payments only'),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .trim()
    .regex(/^whsec_[^,\s]+(,\s*whsec_[^,\s]+)*$/)
    .optional()
    .describe(
      'the signing secret of the Stripe webhook endpoint (whsec_…), or several separated by commas while one is rotated',
    ),
  STRIPE_PUBLISHABLE_KEY: z
    .string()
    .trim()
    .regex(/^pk_/)
    .optional()
    .describe('the Stripe publishable key (pk_…) Stripe.js uses in the browser'),
  STRIPE_API_URL: optionalUrl(['http', 'https'], 'an http(s):// URL of the Stripe API, or unset for api.stripe.com'),
  PUBLIC_APP_URL: z
    .string()
    .trim()
    .url()
    .default('http://localhost:3000')
    .describe('the http(s):// address where users reach Ancrage (Stripe sends producers back there)'),
  PLATFORM_COMMISSION_RATE: z.coerce
    .number()
    .min(0)
    .max(0.5)
    .default(0.05)
    .describe('a commission rate between 0 and 0.5 (0.05 = 5 %)'),
  CARD_PAYMENT_TTL_MINUTES: z.coerce
    .number()
    .int()
    .min(1)
    .max(1440)
    .default(30)
    .describe('a whole number of minutes between 1 and 1440 an unpaid card order holds its stock'),
  NEW_BUYER_INVOICE_CAP_CENTS: z.coerce
    .number()
    .int()
    .min(0)
    .max(100_000_000)
    .default(30_000)
    .describe(
      'a whole number of cents between 0 and 100000000: the open invoice orders (VAT included) a business may hold with a producer that never delivered to it, unless the producer sets its own',
    ),
});

/** The SIRENE directory (INSEE's API Sirene 3.11) that organizations' SIRETs are looked up in (issue #20 item 5). */
export const sireneSchema = z.object({
  SIRENE_API_URL: optionalUrl(
    ['http', 'https'],
    "the http(s):// base URL of INSEE's API Sirene 3.11 (https://api.insee.fr/api-sirene/3.11), or unset for no lookup",
  ),
  SIRENE_API_TOKEN: z
    .string()
    .trim()
    .min(8)
    .optional()
    .describe('the API key of the INSEE portal subscription to API Sirene (sent as X-INSEE-Api-Key-Integration)'),
});

export const exportsSchema = z.object({
  EXPORTS_DIR: z.string().trim().min(1).optional().describe('a directory path for generated exports'),
  EXPORT_LINK_SECRET: z
    .string()
    .min(32)
    .optional()
    .describe('a secret of at least 32 characters, other than JWT_SECRET'),
});

export type Environment = Record<string, string | undefined>;

export interface AppConfig {
  env: 'development' | 'test' | 'production';
  port: number;
  /** Where the worker answers /health/live and /health/ready. */
  workerHealthPort: number;
  logLevel: z.infer<typeof serverSchema>['LOG_LEVEL'];
  /** How the API process serves the web pages: from the sources through Vite, from the built bundles, or not at all. */
  webMode: 'development' | 'built' | 'off';
  /** Who answers `POST /graphql`: the lean route in front of express (lean-graphql-route.ts), or express and Apollo. */
  graphqlRoute: 'lean' | 'apollo';
  database:
    | { kind: 'sqlite'; file: string; dataDir: string }
    | { kind: 'postgresql'; url: string; poolMax: number; dataDir: string };
  redis: { url: string; prefix: string } | undefined;
  /**
   * `exportLinkSecret` signs the 15-minute export download links: EXPORT_LINK_SECRET, or else a key derived from
   * JWT_SECRET for that use alone (HMAC under its own label), so that the JWT key itself never signs a link.
   */
  auth: {
    jwtSecret: string;
    exportLinkSecret: string;
    /** Encrypts the second-factor (TOTP) secrets at rest: MFA_ENCRYPTION_KEY, or a key derived from JWT_SECRET. */
    mfaEncryptionKey: string;
  };
  jobs: {
    attempts: number;
    backoffMs: number;
    pollIntervalMs: number;
    concurrency: number;
    lockDurationMs: number;
    stalledIntervalMs: number;
    /** Whether this process enqueues the daily jobs (tests turn it off and call the scheduler themselves). */
    daily: boolean;
  };
  exportsDir: string;
  /** Unset SMTP: e-mails are recorded and logged, not delivered (development and tests). */
  mail: {
    smtpUrl: string | undefined;
    from: string;
    /** Development and tests only: each e-mail also written there as JSON. */ dir?: string;
  };
  rateLimit: { authPerMinute: number; accountFailures: number; trustProxy: TrustedProxies };
  /** Card payments need both Stripe secrets; without them CARD answers PAYMENTS_NOT_CONFIGURED and INVOICE works. */
  payments: {
    stripe:
      | { secretKey: string; webhookSecrets: string[]; apiUrl: string | undefined; publishableKey: string | undefined }
      | undefined;
    commissionRate: number;
    publicAppUrl: string;
    /** How long an unpaid card order holds its stock before it is cancelled with the reason PAYMENT_EXPIRED. */
    cardPaymentTtlMinutes: number;
    /** What a business may owe a producer that never delivered to it, in open invoice orders (TTC), unless the producer sets its own cap. */
    newBuyerInvoiceCapCents: number;
  };
  /** Where organizations' SIRETs are looked up before an admin decides; undefined: the admin decides without it. */
  sirene: { apiUrl: string; token: string } | undefined;
  /** Things worth saying at start that do not stop it (development defaults in use). */
  warnings: string[];
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

function parseConcern<S extends z.ZodObject>(schema: S, env: Environment): z.infer<S> {
  const picked = Object.fromEntries(Object.keys(schema.shape).map((key) => [key, blankToUndefined(env[key])]));
  const result = schema.safeParse(picked);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const variable = String(issue.path[0]);
  const expects = (schema.shape[variable] as z.ZodType).description ?? issue.message;
  throw new ConfigError(`${variable} must be ${expects}; got "${env[variable]}".`);
}

function blankToUndefined(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

/** Reads and validates the configuration; throws a ConfigError whose message names the bad variable. */
export function loadConfig(env: Environment = process.env): AppConfig {
  const server = parseConcern(serverSchema, env);
  const database = parseConcern(databaseSchema, env);
  const redis = parseConcern(redisSchema, env);
  const auth = parseConcern(authSchema, env);
  const jobs = parseConcern(jobsSchema, env);
  const exportsConcern = parseConcern(exportsSchema, env);
  const mail = parseConcern(mailSchema, env);
  const rateLimit = parseConcern(rateLimitSchema, env);
  const payments = parseConcern(paymentsSchema, env);
  const sirene = parseConcern(sireneSchema, env);
  const warnings: string[] = [];

  const production = server.NODE_ENV === 'production';
  if (auth.JWT_SECRET === DEVELOPMENT_JWT_SECRET && production) {
    throw new ConfigError('JWT_SECRET must be a secret of your own in production, not the development default.');
  }
  if (!auth.JWT_SECRET) {
    if (production)
      throw new ConfigError('JWT_SECRET must be set in production to a secret of at least 32 characters.');
    warnings.push('JWT_SECRET is unset: using the development secret, which must never serve production.');
  }

  if (exportsConcern.EXPORT_LINK_SECRET && exportsConcern.EXPORT_LINK_SECRET === auth.JWT_SECRET) {
    throw new ConfigError('EXPORT_LINK_SECRET must differ from JWT_SECRET: each key signs one kind of thing.');
  }
  if (production && !exportsConcern.EXPORT_LINK_SECRET) {
    warnings.push(
      'EXPORT_LINK_SECRET is unset: export links are signed with a key derived from JWT_SECRET, so rotating JWT_SECRET also voids them.',
    );
  }

  if (auth.MFA_ENCRYPTION_KEY && auth.MFA_ENCRYPTION_KEY === auth.JWT_SECRET) {
    throw new ConfigError('MFA_ENCRYPTION_KEY must differ from JWT_SECRET: each key serves one purpose.');
  }
  if (production && !auth.MFA_ENCRYPTION_KEY) {
    warnings.push(
      'MFA_ENCRYPTION_KEY is unset: TOTP secrets are encrypted with a key derived from JWT_SECRET, so rotating JWT_SECRET makes every enrolled person enrol again.',
    );
  }

  if (!mail.SMTP_URL) {
    if (production) throw new ConfigError('SMTP_URL must be set in production to the smtp:// URL of the mail server.');
    warnings.push('SMTP_URL is unset: e-mails are recorded and logged, not delivered.');
  }
  if (mail.MAIL_DIR && production) {
    throw new ConfigError(
      'MAIL_DIR must not be set in production: it writes every e-mail, with its links, to disk (development and tests only).',
    );
  }

  if (Boolean(payments.STRIPE_SECRET_KEY) !== Boolean(payments.STRIPE_WEBHOOK_SECRET)) {
    throw new ConfigError(
      'STRIPE_SECRET_KEY and STRIPE_WEBHOOK_SECRET must be set together: a card payment is only trusted once its webhook is verified.',
    );
  }
  if (!payments.STRIPE_SECRET_KEY)
    warnings.push('STRIPE_SECRET_KEY is unset: card payments answer PAYMENTS_NOT_CONFIGURED; invoice payments work.');
  else if (!payments.STRIPE_PUBLISHABLE_KEY)
    warnings.push(
      'STRIPE_PUBLISHABLE_KEY is unset: the web pages cannot take card payments (API clients bring their own key).',
    );

  if (Boolean(sirene.SIRENE_API_URL) !== Boolean(sirene.SIRENE_API_TOKEN)) {
    throw new ConfigError(
      'SIRENE_API_URL and SIRENE_API_TOKEN must be set together: the directory answers only with the subscription key.',
    );
  }
  if (!sirene.SIRENE_API_URL && production)
    warnings.push(
      "SIRENE_API_URL is unset: organizations are verified by a platform admin without the SIRENE directory's answer.",
    );

  const dataDir = resolve(database.DATA_DIR);
  return {
    env: server.NODE_ENV,
    port: server.PORT,
    workerHealthPort: server.WORKER_HEALTH_PORT,
    logLevel: server.LOG_LEVEL,
    webMode: server.WEB_MODE ?? (production ? 'built' : 'development'),
    graphqlRoute: server.GRAPHQL_ROUTE,
    database: database.DATABASE_URL
      ? { kind: 'postgresql', url: database.DATABASE_URL, poolMax: database.DATABASE_POOL_MAX, dataDir }
      : { kind: 'sqlite', file: resolve(dataDir, 'ancrage.sqlite'), dataDir },
    redis: redis.REDIS_URL ? { url: redis.REDIS_URL, prefix: redis.REDIS_PREFIX } : undefined,
    auth: {
      jwtSecret: auth.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET,
      exportLinkSecret:
        exportsConcern.EXPORT_LINK_SECRET ??
        derivedKey(auth.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET, 'ancrage/export-links'),
      mfaEncryptionKey:
        auth.MFA_ENCRYPTION_KEY ?? derivedKey(auth.JWT_SECRET ?? DEVELOPMENT_JWT_SECRET, 'ancrage/mfa-secrets'),
    },
    jobs: {
      attempts: jobs.JOB_ATTEMPTS,
      backoffMs: jobs.JOB_BACKOFF_MS,
      pollIntervalMs: jobs.OUTBOX_POLL_MS,
      concurrency: jobs.WORKER_CONCURRENCY,
      lockDurationMs: jobs.WORKER_LOCK_DURATION_MS,
      stalledIntervalMs: jobs.WORKER_STALLED_INTERVAL_MS,
      daily: jobs.DAILY_JOBS,
    },
    exportsDir: resolve(exportsConcern.EXPORTS_DIR ?? resolve(dataDir, 'exports')),
    mail: { smtpUrl: mail.SMTP_URL, from: mail.MAIL_FROM, ...(mail.MAIL_DIR && { dir: resolve(mail.MAIL_DIR) }) },
    rateLimit: {
      authPerMinute: rateLimit.RATE_LIMIT_AUTH_PER_MINUTE,
      accountFailures: rateLimit.RATE_LIMIT_ACCOUNT_FAILURES,
      trustProxy: rateLimit.TRUST_PROXY,
    },
    payments: {
      stripe: payments.STRIPE_SECRET_KEY
        ? {
            secretKey: payments.STRIPE_SECRET_KEY,
            webhookSecrets: payments.STRIPE_WEBHOOK_SECRET!.split(',').map((secret) => secret.trim()),
            apiUrl: payments.STRIPE_API_URL,
            publishableKey: payments.STRIPE_PUBLISHABLE_KEY,
          }
        : undefined,
      commissionRate: payments.PLATFORM_COMMISSION_RATE,
      cardPaymentTtlMinutes: payments.CARD_PAYMENT_TTL_MINUTES,
      newBuyerInvoiceCapCents: payments.NEW_BUYER_INVOICE_CAP_CENTS,
      publicAppUrl: payments.PUBLIC_APP_URL.replace(/\/+$/, ''),
    },
    sirene:
      sirene.SIRENE_API_URL && sirene.SIRENE_API_TOKEN
        ? { apiUrl: sirene.SIRENE_API_URL.replace(/\/+$/, ''), token: sirene.SIRENE_API_TOKEN }
        : undefined,
    warnings,
  };
}

/** A key for one use only, derived from a secret: knowing it reveals nothing of the secret or of keys for other uses. */
function derivedKey(secret: string, use: string): string {
  return createHmac('sha256', secret).update(use).digest('base64url');
}

/** The injection token of the validated configuration. */
export const APP_CONFIG = Symbol('APP_CONFIG');

/** For a process entry point: the configuration, or one sentence on stderr and exit code 1. */
export function loadConfigOrExit(env: Environment = process.env): AppConfig {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`Configuration error: ${error.message}\n`);
    process.exit(1);
  }
}
