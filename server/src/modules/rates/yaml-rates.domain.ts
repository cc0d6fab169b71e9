import { parse } from 'yaml';
import { z } from 'zod';
import { countryInfo } from '../../platform/phone';
import { destinationTypes, ratePlans } from './deck.domain';
import { destinationLabel, destinationTypeFromLabel, parseDollarsToMicros } from './price.domain';
import {
  checkDestination,
  checkPrice,
  findRepeats,
  type RateInput,
  type RowError,
} from './rate-input.domain';

// Read with YAML's failsafe schema: every scalar stays text, so prices are parsed exactly, never as floats,
// and prefixes keep their digits.
const destinationSchema = z
  .object({
    prefix: z.string().optional(),
    prefixes: z.array(z.string()).optional(),
    label: z.string().min(1).max(80),
    type: z.enum(destinationTypes).optional(),
    individual: z.string(),
    company: z.string(),
  })
  .strict()
  .refine((d) => (d.prefix === undefined) !== (d.prefixes === undefined), {
    message: 'give either prefix or prefixes',
  });

const fileSchema = z.object({
  currency: z.literal('USD', { error: 'only USD prices are supported' }),
  countries: z.record(z.string(), z.array(destinationSchema)),
});

export type YamlRates = { inputs: RateInput[]; errors: RowError[]; countries: number };

/** Reads the YAML rate deck (server/config/call_rates.yml) into prices per prefix and plan, with any errors. */
export function readYamlRates(text: string): YamlRates {
  let document: unknown;
  try {
    document = parse(text, { schema: 'failsafe' });
  } catch (error) {
    return { inputs: [], errors: [{ row: 'file', message: (error as Error).message }], countries: 0 };
  }
  const parsed = fileSchema.safeParse(document);
  if (!parsed.success) {
    const errors = parsed.error.issues.map((issue) => ({
      row: issue.path.slice(0, 3).join('.') || 'file',
      message: issue.message,
    }));
    return { inputs: [], errors, countries: 0 };
  }

  const errors: RowError[] = [];
  const rows: { row: string; inputs: RateInput[] }[] = [];
  for (const [iso, destinations] of Object.entries(parsed.data.countries)) {
    const country = countryInfo(iso);
    destinations.forEach((destination, index) => {
      const row = `${iso}[${index + 1}]`;
      const individual = parseDollarsToMicros(destination.individual);
      const company = parseDollarsToMicros(destination.company);
      const prefixes = destination.prefixes ?? [destination.prefix ?? ''];
      const problems = [
        ...prefixes.flatMap((prefix) => checkDestination(prefix, iso)),
        ...checkPrice('individual', individual, destination.individual),
        ...checkPrice('company', company, destination.company),
      ];
      if (problems.length > 0 || !country || individual === null || company === null) {
        errors.push(...problems.map((problem) => ({ row, ...problem })));
        return;
      }
      const label = destinationLabel(country.name, destination.label);
      const type = destination.type ?? destinationTypeFromLabel(label);
      const base = { country: country.iso, destination: label, type, costMicros: null };
      const inputs = prefixes.flatMap((prefix) =>
        ratePlans.map((plan) => ({
          ...base,
          prefix,
          plan,
          priceMicros: plan === 'company' ? company : individual,
        })),
      );
      rows.push({ row, inputs });
    });
  }
  errors.push(...findRepeats(rows));
  return {
    inputs: rows.flatMap((row) => row.inputs),
    errors,
    countries: Object.keys(parsed.data.countries).length,
  };
}
