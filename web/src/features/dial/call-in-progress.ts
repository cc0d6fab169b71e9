import type { CallItem, CallsResponse, SandboxCall } from '@mobayilo/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiRequest } from '../../shared/api/client';
import { useMe } from '../../shared/api/me';
import { useStatus } from '../../shared/api/status';
import { fetchCallToken } from './api';
import { usePhoneSession } from './phone/use-phone-session';

const ACTIVE = new Set<CallItem['status']>(['initiated', 'ringing', 'in_progress']);
const WATCH_MS = 2000;
/** Calls placed since this page loaded are this page's own, followed by the phone session itself. */
const pageLoadedAt = performance.timeOrigin;

/**
 * The signed-in person's own call that is still going on the server while this page does not hold it (the page
 * was reloaded during the call): found in the newest calls, and followed until it ends.
 */
export function useCallInProgress(): CallItem | null {
  const { data: me } = useMe();
  const session = usePhoneSession();
  const holding = session.phase === 'preparing' || session.phase === 'active';
  const query = useQuery({
    queryKey: ['calls', 'in-progress'],
    queryFn: ({ signal }) => apiRequest<CallsResponse>('/api/calls?limit=5', { signal }),
    enabled: Boolean(me) && !holding,
    refetchInterval: (q) => (q.state.data?.items.some((item) => ACTIVE.has(item.status)) ? WATCH_MS : false),
  });
  if (!me || holding) return null;
  return (
    query.data?.items.find(
      (item) =>
        ACTIVE.has(item.status) &&
        Date.parse(item.startedAt) < pageLoadedAt &&
        (item.seat === null || item.seat.userId === me.user.id),
    ) ?? null
  );
}

/**
 * In the sandbox, the page that shows a call keeps its browser leg alive by asking about it, as the sandbox
 * device does; the sandbox ends a call nobody asks about (as Twilio ends a call whose WebRTC leg dropped).
 */
export function useKeepSandboxLeg(call: CallItem | null) {
  const status = useStatus();
  const queryClient = useQueryClient();
  const callSid = status.data?.providers.telephony === 'sandbox' ? (call?.callSid ?? null) : null;
  useEffect(() => {
    if (!callSid) return;
    let stopped = false;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const token = fetchCallToken();
    async function ask() {
      try {
        const { token: bearer } = await token;
        const view = await apiRequest<SandboxCall>(`/api/sandbox/calls/${callSid}`, {
          headers: { authorization: `Bearer ${bearer}` },
        });
        if (view.status === 'closed') void queryClient.invalidateQueries({ queryKey: ['calls'] });
      } catch {
        // Asked again below; the call's own status comes from the calls list.
      }
      if (!stopped) timer = setTimeout(() => void ask(), WATCH_MS);
    }
    void ask();
    return () => {
      stopped = true;
      clearTimeout(timer);
    };
  }, [callSid, queryClient]);
}

/** Hangs up a call this page does not hold, through the API. */
export async function hangUpById(id: string): Promise<CallItem> {
  return apiRequest<CallItem>(`/api/calls/${id}/hangup`, { method: 'POST', body: {} });
}

/** Seconds since an instant, ticking every second; 0 before it. */
export function useSecondsSince(from: string | number | null): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (from === null) return;
    const timer = setInterval(() => setNow(Date.now()), 1000);
    return () => clearInterval(timer);
  }, [from]);
  if (from === null) return 0;
  const start = typeof from === 'number' ? from : Date.parse(from);
  return Math.max(0, Math.floor((now - start) / 1000));
}
