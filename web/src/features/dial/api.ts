import type { CallQuoteResponse, CallTokenResponse, RecentNumbersResponse } from '@mobayilo/contract';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/client';

export const dialKeys = {
  quote: (e164: string | null) => ['calls', 'quote', e164] as const,
  recent: ['calls', 'recent'] as const,
};

/** The price of calling a complete number, and whether the caller may; off while the number is incomplete. */
export function useCallQuote(e164: string | null) {
  return useQuery({
    queryKey: dialKeys.quote(e164),
    queryFn: ({ signal }) =>
      apiRequest<CallQuoteResponse>(`/api/calls/quote?to=${encodeURIComponent(e164 ?? '')}`, { signal }),
    enabled: e164 !== null,
    staleTime: 15_000,
    retry: false,
  });
}

export function useRecentNumbers() {
  return useQuery({
    queryKey: dialKeys.recent,
    queryFn: ({ signal }) => apiRequest<RecentNumbersResponse>('/api/calls/recent', { signal }),
  });
}

export function fetchCallToken() {
  return apiRequest<CallTokenResponse>('/api/calls/token');
}
