import type { SubscribeResponse, Subscriber, SubscriberList, SubscriberStatus } from '@mobayilo/contract';
import { apiRequest } from '../../shared/api/client';

export type SubscriberFilter = { q: string; status: SubscriberStatus | '' };

function filterParams(filter: SubscriberFilter) {
  const params = new URLSearchParams();
  if (filter.q) params.set('q', filter.q);
  if (filter.status) params.set('status', filter.status);
  return params;
}

export const marketingApi = {
  subscribe: (email: string, source: string) =>
    apiRequest<SubscribeResponse>('/api/subscribe', { method: 'POST', body: { email, source } }),
  list: (filter: SubscriberFilter, cursor: string | null, signal?: AbortSignal) => {
    const params = filterParams(filter);
    params.set('limit', '25');
    if (cursor) params.set('cursor', cursor);
    return apiRequest<SubscriberList>(`/api/admin/subscribers?${params}`, { signal });
  },
  csvUrl: (filter: SubscriberFilter) => {
    const params = filterParams(filter).toString();
    return `/api/admin/subscribers.csv${params ? `?${params}` : ''}`;
  },
  invite: (id: string) =>
    apiRequest<Subscriber>(`/api/admin/subscribers/${id}/invite`, { method: 'POST', body: {} }),
  inviteMany: (ids: string[]) =>
    apiRequest<{ items: Subscriber[] }>('/api/admin/subscribers/invite', { method: 'POST', body: { ids } }),
  remove: (id: string) => apiRequest<void>(`/api/admin/subscribers/${id}`, { method: 'DELETE' }),
};
