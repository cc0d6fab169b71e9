import { describe, expect, it } from 'vitest';
import { parseCsv, readCsvRates } from './csv-rates.domain';

describe('parseCsv', () => {
  it('reads quoted fields with commas, quotes and line breaks, and counts lines', () => {
    const text = '\ufeffa,"b, c","say ""hi"""\r\n\r\n1,"two\nlines",3\n4,5,6';
    expect(parseCsv(text)).toEqual([
      { line: 1, cells: ['a', 'b, c', 'say "hi"'] },
      { line: 3, cells: ['1', 'two\nlines', '3'] },
      { line: 5, cells: ['4', '5', '6'] },
    ]);
  });
});

describe('readCsvRates', () => {
  it('reads a file without a header in the documented column order, for both plans', () => {
    const { inputs, errors, rows } = readCsvRates('447,gb,Mobile,0.05,0.04\n');
    expect(errors).toEqual([]);
    expect(rows).toBe(1);
    expect(inputs).toEqual([
      {
        prefix: '447',
        country: 'GB',
        destination: 'United Kingdom — Mobile',
        type: 'mobile',
        plan: 'individual',
        priceMicros: 50_000,
        costMicros: null,
      },
      {
        prefix: '447',
        country: 'GB',
        destination: 'United Kingdom — Mobile',
        type: 'mobile',
        plan: 'company',
        priceMicros: 40_000,
        costMicros: null,
      },
    ]);
  });

  it('follows the header’s column order and takes an optional type', () => {
    const csv =
      'Country,Prefix,Company Rate,Individual Rate,Destination,Type\nDE,4930,0.01,0.02,Berlin,landline\n';
    const { inputs, errors } = readCsvRates(csv);
    expect(errors).toEqual([]);
    expect(inputs[0]).toMatchObject({
      prefix: '4930',
      plan: 'individual',
      priceMicros: 20_000,
      destination: 'Germany — Berlin',
    });
    expect(inputs[1]).toMatchObject({ plan: 'company', priceMicros: 10_000 });
  });

  it('accepts a leading + on the prefix', () => {
    expect(readCsvRates('+447,GB,Mobile,0.05,0.04').inputs[0]?.prefix).toBe('447');
  });

  it('reports a header without the required columns', () => {
    expect(readCsvRates('prefix,country\n44,GB').errors).toEqual([
      { row: 1, message: 'The header has no destination, individual, company column' },
    ]);
  });

  it('reports an empty file', () => {
    expect(readCsvRates('\n\n').errors).toEqual([{ row: 'file', message: 'The file has no rows' }]);
  });

  it('reports an unknown type and a price in cents', () => {
    const { errors } = readCsvRates('44,GB,Landline,2.5,0.01,fixed\n447,GB,Mobile,25,0.01');
    expect(errors).toEqual([
      { row: 1, field: 'type', message: 'type must be one of landline, mobile, any, special' },
      {
        row: 2,
        field: 'individual',
        message: '25 dollars a minute is more than any destination costs; is it in cents?',
      },
    ]);
  });
});
