import type { Executor } from './client';

/**
 * A statement that PostgreSQL parses and plans once per connection, then runs from its cached plan. `params`
 * lists the values for `$1`, `$2`… in order, next to the text that uses them.
 */
export type PreparedStatement<Input> = {
  name: string;
  text: string;
  params: (input: Input) => unknown[];
};

/**
 * Runs a named prepared statement through a drizzle executor (the pool or an open transaction) and returns
 * its rows as PostgreSQL sends them (snake_case names, bigint and timestamps as strings).
 *
 * For hot paths only: a multi-statement CTE costs more to plan than to execute, and drizzle's `execute`
 * plans every call. The text must stay constant for a name: it is prepared on each connection at first use.
 */
export async function runPrepared<Row, Input>(
  executor: Executor,
  statement: PreparedStatement<Input>,
  input: Input,
): Promise<Row[]> {
  const query = executor._.session.prepareQuery(
    { sql: statement.text, params: statement.params(input) },
    undefined,
    statement.name,
    false,
  );
  const result = (await query.execute()) as { rows: Row[] };
  return result.rows;
}
