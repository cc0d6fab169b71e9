import { useMe } from '../../shared/api/me';
import { PageTitle } from '../shell/page-title';
import { BalanceCard } from './balance-card';
import { StatementDownload } from './statement-download';
import { TransactionsList } from './transactions-list';
import { UsagePerSeat } from './usage-per-seat';

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
