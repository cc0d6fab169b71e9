import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../../server/test/support/free-port';
import { startServerProcess } from '../../server/test/support/server-process';

/** Starts the product as `npm start` runs it, on a throwaway embedded database, for a benchmark to load. */
export async function startProduct(env: Record<string, string> = {}) {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'mobayilo-bench-'));
  const port = await freePort();
  const databasePort = await freePort();
  const server = startServerProcess({
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_DB_PORT: String(databasePort),
    PUBLIC_URL: `http://127.0.0.1:${port}`,
    NODE_ENV: 'production',
    LOG_LEVEL: 'warn',
    ...env,
  });
  await server.waitForOutput(/Mobayilo is running at/, 90_000);
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    dataDir,
    /** The embedded database's URL, for a worker process or a direct look at the tables. */
    async databaseUrl() {
      const password = (await readFile(path.join(dataDir, 'postgres.password'), 'utf8')).trim();
      return `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${databasePort}/mobayilo`;
    },
    async stop() {
      server.child.kill('SIGTERM');
      await server.exited;
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
