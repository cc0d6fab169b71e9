import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';

/**
 * One Prometheus registry per application instance (no global registry), so that tests and several apps in
 * one process never share counters. Modules add their own series through `counter`, `gauge` and `histogram`.
 */
export function createMetrics(options: { collectProcessMetrics?: boolean } = {}) {
  const registry = new Registry();
  if (options.collectProcessMetrics) collectDefaultMetrics({ register: registry });

  function counter<L extends string>(name: string, help: string, labelNames: readonly L[] = []) {
    return new Counter<L>({ name, help, labelNames, registers: [registry] });
  }
  function gauge<L extends string>(name: string, help: string, labelNames: readonly L[] = []) {
    return new Gauge<L>({ name, help, labelNames, registers: [registry] });
  }
  function histogram<L extends string>(
    name: string,
    help: string,
    labelNames: readonly L[],
    buckets: number[],
  ) {
    return new Histogram<L>({ name, help, labelNames, buckets, registers: [registry] });
  }

  return {
    registry,
    counter,
    gauge,
    histogram,
    httpRequests: counter('http_requests_total', 'HTTP requests answered', ['method', 'route', 'status']),
    httpDuration: histogram(
      'http_request_duration_seconds',
      'HTTP request latency',
      ['method', 'route'],
      [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    ),
    jobsProcessed: counter('jobs_processed_total', 'Background jobs processed', ['queue', 'result']),
    jobDuration: histogram(
      'job_duration_seconds',
      'Background job run time',
      ['queue'],
      [0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    ),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
