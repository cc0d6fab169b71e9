import type { CallsResponse } from '@mobayilo/contract';
import { useInfiniteQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/client';

export function useCallHistory() {
  return useInfiniteQuery({
    queryKey: ['calls', 'history'],
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiRequest<CallsResponse>(
        `/api/calls?limit=25${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
        { signal },
      ),
    getNextPageParam: (last) => last.nextCursor,
    // A call still being settled gets its cost within seconds.
    refetchInterval: (query) =>
      query.state.data?.pages.some((page) => page.items.some((item) => item.costCents === null))
        ? 3000
        : false,
  });
}
