import { readFileSync } from 'node:fs';
import { sql } from 'drizzle-orm';
import { createDatabase } from '../server/src/db/client';
import { callSetupRepository, type PlacementLimits } from '../server/src/modules/calls/call-setup.repository';
import { createLogger } from '../server/src/platform/logger';
import { placementFor } from '../server/test/support/calls';
import { report } from './support/load';
import { startProduct } from './support/product';
import { fundedCallers } from './support/session';

// What the database spends on a batch of call placements (`calls_place`, the voice webhook's second round
// trip: the accounts' locks, the limits, the holds, the call rows, one commit), run through the product's
// repository with batches of 1 to 64 calls, one batch at a time on one connection. The database server
// process's CPU time (from /proc) per call, against the batch size, separates what a batch costs however
// small from what each call adds to it: the reason the voice webhook shares a batch among the setups that
// arrive together, and the figure to lower for more call setups a second.
const ADMIN = { email: 'bench-admin@mobayilo.test', password: 'correct horse battery staple' };
const CALLERS = 20;
const CALLS_PER_SIZE = 2_000;
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

  let next = 0;
  async function placeBatch(size: number) {
    const batch = Array.from({ length: size }, () => placementFor(seats[next++ % seats.length] as Seat, 4));
    const placed = await callSetupRepository.place(database.db, batch, roomy);
    const refused = placed.find((outcome) => outcome.outcome !== 'created');
    if (refused) throw new Error(`a placement was refused: ${refused.outcome}`);
  }

  // Prepares the statements on the connection and warms the caches.
  for (let n = 0; n < 50; n += 1) await placeBatch(4);
  for (const size of SIZES) {
    const batches = Math.ceil(CALLS_PER_SIZE / size);
    const cpuBefore = databaseCpuSeconds(backend.pid);
    const started = performance.now();
    for (let n = 0; n < batches; n += 1) await placeBatch(size);
    const seconds = (performance.now() - started) / 1000;
    const cpu = databaseCpuSeconds(backend.pid) - cpuBefore;
    const calls = batches * size;
    report(`call_placement.batch_of_${size}.database_cpu_per_call`, (cpu * 1e6) / calls, 'µs');
    report(`call_placement.batch_of_${size}.time_per_batch`, (seconds * 1000) / batches, 'ms');
    report(`call_placement.batch_of_${size}.calls`, calls / seconds, 'calls/s');
  }
} finally {
  await database.close();
  await product.stop();
}
