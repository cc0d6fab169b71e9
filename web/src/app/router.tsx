import { createBrowserRouter } from 'react-router';
import { AdminPage } from '../features/admin/admin-page';
import { ForgotPasswordPage } from '../features/auth/forgot-password-page';
import { MagicLinkPage } from '../features/auth/magic-link-page';
import { PasswordSignInPage } from '../features/auth/password-sign-in-page';
import { RequireAuth } from '../features/auth/require-auth';
import { ResetPasswordPage } from '../features/auth/reset-password-page';
import { SignInPage } from '../features/auth/sign-in-page';
import { SignUpPage } from '../features/auth/sign-up-page';
import { CreditsPage } from '../features/credits/credits-page';
import { DevMailPage } from '../features/dev/dev-mail-page';
import { LandingPage } from '../features/landing/landing-page';
import { WaitlistPage } from '../features/marketing/waitlist-page';
import { NotFoundPage } from '../features/not-found/not-found-page';
import { PricingPage } from '../features/pricing/pricing-page';
import { SandboxCheckoutPage } from '../features/sandbox-checkout/sandbox-checkout-page';
import { SettingsPage } from '../features/settings/settings-page';
import { AppShell } from '../features/shell/app-shell';

export function createAppRouter() {
  return createBrowserRouter([
    { path: '/', element: <LandingPage /> },
    { path: '/pricing', element: <PricingPage /> },
    { path: '/signin', element: <SignInPage /> },
    { path: '/signin/password', element: <PasswordSignInPage /> },
    { path: '/signup', element: <SignUpPage /> },
    { path: '/waitlist', element: <WaitlistPage /> },
    { path: '/forgot', element: <ForgotPasswordPage /> },
    { path: '/reset/:token', element: <ResetPasswordPage /> },
    { path: '/magic/:token', element: <MagicLinkPage /> },
    { path: '/confirm/:token', element: <MagicLinkPage purpose="confirm" /> },
    { path: '/dev/mail', element: <DevMailPage /> },
    { path: '/sandbox/checkout/:id', element: <SandboxCheckoutPage /> },
    {
      path: '/admin',
      element: (
        <RequireAuth>
          <AdminPage />
        </RequireAuth>
      ),
    },
    {
      element: (
        <RequireAuth>
          <AppShell />
        </RequireAuth>
      ),
      children: [
        // The dialer brings the phone number library and, for real calls, the Voice SDK: loaded on demand.
        {
          path: '/dial',
          lazy: async () => ({ Component: (await import('../features/dial/dial-page')).DialPage }),
        },
        {
          path: '/history',
          lazy: async () => ({ Component: (await import('../features/history/history-page')).HistoryPage }),
        },
        { path: '/credits', element: <CreditsPage /> },
        { path: '/settings', element: <SettingsPage /> },
      ],
    },
    { path: '*', element: <NotFoundPage /> },
  ]);
}
