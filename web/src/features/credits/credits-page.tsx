import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { useMe } from '../../shared/api/me';
import { Spinner } from '../../shared/ui/button';
import { PageTitle } from '../shell/page-title';
import { AutoTopupForm } from './auto-topup-form';
import { BalanceCard } from './balance-card';
import { useAutoTopup, useSavedCard } from './payments-api';
import { SavedCard } from './saved-card';
import { StatementDownload } from './statement-download';
import { TopUpCard } from './top-up-card';
import { TopupsList } from './topups-list';
import { TransactionsList } from './transactions-list';
import { UsagePerSeat } from './usage-per-seat';

/** Top-up, saved card and automatic top-up: for owners and admins. */
function PaymentSettings({ accountKind }: { accountKind: 'individual' | 'company' }) {
  const [params] = useSearchParams();
  const autoTopup = useAutoTopup(true);
  const card = useSavedCard(true);
  const [autoTopupSaved, setAutoTopupSaved] = useState(false);
  return (
    <>
      <TopUpCard accountKind={accountKind} />
      <SavedCard waitForCard={params.get('card') === 'saved'} />
      {autoTopup.data ? (
        <AutoTopupForm
          key={JSON.stringify(autoTopup.data.settings)}
          status={autoTopup.data}
          hasCard={Boolean(card.data?.card)}
          saved={autoTopupSaved}
          onSavedChange={setAutoTopupSaved}
        />
      ) : (
        <Spinner label="Loading automatic top-up…" />
      )}
    </>
  );
}

export function CreditsPage() {
  const { data: me } = useMe();
  if (!me) return null;
  const manager = me.membership.role !== 'seat';
  return (
    <>
      <PageTitle>Credits</PageTitle>
      <div className="flex flex-col gap-4">
        <BalanceCard />
        {manager ? (
          <>
            <PaymentSettings accountKind={me.account.kind} />
            <TopupsList />
            {me.account.kind === 'company' && <UsagePerSeat />}
            <TransactionsList />
            <StatementDownload />
          </>
        ) : (
          <p className="text-sm text-slate-300">
            You call from {me.account.name}’s wallet. Its owners and admins top it up and see its
            transactions.
          </p>
        )}
      </div>
    </>
  );
}
