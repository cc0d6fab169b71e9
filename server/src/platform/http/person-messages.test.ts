import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import * as contract from '@mobayilo/contract';
import { errorStatusByCode, isPersonWording, personMessage } from '@mobayilo/contract';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';

/** Every request schema of the contract: each form and query a person can send. */
const requestSchemas = (Object.entries(contract) as [string, unknown][]).filter(
  (entry): entry is [string, z.ZodType] =>
    /(Body|Query|Params)Schema$/.test(entry[0]) && typeof (entry[1] as z.ZodType).safeParse === 'function',
);

/** The keys of an object schema (through refinements), to name each field wrongly in turn. */
function keysOf(schema: z.ZodType): string[] {
  const shape = (schema as unknown as { shape?: Record<string, unknown> }).shape;
  if (shape) return Object.keys(shape);
  const inner = (schema as unknown as { def?: { in?: z.ZodType; schema?: z.ZodType } }).def;
  if (inner?.in) return keysOf(inner.in);
  if (inner?.schema) return keysOf(inner.schema);
  return [];
}

const wrongValues: unknown[] = [
  undefined,
  null,
  '',
  ' ',
  'x',
  'x'.repeat(5000),
  -1,
  0,
  1.5,
  1e12,
  'abc',
  [],
  {},
  true,
];

/** The message the API sends for each issue of a refused input, as the error handler builds it. */
function messagesFor(schema: z.ZodType, input: unknown): string[] {
  const result = schema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((issue) => personMessage(issue.path, issue.message));
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const file = path.join(dir, name);
    if (statSync(file).isDirectory()) return sourceFiles(file);
    return file.endsWith('.ts') && !file.endsWith('.test.ts') ? [file] : [];
  });
}

describe('words a person reads', () => {
  it('knows the contract has request schemas to check', () => {
    expect(requestSchemas.length).toBeGreaterThan(20);
  });

  it.each(requestSchemas)(
    '%s refuses each wrong field in words, with no field path or validator text',
    (_, schema) => {
      const keys = keysOf(schema);
      const messages = new Set<string>(messagesFor(schema, {}));
      for (const key of keys) {
        for (const value of wrongValues) {
          for (const message of messagesFor(schema, { [key]: value })) messages.add(message);
        }
      }
      expect(messages.size).toBeGreaterThan(0);
      for (const message of messages) {
        expect(isPersonWording(message), message).toBe(true);
        for (const key of keys.filter((name) => /[A-Z]/.test(name))) expect(message).not.toContain(key);
      }
    },
  );

  it('tells validator wording and field paths apart from sentences', () => {
    for (const text of [
      'Too small: expected string to have >=2 characters',
      'Please check token: Invalid input',
      'must be at least the top-up amount',
      'body.amountCents is required',
      'Invalid input: expected number, received undefined',
      'Check amountCents and try again.',
    ]) {
      expect(isPersonWording(text), text).toBe(false);
    }
    for (const text of [
      'Enter a name of at least 2 characters.',
      'Set the daily cap to at least the top-up amount.',
      'Top up from $5.00 to call. Calls cost $0.02 a minute.',
      'Enter a domain such as example.com',
    ]) {
      expect(isPersonWording(text), text).toBe(true);
    }
  });

  it('describes a check without its own sentence by the field in words', () => {
    expect(personMessage(['name'], 'Too small: expected string to have >=2 characters')).toBe(
      'Check the name and try again.',
    );
    expect(personMessage(['dailyCapCents'], undefined)).toBe('Check the daily cap and try again.');
    expect(personMessage(['mystery'], 'Invalid input')).toBe('Check what you entered and try again.');
  });

  it('writes every error the server raises for people, for every code in the contract', () => {
    const root = path.resolve(import.meta.dirname, '../..');
    const raised = new Map<string, string[]>();
    for (const file of sourceFiles(root)) {
      const text = readFileSync(file, 'utf8');
      for (const match of text.matchAll(/AppError\(\s*'([a-z_]+)',\s*(['"`])((?:\\.|(?!\2)[\s\S])*?)\2/g)) {
        const [, code = '', , message = ''] = match;
        // A template's ${…} parts are names and amounts; read them as a word.
        const words = message.replace(/\$\{[^}]*\}/g, 'Ada').replace(/\\(['"`])/g, '$1');
        raised.set(code, [...(raised.get(code) ?? []), `${path.relative(root, file)}: ${words}`]);
      }
    }
    expect(raised.size).toBeGreaterThan(20);
    for (const [code, messages] of raised) {
      expect(Object.keys(errorStatusByCode), `${code} is in the contract's table`).toContain(code);
      for (const located of messages) {
        const message = located.slice(located.indexOf(': ') + 2);
        // Webhook signatures and provider faults are read by operators in logs, not by people.
        if (code === 'invalid_signature' || code === 'internal_error') continue;
        expect(isPersonWording(message), located).toBe(true);
      }
    }
  });
});
