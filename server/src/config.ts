import { isIP } from 'node:net';
import path from 'node:path';
import { z } from 'zod';

/**
 * Every environment key the product reads, parsed once at start. Nothing else reads process.env.
 * docs/SETUP.md lists each key; keep the two in step.
 */
const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'], { error: 'expected true or false' })
  .transform((value) => value === 'true' || value === '1' || value === 'yes');

const postgresUrl = z
  .url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// or postgresql:// URL' })
  .optional();

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a port number' })
    .int({ error: 'expected a whole port number' })
    .min(0, { error: 'expected a port from 0 to 65535' })
    .max(65535, { error: 'expected a port from 0 to 65535' })
    .default(fallback);

const percent = (fallback: number) =>
  z.coerce
    .number({ error: 'expected a whole percentage' })
    .int({ error: 'expected a whole percentage' })
    .min(0, { error: 'expected a percentage from 0 to 1000' })
    .max(1000, { error: 'expected a percentage from 0 to 1000' })
    .default(fallback);

const wholeNumber = (what: string, min: number, max: number, fallback: number) =>
  z.coerce
    .number({ error: `expected a whole number of ${what}` })
    .int({ error: `expected a whole number of ${what}` })
    .min(min, { error: `expected ${min} to ${max} ${what}` })
    .max(max, { error: `expected ${min} to ${max} ${what}` })
    .default(fallback);

const commaList = (item: z.ZodType<string, string>) =>
  z
    .string()
    .transform((value) =>
      // "none" is the way to say an empty list: an empty value means unset, which is the default.
      value.trim().toLowerCase() === 'none'
        ? []
        : value
            .split(',')
            .map((entry) => entry.trim())
            .filter(Boolean),
    )
    .pipe(z.array(item));

const isoCode = z
  .string()
  .regex(/^[A-Za-z]{2}$/, { error: 'expected comma-separated ISO country codes such as GB,FR' })
  .transform((iso) => iso.toUpperCase());
/** An ISO country code (every number of that country) or an international prefix such as +882. */
const destination = z.string().regex(/^([A-Za-z]{2}|\+[1-9]\d{0,14})$/, {
  error: 'expected comma-separated ISO country codes or +prefixes such as CU,+882',
});

/**
 * Destinations refused unless configured otherwise: the international networks and premium services that toll
 * fraud (IRSF) favours. Numbers that are premium rate or shared cost in their own country are refused as well
 * (CALL_BLOCK_PREMIUM_NUMBERS).
 */
export const DEFAULT_BLOCKED_DESTINATIONS = '+870,+881,+882,+883,+979,+808';

/** An IP address or a CIDR range such as 10.0.0.0/8. */
function isAddressOrRange(entry: string): boolean {
  const [address = '', bits, ...rest] = entry.split('/');
  const version = isIP(address);
  if (version === 0 || rest.length > 0) return false;
  if (bits === undefined) return true;
  return /^\d{1,3}$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128);
}

/**
 * Which proxies may say who the client is (X-Forwarded-For): a hop count, or the proxies' addresses and CIDR
 * ranges. Unset, "none", "false" or 0: nobody, and the client is the connection's peer address.
 */
