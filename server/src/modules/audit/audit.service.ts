import type { Database, Executor } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import { decodeCursor, pageOf } from '../../platform/pagination.util';
import { type AuditRow, auditRepository as repository } from './audit.repository';

/** The platform admin who acted. */
export type Actor = { id: string; email: string };

export type AuditEntryInput = {
  actor: Actor;
  action: string;
  target: string;
  reason?: string | null;
  details?: Record<string, unknown>;
};

export function toAuditEntry(row: AuditRow) {
  return {
    id: row.id,
    actor: { id: row.actorId, email: row.actorEmail },
    action: row.action,
    target: row.target,
    reason: row.reason,
    details: row.details,
    createdAt: row.createdAt.toISOString(),
  };
}

export function createAuditService(deps: { db: Database; clock: Clock }) {
  const { db, clock } = deps;
  return {
    /**
     * Records an admin action. Pass the transaction of the action: the row commits with it or not at all.
     */
    async record(executor: Executor, entry: AuditEntryInput) {
      const row = await repository.insert(executor, {
        actorId: entry.actor.id,
        actorEmail: entry.actor.email,
        action: entry.action,
        target: entry.target,
        reason: entry.reason ?? null,
        details: entry.details ?? {},
        createdAt: clock.now(),
      });
      return toAuditEntry(row);
    },

    async list(query: {
      q?: string | undefined;
      target?: string | undefined;
      cursor?: string | undefined;
      limit: number;
    }) {
      const before = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await repository.list(db, { ...query, ...(before ? { before } : {}) });
      const page = pageOf(rows, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
      return { items: page.items.map(toAuditEntry), nextCursor: page.nextCursor };
    },
  };
}

export type AuditService = ReturnType<typeof createAuditService>;

/** What other modules need to write the log: only `record`, inside their own transactions. */
export type AuditRecorder = Pick<AuditService, 'record'>;
export type AuditEntry = ReturnType<typeof toAuditEntry>;
