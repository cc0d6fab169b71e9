/** Stroke icons drawn at 24×24; decorative unless given a label by their parent. */
import type { ReactNode } from 'react';

function Icon({ className, children }: { className: string; children: ReactNode }) {
  return (
    <svg
      viewBox="0 0 24 24"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.8}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      className={className}
    >
      {children}
    </svg>
  );
}

export const PhoneIcon = ({ className = 'size-6' }) => (
  <Icon className={className}>
    <path d="M5 4h3l2 5-2.5 1.5a11 11 0 0 0 6 6L15 14l5 2v3a2 2 0 0 1-2 2A16 16 0 0 1 3 6a2 2 0 0 1 2-2" />
  </Icon>
);
export const KeypadIcon = ({ className = 'size-6' }) => (
  <Icon className={className}>
    <circle cx="6" cy="5" r="1.3" />
    <circle cx="12" cy="5" r="1.3" />
    <circle cx="18" cy="5" r="1.3" />
    <circle cx="6" cy="11" r="1.3" />
    <circle cx="12" cy="11" r="1.3" />
    <circle cx="18" cy="11" r="1.3" />
    <circle cx="6" cy="17" r="1.3" />
    <circle cx="12" cy="17" r="1.3" />
    <circle cx="18" cy="17" r="1.3" />
    <circle cx="12" cy="22" r="0.3" />
  </Icon>
);
export const HistoryIcon = ({ className = 'size-6' }) => (
  <Icon className={className}>
    <path d="M3 12a9 9 0 1 0 3-6.7L3 8" />
    <path d="M3 3v5h5" />
    <path d="M12 7v5l3 2" />
  </Icon>
);
export const WalletIcon = ({ className = 'size-6' }) => (
  <Icon className={className}>
    <rect x="3" y="6" width="18" height="14" rx="3" />
    <path d="M3 10h18" />
    <path d="M16 15h2" />
    <path d="M6 6l10-3 1 3" />
  </Icon>
);
export const SettingsIcon = ({ className = 'size-6' }) => (
  <Icon className={className}>
    <circle cx="12" cy="12" r="3" />
    <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
  </Icon>
);
export const GlobeIcon = ({ className = 'size-6' }) => (
  <Icon className={className}>
    <circle cx="12" cy="12" r="9" />
    <path d="M3 12h18" />
    <path d="M12 3a14 14 0 0 1 0 18a14 14 0 0 1 0-18" />
  </Icon>
);
