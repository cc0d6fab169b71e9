import type { InviteSeatResponse, Member, MembersResponse, SessionItem } from '@mobayilo/contract';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/client';

export const settingsKeys = { sessions: ['sessions'] as const, members: ['members'] as const };

export function useSessions() {
  return useQuery({
    queryKey: settingsKeys.sessions,
    queryFn: ({ signal }) => apiRequest<{ items: SessionItem[] }>('/api/auth/sessions', { signal }),
  });
}

export function useMembers(enabled: boolean) {
  return useQuery({
    queryKey: settingsKeys.members,
    queryFn: ({ signal }) => apiRequest<MembersResponse>('/api/account/members', { signal }),
    enabled,
  });
}

export const settingsApi = {
  endSession: (id: string) => apiRequest<void>(`/api/auth/sessions/${id}`, { method: 'DELETE' }),
  changePassword: (body: { currentPassword?: string; newPassword: string }) =>
    apiRequest<void>('/api/auth/password', { method: 'POST', body }),
  rename: (name: string) => apiRequest<void>('/api/account', { method: 'PUT', body: { name } }),
  invite: (email: string) =>
    apiRequest<InviteSeatResponse>('/api/account/seats', {
      method: 'POST',
      body: { email },
    }),
  changeRole: (id: string, role: Member['role']) =>
    apiRequest<Member>(`/api/account/members/${id}`, { method: 'PATCH', body: { role } }),
  remove: (id: string) => apiRequest<void>(`/api/account/members/${id}`, { method: 'DELETE' }),
  setDomains: (domains: string[]) =>
    apiRequest<{ domains: string[]; domainsInReview: string[] }>('/api/account/domains', {
      method: 'PUT',
      body: { domains },
    }),
};
