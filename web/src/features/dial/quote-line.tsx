import type { CallQuoteResponse } from '@mobayilo/contract';
import { ApiError } from '../../shared/api/client';
import { formatRate } from '../../shared/lib/money';
import { TextLink } from '../../shared/ui/text-link';

/** What a call to the number costs and how long the caller can talk, or why they cannot call it. */
export function QuoteLine(props: {
  quote: CallQuoteResponse | undefined;
  loading: boolean;
  error: unknown;
  complete: boolean;
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
        <span className="font-semibold text-slate-50">
          {formatRate(quote.rateMicros)}/min · {quote.availableMinutes.toLocaleString('en-US')} min available
        </span>
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
