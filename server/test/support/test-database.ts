import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { createDatabase, type DatabaseHandle } from '../../src/db/client.adapter';
import { createLogger } from '../../src/platform/logger.adapter';

export const TEMPLATE_DATABASE = 'mobayilo_template';

export type TestDatabase = DatabaseHandle & { url: string; name: string; drop(): Promise<void> };

async function withAdmin<T>(run: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: inject('adminDatabaseUrl') });
  await client.connect();
  try {
    return await run(client);
  } finally {
    await client.end();
  }
}

/** A fresh database cloned from the migrated template: isolated from every other test file. */
export async function createTestDatabase(options: { maxConnections?: number } = {}): Promise<TestDatabase> {
  const name = `test_${randomBytes(6).toString('hex')}`;
  await withAdmin(async (client) => {
    for (let attempt = 0; ; attempt += 1) {
      try {
        await client.query(`create database ${name} template ${TEMPLATE_DATABASE}`);
        return;
      } catch (error) {
        // Two clones starting at the same instant can briefly see each other on the template.
        const busy = error instanceof Error && /being accessed by other users/.test(error.message);
        if (!busy || attempt >= 20) throw error;
        await new Promise((resolve) => setTimeout(resolve, 50 + Math.random() * 100));
      }
    }
  });
  const url = new URL(inject('adminDatabaseUrl'));
  url.pathname = `/${name}`;
  const handle = createDatabase({
    url: url.toString(),
    logger: createLogger({ log: { level: 'silent' } }),
    maxConnections: options.maxConnections ?? 10,
  });
  return {
    ...handle,
    url: url.toString(),
    name,
    async drop() {
      await handle.close();
      await withAdmin((client) => client.query(`drop database if exists ${name} with (force)`));
    },
  };
}
