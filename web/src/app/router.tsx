import { createBrowserRouter } from 'react-router';
import { CreditsPage } from '../features/credits/credits-page';
import { DialPage } from '../features/dial/dial-page';
import { HistoryPage } from '../features/history/history-page';
import { LandingPage } from '../features/landing/landing-page';
import { NotFoundPage } from '../features/not-found/not-found-page';
import { SettingsPage } from '../features/settings/settings-page';
import { AppShell } from '../features/shell/app-shell';

export function createAppRouter() {
  return createBrowserRouter([
    { path: '/', element: <LandingPage /> },
    {
      element: <AppShell />,
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
