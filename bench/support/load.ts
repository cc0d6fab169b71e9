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
