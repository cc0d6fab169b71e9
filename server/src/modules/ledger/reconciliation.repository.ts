import { desc, sql } from 'drizzle-orm';
import type { Database, Executor } from '../../db/client.adapter';
import type { ReconciliationMismatch } from './ledger.domain';
import { reconciliations } from './tables';

export type Reconciliation = typeof reconciliations.$inferSelect;

export type Audit = {
  accountsChecked: number;
  transfersChecked: number;
  /** Every wallet's cached balance plus every system account's derived balance. */
  totalCents: number;
  mismatches: ReconciliationMismatch[];
};

type AuditRow = {
  accounts: string;
  transfers: string;
  total: string | null;
  mismatches: ReconciliationMismatch[];
};

/**
 * Each wallet's cached balance against the sum of its transfers and its cached held amount against its
 * active holds, any account named by transfers that does not exist, and the total of all balances, in one
 * pass over the transfers.
 */
const balancesQuery = sql`
  with flows as (
    select debit_account_id as id, -amount_cents as delta from transfers
    union all
    select credit_account_id, amount_cents from transfers
  ), derived as (
    select id, sum(delta) as balance from flows group by id
  ), held as (
    select ledger_account_id as id, sum(amount_cents) as held from holds where status = 'active'
     group by ledger_account_id
  ), audited as (
    select a.id, a.kind, a.account_id, a.system_code, a.balance_cents, a.held_cents,
           coalesce(d.balance, 0) as derived_balance, coalesce(h.held, 0) as derived_held
      from ledger_accounts a left join derived d on d.id = a.id left join held h on h.id = a.id
  ), mismatches as (
    select jsonb_build_object('check', 'balance', 'ledgerAccountId', id, 'accountId', account_id,
             'systemCode', system_code, 'cachedCents', balance_cents, 'expectedCents', derived_balance) as finding
      from audited where kind = 'wallet' and balance_cents <> derived_balance
    union all
    select jsonb_build_object('check', 'held', 'ledgerAccountId', id, 'accountId', account_id,
             'systemCode', system_code, 'cachedCents', held_cents, 'expectedCents', derived_held)
      from audited where kind = 'wallet' and held_cents <> derived_held
    union all
    select jsonb_build_object('check', 'unknown_account', 'ledgerAccountId', d.id, 'expectedCents', d.balance)
      from derived d where not exists (select from ledger_accounts a where a.id = d.id)
  )
  select (select count(*) from audited) as accounts,
         (select count(*) from transfers) as transfers,
         (select sum(case when kind = 'wallet' then balance_cents else derived_balance end) from audited) as total,
         coalesce((select jsonb_agg(finding) from mismatches), '[]'::jsonb) as mismatches`;

/**
 * The first transfer of each account whose recorded balance after differs from the running sum of the
 * account's transfers up to it (in the order they were applied).
 */
const chainQuery = sql`
  with legs as (
    select debit_account_id as id, id as transfer_id, seq, -amount_cents as delta,
           debit_balance_after_cents as recorded
      from transfers where debit_balance_after_cents is not null
    union all
    select credit_account_id, id, seq, amount_cents, credit_balance_after_cents
      from transfers where credit_balance_after_cents is not null
  ), running as (
    select id, transfer_id, seq, recorded, sum(delta) over (partition by id order by seq) as expected from legs
  ), breaks as (
    select distinct on (r.id) r.id, a.account_id, a.system_code, r.transfer_id, r.recorded, r.expected
      from running r join ledger_accounts a on a.id = r.id
     where r.recorded <> r.expected
     order by r.id, r.seq
  )
  select coalesce(jsonb_agg(jsonb_build_object('check', 'chain', 'ledgerAccountId', id, 'accountId', account_id,
           'systemCode', system_code, 'transferId', transfer_id, 'recordedCents', recorded,
           'expectedCents', expected)), '[]'::jsonb) as mismatches
    from breaks`;

function safeNumber(value: string | null): number {
  const number = Number(value ?? 0);
  if (!Number.isSafeInteger(number)) throw new Error(`reconciliation total out of range: ${value}`);
  return number;
}

export const reconciliationRepository = {
  /**
   * Reads everything from one snapshot (repeatable read), in which every committed transfer and the cached
   * balances it changed are either both visible or both not: transfers running meanwhile cannot make
   * consistent books look wrong.
   */
  async audit(db: Database): Promise<Audit> {
    return db.transaction(
      async (tx) => {
        const balances = (await tx.execute(balancesQuery)).rows[0] as AuditRow;
        const chain = (await tx.execute(chainQuery)).rows[0] as Pick<AuditRow, 'mismatches'>;
        return {
          accountsChecked: safeNumber(balances.accounts),
          transfersChecked: safeNumber(balances.transfers),
          totalCents: safeNumber(balances.total),
          mismatches: [...balances.mismatches, ...chain.mismatches],
        };
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
  },

  async insert(db: Executor, run: typeof reconciliations.$inferInsert): Promise<Reconciliation> {
    const [row] = await db.insert(reconciliations).values(run).returning();
    if (!row) throw new Error('insert returned no row');
    return row;
  },

  async listRecent(db: Executor, limit: number): Promise<Reconciliation[]> {
    return db.select().from(reconciliations).orderBy(desc(reconciliations.startedAt)).limit(limit);
  },
};
