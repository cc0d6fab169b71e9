import type { Metrics } from '../../platform/metrics.adapter';

export function createCallMetrics(metrics: Metrics) {
  return {
    started: metrics.counter('calls_started_total', 'Calls the voice webhook let through and dialed'),
    refused: metrics.counter('calls_refused_total', 'Calls the voice webhook refused, by reason', ['reason']),
    completed: metrics.counter('calls_completed_total', 'Calls that ended after the called party answered'),
    failed: metrics.counter('calls_failed_total', 'Calls that ended unanswered, by final status', ['status']),
    writtenOffCents: metrics.counter(
      'calls_written_off_cents_total',
      'Call charges beyond their hold, written off instead of charged',
    ),
    webhookDuration: metrics.histogram(
      'telephony_webhook_duration_seconds',
      'Time to answer the telephony provider’s webhooks',
      ['webhook'],
      [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 5],
    ),
    webhookRejected: metrics.counter(
      'telephony_webhook_rejected_total',
      'Webhooks refused for a missing or wrong signature',
      ['webhook'],
    ),
  };
}

export type CallMetrics = ReturnType<typeof createCallMetrics>;
