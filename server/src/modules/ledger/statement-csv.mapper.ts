import type { Statement } from './wallet-views.service';

const dollars = (cents: number) => (cents / 100).toFixed(2);

/**
 * One CSV field. Quotes what needs quoting, and defuses text that a spreadsheet would run as a formula
 * (a leading = + - @ or control character), since descriptions and references are partly user-supplied.
 */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A wallet statement as CSV: the opening balance, every transfer of the period, the closing balance. */
export function statementCsv(statement: Statement, toDate: string): string {
  const lines = [
    ['Date', 'Kind', 'Description', 'Reference', 'Amount (USD)', 'Balance after (USD)'].join(','),
    [
      statement.from.toISOString().slice(0, 10),
      'opening_balance',
      'Opening balance',
      '',
      '',
      dollars(statement.openingBalanceCents),
    ].join(','),
    ...statement.rows.map((row) =>
      [
        row.createdAt.toISOString(),
        row.kind,
        field(row.description),
        field(row.reference ?? ''),
        dollars(row.amountCents),
        dollars(row.balanceAfterCents),
      ].join(','),
    ),
    [toDate, 'closing_balance', 'Closing balance', '', '', dollars(statement.closingBalanceCents)].join(','),
  ];
  return `${lines.join('\r\n')}\r\n`;
}
