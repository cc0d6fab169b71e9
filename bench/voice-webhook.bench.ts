import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { signWebhook } from '../server/src/providers/telephony/twilio/twilio-signature';
import { startServerProcess } from '../server/test/support/server-process';
import { type LoadResult, load, report, reportLoad } from './support/load';
import { startProduct } from './support/product';

// The voice webhook is on the path of every call setup: signature, caller, rate, wallet, caps, hold, insert,
// TwiML. Measured against /healthz in the same run (the ceiling of the HTTP stack): its throughput at full
// load and its latency at a steady 200 requests/s. Then the status callbacks: how fast they are stored (the
// product runs without workers, so nothing is processed yet), and how fast one worker process applies them.
const SECRET = 'bench-sandbox-secret-0123456789abcdef';
const ADMIN = { email: 'bench-admin@mobayilo.test', password: 'correct horse battery staple' };
const CALLERS = 20;

const product = await startProduct({
  SANDBOX_SECRET: SECRET,
  ADMIN_EMAILS: ADMIN.email,
  RUN_WORKERS: 'false',
  CALL_MAX_CONCURRENT_PER_ACCOUNT: '10000',
  CALL_MAX_CONCURRENT_PER_SEAT: '10000',
  CALL_DAILY_CAP_ACCOUNT_CENTS: '1000000000',
  CALL_DAILY_CAP_SEAT_CENTS: '1000000000',
});
const base = product.baseUrl;

