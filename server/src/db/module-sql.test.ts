import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { getTableName, is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import { describe, expect, it } from 'vitest';
import { migrationsFolder, moduleSqlFiles } from './migrate.util';

const modulesFolder = path.join(import.meta.dirname, '..', 'modules');

/** Each module's tables, by the name PostgreSQL knows them by. */
async function tablesByModule(): Promise<Map<string, string[]>> {
  const owners = new Map<string, string[]>();
  for (const module of readdirSync(modulesFolder)) {
    const file = path.join(modulesFolder, module, 'tables.ts');
    if (!existsSync(file)) continue;
    const exported: Record<string, unknown> = await import(file);
    owners.set(
      module,
      Object.values(exported)
        .filter((value) => is(value, PgTable))
        .map((table) => getTableName(table as PgTable)),
    );
  }
  return owners;
}

const withoutComments = (text: string) => text.replace(/--[^\n]*/g, '');
/** The statements alone: without comments and string literals (a message may name anything). */
const statementsOf = (text: string) => withoutComments(text).replace(/'[^']*'/g, "''");
const defined = (text: string) =>
  [...withoutComments(text).matchAll(/CREATE (?:OR REPLACE )?FUNCTION\s+(\w+)/gi)].map((m) => m[1] as string);

describe("modules' SQL", () => {
  it('touches only its own module’s tables', async () => {
    const owners = await tablesByModule();
    const foreign: string[] = [];
    for (const { module, file, text } of moduleSqlFiles()) {
      const own = new Set(owners.get(module) ?? []);
      for (const [other, tables] of owners) {
        if (other === module) continue;
        for (const table of tables) {
          if (own.has(table)) continue;
          if (new RegExp(`\\b${table}\\b`).test(statementsOf(text)))
            foreign.push(`${module}/${file}: ${table}`);
        }
      }
    }
    expect(foreign).toEqual([]);
  });

  it('names each function after its module', () => {
    const misnamed = moduleSqlFiles().flatMap(({ module, file, text }) =>
      defined(text)
        .filter((name) => !name.startsWith(`${module}_`))
        .map((name) => `${module}/${file}: ${name}`),
    );
    expect(misnamed).toEqual([]);
  });

  it('has the current definition of every function a migration created and none dropped', () => {
    const current = new Set(moduleSqlFiles().flatMap(({ text }) => defined(text)));
    const migrations = readdirSync(migrationsFolder)
      .filter((name) => name.endsWith('.sql'))
      .sort()
      .map((name) => withoutComments(readFileSync(path.join(migrationsFolder, name), 'utf8')));
    const created = new Set(migrations.flatMap(defined));
    const dropped = new Set(
      migrations.flatMap((text) =>
        [...text.matchAll(/DROP FUNCTION (?:IF EXISTS )?(\w+)/gi)].map((m) => m[1]),
      ),
    );
    const renamed = migrations.flatMap((text) =>
      [...text.matchAll(/ALTER FUNCTION (\w+)\([^)]*\)\s+RENAME TO (\w+)/gi)].map((m) => m[2] as string),
    );
    const missing = [...created, ...renamed].filter((name) => !current.has(name) && !dropped.has(name));
    expect(missing).toEqual([]);
  });
});
