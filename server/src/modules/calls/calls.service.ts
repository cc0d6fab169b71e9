import type {
  CallItem,
  CallQuoteResponse,
  CallsResponse,
  CallTokenResponse,
  RecentNumbersResponse,
} from '@mobayilo/contract';
import type { Database } from '../../db/client.adapter';
import { AppError } from '../../platform/errors/app.errors';
import type { Principal } from '../../platform/http/auth.guards';
import type { RateLimit } from '../../platform/http/rate-limit.adapter';
import { decodeCursor, pageOf } from '../../platform/pagination.util';
import { normalizePhone } from '../../platform/phone';
import type { TelephonyProvider } from '../../providers/telephony';
import type { AccountsAdminService, AccountsService } from '../identity';
import type { EventJob, InboxService } from '../inbox';
import { identityFor, isFinal } from './call.domain';
import type { CallAssessor } from './call-assessment.service';
import {
  type DialActionWebhook,
  dialActionEvent,
  type StatusWebhook,
  statusEvent,
} from './call-events.domain';
import { callsErrors, refusalMessages } from './calls.errors';
import { type Call, callsRepository as repository } from './calls.repository';

const RECENT_NUMBERS = 10;

/** A company's owners and admins see every seat's calls, and who placed each; everyone else their own. */
function seesWholeAccount(principal: Principal): boolean {
  return principal.account.kind === 'company' && principal.membership.role !== 'seat';
}

function toItem(call: Call, seatEmail: string | null | undefined): CallItem {
  return {
    id: call.id,
    callSid: call.callSid,
    to: call.toE164,
    destination: call.destination,
    country: call.country,
    status: call.status,
    startedAt: call.startedAt.toISOString(),
    answeredAt: call.answeredAt?.toISOString() ?? null,
    endedAt: call.endedAt?.toISOString() ?? null,
    durationSeconds: call.durationSeconds,
    billedMinutes: call.billedMinutes,
    rateMicros: call.rateMicros,
    costCents: call.costCents,
    seat: seatEmail === undefined ? null : { userId: call.userId, email: seatEmail ?? '' },
  };
}

/** What signed-in people do with calls besides placing them: tokens, prices, history. */
export function createCallsService(deps: {
  db: Database;
  telephony: Pick<TelephonyProvider, 'kind' | 'createAccessToken' | 'endCall'>;
  identity: Pick<AccountsService, 'emailsOf'>;
  suspension: Pick<AccountsAdminService, 'isSuspendedMembership'>;
  inbox: Pick<InboxService, 'receive'>;
  applyEventJob: EventJob;
  assessor: CallAssessor;
  tokenLimit: RateLimit;
  tokenTtlSeconds: number;
}) {
  const { db } = deps;

  /** The signed-in seat as a call setup sees it; refused if it was removed since signing in. */
  async function snapshotOf(principal: Principal) {
    const snapshot = await deps.assessor.snapshot(principal.membership.id);
    if (!snapshot) {
      if (await deps.suspension.isSuspendedMembership(principal.membership.id))
        throw callsErrors.refused('account_suspended');
      throw callsErrors.callerNotAllowed();
    }
    return snapshot;
  }

  return {
    /**
     * An access token for the browser's phone, for the caller's seat (never their address). Refused when the
     * wallet has no credit to call with.
     */
    async issueToken(principal: Principal): Promise<CallTokenResponse> {
      await deps.tokenLimit.consume(
        principal.user.id,
        'Too many calls set up in a short time. Please wait a moment.',
      );
      const { availableCents } = await snapshotOf(principal);
      if (availableCents <= 0) throw callsErrors.refused('insufficient_funds');
      const identity = identityFor(principal.membership.id);
      const { token, expiresAt } = deps.telephony.createAccessToken(identity, deps.tokenTtlSeconds);
      return {
        token,
        identity,
        expiresAt: expiresAt.toISOString(),
        sandbox: deps.telephony.kind === 'sandbox',
      };
    },

    /** The price of calling a number and the minutes the caller can afford, or why they cannot call it. */
    async quote(principal: Principal, query: { to: string; country?: string }): Promise<CallQuoteResponse> {
      const phone = normalizePhone(query.to, { defaultCountry: query.country ?? null });
      const { destination, rateMicros, authorization } = await deps.assessor.judge(
        await snapshotOf(principal),
        phone,
      );
      const reason = authorization.allowed ? null : authorization.reason;
      return {
        e164: phone.e164,
        country: phone.country,
        destination,
        rateMicros,
        availableMinutes: authorization.minutes,
        allowed: authorization.allowed,
        reason,
        message: reason ? refusalMessages[reason] : null,
      };
    },

    async list(principal: Principal, page: { cursor?: string; limit: number }): Promise<CallsResponse> {
      const whole = seesWholeAccount(principal);
      const rows = await repository.list(db, {
        accountId: principal.account.id,
        membershipId: whole ? null : principal.membership.id,
        before: page.cursor ? decodeCursor(page.cursor) : undefined,
        limit: page.limit,
      });
      const { items, nextCursor } = pageOf(rows, page.limit, (row) => ({ at: row.startedAt, id: row.id }));
      const emails = whole ? await deps.identity.emailsOf(items.map((call) => call.userId)) : null;
      return {
        items: items.map((call) => toItem(call, emails ? (emails.get(call.userId) ?? null) : undefined)),
        nextCursor,
      };
    },

    /**
     * Hangs up one of the caller's own calls through the provider (after a reload the browser no longer holds
     * the call's leg). The call settles as every call does, from the provider's callbacks.
     */
    async hangUp(principal: Principal, id: string): Promise<CallItem> {
      const call = /^[0-9a-f-]{36}$/i.test(id)
        ? await repository.findOwn(db, id, principal.membership.id)
        : undefined;
      if (!call) throw new AppError('not_found', 'There is no such call.');
      if (!isFinal(call.status)) await deps.telephony.endCall(call.callSid);
      return toItem(call, undefined);
    },

    /** The last distinct numbers the caller's seat called, for the dialer. */
    async recentNumbers(principal: Principal): Promise<RecentNumbersResponse> {
      const rows = await repository.recentNumbers(db, principal.membership.id, RECENT_NUMBERS);
      return { items: rows.map((row) => ({ ...row, lastCalledAt: row.lastCalledAt.toISOString() })) };
    },

    /** Stores a verified status callback once and queues its processing. */
    receiveStatus(params: StatusWebhook) {
      return deps.inbox.receive(statusEvent(params), deps.applyEventJob);
    },

    /** Stores a verified Dial action once and queues its processing. */
    receiveDialAction(params: DialActionWebhook) {
      return deps.inbox.receive(dialActionEvent(params), deps.applyEventJob);
    },
  };
}

export type CallsService = ReturnType<typeof createCallsService>;
