import { describe, expect, it } from 'vitest';
import { statementCsv } from './statement-csv.mapper';

describe('statementCsv', () => {
  const base = {
    accountId: 'a',
    from: new Date('2026-11-01T00:00:00Z'),
    to: new Date('2026-12-01T00:00:00Z'),
    openingBalanceCents: 500,
    closingBalanceCents: 1234,
  };

  it('writes the opening balance, each transfer in dollars, and the closing balance', () => {
    const csv = statementCsv(
      {
        ...base,
        rows: [
          {
            id: 't1',
            kind: 'topup',
            description: 'Top-up',
            amountCents: 1000,
            balanceAfterCents: 1500,
            reference: 'pi_123',
            createdAt: new Date('2026-11-03T10:00:00Z'),
          },
          {
            id: 't2',
            kind: 'call',
            description: 'Call to +44 7700 900123',
            amountCents: -266,
            balanceAfterCents: 1234,
            reference: 'CA1',
            createdAt: new Date('2026-11-04T10:00:00Z'),
          },
        ],
      },
      '2026-11-30',
    );
    expect(csv.split('\r\n')).toEqual([
      'Date,Kind,Description,Reference,Amount (USD),Balance after (USD)',
      '2026-11-01,opening_balance,Opening balance,,,5.00',
      '2026-11-03T10:00:00.000Z,topup,Top-up,pi_123,10.00,15.00',
      '2026-11-04T10:00:00.000Z,call,Call to +44 7700 900123,CA1,-2.66,12.34',
      '2026-11-30,closing_balance,Closing balance,,,12.34',
      '',
    ]);
  });

  it('quotes commas and quotes, and defuses spreadsheet formulas', () => {
    const csv = statementCsv(
      {
        ...base,
        rows: [
          {
            id: 't',
            kind: 'adjustment',
            description: '=HYPERLINK("http://x","click"), goodwill',
            amountCents: 100,
            balanceAfterCents: 600,
            reference: null,
            createdAt: new Date('2026-11-02T00:00:00Z'),
          },
        ],
      },
      '2026-11-30',
    );
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""click""), goodwill"`);
  });
});
