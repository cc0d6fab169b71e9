import type {
  AutoTopupBody,
  AutoTopupStatus,
  CheckoutUrlResponse,
  CreateTopupResponse,
  PaymentMethodResponse,
  Topup,
  TopupsResponse,
} from '@mobayilo/contract';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/client';

export const paymentKeys = {
  topups: ['wallet', 'topups'] as const,
  topup: (id: string) => ['wallet', 'topups', id] as const,
  card: ['wallet', 'payment-method'] as const,
  autoTopup: ['wallet', 'auto-topup'] as const,
};

export const paymentsApi = {
  startTopup: (body: { amountCents: number; saveCard: boolean }) =>
    apiRequest<CreateTopupResponse>('/api/wallet/topups', { method: 'POST', body }),
  startCardSetup: () =>
    apiRequest<CheckoutUrlResponse>('/api/wallet/payment-method/setup', { method: 'POST' }),
  removeCard: () => apiRequest<void>('/api/wallet/payment-method', { method: 'DELETE' }),
  saveAutoTopup: (body: AutoTopupBody) =>
    apiRequest<unknown>('/api/wallet/auto-topup', { method: 'PUT', body }),
  recover: () => apiRequest<CreateTopupResponse>('/api/wallet/auto-topup/recover', { method: 'POST' }),
};

/** Off to the processor's checkout page (or the sandbox's); the page comes back to us when done. */
export function goToCheckout(url: string) {
  window.location.assign(url);
}

export function useTopups(enabled: boolean) {
  return useQuery({
    queryKey: paymentKeys.topups,
    queryFn: ({ signal }) => apiRequest<TopupsResponse>('/api/wallet/topups?limit=10', { signal }),
    enabled,
  });
}

/**
 * One top-up, asked again every second while its payment is being confirmed. Back on the success page,
 * a failure may be an earlier card the person replaced on the checkout page: keep asking until it succeeds.
 */
export function useTopup(id: string | null, options: { untilSucceeded: boolean }) {
  return useQuery({
    queryKey: paymentKeys.topup(id ?? ''),
    queryFn: ({ signal }) => apiRequest<Topup>(`/api/wallet/topups/${id}`, { signal }),
    enabled: id !== null,
    refetchInterval: (query) => {
      const status = query.state.data?.status;
      return status === 'pending' || (options.untilSucceeded && status === 'failed') ? 1000 : false;
    },
  });
}

export function useSavedCard(enabled: boolean, options: { waitForCard?: boolean } = {}) {
  return useQuery({
    queryKey: paymentKeys.card,
    queryFn: ({ signal }) => apiRequest<PaymentMethodResponse>('/api/wallet/payment-method', { signal }),
    enabled,
    refetchInterval: (query) => (options.waitForCard && !query.state.data?.card ? 1000 : false),
  });
}

export function useAutoTopup(enabled: boolean) {
  return useQuery({
    queryKey: paymentKeys.autoTopup,
    queryFn: ({ signal }) => apiRequest<AutoTopupStatus>('/api/wallet/auto-topup', { signal }),
    enabled,
  });
}
