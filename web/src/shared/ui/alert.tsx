import type { ReactNode } from 'react';

const tones = {
  error: 'border-rose-400/40 bg-rose-500/10 text-rose-100',
  success: 'border-brand-400/40 bg-brand-500/10 text-brand-100',
  info: 'border-sky-400/40 bg-sky-500/10 text-sky-100',
  warning: 'border-amber-300/40 bg-amber-300/10 text-amber-100',
};

/** A message block; errors are announced at once (role alert), the rest politely (role status). */
export function Alert({ tone = 'info', children }: { tone?: keyof typeof tones; children: ReactNode }) {
  return (
    <div
      role={tone === 'error' ? 'alert' : 'status'}
      className={`rounded-2xl border px-4 py-3 text-sm ${tones[tone]}`}
    >
      {children}
    </div>
  );
}
