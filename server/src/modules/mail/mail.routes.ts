import { devMailResponseSchema } from '@mobayilo/contract';
import type { App } from '../../platform/http/http.types';
import type { MailService } from './mail.service';

/** The local outbox, for development and demos only (never registered in production). */
export function devMailRoutes(service: Pick<MailService, 'listOutbox'>) {
  return async (app: App) => {
    app.get(
      '/dev/mail',
      {
        schema: {
          tags: ['development'],
          summary: 'Mail the product sent, newest first (not available in production)',
          response: { 200: devMailResponseSchema },
        },
      },
      async (_request, reply) => {
        reply.header('cache-control', 'no-store');
        const rows = await service.listOutbox(50);
        return {
          items: rows.map((row) => ({
            id: row.id,
            to: row.toAddress,
            subject: row.subject,
            template: row.template,
            text: row.textBody,
            html: row.htmlBody,
            status: row.status,
            createdAt: row.createdAt.toISOString(),
          })),
        };
      },
    );
  };
}
