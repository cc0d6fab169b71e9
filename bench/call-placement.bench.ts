import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { createDatabase } from '../server/src/db/client.adapter';
import { utcDay } from '../server/src/modules/calls/call-assessment.service';
import { callSetupRepository, type PlacementLimits } from '../server/src/modules/calls/call-setup.repository';
import { createLogger } from '../server/src/platform/logger.adapter';
import { placementFor } from '../server/test/support/calls';
import { report } from './support/load';
import { startProduct } from './support/product';
import { fundedCallers } from './support/session';

// What the database spends on the voice webhook's two round trips, run through the product's repository with
// batches of 1 to 64, one batch at a time on one connection: the callers' snapshots (`calls_caller_snapshots`:
// seat, account, credit, usage), then the placements (`calls_place`: the accounts' locks, the limits, the
// holds, the call rows, one commit). The database server process's CPU time (from /proc) per item, against the
// batch size, separates what a batch costs however small from what each item adds to it: the reason the voice
// webhook shares a batch among the setups that arrive together, and the figure to lower for more call setups
// a second.
const ADMIN = { email: 'bench-admin@mobayilo.test', password: 'correct horse battery staple' };
const CALLERS = 20;
const CALLS_PER_SIZE = 2_000;
const SNAPSHOTS_PER_SIZE = 4_000;
const SIZES = [1, 4, 16, 64];
/** Linux's clock ticks per second, the unit of CPU times in /proc/<pid>/stat. */
const TICKS_PER_SECOND = 100;

const product = await startProduct({ ADMIN_EMAILS: ADMIN.email });
const database = createDatabase({
  url: await product.databaseUrl(),
  maxConnections: 1,
  logger: createLogger({ log: { level: 'warn' } }),
});
const roomy: PlacementLimits = {
  maxConcurrent: { account: 10_000, seat: 10_000 },
  dailyCapCents: { account: 1_000_000_000, seat: 1_000_000_000 },
};

/** CPU seconds the database server process behind the bench's one connection has used. */
function databaseCpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  return (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND;
}

type Seat = { membershipId: string; userId: string; accountId: string };

try {
  await fundedCallers(product.baseUrl, ADMIN, {
    count: CALLERS,
    cents: 1_000_000,
    emailPrefix: 'bench-placement',
  });
  const seats = (
    await database.db.execute<{ membership_id: string; user_id: string; account_id: string }>(sql`
      select m.id as membership_id, m.user_id, m.account_id
        from memberships m join users u on u.id = m.user_id
       where u.email like 'bench-placement-%'`)
  ).rows.map((row) => ({ membershipId: row.membership_id, userId: row.user_id, accountId: row.account_id }));
  const [backend] = (await database.db.execute<{ pid: number }>(sql`select pg_backend_pid() as pid`)).rows;
  if (!backend || seats.length !== CALLERS) throw new Error('the callers were not set up');
  const backendPid = backend.pid;

  let nextSnapshot = 0;
  async function snapshotBatch(size: number) {
    const day = utcDay(new Date());
    const batch = Array.from({ length: size }, () => ({
      membershipId: (seats[nextSnapshot++ % seats.length] as Seat).membershipId,
      day,
    }));
    const snapshots = await callSetupRepository.snapshots(database.db, batch);
    if (snapshots.some((snapshot) => snapshot === null)) throw new Error('a caller was not found');
  }

  let next = 0;
  async function placeBatch(size: number) {
    const batch = Array.from({ length: size }, () => placementFor(seats[next++ % seats.length] as Seat, 4));
    const placed = await callSetupRepository.place(database.db, batch, roomy);
    const refused = placed.find((outcome) => outcome.outcome !== 'created');
    if (refused) throw new Error(`a placement was refused: ${refused.outcome}`);
  }

  /** Runs batches of each size, `perSize` items in all, and reports the database's CPU and time for them. */
  async function measure(name: string, unit: string, run: (size: number) => Promise<void>, perSize: number) {
    for (const size of SIZES) {
      const batches = Math.ceil(perSize / size);
      const cpuBefore = databaseCpuSeconds(backendPid);
      const started = performance.now();
      for (let n = 0; n < batches; n += 1) await run(size);
      const seconds = (performance.now() - started) / 1000;
      const cpu = databaseCpuSeconds(backendPid) - cpuBefore;
      const items = batches * size;
      report(`${name}.batch_of_${size}.database_cpu_per_${unit}`, (cpu * 1e6) / items, 'µs');
      report(`${name}.batch_of_${size}.time_per_batch`, (seconds * 1000) / batches, 'ms');
      report(`${name}.batch_of_${size}.${unit}s`, items / seconds, `${unit}s/s`);
    }
  }

  // Prepares the statements on the connection and warms the caches.
  for (let n = 0; n < 50; n += 1) {
    await snapshotBatch(4);
    await placeBatch(4);
  }
  await measure('caller_snapshot', 'caller', snapshotBatch, SNAPSHOTS_PER_SIZE);
  await measure('call_placement', 'call', placeBatch, CALLS_PER_SIZE);
} finally {
  await database.close();
  await product.stop();
}
