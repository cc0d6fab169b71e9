import type { Member, MeResponse } from '@mobayilo/contract';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { ApiError } from '../../shared/api/client';
import { useFormSubmit } from '../../shared/lib/use-mutation-form';
import { Alert } from '../../shared/ui/alert';
import { Button, Spinner } from '../../shared/ui/button';
import { Field } from '../../shared/ui/field';
import { ConfirmAddressPrompt, useAddressConfirmed } from '../auth/confirm-address';
import { settingsApi, settingsKeys, useMembers } from './api';
import { DomainsForm } from './domains-form';
import { Section } from './section';

function MemberRow({
  member,
  me,
  onError,
}: {
  member: Member;
  me: MeResponse;
  onError: (e: ApiError) => void;
}) {
  const queryClient = useQueryClient();
  const [busy, setBusy] = useState(false);
  const isSelf = member.email === me.user.email;
  const canTouchOwners = me.membership.role === 'owner';

  async function act(action: () => Promise<unknown>) {
    setBusy(true);
    try {
      await action();
      await queryClient.invalidateQueries({ queryKey: settingsKeys.members });
    } catch (error) {
      if (error instanceof ApiError) onError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className="flex flex-wrap items-center justify-between gap-2 py-3">
      <div className="min-w-0 text-sm">
        <p className="break-all font-medium">
          {member.email} {isSelf && <span className="text-xs text-slate-400">(you)</span>}
        </p>
        <p className="text-xs text-slate-400">
          {member.lastSignInAt
            ? `Last signed in ${new Date(member.lastSignInAt).toLocaleDateString()}`
            : 'Invited, not signed in yet'}
        </p>
      </div>
      <div className="flex items-center gap-2">
        <label className="sr-only" htmlFor={`role-${member.id}`}>
          Role of {member.email}
        </label>
        <select
          id={`role-${member.id}`}
          value={member.role}
          disabled={busy || (!canTouchOwners && member.role === 'owner')}
          onChange={(event) =>
            act(() => settingsApi.changeRole(member.id, event.target.value as Member['role']))
          }
          className="min-h-10 rounded-xl border border-white/15 bg-ink-800 px-2 text-sm"
        >
          {canTouchOwners || member.role === 'owner' ? <option value="owner">Owner</option> : null}
          <option value="admin">Admin</option>
          <option value="seat">Seat</option>
        </select>
        {!isSelf && (
          <Button
            variant="ghost"
            busy={busy}
            onClick={() => act(() => settingsApi.remove(member.id))}
            aria-label={`Remove ${member.email}`}
          >
            Remove
          </Button>
        )}
      </div>
    </li>
  );
}

/** Company owners and admins: who has a seat, inviting people, and the domains whose people join by themselves. */
export function TeamSection({ me }: { me: MeResponse }) {
  const enabled = me.account.kind === 'company' && me.membership.role !== 'seat';
  const members = useMembers(enabled);
  const queryClient = useQueryClient();
  const [email, setEmail] = useState('');
  const confirmed = useAddressConfirmed();
  const [invited, setInvited] = useState<{ email: string; joinsOnAccept: boolean } | null>(null);
  const [rowError, setRowError] = useState<ApiError | null>(null);
  const invite = useFormSubmit(
    () => settingsApi.invite(email),
    (result) => {
      setInvited({ email, joinsOnAccept: result.status === 'invited' });
      setEmail('');
      queryClient.invalidateQueries({ queryKey: settingsKeys.members });
    },
  );
  if (!enabled) return null;

  return (
    <>
      <Section
        title="Seats"
        description="Everyone here calls from the company wallet. Seats sign in with email links."
      >
        {members.isPending && <Spinner label="Loading members…" />}
        {members.isError && <Alert tone="error">{members.error.message}</Alert>}
        {rowError && <Alert tone="error">{rowError.message}</Alert>}
        <ul className="flex flex-col divide-y divide-white/10" aria-label="Members">
          {members.data?.items.map((member) => (
            <MemberRow key={member.id} member={member} me={me} onError={setRowError} />
          ))}
        </ul>
        {!confirmed && (
          <div className="mt-4">
            <ConfirmAddressPrompt toDo="invite people" />
          </div>
        )}
        <form className="mt-4 flex flex-col gap-3" onSubmit={invite.run} noValidate hidden={!confirmed}>
          <Field
            label="Invite by email"
            type="email"
            value={email}
            onChange={(event) => setEmail(event.target.value)}
            error={invite.fieldErrors.email}
            hint={
              members.data?.domains.length
                ? `Addresses at ${members.data.domains.join(', ')}.`
                : 'Any address: your company has no domain of its own.'
            }
          />
          {invite.error && !invite.fieldErrors.email && <Alert tone="error">{invite.error.message}</Alert>}
          {invited && (
            <Alert tone="success">
              {invited.joinsOnAccept
                ? `${invited.email} already uses Mobayilo: we emailed them an invitation, and they join once they accept it.`
                : `We emailed an invitation to ${invited.email}.`}
            </Alert>
          )}
          <Button type="submit" variant="secondary" busy={invite.busy}>
            Send invitation
          </Button>
        </form>
      </Section>
      {members.data &&
        (confirmed ? (
          <DomainsForm domains={members.data.domains} inReview={members.data.domainsInReview} />
        ) : (
          <Section title="Allowed domains" description="New people at your company’s domain join as seats.">
            <ConfirmAddressPrompt
              toDo={`let people at your company’s domain join by themselves (${me.user.email})`}
            />
          </Section>
        ))}
    </>
  );
}
