import {
  countryRatesParamsSchema,
  countryRatesResponseSchema,
  errorResponseSchema,
  rateCountriesResponseSchema,
} from '@mobayilo/contract';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { App } from '../../platform/http/http.types';
import type { RatesService } from './rates.service';

// Prices change rarely and every answer carries an ETag: caches keep it a minute, then revalidate cheaply.
const CACHE_CONTROL = 'public, max-age=60, stale-while-revalidate=300';

/** True when the client's If-None-Match names this entity tag (weak or strong, or *). */
function isFresh(request: FastifyRequest, etag: string): boolean {
  const header = request.headers['if-none-match'];
  if (!header) return false;
  return header
    .split(',')
    .map((candidate) => candidate.trim().replace(/^W\//, ''))
    .some((candidate) => candidate === etag || candidate === '*');
}

function sendTagged<T>(request: FastifyRequest, reply: FastifyReply, tagged: { body: T; etag: string }) {
  reply.header('etag', tagged.etag).header('cache-control', CACHE_CONTROL);
  if (isFresh(request, tagged.etag)) return reply.status(304).send();
  return reply.send(tagged.body);
}

/** The public price list: no sign-in, cacheable. */
export function ratesRoutes(service: Pick<RatesService, 'listCountries' | 'getCountry'>) {
  return async (app: App) => {
    app.get(
      '/rates',
      {
        schema: {
          tags: ['rates'],
          summary: 'Every country we call, with its cheapest per-minute price on each plan',
          response: { 200: rateCountriesResponseSchema, 304: z.null() },
        },
      },
      async (request, reply) => sendTagged(request, reply, await service.listCountries()),
    );

    app.get(
      '/rates/:iso',
      {
        schema: {
          tags: ['rates'],
          summary: "A country's destinations with their per-minute prices on each plan",
          params: countryRatesParamsSchema,
          response: { 200: countryRatesResponseSchema, 304: z.null(), 404: errorResponseSchema },
        },
      },
      async (request, reply) => sendTagged(request, reply, await service.getCountry(request.params.iso)),
    );
  };
}
