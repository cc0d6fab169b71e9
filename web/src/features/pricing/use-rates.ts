import type { CountryRatesResponse, RateCountriesResponse } from '@mobayilo/contract';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../shared/api/client';

/** Every country with prices; public, so it works signed out. */
export function useRateCountries() {
  return useQuery({
    queryKey: ['rates'],
    queryFn: ({ signal }) => apiRequest<RateCountriesResponse>('/api/rates', { signal }),
    staleTime: 5 * 60_000,
  });
}

export function useCountryRates(iso: string | null) {
  return useQuery({
    queryKey: ['rates', iso],
    queryFn: ({ signal }) => apiRequest<CountryRatesResponse>(`/api/rates/${iso}`, { signal }),
    enabled: iso !== null,
    staleTime: 5 * 60_000,
  });
}
