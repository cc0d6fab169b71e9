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
import { DialPage } from '../features/dial/dial-page';
import { HistoryPage } from '../features/history/history-page';
import { LandingPage } from '../features/landing/landing-page';
import { NotFoundPage } from '../features/not-found/not-found-page';
import { SandboxCheckoutPage } from '../features/sandbox-checkout/sandbox-checkout-page';
import { SettingsPage } from '../features/settings/settings-page';
import { AppShell } from '../features/shell/app-shell';

export function createAppRouter() {
  return createBrowserRouter([
    { path: '/', element: <LandingPage /> },
    { path: '/signin', element: <SignInPage /> },
    { path: '/signin/password', element: <PasswordSignInPage /> },
    { path: '/signup', element: <SignUpPage /> },
    { path: '/forgot', element: <ForgotPasswordPage /> },
    { path: '/reset/:token', element: <ResetPasswordPage /> },
    { path: '/magic/:token', element: <MagicLinkPage /> },
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
        { path: '/dial', element: <DialPage /> },
        { path: '/history', element: <HistoryPage /> },
        { path: '/credits', element: <CreditsPage /> },
        { path: '/settings', element: <SettingsPage /> },
      ],
    },
    { path: '*', element: <NotFoundPage /> },
  ]);
}
