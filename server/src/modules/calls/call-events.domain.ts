import { z } from 'zod';
import type { IncomingEvent } from '../inbox';
import { fromProviderStatus } from './call.domain';
import type { StatusChange } from './calls.repository';

/**
 * The provider's webhooks, reduced to the parameters we use (anything else is dropped before it is stored),
 * and what each means for a call. Signatures are checked before any of this runs.
 */
const callSid = z.string().regex(/^CA[0-9a-fA-F]{32}$/, { error: 'expected a CallSid' });
const seconds = z
  .string()
  .regex(/^\d{1,7}$/)
  .optional();

export const voiceWebhookSchema = z.object({
  CallSid: callSid,
  From: z.string().max(200),
  To: z.string().max(64).default(''),
});
export type VoiceWebhook = z.infer<typeof voiceWebhookSchema>;

/** A status callback of the dialed leg: its own CallSid, and the browser leg as ParentCallSid. */
export const statusWebhookSchema = z.object({
  CallSid: callSid,
  ParentCallSid: callSid.optional(),
  CallStatus: z.string().max(32),
  CallDuration: seconds,
  SequenceNumber: z.string().max(10).optional(),
  Timestamp: z.string().max(64).optional(),
});
export type StatusWebhook = z.infer<typeof statusWebhookSchema>;

/** The <Dial action> request: how the dial of the browser leg (CallSid) ended. */
export const dialActionWebhookSchema = z.object({
  CallSid: callSid,
  DialCallSid: callSid.optional(),
  DialCallStatus: z.string().max(32),
  DialCallDuration: seconds,
});
export type DialActionWebhook = z.infer<typeof dialActionWebhookSchema>;

/**
 * Inbox keys: each status of a leg happens once, so the provider's retry of a callback is the same event.
 * The dial of a browser leg ends once.
 */
export function statusEvent(params: StatusWebhook): IncomingEvent {
  return {
    provider: 'twilio',
    eventKey: `call-status:${params.CallSid}:${params.CallStatus}`,
    type: 'call.status',
    payload: params,
  };
}

export function dialActionEvent(params: DialActionWebhook): IncomingEvent {
  return {
    provider: 'twilio',
    eventKey: `call-dial:${params.CallSid}`,
    type: 'call.dial',
    payload: params,
  };
}

function timeOf(timestamp: string | undefined, receivedAt: Date): Date {
  const parsed = timestamp ? new Date(timestamp) : null;
  return parsed && !Number.isNaN(parsed.getTime()) ? parsed : receivedAt;
}

/** What a stored event says happened to a call; null for an event that says nothing we track. */
export function changeFromEvent(event: {
  type: string;
  payload: Record<string, unknown>;
  receivedAt: Date;
}): StatusChange | null {
  if (event.type === 'call.status') {
    const params = statusWebhookSchema.safeParse(event.payload);
    if (!params.success) return null;
    const status = fromProviderStatus(params.data.CallStatus);
    if (!status) return null;
    const parent = params.data.ParentCallSid;
    return {
      callSid: parent ?? params.data.CallSid,
      childCallSid: parent ? params.data.CallSid : null,
      status,
      at: timeOf(params.data.Timestamp, event.receivedAt),
      durationSeconds: params.data.CallDuration === undefined ? null : Number(params.data.CallDuration),
    };
  }
  if (event.type === 'call.dial') {
    const params = dialActionWebhookSchema.safeParse(event.payload);
    if (!params.success) return null;
    const status = fromProviderStatus(params.data.DialCallStatus);
    // "answered" belongs to conferences; a dial that reports it tells us nothing final.
    if (!status || status === 'in_progress') return null;
    return {
      callSid: params.data.CallSid,
      childCallSid: params.data.DialCallSid ?? null,
      status,
      at: event.receivedAt,
      durationSeconds:
        params.data.DialCallDuration === undefined ? null : Number(params.data.DialCallDuration),
    };
  }
  return null;
}
