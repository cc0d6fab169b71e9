import { type SQL, sql } from 'drizzle-orm';
import pg from 'pg';
import type { Database, Executor } from './client.adapter';

/**
 * A statement that PostgreSQL parses and plans once per connection, then runs from its cached plan. `params`
 * lists the values for `$1`, `$2`… in order, next to the text that uses them.
 */
export type PreparedStatement<Input> = {
  name: string;
  text: string;
  params: (input: Input) => unknown[];
};

/** Timestamps, dates and intervals stay as PostgreSQL sends them, as drizzle's own queries keep them. */
const RAW_TYPES = new Set<number>([
  pg.types.builtins.TIMESTAMPTZ,
  pg.types.builtins.TIMESTAMP,
  pg.types.builtins.DATE,
  pg.types.builtins.INTERVAL,
]);
const asSent: pg.CustomTypesConfig = {
  getTypeParser: ((typeId: number, format?: 'text' | 'binary') =>
    RAW_TYPES.has(typeId)
      ? (value: string) => value
      : pg.types.getTypeParser(typeId, format)) as pg.CustomTypesConfig['getTypeParser'],
};

/**
 * Runs a named prepared statement on the pool (any connection) or on one connection (an open transaction's)
 * and returns its rows as PostgreSQL sends them (snake_case names, bigint and timestamps as strings).
 *
 * For hot paths only: a multi-statement CTE costs more to plan than to execute, and drizzle's `execute`
 * plans every call. The text must stay constant for a name: it is prepared on each connection at first use.
 */
export async function runPrepared<Row extends pg.QueryResultRow, Input>(
  on: Executor | pg.PoolClient,
  statement: PreparedStatement<Input>,
  input: Input,
): Promise<Row[]> {
  const values = statement.params(input);
  // An open drizzle transaction (a rare caller, such as an admin's adjustment with its audit row) runs the
  // same text through drizzle, on the transaction's connection, unprepared.
  if (!('$client' in on) && 'execute' in on) {
    return (await on.execute(asSql(statement.text, values))).rows as Row[];
  }
  const config = { name: statement.name, text: statement.text, values, types: asSent };
  const result = '$client' in on ? await on.$client.query<Row>(config) : await on.query<Row>(config);
  return result.rows;
}

/** A statement's text with its `$n` placeholders bound to `values`, as drizzle SQL. */
function asSql(text: string, values: unknown[]): SQL {
  const parts = text.split(/\$(\d+)/);
  return sql.join(
    parts.map((part, index) =>
      index % 2 === 0 ? sql.raw(part) : sql`${sql.param(values[Number(part) - 1])}`,
    ),
  );
}

/**
 * Runs `work` in a transaction on one connection of the pool: committed when it answers rows, rolled back when
 * it answers none (or fails).
 */
export async function inTransactionUnlessEmpty<Row>(
  db: Database,
  work: (connection: pg.PoolClient) => Promise<Row[]>,
): Promise<Row[]> {
  const connection = await db.$client.connect();
  let broken: Error | undefined;
  try {
    await connection.query('begin');
    try {
      const rows = await work(connection);
      await connection.query(rows.length > 0 ? 'commit' : 'rollback');
      return rows;
    } catch (error) {
      await connection.query('rollback');
      throw error;
    }
  } catch (error) {
    // A refused statement leaves the connection usable; anything else (a lost connection) discards it.
    if (!(error instanceof pg.DatabaseError)) broken = error as Error;
    throw error;
  } finally {
    connection.release(broken);
  }
}