/** A browser session against the product: cookies and the CSRF token. */
async function session(credentials: { email: string; password: string }, signUp: boolean) {
  const cookies = new Map<string, string>();
  async function call<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${base}${path}`, {
      method,
      headers: {
        cookie: [...cookies].map(([name, value]) => `${name}=${value}`).join('; '),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        ...(cookies.has('csrf') ? { 'x-csrf-token': cookies.get('csrf') ?? '' } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    for (const line of response.headers.getSetCookie()) {
      const [pair = ''] = line.split(';');
      const [name = '', value = ''] = pair.split('=');
      cookies.set(name, value);
    }
    if (!response.ok)
      throw new Error(`${method} ${path} answered ${response.status}: ${await response.text()}`);
    return (await response.json()) as T;
  }
  await call('GET', '/api/auth/csrf');
  type Me = { account: { id: string } };
  const me = signUp
    ? await call<Me>('POST', '/api/auth/signup', { ...credentials, accountType: 'individual' })
    : await call<Me>('POST', '/api/auth/signin', credentials);
  return { me, call };
}

function formBody(params: Record<string, string>) {
  return new URLSearchParams(params).toString();
}

/** A request as autocannon sends it, signed as the sandbox (Twilio) signs it. */
type Signed = { method: 'POST'; path: string; headers: Record<string, string>; body: string };

function signed(path: string, params: Record<string, string>): Signed {
  return {
    method: 'POST',
    path,
    headers: {
      'content-type': 'application/x-www-form-urlencoded',
      'x-twilio-signature': signWebhook(SECRET, `${base}${path}`, params),
    },
    body: formBody(params),
  };
}

/**
 * Loads `path` with requests signed before the clock starts, so that the load generator (on the same two
 * cores) spends its time sending, not computing signatures; `onSent` learns each request as it goes out.
 */
function presignedLoad(
  path: string,
  requests: Signed[],
  options: { duration?: number; amount?: number; overallRate?: number },
  onSent: (index: number) => void = () => {},
): Promise<LoadResult> {
  let next = 0;
  return load({
    url: `${base}${path}`,
    ...options,
    requests: [
      {
        setupRequest: (request) => {
          const index = next++;
          const ready = requests[index];
          if (!ready) throw new Error(`more than the ${requests.length} requests signed for ${path}`);
          onSent(index);
          return Object.assign(request, ready);
        },
      },
    ],
  });
}

const newSid = () => `CA${randomBytes(16).toString('hex')}`;
const placed: string[] = [];
/** More than the voice webhook can take in the longest phase. */
const VOICE_REQUESTS_PER_PHASE = 40_000;

function voiceLoad(options: { duration: number; overallRate?: number }): Promise<LoadResult> {
  const sids = Array.from({ length: VOICE_REQUESTS_PER_PHASE }, newSid);
  const requests = sids.map((callSid, n) =>
    signed('/api/webhooks/twilio/voice', {
      AccountSid: `AC${'0'.repeat(32)}`,
      CallSid: callSid,
      CallStatus: 'ringing',
      Direction: 'inbound',
      From: `client:${identities[n % identities.length] ?? ''}`,
      To: '+12025550100',
    }),
  );
  return presignedLoad('/api/webhooks/twilio/voice', requests, options, (index) => {
    placed.push(sids[index] ?? '');
  });
}

let identities: string[] = [];
let worker: ReturnType<typeof startServerProcess> | undefined;
const pool = new pg.Pool({ connectionString: await product.databaseUrl(), max: 2 });
try {
  const admin = await session(ADMIN, true);
  identities = await Promise.all(
    Array.from({ length: CALLERS }, async (_, n) => {
      const caller = await session(
        { email: `bench-caller-${n}@example.com`, password: ADMIN.password },
        true,
      );
      await admin.call('POST', `/api/admin/accounts/${caller.me.account.id}/adjustments`, {
        amountCents: 1_000_000,
        reason: 'Benchmark credit',
        idempotencyKey: `bench-credit-${n}`,
      });
      return (await caller.call<{ identity: string }>('GET', '/api/calls/token')).identity;
    }),
  );

  // Warm-up, then each at full load, then the voice webhook at a steady 200 requests/s.
  await load({ url: `${base}/healthz`, duration: 1 });
  await voiceLoad({ duration: 1 });
  const healthz = await load({ url: `${base}/healthz` });
  const voice = await voiceLoad({ duration: 5 });
  const steady = await voiceLoad({ duration: 5, overallRate: 200 });
  reportLoad('healthz', healthz);
  reportLoad('voice_webhook.max', voice);
  report('voice_webhook.ratio_to_healthz', (100 * voice.requestsPerSecond) / healthz.requestsPerSecond, '%');
  reportLoad('voice_webhook.at_200_rps', steady);

  // Every call placed ends: one signed "completed" callback each, stored and queued, not yet processed.
  const callbacks = placed.map((parentSid) =>
    signed('/api/webhooks/twilio/status', {
      AccountSid: `AC${'0'.repeat(32)}`,
      CallSid: newSid(),
      ParentCallSid: parentSid,
      CallStatus: 'completed',
      CallDuration: '61',
      SequenceNumber: '3',
    }),
  );
  const ingestion = await presignedLoad('/api/webhooks/twilio/status', callbacks, {
    amount: callbacks.length,
  });
  reportLoad('status_callback.ingestion', ingestion);
  const pending = async () =>
    Number(
      (await pool.query(`select count(*) as n from provider_events where status = 'pending'`)).rows[0].n,
    );
  const stored = await pending();
  report('status_callback.stored', stored, 'events');

  // One worker process applies them: each settles its call with a capture from the hold.
  const started = performance.now();
  worker = startServerProcess(
    { DATABASE_URL: await product.databaseUrl(), JOB_POLL_SECONDS: '0.5', LOG_LEVEL: 'info' },
    'server/src/worker.ts',
  );
  await worker.waitForOutput(/worker started/, 60_000);
  const workerReady = performance.now();
  while ((await pending()) > 0) await new Promise((resolve) => setTimeout(resolve, 200));
  const seconds = (performance.now() - workerReady) / 1000;
  report('status_callback.processing', stored / seconds, 'events/s');
  report('status_callback.worker_start', (workerReady - started) / 1000, 's');
  const settled = await pool.query(
    `select count(*) as n from calls where settled_at is not null and cost_cents = 4`,
  );
  report('status_callback.calls_settled', Number(settled.rows[0].n), 'calls');
} finally {
  await pool.end();
  if (worker) {
    worker.child.kill('SIGTERM');
    await worker.exited;
  }
  await product.stop();
}
