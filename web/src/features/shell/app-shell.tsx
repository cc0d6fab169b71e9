import { Link, Outlet, useLocation } from 'react-router';
import { Alert } from '../../shared/ui/alert';
import { Logo } from '../../shared/ui/logo';
import { SandboxBadge } from '../../shared/ui/sandbox-badge';
import { ConfirmAddressBanner } from '../auth/confirm-address';
import { PaymentNotices } from '../credits/payment-notices';
import { CallBanner } from './call-banner';
import { MainNav } from './main-nav';

/**
 * The signed-in app. On a phone: a header, the page, and the navigation at the bottom. From tablet width up the
 * navigation becomes a side bar and the page gets a readable width. The shell is exactly the viewport's height
 * and only the page scrolls, so the navigation never lies over a control.
 */
export function AppShell() {
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  return (
    <div className="flex h-dvh flex-col md:flex-row">
      <header className="flex items-center justify-between px-5 pt-[max(env(safe-area-inset-top),1rem)] pb-3 md:hidden">
        <Link to="/" aria-label="Mobayilo home">
          <Logo />
        </Link>
        <SandboxBadge />
      </header>
      <main id="main" className="order-2 flex-1 overflow-y-auto px-5 pb-6 md:px-10 md:pt-8 md:pb-10">
        <div className="mx-auto flex min-h-full w-full max-w-4xl flex-col">
          {notice && (
            <div className="mb-4">
              <Alert tone="info">{notice}</Alert>
            </div>
          )}
          <ConfirmAddressBanner />
          <CallBanner />
          <PaymentNotices />
          <Outlet />
        </div>
      </main>
      <MainNav />
    </div>
  );
}