const trustProxy = z.string().transform((value, context): number | string[] => {
  const trimmed = value.trim().toLowerCase();
  if (trimmed === 'none' || trimmed === 'false') return 0;
  if (/^\d+$/.test(trimmed) && Number(trimmed) <= 10) return Number(trimmed);
  const entries = trimmed
    .split(',')
    .map((entry) => entry.trim())
    .filter(Boolean);
  if (entries.length > 0 && entries.every(isAddressOrRange)) return entries;
  context.addIssue({
    code: 'custom',
    message: 'expected a hop count from 0 to 10, or comma-separated proxy addresses or CIDR ranges',
  });
  return z.NEVER;
});

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: port(3000),
  PUBLIC_URL: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }).optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  TRUST_PROXY: trustProxy.optional(),
  /** Bearer token for GET /metrics; without it, /metrics is open in development and closed in production. */
  METRICS_TOKEN: z.string().min(32, { error: 'expected at least 32 characters' }).optional(),

  DATABASE_URL: postgresUrl,
  DATA_DIR: z.string().min(1).default('.data'),
  EMBEDDED_DB_PORT: port(54329),

  RUN_WORKERS: booleanFlag.default(true),
  JOB_POLL_SECONDS: z.coerce.number({ error: 'expected a number of seconds' }).min(0.5).max(60).default(2),

  WEB_DIST_DIR: z.string().min(1).optional(),

  TWILIO_ACCOUNT_SID: z
    .string()
    .regex(/^AC[0-9a-fA-F]{32}$/, { error: 'expected AC followed by 32 hex digits' })
    .optional(),
  TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
  TWILIO_API_KEY_SID: z
    .string()
    .regex(/^SK[0-9a-fA-F]{32}$/, { error: 'expected SK followed by 32 hex digits' })
    .optional(),
  TWILIO_API_KEY_SECRET: z.string().min(1).optional(),
  TWILIO_TWIML_APP_SID: z
    .string()
    .regex(/^AP[0-9a-fA-F]{32}$/, { error: 'expected AP followed by 32 hex digits' })
    .optional(),
  TWILIO_DEFAULT_CALLER_ID: z
    .string()
    .regex(/^\+[1-9]\d{6,14}$/, { error: 'expected an E.164 number such as +14155550100' })
    .optional(),
  TWILIO_API_URL: z.url({ protocol: /^https?$/ }).optional(),

  MAX_CALL_MINUTES: wholeNumber('minutes', 1, 1440, 120),
  CALL_RING_TIMEOUT_SECONDS: wholeNumber('seconds', 5, 120, 30),
  CALL_TOKEN_TTL_SECONDS: wholeNumber('seconds', 60, 86_400, 3600),
  CALL_ALLOWED_COUNTRIES: commaList(isoCode).optional(),
  CALL_BLOCKED_DESTINATIONS: commaList(destination).prefault(DEFAULT_BLOCKED_DESTINATIONS),
  CALL_BLOCK_PREMIUM_NUMBERS: booleanFlag.default(true),
  CALL_MAX_RATE_CENTS_PER_MINUTE: wholeNumber('cents', 1, 100_000, 100),
  CALL_DAILY_CAP_ACCOUNT_CENTS: wholeNumber('cents', 1, 1_000_000_000, 20_000),
  CALL_DAILY_CAP_SEAT_CENTS: wholeNumber('cents', 1, 1_000_000_000, 5000),
  CALL_MAX_CONCURRENT_PER_ACCOUNT: wholeNumber('calls', 1, 10_000, 10),
  CALL_MAX_CONCURRENT_PER_SEAT: wholeNumber('calls', 1, 10_000, 2),

  STRIPE_SECRET_KEY: z
    .string()
    .regex(/^(sk|rk)_/, { error: 'expected a key starting with sk_ or rk_' })
    .optional(),
  STRIPE_WEBHOOK_SECRET: z
    .string()
    .regex(/^whsec_/, { error: 'expected a secret starting with whsec_' })
    .optional(),
  STRIPE_API_URL: z.url({ protocol: /^https?$/ }).optional(),
  /** Signs what the sandbox providers send to our webhooks; generated per process when unset. */
  SANDBOX_SECRET: z.string().min(16, { error: 'expected at least 16 characters' }).optional(),
  TOPUP_MAX_CENTS: z.coerce
    .number({ error: 'expected a whole number of cents' })
    .int({ error: 'expected a whole number of cents' })
    .min(10_000, { error: 'expected at least 10000 (the company minimum of $100)' })
    .max(10_000_000, { error: 'expected at most 10000000 ($100,000)' })
    .refine((cents) => cents % 100 === 0, { error: 'expected whole dollars (a multiple of 100)' })
    .default(100_000),

  ADMIN_EMAILS: z
    .string()
    .transform((value) =>
      value
        .split(',')
        .map((email) => email.trim().toLowerCase())
        .filter(Boolean),
    )
    .pipe(z.array(z.email({ error: 'expected comma-separated email addresses' })))
    .default([]),
  CALL_RATE_CENTS_PER_MINUTE: z.coerce
    .number({ error: 'expected a whole number of cents' })
    .int({ error: 'expected a whole number of cents' })
    .min(0)
    .max(1000)
    .default(5),
  REFUSE_UNLISTED_DESTINATIONS: booleanFlag.default(false),
  RATE_MARKUP_INDIVIDUAL_PERCENT: percent(40),
  RATE_MARKUP_COMPANY_PERCENT: percent(25),
  RATES_REFRESH_SECONDS: z.coerce
    .number({ error: 'expected a number of seconds' })
    .min(0.1)
    .max(300)
    .default(5),
  CALL_RATES_FILE: z.string().min(1).optional(),

  BETA_GATE: z.enum(['on', 'off'], { error: 'expected on or off' }).default('off'),
  MARKETING_ORIGINS: commaList(
    z.url({ protocol: /^https?$/, error: 'expected comma-separated origins such as https://mobayilo.com' }),
  ).prefault('https://mobayilo.com,https://www.mobayilo.com'),

  SMTP_URL: z.url({ protocol: /^smtps?$/, error: 'expected an smtp:// or smtps:// URL' }).optional(),
  MAIL_FROM: z.string().min(3).default('Mobayilo <no-reply@mobayilo.local>'),
});

