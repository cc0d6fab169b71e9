import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config';

function problemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected the configuration to be refused');
}

describe('loadConfig', () => {
  it('runs on its defaults: embedded database, sandbox providers, local outbox', () => {
    const config = loadConfig({});
    expect(config.http.port).toBe(3000);
    expect(config.http.publicUrl).toBe('http://localhost:3000');
    expect(config.db.url).toBeNull();
    expect(config.db.embedded.dataDir).toMatch(/\.data\/postgres$/);
    expect(config.telephony.kind).toBe('sandbox');
    expect(config.payments.kind).toBe('sandbox');
    expect(config.mail.smtpUrl).toBeNull();
    expect(config.jobs.runWorkers).toBe(true);
  });

  it('names each bad key on its own line with what was given', () => {
    const problems = problemsOf({ PORT: 'abc', DATABASE_URL: 'not-a-url' });
    expect(problems).toHaveLength(2);
    expect(problems.find((line) => line.startsWith('PORT:'))).toContain('"abc"');
    expect(problems.find((line) => line.startsWith('DATABASE_URL:'))).toContain('postgres://');
  });

  it('refuses a port out of range and a non-postgres database URL', () => {
    expect(problemsOf({ PORT: '70000' })[0]).toMatch(/^PORT: expected a port from 0 to 65535/);
    expect(problemsOf({ DATABASE_URL: 'mysql://db/x' })[0]).toMatch(/^DATABASE_URL:/);
  });

  it('prices unlisted destinations at 5 cents a minute by default, with a markup per plan for synced prices', () => {
    const { rates } = loadConfig({});
    expect(rates.defaultRateMicros).toBe(50_000);
    expect(rates.refuseUnlisted).toBe(false);
    expect(rates.markupPercent).toEqual({ individual: 40, company: 25 });
    expect(rates.refreshMs).toBe(5000);
    expect(rates.yamlFile).toMatch(/server\/config\/call_rates\.yml$/);
  });

  it('reads the rate settings', () => {
    const { rates } = loadConfig({
      CALL_RATE_CENTS_PER_MINUTE: '12',
      REFUSE_UNLISTED_DESTINATIONS: 'true',
      RATE_MARKUP_INDIVIDUAL_PERCENT: '50',
      RATE_MARKUP_COMPANY_PERCENT: '0',
      RATES_REFRESH_SECONDS: '0.5',
    });
    expect(rates).toMatchObject({
      defaultRateMicros: 120_000,
      refuseUnlisted: true,
      markupPercent: { individual: 50, company: 0 },
      refreshMs: 500,
    });
  });

  it('refuses fractional cents and negative markups', () => {
    expect(problemsOf({ CALL_RATE_CENTS_PER_MINUTE: '2.5' })[0]).toMatch(
      /^CALL_RATE_CENTS_PER_MINUTE: expected a whole/,
    );
    expect(problemsOf({ RATE_MARKUP_COMPANY_PERCENT: '-5' })[0]).toMatch(
      /^RATE_MARKUP_COMPANY_PERCENT: expected a percentage/,
    );
  });

  it('treats empty values as unset', () => {
    expect(loadConfig({ PORT: '', DATABASE_URL: '' }).http.port).toBe(3000);
  });

  it('strips a trailing slash from PUBLIC_URL and uses secure cookies on https', () => {
    const config = loadConfig({ PUBLIC_URL: 'https://call.example.com/' });
    expect(config.http.publicUrl).toBe('https://call.example.com');
    expect(config.http.secureCookies).toBe(true);
  });

  it('chooses real Twilio only with every key it needs', () => {
    const problems = problemsOf({ TWILIO_ACCOUNT_SID: `AC${'a'.repeat(32)}`, TWILIO_AUTH_TOKEN: 'secret' });
    expect(problems.map((line) => line.split(':')[0])).toEqual([
      'TWILIO_API_KEY_SID',
      'TWILIO_API_KEY_SECRET',
      'TWILIO_TWIML_APP_SID',
      'TWILIO_DEFAULT_CALLER_ID',
    ]);
  });

  it('requires the Stripe webhook secret with a Stripe key', () => {
    expect(problemsOf({ STRIPE_SECRET_KEY: 'sk_test_123' })).toEqual([
      'STRIPE_WEBHOOK_SECRET: required when STRIPE_SECRET_KEY is set',
    ]);
    const config = loadConfig({ STRIPE_SECRET_KEY: 'sk_test_123', STRIPE_WEBHOOK_SECRET: 'whsec_abc' });
    expect(config.payments.kind).toBe('stripe');
  });

  it('runs calls on safe defaults', () => {
    const { calls, telephony } = loadConfig({});
    expect(calls).toEqual({
      maxMinutes: 120,
      ringTimeoutSeconds: 30,
      tokenTtlSeconds: 3600,
      allowedCountries: null,
      blockedCountries: [],
      blockedPrefixes: ['870', '881', '882', '883', '979', '808'],
      blockPremiumNumbers: true,
      maxRateMicros: 1_000_000,
      dailyCapCents: { account: 20_000, seat: 5000 },
      maxConcurrent: { account: 10, seat: 2 },
    });
    expect(telephony).toEqual({ kind: 'sandbox', secret: null, defaultCallerId: '+15005550006' });
  });

  it('reads the call limits and toll-fraud controls', () => {
    const { calls, telephony } = loadConfig({
      MAX_CALL_MINUTES: '60',
      CALL_ALLOWED_COUNTRIES: 'gb, fr,US',
      CALL_BLOCKED_DESTINATIONS: 'cu,+882,+4470',
      CALL_BLOCK_PREMIUM_NUMBERS: 'false',
      CALL_MAX_RATE_CENTS_PER_MINUTE: '25',
      CALL_DAILY_CAP_ACCOUNT_CENTS: '100000',
      CALL_DAILY_CAP_SEAT_CENTS: '2500',
      CALL_MAX_CONCURRENT_PER_ACCOUNT: '3',
      CALL_MAX_CONCURRENT_PER_SEAT: '1',
      SANDBOX_SECRET: 'a-shared-sandbox-secret',
    });
    expect(calls).toMatchObject({
      maxMinutes: 60,
      allowedCountries: ['GB', 'FR', 'US'],
      blockedCountries: ['CU'],
      blockedPrefixes: ['882', '4470'],
      blockPremiumNumbers: false,
      maxRateMicros: 250_000,
      dailyCapCents: { account: 100_000, seat: 2500 },
      maxConcurrent: { account: 3, seat: 1 },
    });
    expect(telephony).toMatchObject({ secret: 'a-shared-sandbox-secret' });
    expect(loadConfig({ CALL_BLOCKED_DESTINATIONS: 'none' }).calls.blockedPrefixes).toEqual([]);
  });

  it('refuses call settings it cannot read', () => {
    expect(problemsOf({ MAX_CALL_MINUTES: '0' })[0]).toMatch(/^MAX_CALL_MINUTES: expected 1 to 1440 minutes/);
    expect(problemsOf({ CALL_ALLOWED_COUNTRIES: 'GB,France' })[0]).toMatch(/^CALL_ALLOWED_COUNTRIES:/);
    expect(problemsOf({ CALL_BLOCKED_DESTINATIONS: '882' })[0]).toMatch(/^CALL_BLOCKED_DESTINATIONS:/);
    expect(problemsOf({ CALL_MAX_CONCURRENT_PER_SEAT: '1.5' })[0]).toMatch(/^CALL_MAX_CONCURRENT_PER_SEAT:/);
  });

  it('reads the top-up maximum in whole dollars and the optional sandbox secret', () => {
    const defaults = loadConfig({});
    expect(defaults.payments).toMatchObject({ kind: 'sandbox', sandboxSecret: null, topupMaxCents: 100_000 });
    const set = loadConfig({ TOPUP_MAX_CENTS: '250000', SANDBOX_SECRET: 'a-shared-sandbox-secret' });
    expect(set.payments).toMatchObject({ topupMaxCents: 250_000, sandboxSecret: 'a-shared-sandbox-secret' });
    expect(problemsOf({ TOPUP_MAX_CENTS: '10050' })[0]).toMatch(/^TOPUP_MAX_CENTS: expected whole dollars/);
    expect(problemsOf({ TOPUP_MAX_CENTS: '5000' })[0]).toMatch(/^TOPUP_MAX_CENTS: expected at least 10000/);
    expect(problemsOf({ SANDBOX_SECRET: 'short' })[0]).toMatch(/^SANDBOX_SECRET: expected at least 16/);
  });

  it('parses boolean flags strictly', () => {
    expect(loadConfig({ RUN_WORKERS: 'false' }).jobs.runWorkers).toBe(false);
    expect(problemsOf({ RUN_WORKERS: 'maybe' })[0]).toMatch(/^RUN_WORKERS: expected true or false/);
  });

  it('trusts no proxy unless told which: a hop count, or proxy addresses and CIDR ranges', () => {
    expect(loadConfig({ NODE_ENV: 'production' }).http.trustProxy).toBe(0);
    expect(loadConfig({ TRUST_PROXY: 'none' }).http.trustProxy).toBe(0);
    expect(loadConfig({ TRUST_PROXY: '1' }).http.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,::1' }).http.trustProxy).toBe(
      '10.0.0.0/8,192.168.1.7,::1',
    );
    for (const bad of ['true', '10.0.0.0/33', 'proxy.local', '11']) {
      expect(problemsOf({ TRUST_PROXY: bad })[0]).toMatch(/^TRUST_PROXY: expected a hop count/);
    }
  });

  it('closes /metrics in production unless METRICS_TOKEN is set', () => {
    expect(loadConfig({}).metrics).toEqual({ token: null, open: true });
    expect(loadConfig({ NODE_ENV: 'production' }).metrics).toEqual({ token: null, open: false });
    const token = 'a'.repeat(32);
    expect(loadConfig({ METRICS_TOKEN: token }).metrics).toEqual({ token, open: false });
    expect(problemsOf({ METRICS_TOKEN: 'short' })[0]).toMatch(/^METRICS_TOKEN: expected at least 32/);
  });

  it('keeps the beta gate off and allows the marketing site by default', () => {
    expect(loadConfig({}).marketing).toEqual({
      betaGate: false,
      origins: ['https://mobayilo.com', 'https://www.mobayilo.com'],
    });
    const set = loadConfig({
      BETA_GATE: 'on',
      MARKETING_ORIGINS: 'https://example.org/, http://localhost:4000',
    });
    expect(set.marketing).toEqual({
      betaGate: true,
      origins: ['https://example.org', 'http://localhost:4000'],
    });
    expect(problemsOf({ BETA_GATE: 'yes' })[0]).toMatch(/^BETA_GATE: expected on or off/);
    expect(problemsOf({ MARKETING_ORIGINS: 'mobayilo.com' })[0]).toMatch(/^MARKETING_ORIGINS: expected/);
  });
});
