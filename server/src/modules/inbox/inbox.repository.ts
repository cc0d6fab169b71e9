import { and, asc, eq, like, lt, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.adapter';
import { providerEvents } from './tables';

export type ProviderEvent = typeof providerEvents.$inferSelect;
export type NewProviderEvent = Pick<ProviderEvent, 'provider' | 'eventKey' | 'type' | 'payload'> & {
  receivedAt: Date;
};

export const inboxRepository = {
  /**
   * Stores each event unless the provider sent it before (or it comes twice here), in one statement. Answers,
   * in the order given, the id of each event stored now, undefined for the others.
   */
  async insertOnce(db: Executor, events: NewProviderEvent[]): Promise<(string | undefined)[]> {
    if (events.length === 0) return [];
    const rows = await db
      .insert(providerEvents)
      .values(events)
      .onConflictDoNothing({ target: [providerEvents.provider, providerEvents.eventKey] })
      .returning({
        id: providerEvents.id,
        provider: providerEvents.provider,
        eventKey: providerEvents.eventKey,
      });
    const stored = new Map(rows.map((row) => [`${row.provider}\u0000${row.eventKey}`, row.id]));
    return events.map((event) => {
      const key = `${event.provider}\u0000${event.eventKey}`;
      const id = stored.get(key);
      // The first of repeated events is the one stored.
      stored.delete(key);
      return id;
    });
  },

  /** A provider's events whose keys start with any of these prefixes, oldest first (at most `limit`). */
  async findByKeyPrefixes(
    db: Executor,
    provider: ProviderEvent['provider'],
    prefixes: readonly string[],
    limit: number,
  ): Promise<ProviderEvent[]> {
    if (prefixes.length === 0) return [];
    const patterns = prefixes.map((prefix) => `${prefix.replace(/[%_\\]/g, '\\$&')}%`);
    return db
      .select()
      .from(providerEvents)
      .where(
        and(
          eq(providerEvents.provider, provider),
          or(...patterns.map((p) => like(providerEvents.eventKey, p))),
        ),
      )
      .orderBy(asc(providerEvents.receivedAt))
      .limit(limit);
  },

  async findById(db: Executor, id: string): Promise<ProviderEvent | undefined> {
    const [row] = await db.select().from(providerEvents).where(eq(providerEvents.id, id));
    return row;
  },

  async settle(
    db: Executor,
    id: string,
    values: { status: 'processed' | 'ignored' | 'failed'; outcome: string; at: Date },
  ) {
    await db
      .update(providerEvents)
      .set({
        status: values.status,
        outcome: values.outcome,
        processedAt: values.at,
        attempts: sql`${providerEvents.attempts} + 1`,
      })
      .where(eq(providerEvents.id, id));
  },

  async countAttempt(db: Executor, id: string, error: string) {
    await db
      .update(providerEvents)
      .set({ attempts: sql`${providerEvents.attempts} + 1`, outcome: error })
      .where(eq(providerEvents.id, id));
  },

  /** Events still pending long after they arrived: their job was lost or keeps failing. */
  async findStalePending(db: Executor, receivedBefore: Date, limit: number): Promise<ProviderEvent[]> {
    return db
      .select()
      .from(providerEvents)
      .where(and(eq(providerEvents.status, 'pending'), lt(providerEvents.receivedAt, receivedBefore)))
      .limit(limit);
  },

  async deleteSettledBefore(db: Executor, before: Date): Promise<number> {
    const deleted = await db
      .delete(providerEvents)
      .where(and(sql`${providerEvents.status} <> 'pending'`, lt(providerEvents.receivedAt, before)))
      .returning({ id: providerEvents.id });
    return deleted.length;
  },
};
