import type { Database, Executor } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import type { Principal } from '../../platform/http/auth.guards';
import { sessionsRepository as repository } from './sessions.repository';
import { hashToken, newToken } from './tokens.util';

const DAY = 86_400_000;
/** A session ends after 30 days without use, and after 90 days in any case (ASVS 7.3). */
export const SESSION_IDLE_MS = 30 * DAY;
export const SESSION_ABSOLUTE_MS = 90 * DAY;
/** Last-seen is written at most this often, to keep reads from turning into writes. */
const TOUCH_EVERY_MS = 5 * 60_000;

export type RequestOrigin = { ip: string | null; userAgent: string | null };
export type AuthenticatedSession = Principal & { tokenHash: string; hasPassword: boolean };

export function createSessionsService(deps: {
  db: Database;
  clock: Clock;
  isPlatformAdmin: (email: string, role: string) => boolean;
}) {
  return {
    /** A new session with a fresh random token (a new id at every sign-in, ASVS 7.2.4). */
    async start(executor: Executor, userId: string, origin: RequestOrigin) {
      const token = newToken();
      const at = deps.clock.now();
      const expiresAt = new Date(at.getTime() + SESSION_ABSOLUTE_MS);
      await repository.insert(executor, {
        tokenHash: hashToken(token),
        userId,
        expiresAt,
        at,
        ip: origin.ip,
        userAgent: origin.userAgent?.slice(0, 400) ?? null,
      });
      return { token, expiresAt };
    },

    /** The principal behind a session token, or null when the session is unknown, expired or idle too long. */
    async authenticate(token: string): Promise<AuthenticatedSession | null> {
      const tokenHash = hashToken(token);
      const row = await repository.findWithPrincipal(deps.db, tokenHash);
      if (!row) return null;
      const now = deps.clock.now();
      const idleSince = now.getTime() - row.session.lastSeenAt.getTime();
      // A suspended account's members stay signed in (calling refuses them, in words); a closed one's do not.
      if (row.session.expiresAt <= now || idleSince > SESSION_IDLE_MS || row.account.status === 'closed') {
        if (row.account.status !== 'closed') await repository.delete(deps.db, tokenHash);
        return null;
      }
      if (idleSince > TOUCH_EVERY_MS) await repository.touch(deps.db, tokenHash, now);
      return {
        tokenHash,
        sessionId: row.session.publicId,
        hasPassword: row.user.passwordHash !== null,
        user: {
          id: row.user.id,
          email: row.user.email,
          role: deps.isPlatformAdmin(row.user.email, row.user.role) ? 'admin' : 'user',
          confirmed: row.user.confirmedAt !== null,
        },
        account: { id: row.account.id, kind: row.account.kind, name: row.account.name },
        membership: row.membership,
      };
    },

    end(executor: Executor, tokenHash: string) {
      return repository.delete(executor, tokenHash);
    },

    endByPublicId(userId: string, publicId: string) {
      return repository.deleteByPublicId(deps.db, userId, publicId);
    },

    endAllOf(executor: Executor, userId: string, except?: string) {
      return repository.deleteAllOfUser(executor, userId, except);
    },

    async list(userId: string, currentTokenHash: string) {
      const rows = await repository.listOfUser(deps.db, userId);
      return rows.map((row) => ({
        id: row.publicId,
        createdAt: row.createdAt.toISOString(),
        lastSeenAt: row.lastSeenAt.toISOString(),
        ip: row.ip,
        userAgent: row.userAgent,
        current: row.tokenHash === currentTokenHash,
      }));
    },

    deleteExpired(now: Date) {
      return repository.deleteExpired(deps.db, now, new Date(now.getTime() - SESSION_IDLE_MS));
    },
  };
}

export type SessionsService = ReturnType<typeof createSessionsService>;
