import type { SandboxCheckout, SandboxPayment } from '@mobayilo/contract';
import { useQuery } from '@tanstack/react-query';
import { useRef, useState } from 'react';
import { useParams } from 'react-router';
import { apiRequest } from '../../shared/api/client';
import { formatDollars } from '../../shared/lib/money';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Button, Spinner } from '../../shared/ui/button';
import { Logo } from '../../shared/ui/logo';

function cardNumber(number: string) {
  return number.replace(/(\d{4})(?=\d)/g, '$1 ');
}

/**
 * The sandbox's stand-in for Stripe's hosted checkout: pick a test card, and the sandbox sends our webhook
 * the same signed events Stripe would, then returns to Mobayilo.
 */
export function SandboxCheckoutPage() {
  const { id = '' } = useParams();
  const session = useQuery({
    queryKey: ['sandbox-checkout', id],
    queryFn: ({ signal }) =>
      apiRequest<SandboxCheckout>(`/api/sandbox/checkout?session=${encodeURIComponent(id)}`, { signal }),
    retry: false,
  });
  const [card, setCard] = useState<string | null>(null);
  const [result, setResult] = useState<SandboxPayment | null>(null);
  const follow = (next: { redirectUrl: string | null }) => {
    if (next.redirectUrl) window.location.assign(next.redirectUrl);
  };
  // How the person answered their bank, for the payment attempt that follows.
  const authentication = useRef<'approve' | 'deny' | undefined>(undefined);
  const pay = useFormSubmit(
    () =>
      apiRequest<SandboxPayment>('/api/sandbox/checkout/pay', {
        method: 'POST',
        body: {
          session: id,
          card: card ?? '',
          ...(authentication.current ? { authentication: authentication.current } : {}),
        },
      }),
    (next) => {
      setResult(next);
      follow(next);
    },
  );
  const leave = useFormSubmit(
    () =>
      apiRequest<{ redirectUrl: string }>('/api/sandbox/checkout/cancel', {
        method: 'POST',
        body: { session: id },
      }),
    follow,
  );
  const payWith = (answer?: 'approve' | 'deny') => {
    authentication.current = answer;
    void pay.run();
  };
  const data = session.data;
  const action = data?.mode === 'setup' ? 'Save card' : `Pay ${formatDollars(data?.amountCents ?? 0)}`;

  return (
    <div className="flex min-h-dvh justify-center px-5 py-8">
      <main className="flex w-full max-w-md flex-col gap-4">
        <header className="flex items-center justify-between">
          <Logo />
          <span className="rounded-full border border-amber-300/50 bg-amber-300/10 px-3 py-1 text-xs font-semibold text-amber-100">
            Sandbox checkout
          </span>
        </header>
        <p className="text-sm text-slate-300">
          This page stands in for the card processor while Mobayilo runs without Stripe. No real card is
          charged.
        </p>
        {session.isPending && <Spinner label="Loading checkout…" />}
        {session.isError && <Alert tone="error">{session.error.message}</Alert>}
        {data && (
          <section className="glass flex flex-col gap-4 rounded-3xl p-5" aria-labelledby="checkout-title">
            <div>
              <h1 id="checkout-title" className="text-lg font-semibold">
                {data.description}
              </h1>
              {data.amountCents !== null && (
                <p className="mt-1 text-3xl font-semibold" data-testid="checkout-amount">
                  {formatDollars(data.amountCents)}
                </p>
              )}
              {data.saveCard && (
                <p className="mt-1 text-sm text-slate-300">The card will be saved for automatic top-ups.</p>
              )}
            </div>
            {result?.outcome === 'authentication_required' ? (
              <div role="dialog" aria-labelledby="authenticate-title" className="flex flex-col gap-3">
                <h2 id="authenticate-title" className="font-semibold">
                  Confirm with your bank
                </h2>
                <p className="text-sm text-slate-300">{result.message} (a stand-in for 3-D Secure)</p>
                <div className="grid grid-cols-2 gap-2">
                  <Button variant="secondary" busy={pay.busy} onClick={() => payWith('deny')}>
                    Fail authentication
                  </Button>
                  <Button busy={pay.busy} onClick={() => payWith('approve')}>
                    Complete authentication
                  </Button>
                </div>
              </div>
            ) : (
              <form
                className="flex flex-col gap-3"
                onSubmit={(event) => {
                  event.preventDefault();
                  payWith();
                }}
              >
                <fieldset className="flex flex-col gap-2">
                  <legend className="mb-1 text-sm font-medium text-slate-200">Test card</legend>
                  {data.cards.map((option) => (
                    <label
                      key={option.number}
                      className={`flex min-h-12 cursor-pointer items-center justify-between gap-3 rounded-2xl border px-4 has-[:focus-visible]:ring-2 has-[:focus-visible]:ring-brand-400 ${
                        card === option.number
                          ? 'border-brand-400 bg-brand-500/15'
                          : 'border-white/15 bg-white/5'
                      }`}
                    >
                      <span className="flex items-center gap-3">
                        <input
                          type="radio"
                          name="card"
                          value={option.number}
                          checked={card === option.number}
                          onChange={() => setCard(option.number)}
                          className="accent-brand-500"
                        />
                        <span className="text-sm font-medium">{option.label}</span>
                      </span>
                      <span className="font-mono text-xs text-slate-400">{cardNumber(option.number)}</span>
                    </label>
                  ))}
                </fieldset>
                {pay.error && <Alert tone="error">{pay.error.message}</Alert>}
                {result && result.outcome !== 'succeeded' && <Alert tone="error">{result.message}</Alert>}
                <Button type="submit" busy={pay.busy} disabled={!card}>
                  {action}
                </Button>
              </form>
            )}
            <Button variant="ghost" busy={leave.busy} onClick={() => leave.run()}>
              Cancel and return to Mobayilo
            </Button>
          </section>
        )}
      </main>
    </div>
  );
}
