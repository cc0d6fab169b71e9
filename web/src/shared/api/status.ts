import type { StatusResponse } from '@mobayilo/contract';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './client';

/** Which providers the server runs; `sandbox` means no real calls or card payments. */
export function useStatus() {
  return useQuery({
    queryKey: ['status'],
    queryFn: ({ signal }) => apiRequest<StatusResponse>('/api/status', { signal }),
    staleTime: 5 * 60_000,
  });
}
