import { and, asc, desc, eq, gt, inArray, isNull, lte, or, sql } from 'drizzle-orm';
import type { Executor } from '../../db/client.adapter';
import type { RatePlan } from './deck.domain';
import type { OpenRate } from './rate-changes.domain';
import type { RateInput } from './rate-input.domain';
import { type RateSource, rates, ratesState } from './tables';

export type RateRow = typeof rates.$inferSelect;

// Keeps each statement well under PostgreSQL's 65,535 bind parameters.
const CHUNK = 1000;

function chunks<T>(items: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += CHUNK) out.push(items.slice(i, i + CHUNK));
  return out;
}

/** What a price is, without its bookkeeping: shared by the open rows and the deck. */
const priceColumns = {
  prefix: rates.prefix,
  plan: rates.plan,
  country: rates.country,
  destination: rates.destination,
  type: rates.type,
  priceMicros: rates.priceMicros,
};

function inForce(at: Date) {
  return and(lte(rates.effectiveFrom, at), or(isNull(rates.effectiveTo), gt(rates.effectiveTo, at)));
}

export const ratesRepository = {
  /** Locks the version row for the rest of the transaction (creating it on first use): one writer at a time. */
  async lockVersion(tx: Executor): Promise<number> {
    await tx.insert(ratesState).values({ id: 1 }).onConflictDoNothing();
    const [row] = await tx.select().from(ratesState).where(eq(ratesState.id, 1)).for('update');
    return row?.version ?? 0;
  },

  async bumpVersion(tx: Executor, at: Date): Promise<number> {
    const [row] = await tx
      .update(ratesState)
      .set({ version: sql`${ratesState.version} + 1`, changedAt: at })
      .where(eq(ratesState.id, 1))
      .returning({ version: ratesState.version });
    if (!row) throw new Error('rates_state row missing');
    return row.version;
  },

  async readVersion(db: Executor): Promise<number> {
    const [row] = await db
      .select({ version: ratesState.version })
      .from(ratesState)
      .where(eq(ratesState.id, 1));
    return row?.version ?? 0;
  },

  async isEmpty(db: Executor): Promise<boolean> {
    const [row] = await db.select({ id: rates.id }).from(rates).limit(1);
    return row === undefined;
  },

  async findOpen(db: Executor): Promise<OpenRate[]> {
    return db
      .select({
        ...priceColumns,
        id: rates.id,
        costMicros: rates.costMicros,
        effectiveFrom: rates.effectiveFrom,
      })
      .from(rates)
      .where(isNull(rates.effectiveTo));
  },

  async closeRates(tx: Executor, ids: readonly string[], at: Date) {
    for (const part of chunks(ids)) {
      await tx.update(rates).set({ effectiveTo: at }).where(inArray(rates.id, part));
    }
  },

  async deleteRates(tx: Executor, ids: readonly string[]) {
    for (const part of chunks(ids)) await tx.delete(rates).where(inArray(rates.id, part));
  },

  async insertRates(tx: Executor, inputs: readonly RateInput[], source: RateSource, effectiveFrom: Date) {
    for (const part of chunks(inputs)) {
      await tx.insert(rates).values(part.map((input) => ({ ...input, source, effectiveFrom })));
    }
  },

  /** Every row in force at `at`, for the in-memory deck. */
  async findInForce(db: Executor, at: Date) {
    return db.select(priceColumns).from(rates).where(inForce(at));
  },

  /** The next instant after `at` when a scheduled price starts or a price ends; null when none is scheduled. */
  async nextChangeAfter(db: Executor, at: Date): Promise<Date | null> {
    const result = await db.execute<{ next: Date | string | null }>(sql`
      select least(
        (select min(${rates.effectiveFrom}) from ${rates} where ${rates.effectiveFrom} > ${at}),
        (select min(${rates.effectiveTo}) from ${rates} where ${rates.effectiveTo} > ${at})
      ) as next`);
    const next = result.rows[0]?.next;
    return next ? new Date(next) : null;
  },

  /** The row of the longest of `prefixes` in force at `at` for `plan` (the prefix index makes this cheap). */
  async findLongestInForce(db: Executor, prefixes: readonly string[], plan: RatePlan, at: Date) {
    const [row] = await db
      .select()
      .from(rates)
      .where(and(inArray(rates.prefix, [...prefixes]), eq(rates.plan, plan), inForce(at)))
      .orderBy(desc(sql`length(${rates.prefix})`))
      .limit(1);
    return row ?? null;
  },

  async history(db: Executor, prefix: string, plan: RatePlan) {
    return db
      .select()
      .from(rates)
      .where(and(eq(rates.prefix, prefix), eq(rates.plan, plan)))
      .orderBy(asc(rates.effectiveFrom));
  },
};
