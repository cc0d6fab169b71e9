import { describe, expect, it } from 'vitest';
import { subscribersCsvHeader, subscribersCsvLines } from './subscribers-csv.mapper';

const row = {
  id: '0b0f6f4e-8a43-4c36-9d3e-1f6c9d2d7a11',
  email: 'ann@example.com',
  status: 'invited' as const,
  source: 'homepage',
  createdAt: '2026-12-01T10:00:00.000Z',
  invitedAt: '2026-12-02T10:00:00.000Z',
  joinedAt: null,
};

describe('the subscribers CSV', () => {
  it('writes one line per subscriber under the header, with empty cells for missing times', () => {
    expect(subscribersCsvHeader + subscribersCsvLines([row])).toBe(
      'id,email,status,source,createdAt,invitedAt,joinedAt\r\n' +
        '0b0f6f4e-8a43-4c36-9d3e-1f6c9d2d7a11,ann@example.com,invited,homepage,2026-12-01T10:00:00.000Z,2026-12-02T10:00:00.000Z,\r\n',
    );
  });

  it('defuses what a spreadsheet would run as a formula, and quotes commas and quotes', () => {
    const line = subscribersCsvLines([{ ...row, email: '=cmd@example.com', source: 'a,"b"' }]);
    expect(line.split(',')[1]).toBe("'=cmd@example.com");
    expect(line).toContain(',"a,""b""",');
  });
});
