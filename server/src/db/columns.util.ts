import { sql } from 'drizzle-orm';
import { type AnyPgColumn, bigint, timestamp } from 'drizzle-orm/pg-core';

/**
 * A point in time, kept to the millisecond: the precision of a JavaScript Date, so that a time read from a row
 * and written back into a query (a pagination cursor, say) compares equal to the stored one.
 */
export const instant = () => timestamp({ withTimezone: true, precision: 3 });

/** A CHECK that a text column holds one of a fixed list (drizzle's `enum` on text is only a TypeScript type). */
export function oneOf(column: AnyPgColumn, values: readonly string[]) {
  return sql`${column} in (${sql.raw(values.map((value) => `'${value.replace(/'/g, "''")}'`).join(', '))})`;
}

/** Integer US cents, read as a JavaScript number (amounts are kept within the safe integer range). */
export const cents = () => bigint({ mode: 'number' });
