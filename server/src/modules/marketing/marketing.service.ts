import type { Database, Executor } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import type { RateLimit } from '../../platform/http/rate-limit.adapter';
import type { Logger } from '../../platform/logger.adapter';
import { decodeCursor, pageOf } from '../../platform/pagination.util';
import type { Actor, AuditRecorder } from '../audit';
import { type MailService, subscriberInviteMail } from '../mail';
import { marketingErrors } from './marketing.errors';
import {
  marketingRepository as repository,
  type SubscriberFilter,
  type SubscriberRow,
} from './marketing.repository';

export type MarketingServiceDeps = {
  db: Database;
  clock: Clock;
  logger: Logger;
  publicUrl: string;
  mail: Pick<MailService, 'send'>;
  /** BETA_GATE=on: only invited people (and the exempt) may become users. */
  betaGate: boolean;
  /** Platform administrators are never held back by the gate. */
  adminEmails: readonly string[];
  subscribeByIp: RateLimit;
  /** Invitations and deletions are admin actions, audited in their transactions. */
  audit: AuditRecorder;
};

/** What the beta gate says about a new person. */
export type Admission = 'allowed' | 'waitlisted';

const EXPORT_BATCH = 1000;

export function toSubscriber(row: SubscriberRow) {
  return {
    id: row.id,
    email: row.email,
    status: row.status,
    source: row.source,
    createdAt: row.createdAt.toISOString(),
    invitedAt: row.invitedAt?.toISOString() ?? null,
    joinedAt: row.joinedAt?.toISOString() ?? null,
  };
}

export type SubscriberView = ReturnType<typeof toSubscriber>;

export function createMarketingService(deps: MarketingServiceDeps) {
  const { db, clock } = deps;
  const adminEmails = new Set(deps.adminEmails.map((email) => email.toLowerCase()));

  /** Invites the rows given (locked by the caller's transaction), emails each a sign-up link and audits it. */
  async function inviteRows(tx: Executor, rows: SubscriberRow[], admin: Actor) {
    const invited = await repository.markInvited(
      tx,
      rows.map((row) => row.id),
      clock.now(),
    );
    for (const row of invited) {
      const url = `${deps.publicUrl}/signup?${new URLSearchParams({ email: row.email, invited: '1' })}`;
      await deps.mail.send(tx, row.email, subscriberInviteMail({ url }));
      const before = rows.find((locked) => locked.id === row.id)?.status ?? null;
      await deps.audit.record(tx, {
        actor: admin,
        action: 'subscriber.invite',
        target: `subscriber:${row.id}`,
        details: { email: row.email, statusBefore: before, statusAfter: row.status },
      });
    }
    deps.logger.info({ subscriberIds: invited.map((row) => row.id) }, 'subscribers invited');
    return invited;
  }

  return {
    betaGate: deps.betaGate,

    /** The public early-access form: adds the address once, whatever its case, and says where it stands. */
    async subscribe(input: { email: string; source?: string | undefined }, ip: string | null) {
      await deps.subscribeByIp.consume(
        ip ?? 'unknown',
        'Too many sign-ups from your network. Please wait a little and try again.',
      );
      const { row, created } = await repository.insertOrFind(db, {
        email: input.email,
        source: input.source ?? 'website',
        createdAt: clock.now(),
      });
      return { status: row.status, created };
    },

    /**
     * The beta gate, for a person who would become a new user. Allowed when the gate is off, for platform
     * administrators, and for invited (or already joined) subscribers; anyone else is added to the waitlist.
     * Pass the transaction that would create the user when the waitlisting should share its fate.
     */
    async admit(executor: Executor, email: string, options: { source: string }): Promise<Admission> {
      if (!deps.betaGate || adminEmails.has(email.toLowerCase())) return 'allowed';
      const { row } = await repository.insertOrFind(executor, {
        email,
        source: options.source,
        createdAt: clock.now(),
      });
      if (row.status !== 'waiting') return 'allowed';
      deps.logger.info({ subscriberId: row.id, source: options.source }, 'held back by the beta gate');
      return 'waitlisted';
    },

    /** At a person's successful sign-up or sign-in: their invitation (if any) has been taken up. */
    async markJoined(executor: Executor, email: string) {
      await repository.markJoined(executor, email, clock.now());
    },

    async list(query: SubscriberFilter & { cursor?: string | undefined; limit: number }) {
      const before = query.cursor ? decodeCursor(query.cursor) : undefined;
      const rows = await repository.list(db, { ...query, before });
      const page = pageOf(rows, query.limit, (row) => ({ at: row.createdAt, id: row.id }));
      return { items: page.items.map(toSubscriber), nextCursor: page.nextCursor };
    },

    /** Every subscriber matching the filter, newest first, read in batches. */
    async *exportAll(filter: SubscriberFilter): AsyncGenerator<SubscriberView[]> {
      let before: { at: Date; id: string } | undefined;
      let more = true;
      while (more) {
        const rows = await repository.list(db, { ...filter, before, limit: EXPORT_BATCH });
        const page = rows.slice(0, EXPORT_BATCH);
        yield page.map(toSubscriber);
        const last = page.at(-1);
        more = rows.length > EXPORT_BATCH && last !== undefined;
        if (last) before = { at: last.createdAt, id: last.id };
      }
    },

    /** Invites one subscriber (again, if already invited): 404 if gone, 409 once they have joined. */
    async invite(id: string, admin: Actor) {
      return db.transaction(async (tx) => {
        const [row] = await repository.findByIdsForUpdate(tx, [id]);
        if (!row) throw marketingErrors.notFound();
        if (row.status === 'joined') throw marketingErrors.alreadyJoined(row.email);
        const [invited] = await inviteRows(tx, [row], admin);
        if (!invited) throw marketingErrors.notFound();
        return toSubscriber(invited);
      });
    },

    /** Invites several at once; those who have joined meanwhile or were deleted are left out. */
    async inviteMany(ids: readonly string[], admin: Actor) {
      return db.transaction(async (tx) => {
        const rows = await repository.findByIdsForUpdate(tx, [...new Set(ids)]);
        const invited = await inviteRows(
          tx,
          rows.filter((row) => row.status !== 'joined'),
          admin,
        );
        return { items: invited.map(toSubscriber) };
      });
    },

    async remove(id: string, admin: Actor) {
      await db.transaction(async (tx) => {
        const [row] = await repository.findByIdsForUpdate(tx, [id]);
        if (!row || !(await repository.deleteById(tx, id))) throw marketingErrors.notFound();
        await deps.audit.record(tx, {
          actor: admin,
          action: 'subscriber.delete',
          target: `subscriber:${id}`,
          details: { email: row.email, statusBefore: row.status },
        });
      });
    },
  };
}

export type MarketingService = ReturnType<typeof createMarketingService>;

/** What identity needs of this module: the gate, and the moment an invitation is taken up. */
export type BetaGate = Pick<MarketingService, 'betaGate' | 'admit' | 'markJoined'>;
