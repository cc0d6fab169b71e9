import { z } from 'zod';

export const ratePlanSchema = z.enum(['individual', 'company']);
export type RatePlan = z.infer<typeof ratePlanSchema>;

export const destinationTypeSchema = z.enum(['landline', 'mobile', 'any', 'special']);
export type DestinationType = z.infer<typeof destinationTypeSchema>;

/** Micro-dollars per minute; null when the plan has no price there and unlisted destinations are refused. */
const micros = z.number().int().nonnegative().nullable();

export const rateCountrySchema = z.object({
  iso: z.string().length(2),
  name: z.string(),
  dialingCode: z.string(),
  flag: z.string(),
  fromIndividualMicros: micros,
  fromCompanyMicros: micros,
});
export type RateCountry = z.infer<typeof rateCountrySchema>;

export const rateCountriesResponseSchema = z.object({ items: z.array(rateCountrySchema) });
export type RateCountriesResponse = z.infer<typeof rateCountriesResponseSchema>;

export const rateDestinationSchema = z.object({
  prefix: z.string(),
  label: z.string(),
  type: destinationTypeSchema,
  individualMicros: micros,
  companyMicros: micros,
});
export type RateDestination = z.infer<typeof rateDestinationSchema>;

export const countryRatesResponseSchema = z.object({
  iso: z.string().length(2),
  name: z.string(),
  dialingCode: z.string(),
  destinations: z.array(rateDestinationSchema),
});
export type CountryRatesResponse = z.infer<typeof countryRatesResponseSchema>;

export const countryRatesParamsSchema = z.object({
  iso: z
    .string()
    .regex(/^[A-Za-z]{2}$/, { error: 'Choose a country from the list.' })
    .transform((iso) => iso.toUpperCase()),
});

export const rateChangeSchema = z.object({
  prefix: z.string(),
  plan: ratePlanSchema,
  country: z.string(),
  destination: z.string(),
  beforeMicros: z.number().int().nullable(),
  afterMicros: z.number().int(),
});

export const rateRowErrorSchema = z.object({
  row: z.union([z.number(), z.string()]),
  field: z.string().optional(),
  message: z.string(),
});

/** What an import did (or, for a preview, would do). */
export const rateImportSummarySchema = z.object({
  added: z.number().int(),
  changed: z.number().int(),
  unchanged: z.number().int(),
  changes: z.array(rateChangeSchema),
  errors: z.array(rateRowErrorSchema),
  effectiveFrom: z.string(),
});
export type RateImportSummary = z.infer<typeof rateImportSummarySchema>;

/** Up to 10 MB of CSV: a whole carrier deck. */
export const rateCsvBodySchema = z.object({
  csv: z
    .string()
    .min(1, { error: 'The file is empty' })
    .max(10_000_000, { error: 'The file is larger than 10 MB' }),
});

export const providerSyncBodySchema = z.object({
  countries: z
    .array(
      z
        .string()
        .regex(/^[A-Za-z]{2}$/)
        .transform((iso) => iso.toUpperCase()),
    )
    .min(1)
    .max(300)
    .optional(),
});
