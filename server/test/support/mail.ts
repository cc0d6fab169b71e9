import { and, desc, eq } from 'drizzle-orm';
import type { Database } from '../../src/db/client.adapter';
import { mailOutbox } from '../../src/modules/mail/tables';
import { waitFor } from './wait';

/** The newest mail to `to` (optionally of one template), once a job has written it. */
export async function waitForMail(
  db: Database,
  to: string,
  template?: string,
  options: { after?: Date } = {},
) {
  return waitFor(async () => {
    const [row] = await db
      .select()
      .from(mailOutbox)
      .where(and(eq(mailOutbox.toAddress, to), template ? eq(mailOutbox.template, template) : undefined))
      .orderBy(desc(mailOutbox.createdAt))
      .limit(1);
    return row && (!options.after || row.createdAt > options.after) ? row : undefined;
  });
}

/** The token carried by the first of our links in a mail's text. */
export function linkTokenIn(text: string): string {
  const match = text.match(/\/(?:magic|reset|confirm)\/([A-Za-z0-9_-]+)/);
  if (!match?.[1]) throw new Error(`no link in:\n${text}`);
  return match[1];
}

export async function countMail(db: Database, to: string): Promise<number> {
  return (await db.select({ id: mailOutbox.id }).from(mailOutbox).where(eq(mailOutbox.toAddress, to))).length;
}
