import { EmptyState } from '../../shared/ui/empty-state';
import { WalletIcon } from '../../shared/ui/icons';
import { PageTitle } from '../shell/page-title';

export function CreditsPage() {
  return (
    <>
      <PageTitle>Credits</PageTitle>
      <EmptyState icon={<WalletIcon className="size-7" />} title="No credit yet">
        Your balance and every top-up and charge will be listed here.
      </EmptyState>
    </>
  );
}
