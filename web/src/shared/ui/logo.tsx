import { useId } from 'react';

export function Logo({ className = '' }: { className?: string }) {
  // One id per logo: a page may hold two (a phone's header and the side bar), one of them hidden.
  const gradient = `logo-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  return (
    <span className={`inline-flex items-center gap-2 font-semibold tracking-tight ${className}`}>
      <svg viewBox="0 0 64 64" className="size-8 shrink-0" aria-hidden="true">
        <defs>
          <linearGradient id={gradient} x1="0" y1="0" x2="1" y2="1">
            <stop offset="0" stopColor="#34d399" />
            <stop offset="1" stopColor="#6366f1" />
          </linearGradient>
        </defs>
        <rect width="64" height="64" rx="16" fill={`url(#${gradient})`} />
        <path
          d="M26 17c2 0 3 1 4 3l2 5c.5 1.5 0 3-1 4l-2 2c2 4 5 7 9 9l2-2c1-1 2.5-1.5 4-1l5 2c2 1 3 2 3 4v4c0 2-2 4-4 4-14 0-34-20-34-36 0-2 2-4 4-4h4z"
          fill="#fff"
        />
      </svg>
      <span className="text-lg">Mobayilo</span>
    </span>
  );
}
