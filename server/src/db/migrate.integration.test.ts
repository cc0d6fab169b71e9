import { readdirSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/test-database';
import { migrationsFolder, runMigrations } from './migrate.util';

describe('runMigrations', () => {
  let database: TestDatabase;
  beforeAll(async () => {
    database = await createTestDatabase();
  });
  afterAll(async () => {
    await database.drop();
  });

  it('has applied every committed migration to the template', async () => {
    const committed = readdirSync(migrationsFolder).filter((name) => name.endsWith('.sql'));
    const applied = await database.pool.query('select hash from drizzle.__drizzle_migrations');
    expect(applied.rowCount).toBe(committed.length);
  });

  it('changes nothing when run again, even by two processes at once', async () => {
    await Promise.all([runMigrations(database.pool), runMigrations(database.pool)]);
    const committed = readdirSync(migrationsFolder).filter((name) => name.endsWith('.sql'));
    const applied = await database.pool.query('select hash from drizzle.__drizzle_migrations');
    expect(applied.rowCount).toBe(committed.length);
    const tables = await database.pool.query(
      "select count(*)::int as n from information_schema.tables where table_name = 'housekeeping_runs'",
    );
    expect(tables.rows[0].n).toBe(1);
  });
});
