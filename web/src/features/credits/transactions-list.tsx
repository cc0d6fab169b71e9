import type { WalletTransaction } from '@mobayilo/contract';
import { useRef } from 'react';
import { formatCents } from '../../shared/lib/money';
import { useInfiniteScroll } from '../../shared/lib/use-infinite-scroll';
import { Alert } from '../../shared/ui/alert';
import { Button, Spinner } from '../../shared/ui/button';
import { useTransactions } from './api';

const kindLabels: Record<WalletTransaction['kind'], string> = {
  topup: 'Top-up',
  auto_topup: 'Auto top-up',
  call: 'Call',
  number_fee: 'Number fee',
  adjustment: 'Adjustment',
  refund: 'Refund',
  dispute: 'Dispute',
  write_off: 'Write-off',
};

function Row({ item }: { item: WalletTransaction }) {
  return (
    <li className="flex items-start justify-between gap-3 py-3">
      <div className="min-w-0">
        <p className="truncate text-sm font-medium">{item.description}</p>
        <p className="text-xs text-slate-400">
          {kindLabels[item.kind]} ·{' '}
          <time dateTime={item.createdAt}>{new Date(item.createdAt).toLocaleString()}</time>
        </p>
      </div>
      <div className="shrink-0 text-right">
        <p className={`text-sm font-semibold ${item.amountCents > 0 ? 'text-brand-300' : 'text-slate-100'}`}>
          {formatCents(item.amountCents, { signed: true })}
        </p>
        <p className="text-xs text-slate-400">Balance {formatCents(item.balanceAfterCents)}</p>
      </div>
    </li>
  );
}

/** Every transaction of the wallet, newest first; more load as the list scrolls into view. */
export function TransactionsList() {
  const transactions = useTransactions(true);
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage } = transactions;
  useInfiniteScroll(sentinel, transactions);

  const items = transactions.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section aria-labelledby="transactions" className="glass rounded-3xl p-5">
      <h2 id="transactions" className="text-lg font-semibold">
        Transactions
      </h2>
      {transactions.isPending && <Spinner label="Loading transactions…" />}
      {transactions.isError && <Alert tone="error">{transactions.error.message}</Alert>}
      {transactions.isSuccess && items.length === 0 && (
        <p className="mt-2 text-sm text-slate-300">
          No transactions yet. Top-ups and calls will appear here.
        </p>
      )}
      <ul className="divide-y divide-white/10" aria-label="Transactions">
        {items.map((item) => (
          <Row key={item.id} item={item} />
        ))}
      </ul>
      <div ref={sentinel} />
      {hasNextPage && (
        <Button
          variant="ghost"
          className="mt-2 w-full"
          busy={isFetchingNextPage}
          onClick={() => fetchNextPage()}
        >
          Show older transactions
        </Button>
      )}
    </section>
  );
}
