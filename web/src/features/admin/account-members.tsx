import type { AdminAccountMembers } from '@mobayilo/contract';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/client';
import { Alert } from '../../shared/ui/alert';
import { Spinner } from '../../shared/ui/button';

/** Who is in an account, removed seats included. */
export function AccountMembers({ accountId }: { accountId: string }) {
  const members = useQuery({
    queryKey: ['admin', 'members', accountId],
    queryFn: ({ signal }) =>
      apiRequest<AdminAccountMembers>(`/api/admin/accounts/${accountId}/members`, { signal }),
  });
  return (
    <div className="mt-3 rounded-2xl bg-white/5 p-4 text-sm">
      <h3 className="font-medium">Members</h3>
      {members.isPending && <Spinner label="Loading members…" />}
      {members.isError && <Alert tone="error">{members.error.message}</Alert>}
      <ul className="mt-1 flex flex-col gap-1" aria-label="Members">
        {members.data?.items.map((member) => (
          <li key={member.id} className="break-all text-slate-300">
            {member.email} · {member.role}
          </li>
        ))}
      </ul>
    </div>
  );
}
