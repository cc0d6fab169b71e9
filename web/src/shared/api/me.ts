import type { MeResponse } from '@mobayilo/contract';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, apiRequest } from './client';

export const meQueryKey = ['me'] as const;

/** Who is signed in; null when nobody is. */
export function useMe() {
  return useQuery({
    queryKey: meQueryKey,
    queryFn: async ({ signal }) => {
      try {
        return await apiRequest<MeResponse>('/api/me', { signal });
      } catch (error) {
        if (error instanceof ApiError && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}

/** After a sign-in or sign-out: remember the new person and forget everything cached for the old one. */
export function useSetSignedIn() {
  const queryClient = useQueryClient();
  return (me: MeResponse | null) => {
    queryClient.removeQueries({
      predicate: (query) => query.queryKey[0] !== 'me' && query.queryKey[0] !== 'status',
    });
    queryClient.setQueryData(meQueryKey, me);
  };
}
