import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';

describe('the database pool', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase({ maxConnections: 1 });
  });
  afterAll(async () => {
    await database.drop();
  });

  const backend = async () =>
    (await database.pool.query('select pg_backend_pid() as pid')).rows[0].pid as number;

  it('keeps the connection after the server refuses a statement', async () => {
    const before = await backend();
    await expect(database.pool.query('select 1/0')).rejects.toThrow('division by zero');
    await expect(
      database.pool.query(
        "insert into housekeeping_runs (id, trigger, started_at) values ($1, 'manual', now()), ($1, 'manual', now())",
        ['00000000-0000-4000-8000-000000000001'],
      ),
    ).rejects.toThrow(/duplicate key/);
    expect(await backend()).toBe(before);
  });

  it('still runs drizzle queries and transactions through it', async () => {
    const result = await database.db.transaction(async (tx) => tx.execute('select 41 + 1 as answer'));
    expect(result.rows[0]).toEqual({ answer: 42 });
  });
});
