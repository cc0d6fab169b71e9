import { NavLink } from 'react-router';
import { HistoryIcon, KeypadIcon, SettingsIcon, WalletIcon } from '../../shared/ui/icons';

const items = [
  { to: '/dial', label: 'Dial', Icon: KeypadIcon },
  { to: '/history', label: 'History', Icon: HistoryIcon },
  { to: '/credits', label: 'Credits', Icon: WalletIcon },
  { to: '/settings', label: 'Settings', Icon: SettingsIcon },
];

export function BottomNav() {
  return (
    <nav aria-label="Main" className="glass border-x-0 border-b-0 pb-[env(safe-area-inset-bottom)]">
      <ul className="grid grid-cols-4">
        {items.map(({ to, label, Icon }) => (
          <li key={to}>
            <NavLink
              to={to}
              className={({ isActive }) =>
                `flex min-h-14 flex-col items-center justify-center gap-0.5 text-xs font-medium transition ${
                  isActive ? 'text-brand-300' : 'text-slate-400 hover:text-slate-200'
                }`
              }
            >
              <Icon className="size-6" />
              {label}
            </NavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
