import type { Config } from '../../config';
import type { Database } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import type { RoutePlugin } from '../../platform/http/http.types';
import type { JobQueue } from '../../platform/jobs/job-queue.adapter';
import type { Logger } from '../../platform/logger.adapter';
import { createMailTransport } from '../../providers/mail';
import { mailJobs } from './mail.jobs';
import { devMailRoutes } from './mail.routes';
import { createMailService } from './mail.service';

export type { MailService } from './mail.service';
export * from './templates/identity.templates';
export type { RenderedMail } from './templates/layout.templates';
export * from './templates/marketing.templates';
export * from './templates/payments.templates';

const OUTBOX_RETENTION_DAYS = 30;

export function createMailModule(deps: {
  config: Pick<Config, 'mail' | 'isProduction'>;
  db: Database;
  jobs: Pick<JobQueue, 'send'>;
  clock: Clock;
  logger: Logger;
}) {
  const transport = createMailTransport(deps.config);
  const jobs = mailJobs(() => mail);
  const mail = createMailService({ ...deps, transport, from: deps.config.mail.from }, () => jobs.deliver);

  const routes: RoutePlugin[] = deps.config.isProduction ? [] : [devMailRoutes(mail)];
  return {
    service: mail,
    routes,
    jobs: Object.values(jobs),
    transport,
    housekeeping: {
      name: 'mail.outbox',
      run: (now: Date) => mail.deleteOlderThan(new Date(now.getTime() - OUTBOX_RETENTION_DAYS * 86_400_000)),
    },
  };
}
