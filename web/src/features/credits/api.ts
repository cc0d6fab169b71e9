import type { WalletResponse, WalletTransactionsResponse, WalletUsageResponse } from '@mobayilo/contract';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/client';

export const walletKeys = {
  wallet: ['wallet'] as const,
  transactions: ['wallet', 'transactions'] as const,
  usage: ['wallet', 'usage'] as const,
};

export function useWallet() {
  return useQuery({
    queryKey: walletKeys.wallet,
    queryFn: ({ signal }) => apiRequest<WalletResponse>('/api/wallet', { signal }),
    refetchOnWindowFocus: true,
  });
}

export function useTransactions(enabled: boolean) {
  return useInfiniteQuery({
    queryKey: walletKeys.transactions,
    initialPageParam: null as string | null,
    queryFn: ({ pageParam, signal }) =>
      apiRequest<WalletTransactionsResponse>(
        `/api/wallet/transactions?limit=25${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ''}`,
        { signal },
      ),
    getNextPageParam: (last) => last.nextCursor,
    enabled,
  });
}

export function useUsage(enabled: boolean) {
  return useQuery({
    queryKey: walletKeys.usage,
    queryFn: ({ signal }) => apiRequest<WalletUsageResponse>('/api/wallet/usage', { signal }),
    enabled,
  });
}
