import { countryInfo } from '../../platform/phone';
import { type DestinationType, destinationTypes, ratePlans } from './deck.domain';
import { destinationLabel, destinationTypeFromLabel, parseDollarsToMicros } from './price.domain';
import {
  checkDestination,
  checkPrice,
  findRepeats,
  type RateInput,
  type RowError,
} from './rate-input.domain';

export const MAX_CSV_ROWS = 100_000;

/** RFC 4180 records: quoted fields may hold commas, quotes ("") and line breaks. Lines are counted from 1. */
export function parseCsv(text: string): { line: number; cells: string[] }[] {
  const records: { line: number; cells: string[] }[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const source = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const endRecord = () => {
    cells.push(cell);
    if (cells.length > 1 || cells[0]?.trim()) records.push({ line: recordLine, cells });
    cells = [];
    cell = '';
  };
  for (let i = 0; i < source.length; i += 1) {
    const char = source[i];
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        if (char === '\n') line += 1;
        cell += char;
      }
    } else if (char === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (char === ',') {
      cells.push(cell);
      cell = '';
    } else if (char === '\n' || char === '\r') {
      if (char === '\r' && source[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      cell += char;
    }
  }
  if (cell !== '' || cells.length > 0) endRecord();
  return records;
}

type Column = 'prefix' | 'country' | 'destination' | 'individual' | 'company' | 'type';
const positional: Column[] = ['prefix', 'country', 'destination', 'individual', 'company', 'type'];
const headerNames: Record<string, Column> = {
  prefix: 'prefix',
  country: 'country',
  iso: 'country',
  destination: 'destination',
  label: 'destination',
  individual: 'individual',
  individualrate: 'individual',
  company: 'company',
  companyrate: 'company',
  type: 'type',
};

/** The column order, from a header row when the file has one ("prefix,country,…"), else the documented order. */
function columnsOf(first: string[]): { columns: Column[]; hasHeader: boolean } {
  const names = first.map((cell) => headerNames[cell.toLowerCase().replace(/[^a-z]/g, '')]);
  if (names.every((name): name is Column => name !== undefined) && names.includes('prefix')) {
    return { columns: names, hasHeader: true };
  }
  return { columns: positional, hasHeader: false };
}

function readRow(cells: string[], columns: Column[]) {
  const value = (column: Column) => (cells[columns.indexOf(column)] ?? '').trim();
  return {
    prefix: value('prefix').replace(/^\+/, ''),
    country: value('country').toUpperCase(),
    destination: value('destination'),
    individual: value('individual'),
    company: value('company'),
    type: value('type').toLowerCase(),
  };
}

export type CsvRates = { inputs: RateInput[]; errors: RowError[]; rows: number };

/**
 * Reads an admin's rate deck: prefix, country, destination, individual rate, company rate (dollars per
 * minute), and optionally type; with or without a header row. Every bad row is reported with its line.
 */
export function readCsvRates(text: string): CsvRates {
  const records = parseCsv(text);
  const first = records[0];
  if (!first) return { inputs: [], errors: [{ row: 'file', message: 'The file has no rows' }], rows: 0 };
  const { columns, hasHeader } = columnsOf(first.cells);
  const missing = (['prefix', 'country', 'destination', 'individual', 'company'] as const).filter(
    (column) => !columns.includes(column),
  );
  if (missing.length > 0) {
    return {
      inputs: [],
      errors: [{ row: 1, message: `The header has no ${missing.join(', ')} column` }],
      rows: 0,
    };
  }
  const dataRows = hasHeader ? records.slice(1) : records;
  if (dataRows.length > MAX_CSV_ROWS) {
    return {
      inputs: [],
      errors: [{ row: 'file', message: `At most ${MAX_CSV_ROWS} rows per import` }],
      rows: 0,
    };
  }

  const errors: RowError[] = [];
  const rows: { row: number; inputs: RateInput[] }[] = [];
  for (const { line, cells } of dataRows) {
    const raw = readRow(cells, columns);
    const individual = parseDollarsToMicros(raw.individual);
    const company = parseDollarsToMicros(raw.company);
    const problems = [
      ...checkDestination(raw.prefix, raw.country),
      ...(raw.destination && raw.destination.length <= 100
        ? []
        : [{ field: 'destination', message: 'a destination name of 1 to 100 characters is needed' }]),
      ...checkPrice('individual', individual, raw.individual),
      ...checkPrice('company', company, raw.company),
      ...(raw.type && !(destinationTypes as readonly string[]).includes(raw.type)
        ? [{ field: 'type', message: `type must be one of ${destinationTypes.join(', ')}` }]
        : []),
    ];
    const country = countryInfo(raw.country);
    if (problems.length > 0 || !country || individual === null || company === null) {
      errors.push(...problems.map((problem) => ({ row: line, ...problem })));
      continue;
    }
    const destination = destinationLabel(country.name, raw.destination);
    const type = (raw.type || destinationTypeFromLabel(destination)) as DestinationType;
    rows.push({
      row: line,
      inputs: ratePlans.map((plan) => ({
        prefix: raw.prefix,
        country: country.iso,
        destination,
        type,
        plan,
        priceMicros: plan === 'company' ? company : individual,
        costMicros: null,
      })),
    });
  }
  errors.push(...findRepeats(rows));
  return { inputs: rows.flatMap((row) => row.inputs), errors, rows: dataRows.length };
}
