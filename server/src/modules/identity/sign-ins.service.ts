import type { Executor } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import { knownDevicesRepository as devices } from './known-devices.repository';
import type { RequestOrigin, SessionsService } from './sessions.service';
import { hashToken, newToken } from './tokens.util';
import { usersRepository as users } from './users.repository';

/** A browser that has not signed in for this long is a stranger again. */
export const KNOWN_DEVICE_MS = 365 * 86_400_000;

/** Where a sign-in comes from, with the browser's known-device cookie if it has one. */
export type SignInOrigin = RequestOrigin & { deviceToken?: string };

export type StartedSession = { token: string; expiresAt: Date; deviceToken: string };

/** What every way of signing in ends with: the sign-in recorded, the browser remembered, a new session. */
export function createSignIns(deps: { clock: Clock; sessions: Pick<SessionsService, 'start'> }) {
  /** The browser's known-device record, when it belongs to this person. */
  async function knownDevice(
    executor: Executor,
    deviceToken: string | undefined,
    userId: string | undefined,
  ) {
    if (!deviceToken || !userId) return undefined;
    const device = await devices.find(executor, hashToken(deviceToken));
    return device?.userId === userId ? device : undefined;
  }

  return {
    knownDevice,

    async complete(tx: Executor, userId: string, origin: SignInOrigin): Promise<StartedSession> {
      const now = deps.clock.now();
      await users.recordSignIn(tx, userId, { at: now, ip: origin.ip });
      let deviceToken = origin.deviceToken;
      const known = await knownDevice(tx, deviceToken, userId);
      if (known && deviceToken) {
        await devices.touch(tx, known.tokenHash, now);
      } else {
        deviceToken = newToken();
        await devices.insert(tx, { tokenHash: hashToken(deviceToken), userId, at: now });
      }
      const session = await deps.sessions.start(tx, userId, origin);
      return { ...session, deviceToken };
    },
  };
}

export type SignIns = ReturnType<typeof createSignIns>;
