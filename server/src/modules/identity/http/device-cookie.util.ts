import type { FastifyReply, FastifyRequest } from 'fastify';
import { KNOWN_DEVICE_MS } from '../sign-ins.service';

export type DeviceCookie = {
  read(request: FastifyRequest): string | undefined;
  write(reply: FastifyReply, token: string, now: Date): void;
};

/**
 * Marks a browser where someone has signed in, so that their password keeps working there while guesses from
 * elsewhere are throttled. Not a credential on its own: it only chooses which rate limit applies.
 */
export function deviceCookie(options: { secure: boolean }): DeviceCookie {
  const name = options.secure ? '__Host-device' : 'device';
  const attributes = { path: '/', httpOnly: true, sameSite: 'lax' as const, secure: options.secure };
  return {
    read: (request) => request.cookies[name],
    write: (reply, token, now) =>
      reply.setCookie(name, token, { ...attributes, expires: new Date(now.getTime() + KNOWN_DEVICE_MS) }),
  };
}