const twilioRequired = [
  'TWILIO_AUTH_TOKEN',
  'TWILIO_API_KEY_SID',
  'TWILIO_API_KEY_SECRET',
  'TWILIO_TWIML_APP_SID',
  'TWILIO_DEFAULT_CALLER_ID',
] as const;

/** Keys that become required once a real provider is chosen. */
function missingProviderKeys(e: z.infer<typeof envSchema>): string[] {
  const problems: string[] = [];
  if (e.TWILIO_ACCOUNT_SID) {
    for (const key of twilioRequired) {
      if (!e[key]) problems.push(`${key}: required when TWILIO_ACCOUNT_SID is set`);
    }
  }
  if (e.STRIPE_SECRET_KEY && !e.STRIPE_WEBHOOK_SECRET) {
    problems.push('STRIPE_WEBHOOK_SECRET: required when STRIPE_SECRET_KEY is set');
  }
  return problems;
}

export type Env = z.input<typeof envSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((line) => `  ${line}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** Parses the environment into the nested, frozen configuration every module receives. */
export function loadConfig(env: Record<string, string | undefined> = process.env) {
  const present = Object.fromEntries(
    Object.entries(env).filter(([, value]) => value !== undefined && value !== ''),
  );
  const parsed = envSchema.safeParse(present);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => {
      // Every key is top-level; a list's item adds its index, which the person does not need.
      const key = String(issue.path[0] ?? '');
      const given = present[key];
      return `${key}: ${issue.message}${given === undefined ? '' : ` (got ${JSON.stringify(given)})`}`;
    });
    throw new ConfigError(problems);
  }
  const e = parsed.data;
  const missing = missingProviderKeys(e);
  if (missing.length > 0) throw new ConfigError(missing);
  const publicUrl = (e.PUBLIC_URL ?? `http://localhost:${e.PORT}`).replace(/\/+$/, '');
  const dataDir = path.resolve(e.DATA_DIR);

  return Object.freeze({
    env: e.NODE_ENV,
    isProduction: e.NODE_ENV === 'production',
    http: Object.freeze({
      host: e.HOST,
      port: e.PORT,
      publicUrl,
      secureCookies: publicUrl.startsWith('https://'),
      /** Hops, or comma-separated proxy addresses/ranges, whose X-Forwarded-For is believed; 0: none. */
      trustProxy: Array.isArray(e.TRUST_PROXY) ? e.TRUST_PROXY.join(',') : (e.TRUST_PROXY ?? 0),
    }),
    metrics: Object.freeze({
      token: e.METRICS_TOKEN ?? null,
      /** Whether /metrics answers without a token: only outside production. */
      open: !e.METRICS_TOKEN && e.NODE_ENV !== 'production',
    }),
    log: Object.freeze({ level: e.LOG_LEVEL }),
    db: Object.freeze({
      url: e.DATABASE_URL ?? null,
      embedded: Object.freeze({ dataDir: path.join(dataDir, 'postgres'), port: e.EMBEDDED_DB_PORT }),
    }),
    jobs: Object.freeze({ runWorkers: e.RUN_WORKERS, pollSeconds: e.JOB_POLL_SECONDS }),
    telephony: Object.freeze(
      e.TWILIO_ACCOUNT_SID
        ? {
            kind: 'twilio' as const,
            accountSid: e.TWILIO_ACCOUNT_SID,
            authToken: e.TWILIO_AUTH_TOKEN ?? '',
            apiKeySid: e.TWILIO_API_KEY_SID ?? '',
            apiKeySecret: e.TWILIO_API_KEY_SECRET ?? '',
            twimlAppSid: e.TWILIO_TWIML_APP_SID ?? '',
            defaultCallerId: e.TWILIO_DEFAULT_CALLER_ID ?? '',
            apiUrl: e.TWILIO_API_URL ?? null,
          }
        : {
            kind: 'sandbox' as const,
            /** Signs the sandbox's tokens and webhooks; null: a new random one per process. */
            secret: e.SANDBOX_SECRET ?? null,
            // Twilio's own test number: it reaches nobody.
            defaultCallerId: e.TWILIO_DEFAULT_CALLER_ID ?? '+15005550006',
          },
    ),
    calls: Object.freeze({
      maxMinutes: e.MAX_CALL_MINUTES,
      ringTimeoutSeconds: e.CALL_RING_TIMEOUT_SECONDS,
      tokenTtlSeconds: e.CALL_TOKEN_TTL_SECONDS,
      /** ISO codes people may call; null: every country not blocked. */
      allowedCountries: e.CALL_ALLOWED_COUNTRIES ? Object.freeze([...e.CALL_ALLOWED_COUNTRIES]) : null,
      blockedCountries: Object.freeze(
        e.CALL_BLOCKED_DESTINATIONS.filter((entry) => !entry.startsWith('+')).map((iso) => iso.toUpperCase()),
      ),
      /** E.164 digit prefixes (without +). */
      blockedPrefixes: Object.freeze(
        e.CALL_BLOCKED_DESTINATIONS.filter((entry) => entry.startsWith('+')).map((entry) => entry.slice(1)),
      ),
      blockPremiumNumbers: e.CALL_BLOCK_PREMIUM_NUMBERS,
      // Cents per minute × 10,000 micro-dollars per cent.
      maxRateMicros: e.CALL_MAX_RATE_CENTS_PER_MINUTE * 10_000,
      dailyCapCents: Object.freeze({
        account: e.CALL_DAILY_CAP_ACCOUNT_CENTS,
        seat: e.CALL_DAILY_CAP_SEAT_CENTS,
      }),
      maxConcurrent: Object.freeze({
        account: e.CALL_MAX_CONCURRENT_PER_ACCOUNT,
        seat: e.CALL_MAX_CONCURRENT_PER_SEAT,
      }),
    }),
    payments: Object.freeze({
      ...(e.STRIPE_SECRET_KEY
        ? {
            kind: 'stripe' as const,
            secretKey: e.STRIPE_SECRET_KEY,
            webhookSecret: e.STRIPE_WEBHOOK_SECRET ?? '',
            apiUrl: e.STRIPE_API_URL ?? null,
          }
        : { kind: 'sandbox' as const, sandboxSecret: e.SANDBOX_SECRET ?? null }),
      topupMaxCents: e.TOPUP_MAX_CENTS,
    }),
    rates: Object.freeze({
      // A rate in cents per minute is 10,000 micro-dollars per cent.
      defaultRateMicros: e.CALL_RATE_CENTS_PER_MINUTE * 10_000,
      refuseUnlisted: e.REFUSE_UNLISTED_DESTINATIONS,
      markupPercent: Object.freeze({
        individual: e.RATE_MARKUP_INDIVIDUAL_PERCENT,
        company: e.RATE_MARKUP_COMPANY_PERCENT,
      }),
      refreshMs: Math.round(e.RATES_REFRESH_SECONDS * 1000),
      yamlFile: path.resolve(e.CALL_RATES_FILE ?? path.join(repoRoot, 'server', 'config', 'call_rates.yml')),
    }),
    mail: Object.freeze({ smtpUrl: e.SMTP_URL ?? null, from: e.MAIL_FROM }),
    marketing: Object.freeze({
      betaGate: e.BETA_GATE === 'on',
      /** Sites allowed to call POST /api/subscribe from the browser (CORS), as bare origins. */
      origins: Object.freeze(e.MARKETING_ORIGINS.map((origin) => new URL(origin).origin)),
    }),
    identity: Object.freeze({ adminEmails: Object.freeze([...e.ADMIN_EMAILS]) }),
    web: Object.freeze({ distDir: path.resolve(e.WEB_DIST_DIR ?? path.join(repoRoot, 'web', 'dist')) }),
  });
}

export type Config = ReturnType<typeof loadConfig>;

/** For entry points: a bad environment ends the process with one line per bad key, and no stack trace. */
export function loadConfigOrExit(env: Record<string, string | undefined> = process.env): Config {
  try {
    return loadConfig(env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`${error.message}\nSee docs/SETUP.md for every setting.\n`);
    process.exit(1);
  }
}
