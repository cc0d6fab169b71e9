import { timestamp } from 'drizzle-orm/pg-core';

/**
 * A point in time, kept to the millisecond: the precision of a JavaScript Date, so that a time read from a row
 * and written back into a query (a pagination cursor, say) compares equal to the stored one.
 */
export const instant = () => timestamp({ withTimezone: true, precision: 3 });
