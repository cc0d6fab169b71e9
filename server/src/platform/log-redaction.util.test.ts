import { describe, expect, it } from 'vitest';
import { redactUrl, serializeError } from './log-redaction.util';

const token = 'q3Yk0v9m1xT2r8Zp4LwA7cN5bH6dJ0sE1fG2hI3jK4l';

describe('redactUrl', () => {
  it('hides the token of a sign-in, reset or sandbox Checkout link', () => {
    expect(redactUrl(`/magic/${token}`)).toBe('/magic/[redacted]');
    expect(redactUrl(`/reset/${token}?next=/dial`)).toBe('/reset/[redacted]?next=/dial');
    expect(redactUrl('/sandbox/checkout/cs_sandbox_short')).toBe('/sandbox/checkout/[redacted]');
    expect(redactUrl('/api/sandbox/checkout/pay')).toBe('/api/sandbox/checkout/pay');
  });

  it('hides a token even when the path percent-encodes its letters', () => {
    expect(redactUrl(`/%6Dagic/${token}`)).toBe('/magic/[redacted]');
  });

  it('hides credential query parameters and any long random value, and keeps ids and the rest', () => {
    expect(redactUrl('/api/sandbox/checkout?session=abc&x=1')).toBe(
      '/api/sandbox/checkout?session=[redacted]&x=1',
    );
    expect(redactUrl(`/api/other?link=${token}`)).toBe('/api/other?link=[redacted]');
    const id = '3f1d2c4b-5a6e-4f70-8a9b-0c1d2e3f4a5b';
    expect(redactUrl(`/api/admin/accounts/${id}?limit=20`)).toBe(`/api/admin/accounts/${id}?limit=20`);
    expect(redactUrl(`/api/future/${token}/x`)).toBe('/api/future/[redacted]/x');
  });
});

describe('serializeError', () => {
  it('logs a failed query without the values it was given', () => {
    const cause = Object.assign(new Error('duplicate key value'), {
      code: '23505',
      detail: 'Key (email)=(victim@example.com) already exists.',
    });
    const error = Object.assign(
      new Error('Failed query: insert into users (email) values ($1)\nparams: victim@example.com'),
      { query: 'insert into users (email) values ($1)', params: ['victim@example.com'], cause },
    );
    const logged = JSON.stringify(serializeError(error));
    expect(logged).not.toContain('victim@example.com');
    expect(logged).toContain('insert into users');
    expect(logged).toContain('23505');
  });
});

describe('serializeError with PostgreSQL data exceptions', () => {
  it('drops the value quoted in the message of a refused input', () => {
    const cause = Object.assign(new Error('invalid input syntax for type integer: "s3cr3t-value"'), {
      code: '22P02',
    });
    const error = new Error('Failed query: select $1::int\nparams: s3cr3t-value', { cause });
    const logged = JSON.stringify(serializeError(error));
    expect(logged).not.toContain('s3cr3t-value');
    expect(logged).toContain('invalid input syntax for type integer');
  });
});
