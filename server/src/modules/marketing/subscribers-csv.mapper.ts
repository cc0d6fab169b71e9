import type { SubscriberView } from './marketing.service';

/**
 * One CSV field. Quotes what needs quoting, and defuses text a spreadsheet would run as a formula (a leading
 * = + - @ or control character): addresses and sources come from the public.
 */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

export const subscribersCsvHeader = 'id,email,status,source,createdAt,invitedAt,joinedAt\r\n';

export function subscribersCsvLines(rows: readonly SubscriberView[]): string {
  return rows
    .map(
      (row) =>
        `${[
          row.id,
          field(row.email),
          row.status,
          field(row.source),
          row.createdAt,
          row.invitedAt ?? '',
          row.joinedAt ?? '',
        ].join(',')}\r\n`,
    )
    .join('');
}
