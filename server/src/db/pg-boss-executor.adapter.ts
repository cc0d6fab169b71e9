import { sql } from 'drizzle-orm';
import type PgBoss from 'pg-boss';
import type { Executor } from './client.adapter';

/** pg-boss speaks `$1` placeholders; this runs its statements through a drizzle executor (a pool or a transaction). */
export function drizzleExecutor(executor: Executor): PgBoss.Db {
  return {
    async executeSql(text, values = []) {
      const parts = text.split(/\$(\d+)/);
      const query = sql.empty();
      parts.forEach((part, index) => {
        query.append(index % 2 === 0 ? sql.raw(part) : sql`${values[Number(part) - 1] ?? null}`);
      });
      const result = await executor.execute(query);
      return { rows: result.rows };
    },
  };
}
