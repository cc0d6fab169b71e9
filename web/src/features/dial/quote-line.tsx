import type { CallQuoteResponse } from '@mobayilo/contract';
import { ApiError } from '../../shared/api/client';
import { formatRate } from '../../shared/lib/money';
import { TextLink } from '../../shared/ui/text-link';

/**
 * What the credit buys at this rate and, when less, how long this one call may last (the per-call or daily
 * limit): "≈ 250 min of credit · this call up to 120 min".
 */
function MinutesLine(props: {
  quote: CallQuoteResponse;
  rateMicros: number;
  availableCents: number | undefined;
}) {
  const credit =
    props.availableCents === undefined || props.rateMicros <= 0
      ? null
      : Math.max(0, Math.floor((props.availableCents * 10_000) / props.rateMicros));
  const call = props.quote.availableMinutes;
  const parts = [
    credit !== null ? `≈ ${credit.toLocaleString('en-US')} min of credit` : null,
    credit === null || call < credit ? `this call up to ${call.toLocaleString('en-US')} min` : null,
  ].filter(Boolean);
  return (
    <span className="text-slate-300" data-testid="quote-minutes">
      {parts.join(' · ')}
    </span>
  );
}

/** What a call to the number costs and how long the caller can talk, or why they cannot call it. */
export function QuoteLine(props: {
  quote: CallQuoteResponse | undefined;
  loading: boolean;
  error: unknown;
  complete: boolean;
  /** The wallet's available credit, for the minutes it buys. */
  availableCents: number | undefined;
}) {
  const { quote } = props;
  let content: React.ReactNode = <span className="text-slate-500">Type a number with its area code</span>;
  if (props.error instanceof ApiError) {
    content = <span className="text-rose-300">{props.error.message}</span>;
  } else if (props.loading) {
    content = <span className="text-slate-400">Checking the price…</span>;
  } else if (quote && !quote.allowed) {
    content = (
      <span className="text-amber-200">
        {quote.message}
        {quote.reason === 'insufficient_funds' && (
          <>
            {' '}
            <TextLink to="/credits">Add credit</TextLink>
          </>
        )}
      </span>
    );
  } else if (quote && quote.rateMicros !== null) {
    content = (
      <>
        <span className="text-slate-300">{quote.destination}</span>
        <span className="font-semibold text-slate-50">{formatRate(quote.rateMicros)}/min</span>
        <MinutesLine quote={quote} rateMicros={quote.rateMicros} availableCents={props.availableCents} />
      </>
    );
  } else if (props.complete) {
    content = <span className="text-slate-400">Keep typing…</span>;
  }
  return (
    <p
      className="flex min-h-11 flex-col items-center justify-center text-center text-sm"
      aria-live="polite"
      data-testid="quote"
    >
      {content}
    </p>
  );
}
