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
    .regex(/^[A-Za-z]{2}$/, { error: 'expected a two-letter ISO country code such as GB' })
    .transform((iso) => iso.toUpperCase()),
});
