import { mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../test/support/free-port';
import {
  postgresProcessesUnder,
  type ServerProcess,
  startServerProcess,
} from '../test/support/server-process';
import { waitFor } from '../test/support/wait';

const running: ServerProcess[] = [];
const dirs: string[] = [];

async function tempDataDir() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'mobayilo-main-'));
  dirs.push(dir);
  return dir;
}

async function start(dataDir: string, extra: Record<string, string> = {}) {
  const port = await freePort();
  const server = startServerProcess({
    DATA_DIR: dataDir,
    PORT: String(port),
    EMBEDDED_DB_PORT: String(await freePort()),
    WEB_DIST_DIR: path.join(dataDir, 'no-web'),
    ...extra,
  });
  running.push(server);
  return { server, base: `http://127.0.0.1:${port}` };
}

afterEach(async () => {
  for (const server of running.splice(0)) {
    if (server.child.exitCode === null) server.child.kill('SIGKILL');
  }
  for (const dir of dirs.splice(0)) {
    for (const pid of postgresProcessesUnder(dir)) process.kill(pid, 'SIGKILL');
    await rm(dir, { recursive: true, force: true });
  }
});

describe('the server process', () => {
  it('refuses bad configuration with one line per bad key and no stack trace', async () => {
    const { server } = await start(await tempDataDir(), { PORT: 'abc', DATABASE_URL: 'not-a-url' });
    expect(await server.exited).toBe(1);
    const output = server.output();
    expect(output).toMatch(/^ {2}PORT: .*"abc"/m);
    expect(output).toMatch(/^ {2}DATABASE_URL: .*"not-a-url"/m);
    expect(output).not.toMatch(/^\s+at /m);
  });

  it('starts, serves readiness, stops on SIGTERM without leaving PostgreSQL, and keeps its data for the next start', async () => {
    const dataDir = await tempDataDir();
    const first = await start(dataDir);
    await first.server.waitForOutput(/Mobayilo is running at/);
    expect((await fetch(`${first.base}/readyz`)).status).toBe(200);

    const password = (await readFile(path.join(dataDir, 'postgres.password'), 'utf8')).trim();
    const port = (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split('\n')[3];
    const client = new pg.Client({
      connectionString: `postgres://postgres:${password}@127.0.0.1:${port}/mobayilo`,
    });
    await client.connect();
    await client.query("insert into housekeeping_runs (trigger, started_at) values ('manual', now())");
    await client.end();

    first.server.child.kill('SIGTERM');
    expect(await first.server.exited).toBe(0);
    expect(postgresProcessesUnder(dataDir)).toEqual([]);

    const second = await start(dataDir);
    await second.server.waitForOutput(/Mobayilo is running at/);
    const secondPort = (await readFile(path.join(dataDir, 'postgres', 'postmaster.pid'), 'utf8')).split(
      '\n',
    )[3];
    const again = new pg.Client({
      connectionString: `postgres://postgres:${password}@127.0.0.1:${secondPort}/mobayilo`,
    });
    await again.connect();
    const rows = await again.query('select count(*)::int as n from housekeeping_runs');
    await again.end();
    expect(rows.rows[0].n).toBe(1);
    second.server.child.kill('SIGTERM');
    expect(await second.server.exited).toBe(0);
  });

  it('leaves no PostgreSQL behind when SIGTERM arrives while the database is starting', async () => {
    const dataDir = await tempDataDir();
    const { server } = await start(dataDir);
    const deadline = Date.now() + 20_000;
    while (postgresProcessesUnder(dataDir).length === 0 && server.child.exitCode === null) {
      if (Date.now() > deadline) throw new Error(`postgres never started:\n${server.output()}`);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(0);
    expect(postgresProcessesUnder(dataDir)).toEqual([]);
  });

  it('finishes the requests in flight when SIGTERM arrives under load, then stops PostgreSQL', async () => {
    const dataDir = await tempDataDir();
    const { server, base } = await start(dataDir);
    await server.waitForOutput(/Mobayilo is running at/);

    const outcomes: string[] = [];
    let stopped = false;
    const client = async () => {
      while (!stopped) {
        try {
          const response = await fetch(`${base}/readyz`);
          const body = (await response.json()) as { status?: string; error?: { code: string } };
          outcomes.push(
            response.status === 200 ? 'ready' : `${response.status} ${body.error?.code ?? body.status}`,
          );
        } catch {
          return; // the server stopped accepting: expected once shutdown begins
        }
      }
    };
    const load = Array.from({ length: 16 }, client);
    // Under load, however slow the machine: fifty answers in, sixteen requests on their way.
    const ready = () => outcomes.filter((outcome) => outcome === 'ready').length;
    await waitFor(async () => (ready() >= 50 ? true : undefined), 20_000);
    server.child.kill('SIGTERM');
    const code = await server.exited;
    if (code !== 0)
      console.log(
        'OUTPUT',
        server
          .output()
          .split('\n')
          .filter((l) => !l.includes('request'))
          .join('\n')
          .slice(-3000),
      );
    expect(code).toBe(0);
    stopped = true;
    await Promise.all(load);

    // Every answer is either a full answer or, for a request that arrived after shutdown began, a clean refusal.
    expect(new Set(outcomes.filter((outcome) => outcome !== 'ready'))).toEqual(
      new Set(outcomes.some((o) => o !== 'ready') ? ['503 service_unavailable'] : []),
    );
    expect(postgresProcessesUnder(dataDir)).toEqual([]);
  });
});
