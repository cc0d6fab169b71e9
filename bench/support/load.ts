import autocannon from 'autocannon';

export type LoadResult = {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  errors: number;
  non2xx: number;
};

/** Drives one endpoint with autocannon and returns throughput and latency. */
export async function load(options: autocannon.Options): Promise<LoadResult> {
  const result = await autocannon({ connections: 16, duration: 5, ...options });
  return {
    requestsPerSecond: result.requests.average,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    errors: result.errors + result.timeouts,
    non2xx: result.non2xx,
  };
}

/** A request as it goes out: method, path, its own headers (Host and Content-Length are added) and body. */
export type PreparedRequest = {
  method: 'POST';
  path: string;
  headers: Record<string, string>;
  body: string;
};

/** The HTTP/1.1 bytes of `request` to `host`, as autocannon would write them. */
function requestBytes(host: string, request: PreparedRequest): Buffer {
  const body = Buffer.from(request.body);
  const lines = [
    `${request.method} ${request.path} HTTP/1.1`,
    `Host: ${host}`,
    'Connection: keep-alive',
    ...Object.entries(request.headers).map(([name, value]) => `${name}: ${value}`),
    `Content-Length: ${body.length}`,
  ];
  return Buffer.concat([Buffer.from(`${lines.join('\r\n')}\r\n\r\n`), body]);
}

/** What autocannon keeps of each connection: the builder of its next request. */
type ConnectionRequests = { requestIterator: { requestBuilder: () => Buffer | null } };

/**
 * Loads `url`'s server with `requests`, each sent once, in order, whatever connection is free; `onSent`
 * learns each one's index as it goes out. They are turned into bytes before the clock starts, so that the
 * load generator (on the same cores as the server) only sends them, as it does a request that never changes.
 * autocannon builds a request that changes for every send, copying its two dozen options twice into new
 * objects: about 16 µs a request on a two-core machine, a quarter of the load generator's time at full load.
 * Each connection's builder here hands out the next bytes instead.
 */
export function loadPrepared(
  options: autocannon.Options & { url: string },
  requests: PreparedRequest[],
  onSent: (index: number) => void = () => {},
): Promise<LoadResult> {
  const host = new URL(options.url).host;
  const bytes = requests.map((request) => requestBytes(host, request));
  let next = 0;
  /** The index of the next request to send. */
  const take = () => {
    if (next >= requests.length)
      throw new Error(`more than the ${requests.length} requests prepared for ${options.url}`);
    onSent(next);
    return next++;
  };
  return load({
    ...options,
    // A connection's first request is built as autocannon opens it, before its builder can be replaced.
    requests: [{ setupRequest: (request) => Object.assign(request, requests[take()]) }],
    setupClient: (client) => {
      (client as unknown as ConnectionRequests).requestIterator.requestBuilder = () =>
        bytes[take()] as Buffer;
    },
  });
}

/** One figure per line, as `name: value unit`; a percentage to a tenth, so that a target's edge shows. */
export function report(name: string, value: number, unit: string) {
  const digits = unit === '%' ? 1 : value < 10 ? 2 : 0;
  const shown = Number.isInteger(value) ? String(value) : value.toFixed(digits);
  process.stdout.write(`${name}: ${shown} ${unit}\n`);
}

export function reportLoad(name: string, result: LoadResult) {
  report(`${name}.throughput`, result.requestsPerSecond, 'req/s');
  report(`${name}.p50`, result.p50Ms, 'ms');
  report(`${name}.p99`, result.p99Ms, 'ms');
  if (result.errors + result.non2xx > 0) report(`${name}.failed`, result.errors + result.non2xx, 'requests');
}
