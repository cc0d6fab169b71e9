import { EmptyState } from '../../shared/ui/empty-state';
import { PhoneIcon } from '../../shared/ui/icons';
import { PageTitle } from '../shell/page-title';

export function DialPage() {
  return (
    <>
      <PageTitle>Dial</PageTitle>
      <EmptyState icon={<PhoneIcon className="size-7" />} title="The dialer is on its way">
        Calling from the browser arrives with your account and credits. Until then, see prices on the home
        page.
      </EmptyState>
    </>
  );
}
