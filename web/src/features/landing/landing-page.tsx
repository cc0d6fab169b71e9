import { useEffect } from 'react';
import { Link } from 'react-router';
import { useStatus } from '../../shared/api/status';
import { ButtonLink } from '../../shared/ui/button';
import { GlobeIcon, PhoneIcon, WalletIcon } from '../../shared/ui/icons';
import { Logo } from '../../shared/ui/logo';
import { SandboxBadge } from '../../shared/ui/sandbox-badge';
import { EarlyAccessForm } from '../marketing/early-access-form';
import { PricingCalculator } from '../pricing/pricing-calculator';

const features = [
  {
    Icon: GlobeIcon,
    title: 'Any phone, anywhere',
    text: 'Mobiles and landlines in more than 60 countries, straight from your browser. No app, no SIM.',
  },
  {
    Icon: WalletIcon,
    title: 'Pay as you go',
    text: 'Top up from $5. Billed per started minute at the price you see before you call. Credit never expires.',
  },
  {
    Icon: PhoneIcon,
    title: 'Built for teams',
    text: 'Companies share one wallet across seats, with per-seat usage and their own numbers.',
  },
];

export function LandingPage() {
  const betaGate = useStatus().data?.betaGate === true;
  useEffect(() => {
    document.title = 'Mobayilo — call any phone from your browser';
  }, []);
  return (
    <div className="mx-auto flex min-h-dvh max-w-6xl flex-col px-5 lg:px-10">
      <header className="flex items-center justify-between gap-3 py-5">
        <Logo />
        <div className="flex items-center gap-3">
          <SandboxBadge />
          <Link
            to="/signin"
            className="rounded-xl px-3 py-2 text-sm font-semibold text-slate-200 hover:bg-white/10"
          >
            Sign in
          </Link>
        </div>
      </header>

      <main className="flex flex-1 flex-col gap-16 py-10 sm:py-16">
        <div className="grid gap-16 lg:grid-cols-[3fr_2fr] lg:items-center lg:gap-12">
          <section className="flex flex-col items-start gap-6 sm:max-w-2xl">
            <h1 className="text-4xl font-bold leading-tight tracking-tight sm:text-6xl">
              Call any phone in the world,{' '}
              <span className="bg-gradient-to-r from-brand-300 to-accent-400 bg-clip-text text-transparent">
                right from your browser.
              </span>
            </h1>
            <p className="text-lg text-slate-300">
              Mobayilo turns your browser into a phone. Prepaid, transparent per-minute prices, and nothing to
              install.
            </p>
            {betaGate ? (
              <EarlyAccessForm />
            ) : (
              <div className="flex flex-wrap gap-3">
                <ButtonLink to="/signin">Get started</ButtonLink>
                <ButtonLink to="/dial" variant="secondary">
                  Open dialer
                </ButtonLink>
                <ButtonLink to="/pricing" variant="ghost">
                  See all prices
                </ButtonLink>
              </div>
            )}
          </section>

          <section aria-labelledby="why" className="grid gap-4 sm:grid-cols-3 lg:grid-cols-1">
            <h2 id="why" className="sr-only">
              Why Mobayilo
            </h2>
            {features.map(({ Icon, title, text }) => (
              <article key={title} className="glass rounded-3xl p-6">
                <Icon className="size-7 text-brand-300" />
                <h3 className="mt-3 font-semibold">{title}</h3>
                <p className="mt-1 text-sm text-slate-300">{text}</p>
              </article>
            ))}
          </section>
        </div>

        <PricingCalculator />
      </main>

      <footer className="py-8 text-sm text-slate-400">© {new Date().getFullYear()} Mobayilo</footer>
    </div>
  );
}
