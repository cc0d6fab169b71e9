import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { createDatabase } from '../src/db/client.adapter';
import { type EmbeddedPostgres, startEmbeddedPostgres } from '../src/db/embedded-postgres.adapter';
import { runMigrations } from '../src/db/migrate.util';
import { createJobQueue } from '../src/platform/jobs/job-queue.adapter';
import { createLogger } from '../src/platform/logger.adapter';
import { createMetrics } from '../src/platform/metrics.adapter';
import { freePort } from './support/free-port';
import { TEMPLATE_DATABASE } from './support/test-database';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A connection URL to the cluster's maintenance database, for creating and dropping test databases. */
    adminDatabaseUrl: string;
  }
}

/**
 * Starts a throwaway PostgreSQL (or uses TEST_DATABASE_URL), and migrates one template database with our
 * schema and the job queue's, which every test file then clones in a few milliseconds.
 */
export default async function setup(project: TestProject) {
  let server: EmbeddedPostgres | undefined;
  let tempDir: string | undefined;
  let adminUrl: string;

  if (process.env.TEST_DATABASE_URL) {
    const url = new URL(process.env.TEST_DATABASE_URL);
    url.pathname = '/postgres';
    adminUrl = url.toString();
  } else {
    tempDir = await mkdtemp(path.join(os.tmpdir(), 'mobayilo-test-db-'));
    server = await startEmbeddedPostgres({
      dataDir: path.join(tempDir, 'postgres'),
      port: await freePort(),
      database: 'postgres',
      ephemeral: true,
    });
    adminUrl = server.urlFor('postgres');
  }

  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
  await admin.query(`create database ${TEMPLATE_DATABASE}`);
  await admin.end();

  const templateUrl = new URL(adminUrl);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  const logger = createLogger({ log: { level: 'silent' } });
  const database = createDatabase({ url: templateUrl.toString(), logger, maxConnections: 2 });
  await runMigrations(database.pool);
  const jobs = createJobQueue({ pool: database.pool, logger, metrics: createMetrics(), pollSeconds: 1 });
  await jobs.start();
  await jobs.stop();
  await database.close();

  project.provide('adminDatabaseUrl', adminUrl);

  return async () => {
    await server?.stop();
    if (tempDir) await rm(tempDir, { recursive: true, force: true });
  };
}
