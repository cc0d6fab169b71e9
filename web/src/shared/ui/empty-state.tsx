import type { ReactNode } from 'react';

export function EmptyState(props: {
  icon: ReactNode;
  title: string;
  children: ReactNode;
  action?: ReactNode;
}) {
  return (
    <section className="glass mx-auto flex max-w-sm flex-col items-center gap-3 rounded-3xl px-6 py-10 text-center">
      <div
        className="grid size-14 place-items-center rounded-2xl bg-white/10 text-brand-300"
        aria-hidden="true"
      >
        {props.icon}
      </div>
      <h2 className="text-lg font-semibold">{props.title}</h2>
      <div className="text-sm text-slate-300">{props.children}</div>
      {props.action}
    </section>
  );
}
