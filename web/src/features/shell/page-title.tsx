import { useEffect } from 'react';

/** Sets the document title and renders the page heading that screen readers announce first. */
export function PageTitle({ children }: { children: string }) {
  useEffect(() => {
    document.title = `${children} · Mobayilo`;
  }, [children]);
  return <h1 className="mb-4 text-2xl font-semibold tracking-tight">{children}</h1>;
}
