import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { ApiError } from '../../shared/api/client';
import { Alert } from '../../shared/ui/alert';
import { Button, Spinner } from '../../shared/ui/button';
import { settingsApi, settingsKeys, useSessions } from './api';
import { Section } from './section';

function describeAgent(agent: string | null): string {
  if (!agent) return 'Unknown device';
  const browser = /Edg\//.test(agent)
    ? 'Edge'
    : /Chrome\//.test(agent)
      ? 'Chrome'
      : /Firefox\//.test(agent)
        ? 'Firefox'
        : /Safari\//.test(agent)
          ? 'Safari'
          : 'Browser';
  const system = /iPhone|iPad/.test(agent)
    ? 'iOS'
    : /Android/.test(agent)
      ? 'Android'
      : /Mac OS X/.test(agent)
        ? 'macOS'
        : /Windows/.test(agent)
          ? 'Windows'
          : /Linux/.test(agent)
            ? 'Linux'
            : '';
  return system ? `${browser} on ${system}` : browser;
}

export function SessionsSection() {
  const sessions = useSessions();
  const queryClient = useQueryClient();
  const [ending, setEnding] = useState<string | null>(null);
  const [error, setError] = useState<ApiError | null>(null);

  async function end(id: string) {
    setEnding(id);
    setError(null);
    try {
      await settingsApi.endSession(id);
      await queryClient.invalidateQueries({ queryKey: settingsKeys.sessions });
    } catch (caught) {
      setError(caught as ApiError);
    } finally {
      setEnding(null);
    }
  }

  return (
    <Section title="Where you’re signed in" description="Sign out of devices you no longer use.">
      {sessions.isPending && <Spinner label="Loading sessions…" />}
      {sessions.isError && <Alert tone="error">{sessions.error.message}</Alert>}
      {error && <Alert tone="error">{error.message}</Alert>}
      <ul className="flex flex-col divide-y divide-white/10">
        {sessions.data?.items.map((session) => (
          <li key={session.id} className="flex items-center justify-between gap-3 py-3">
            <div className="min-w-0 text-sm">
              <p className="font-medium">
                {describeAgent(session.userAgent)}
                {session.current && <span className="ml-2 text-xs text-brand-300">This device</span>}
              </p>
              <p className="text-xs text-slate-400">
                Last active {new Date(session.lastSeenAt).toLocaleString()}{' '}
                {session.ip ? `· ${session.ip}` : ''}
              </p>
            </div>
            {!session.current && (
              <Button
                variant="ghost"
                className="shrink-0"
                busy={ending === session.id}
                onClick={() => end(session.id)}
                aria-label={`Sign out ${describeAgent(session.userAgent)}`}
              >
                Sign out
              </Button>
            )}
          </li>
        ))}
      </ul>
    </Section>
  );
}
