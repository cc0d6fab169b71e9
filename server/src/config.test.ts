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

  it('parses boolean flags strictly', () => {
    expect(loadConfig({ RUN_WORKERS: 'false' }).jobs.runWorkers).toBe(false);
    expect(problemsOf({ RUN_WORKERS: 'maybe' })[0]).toMatch(/^RUN_WORKERS: expected true or false/);
  });
});
