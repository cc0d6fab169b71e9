import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { freePort } from '../../server/test/support/free-port';
import {
  postgresProcessesUnder,
  repoRoot,
  startServerProcess,
} from '../../server/test/support/server-process';
import { chromiumMissingMessage, chromiumPath } from './chromium';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    chromium: string;
  }
}

/**
 * Builds the web app and starts the product the way `npm start` does (scripts/start.mjs), on a random port
 * with a fresh embedded database and sandbox providers. Specs drive it through Debian's chromium.
 */
export default async function setup(project: TestProject) {
  const chromium = chromiumPath();
  if (!chromium) throw new Error(chromiumMissingMessage);

  const build = spawnSync(process.execPath, ['scripts/build-web.mjs'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the web app did not build');

  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mobayilo-e2e-'));
  const port = await freePort();
  const server = startServerProcess(
    {
      DATA_DIR: dataDir,
      PORT: String(port),
      EMBEDDED_DB_PORT: String(await freePort()),
      PUBLIC_URL: `http://127.0.0.1:${port}`,
      JOB_POLL_SECONDS: '0.5',
      ADMIN_EMAILS: 'admin@mobayilo.test,calls-admin@mobayilo.test,console-admin@mobayilo.test',
      LOG_LEVEL: process.env.E2E_LOG_LEVEL ?? 'warn',
      // The specs are many people, each browser with its own address (see openPage), as behind a load balancer.
      TRUST_PROXY: '127.0.0.1',
    },
    'scripts/start.mjs',
  );
  await server.waitForOutput(/Mobayilo is running at/, 90_000);
  if (process.env.E2E_LOG_LEVEL) server.child.stdout?.pipe(process.stdout);

  project.provide('baseUrl', `http://127.0.0.1:${port}`);
  project.provide('chromium', chromium);

  return async () => {
    server.child.kill('SIGTERM');
    const code = await server.exited;
    const leftovers = postgresProcessesUnder(dataDir);
    await rm(dataDir, { recursive: true, force: true });
    if (code !== 0) throw new Error(`the server exited with ${code}:\n${server.output().slice(-2000)}`);
    if (leftovers.length > 0) throw new Error(`PostgreSQL processes left behind: ${leftovers.join(', ')}`);
  };
}
