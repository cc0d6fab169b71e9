import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate } from 'drizzle-orm/node-postgres/migrator';
import type pg from 'pg';

export const migrationsFolder = path.join(import.meta.dirname, 'migrations');
const modulesFolder = path.join(import.meta.dirname, '..', 'modules');

/** Any 64-bit number of our own; taken so that two processes starting together migrate one after the other. */
const MIGRATION_LOCK = 7_419_251_883;

/**
 * The current definition of every function, trigger and view, from each module's `sql/*.sql`, in module then
 * file order. Each file replaces what it defines (`CREATE OR REPLACE`), so applying them again changes nothing.
 */
export function moduleSqlFiles(): { module: string; file: string; text: string }[] {
  const files: { module: string; file: string; text: string }[] = [];
  for (const module of readdirSync(modulesFolder).sort()) {
    const dir = path.join(modulesFolder, module, 'sql');
    if (!existsSync(dir)) continue;
    const names = readdirSync(dir).filter((name) => name.endsWith('.sql'));
    for (const file of names.sort())
      files.push({ module, file, text: readFileSync(path.join(dir, file), 'utf8') });
  }
  return files;
}

/**
 * Applies the committed migrations that have not run yet (the schema's history), then every module's current
 * SQL (its functions, triggers and views) in one transaction; running it again changes nothing.
 */
export async function runMigrations(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    try {
      await migrate(drizzle(client), { migrationsFolder });
      await applyModuleSql(client);
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
    }
  } finally {
    client.release();
  }
}

async function applyModuleSql(client: pg.PoolClient): Promise<void> {
  await client.query('begin');
  try {
    // A module's functions may call another's, defined in a file applied later.
    await client.query('set local check_function_bodies = off');
    for (const { module, file, text } of moduleSqlFiles()) {
      try {
        await client.query(text);
      } catch (error) {
        throw new Error(`modules/${module}/sql/${file} failed: ${(error as Error).message}`, {
          cause: error,
        });
      }
    }
    await client.query('commit');
  } catch (error) {
    await client.query('rollback');
    throw error;
  }
}
