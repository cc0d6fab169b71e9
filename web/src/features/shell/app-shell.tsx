import { Link, Outlet, useLocation } from 'react-router';
import { Alert } from '../../shared/ui/alert';
import { Logo } from '../../shared/ui/logo';
import { SandboxBadge } from '../../shared/ui/sandbox-badge';
import { ConfirmAddressBanner } from '../auth/confirm-address';
import { PaymentNotices } from '../credits/payment-notices';
import { BottomNav } from './bottom-nav';

/**
 * The signed-in app: a phone-shaped column. On a phone it fills the screen; on a desktop it is centred and
 * framed, so the dialer keeps the proportions it was designed for.
 */
export function AppShell() {
  const location = useLocation();
  const notice = (location.state as { notice?: string } | null)?.notice;
  return (
    <div className="flex min-h-dvh justify-center sm:items-center sm:py-6">
      <div className="flex h-dvh w-full max-w-md flex-col overflow-hidden sm:h-[min(100dvh-3rem,56rem)] sm:rounded-[2.5rem] sm:border sm:border-white/10 sm:bg-ink-900/70 sm:shadow-2xl sm:shadow-black/50">
        <header className="flex items-center justify-between px-5 pt-[max(env(safe-area-inset-top),1rem)] pb-3">
          <Link to="/" aria-label="Mobayilo home">
            <Logo />
          </Link>
          <SandboxBadge />
        </header>
        <main id="main" className="flex-1 overflow-y-auto px-5 pb-6">
          {notice && (
            <div className="mb-4">
              <Alert tone="info">{notice}</Alert>
            </div>
          )}
          <ConfirmAddressBanner />
          <PaymentNotices />
          <Outlet />
        </main>
        <BottomNav />
      </div>
    </div>
  );
}
