import { EmptyState } from '../../shared/ui/empty-state';
import { SettingsIcon } from '../../shared/ui/icons';
import { PageTitle } from '../shell/page-title';

export function SettingsPage() {
  return (
    <>
      <PageTitle>Settings</PageTitle>
      <EmptyState icon={<SettingsIcon className="size-7" />} title="Nothing to set yet">
        Your profile, sessions and team will be managed here.
      </EmptyState>
    </>
  );
}
