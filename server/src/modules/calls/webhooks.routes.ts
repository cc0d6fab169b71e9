import fastifyFormbody from '@fastify/formbody';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../platform/http/http.types';
import type { Logger } from '../../platform/logger.adapter';
import type { TelephonyProvider } from '../../providers/telephony';
import { dialActionWebhookSchema, statusWebhookSchema, voiceWebhookSchema } from './call-events.domain';
import { callsErrors } from './calls.errors';
import type { CallMetrics } from './calls.metrics';
import type { CallsService } from './calls.service';
import { hangUp } from './twiml.mapper';
import type { VoiceService } from './voice.service';

export const WEBHOOK_PATHS = {
  voice: '/webhooks/twilio/voice',
  status: '/webhooks/twilio/status',
  dialAction: '/webhooks/twilio/dial-action',
} as const;

const twimlResponse = z.string().describe('TwiML');

function sendTwiml(reply: FastifyReply, twiml: string) {
  return reply
    .type('text/xml; charset=utf-8')
    .serializer((payload: unknown) => payload as string)
    .send(twiml);
}

/**
 * The telephony provider's webhooks, form-encoded. Each is authenticated by its signature over our public URL
 * and every parameter, checked before anything else runs (403 `forbidden`, nothing stored).
 */
export function webhookRoutes(deps: {
  telephony: Pick<TelephonyProvider, 'verifyWebhook'>;
  publicUrl: string;
  voice: VoiceService;
  service: Pick<CallsService, 'receiveStatus' | 'receiveDialAction'>;
  metrics: CallMetrics;
  logger: Logger;
}) {
  const { metrics } = deps;

  async function verifySignature(request: FastifyRequest) {
    const signature = request.headers['x-twilio-signature'];
    const valid = deps.telephony.verifyWebhook({
      url: `${deps.publicUrl}${request.url}`,
      params: (request.body ?? {}) as Record<string, string>,
      signature: typeof signature === 'string' ? signature : undefined,
    });
    if (valid) return;
    const webhook = request.routeOptions.config.webhook ?? 'unknown';
    metrics.webhookRejected.inc({ webhook });
    deps.logger.warn(
      { webhook, ip: request.ip, signed: signature !== undefined },
      'webhook signature refused',
    );
    throw callsErrors.invalidSignature();
  }

  return async (app: App) => {
    await app.register(fastifyFormbody);
    app.addHook('preValidation', verifySignature);
    app.addHook('onResponse', async (request, reply) => {
      const webhook = request.routeOptions.config.webhook;
      if (webhook) metrics.webhookDuration.observe({ webhook }, reply.elapsedTime / 1000);
    });

    app.post(
      WEBHOOK_PATHS.voice,
      {
        config: { csrf: false, webhook: 'voice' },
        schema: {
          tags: ['webhooks'],
          summary: 'Twilio asks what to do with a call from a browser: TwiML that dials, or a refusal',
          body: voiceWebhookSchema,
          response: { 200: twimlResponse },
        },
      },
      async (request, reply) =>
        sendTwiml(
          reply,
          await deps.voice.answer({
            callSid: request.body.CallSid,
            from: request.body.From,
            to: request.body.To,
          }),
        ),
    );

    app.post(
      WEBHOOK_PATHS.status,
      {
        config: { csrf: false, webhook: 'status' },
        schema: {
          tags: ['webhooks'],
          summary: 'Twilio reports the progress of a dialed call; stored, then applied by a job',
          body: statusWebhookSchema,
          response: { 204: z.null() },
        },
      },
      async (request, reply) => {
        await deps.service.receiveStatus(request.body);
        return reply.status(204).send(null);
      },
    );

    app.post(
      WEBHOOK_PATHS.dialAction,
      {
        config: { csrf: false, webhook: 'dial-action' },
        schema: {
          tags: ['webhooks'],
          summary: 'Twilio reports how a dial ended; stored, then applied by a job; the browser leg hangs up',
          body: dialActionWebhookSchema,
          response: { 200: twimlResponse },
        },
      },
      async (request, reply) => {
        await deps.service.receiveDialAction(request.body);
        return sendTwiml(reply, hangUp());
      },
    );
  };
}

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Names a telephony webhook in metrics and logs. */
    webhook?: string;
  }
}
