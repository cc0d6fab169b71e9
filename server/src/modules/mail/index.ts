import type { Config } from '../../config';
import type { Database } from '../../db/client';
import type { Clock } from '../../platform/clock';
import type { RoutePlugin } from '../../platform/http/types';
import type { JobQueue } from '../../platform/jobs/job-queue';
import type { Logger } from '../../platform/logger';
import { createMailTransport } from '../../providers/mail';
import { mailJobs } from './mail.jobs';
import { devMailRoutes } from './mail.routes';
import { createMailService } from './mail.service';

export type { MailService } from './mail.service';
export * from './templates/identity';
export type { RenderedMail } from './templates/layout';
export * from './templates/marketing';
export * from './templates/payments';

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
