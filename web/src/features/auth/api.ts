import type { MagicLinkResponse, MeResponse, SignUpBody } from '@mobayilo/contract';
import { apiRequest } from '../../shared/api/client';

type Sent = { status: 'sent'; message: string };

export const authApi = {
  signUp: (body: SignUpBody) => apiRequest<MeResponse>('/api/auth/signup', { method: 'POST', body }),
  signIn: (body: { email: string; password: string }) =>
    apiRequest<MeResponse>('/api/auth/signin', { method: 'POST', body }),
  signOut: () => apiRequest<void>('/api/auth/signout', { method: 'POST' }),
  requestLink: (email: string) => apiRequest<Sent>('/api/auth/email', { method: 'POST', body: { email } }),
  signInWithLink: (token: string) =>
    apiRequest<MagicLinkResponse>('/api/auth/magic', { method: 'POST', body: { token } }),
  resendLink: (token: string) =>
    apiRequest<Sent>('/api/auth/magic/resend', { method: 'POST', body: { token } }),
  forgotPassword: (email: string) =>
    apiRequest<Sent>('/api/auth/password/forgot', { method: 'POST', body: { email } }),
  resendConfirmation: () => apiRequest<Sent>('/api/auth/confirm/resend', { method: 'POST' }),
  resetPassword: (token: string, password: string) =>
    apiRequest<MeResponse>('/api/auth/password/reset', { method: 'POST', body: { token, password } }),
};
