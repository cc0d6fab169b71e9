import { AppError } from './errors/app.errors';

/** A position in a list ordered by (time, id) descending: the last row of the page before. */
export type Position = { at: Date; id: string };

/** Cursors are opaque to clients: base64url of "ISO time|id". */
export function encodeCursor(position: Position): string {
  return Buffer.from(`${position.at.toISOString()}|${position.id}`).toString('base64url');
}

const isoTime = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/**
 * Only what `encodeCursor` writes is accepted: a four-digit-year ISO time that reads back the same, and a
 * record id (every list is of rows with UUIDs), so that no crafted value reaches a query.
 */
export function decodeCursor(cursor: string): Position {
  const parts = Buffer.from(cursor, 'base64url').toString('utf8').split('|');
  const [time = '', id = ''] = parts;
  const at = new Date(time);
  const valid =
    parts.length === 2 &&
    isoTime.test(time) &&
    !Number.isNaN(at.getTime()) &&
    at.toISOString() === time &&
    at.getUTCFullYear() >= 1970 &&
    uuid.test(id);
  if (!valid) {
    throw new AppError('validation_failed', 'That page cursor is not valid.', {
      fields: [{ path: 'querystring.cursor', message: 'is not a cursor this API gave out' }],
    });
  }
  return { at, id };
}

/** Rows fetched with limit + 1: the page, and the cursor of the next page when there is one. */
export function pageOf<T>(rows: T[], limit: number, positionOf: (row: T) => Position) {
  const items = rows.slice(0, limit);
  const last = items.at(-1);
  return { items, nextCursor: rows.length > limit && last ? encodeCursor(positionOf(last)) : null };
}
