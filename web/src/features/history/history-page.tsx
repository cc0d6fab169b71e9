import { EmptyState } from '../../shared/ui/empty-state';
import { HistoryIcon } from '../../shared/ui/icons';
import { PageTitle } from '../shell/page-title';

export function HistoryPage() {
  return (
    <>
      <PageTitle>History</PageTitle>
      <EmptyState icon={<HistoryIcon className="size-7" />} title="No calls yet">
        Every call you place shows up here with its duration and exact cost.
      </EmptyState>
    </>
  );
}
