import { Link, useNavigate } from 'react-router';
import { useMe, useSetSignedIn } from '../../shared/api/me';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Button } from '../../shared/ui/button';
import { authApi } from '../auth/api';
import { PageTitle } from '../shell/page-title';
import { PasswordSection } from './password-section';
import { ProfileSection } from './profile-section';
import { SessionsSection } from './sessions-section';
import { TeamSection } from './team-section';

export function SettingsPage() {
  const { data: me } = useMe();
  const navigate = useNavigate();
  const setSignedIn = useSetSignedIn();
  const signOut = useFormSubmit(
    () => authApi.signOut(),
    () => {
      setSignedIn(null);
      navigate('/', { replace: true });
    },
  );
  if (!me) return null;
  return (
    <>
      <PageTitle>Settings</PageTitle>
      <div className="flex flex-col gap-4">
        <ProfileSection me={me} />
        <TeamSection me={me} />
        <PasswordSection me={me} />
        <SessionsSection />
        {me.user.role === 'admin' && (
          <Link to="/admin" className="text-center text-sm font-medium text-brand-300 underline">
            Open the admin console
          </Link>
        )}
        {signOut.error && <Alert tone="error">{signOut.error.message}</Alert>}
        <Button variant="secondary" busy={signOut.busy} onClick={() => signOut.run()}>
          Sign out
        </Button>
      </div>
    </>
  );
}
