import type { Database, Executor } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import type { JobDefinition } from '../../platform/jobs/define-job.util';
import type { JobQueue } from '../../platform/jobs/job-queue.adapter';
import type { Logger } from '../../platform/logger.adapter';
import type { MailTransport } from '../../providers/mail';
import { mailRepository as repository } from './mail.repository';
import type { RenderedMail } from './templates/layout.templates';

export type MailServiceDeps = {
  db: Database;
  jobs: Pick<JobQueue, 'send'>;
  transport: MailTransport;
  from: string;
  clock: Clock;
  logger: Logger;
};

export function createMailService(
  deps: MailServiceDeps,
  deliverJob: () => JobDefinition<{ mailId: string }>,
) {
  return {
    /**
     * Writes the mail to the outbox and queues its delivery, inside the caller's transaction when given one:
     * a mail exists only if the change that caused it commits.
     */
    async send(executor: Executor, to: string, mail: RenderedMail): Promise<string> {
      const mailId = await repository.insert(executor, {
        template: mail.template,
        toAddress: to,
        subject: mail.subject,
        textBody: mail.text,
        htmlBody: mail.html,
      });
      await deps.jobs.send(deliverJob(), { mailId }, { executor });
      return mailId;
    },

    /** Hands one queued mail to the transport; a mail already sent is not sent again. */
    async deliver(mailId: string, attempt: { final: boolean }): Promise<'sent' | 'already_sent' | 'missing'> {
      const mail = await repository.findById(deps.db, mailId);
      if (!mail) return 'missing';
      if (mail.status !== 'pending') return 'already_sent';
      try {
        const { messageId } = await deps.transport.send({
          to: mail.toAddress,
          from: deps.from,
          subject: mail.subject,
          text: mail.textBody,
          html: mail.htmlBody,
        });
        await repository.markSent(deps.db, mailId, {
          providerMessageId: messageId,
          sentAt: deps.clock.now(),
        });
        deps.logger.info(
          { mailId, template: mail.template, transport: deps.transport.kind },
          'mail delivered',
        );
        return 'sent';
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        await repository.recordFailure(deps.db, mailId, message, attempt.final);
        throw error;
      }
    },

    listOutbox(limit = 50) {
      return repository.listRecent(deps.db, limit);
    },

    deleteOlderThan(before: Date) {
      return repository.deleteOlderThan(deps.db, before);
    },
  };
}

export type MailService = ReturnType<typeof createMailService>;
