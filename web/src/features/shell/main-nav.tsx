import { Link, NavLink } from 'react-router';
import { useMe } from '../../shared/api/me';
import { HistoryIcon, KeypadIcon, SettingsIcon, WalletIcon } from '../../shared/ui/icons';
import { Logo } from '../../shared/ui/logo';
import { SandboxBadge } from '../../shared/ui/sandbox-badge';

const items = [
  { to: '/dial', label: 'Dial', Icon: KeypadIcon },
  { to: '/history', label: 'History', Icon: HistoryIcon },
  { to: '/credits', label: 'Credits', Icon: WalletIcon },
  { to: '/settings', label: 'Settings', Icon: SettingsIcon },
];

/** The main navigation: a bar of four tabs at the bottom of a phone, a side bar from tablet width up. */
export function MainNav() {
  const { data: me } = useMe();
  return (
    <nav
      aria-label="Main"
      className="glass order-3 shrink-0 border-x-0 border-b-0 pb-[env(safe-area-inset-bottom)] md:order-1 md:flex md:w-56 md:flex-col md:gap-6 md:border-t-0 md:border-r md:px-3 md:py-6 lg:w-64"
    >
      <div className="hidden items-center justify-between gap-2 px-3 md:flex">
        <Link to="/" aria-label="Mobayilo home">
          <Logo />
        </Link>
      </div>
      <ul className="grid grid-cols-4 md:flex md:flex-col md:gap-1">
        {items.map(({ to, label, Icon }) => (
          <li key={to}>
            <NavLink
              to={to}
              className={({ isActive }) =>
                `flex min-h-14 flex-col items-center justify-center gap-0.5 text-xs font-medium transition md:min-h-11 md:flex-row md:justify-start md:gap-3 md:rounded-2xl md:px-3 md:text-sm ${
                  isActive
                    ? 'text-brand-300 md:bg-white/10'
                    : 'text-slate-400 hover:text-slate-200 md:hover:bg-white/5'
                }`
              }
            >
              <Icon className="size-6" />
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
      <div className="mt-auto hidden flex-col items-start gap-3 px-3 md:flex">
        {me?.user.role === 'admin' && (
          <Link to="/admin" className="text-sm font-medium text-slate-300 hover:text-slate-100">
            Admin
          </Link>
        )}
        <SandboxBadge />
      </div>
    </nav>
  );
}
