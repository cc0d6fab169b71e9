import { readFile } from 'node:fs/promises';
import type { Database } from '../../db/client.adapter';
import type { Clock } from '../../platform/clock.util';
import { AppError } from '../../platform/errors/app.errors';
import type { Logger } from '../../platform/logger.adapter';
import type { TelephonyProvider } from '../../providers/telephony';
import { readCsvRates } from './csv-rates.domain';
import { ratesFromPriceList } from './provider-rates.domain';
import { planRateChanges, type RateChange, rateKey } from './rate-changes.domain';
import type { RateInput, RowError } from './rate-input.domain';
import { ratesRepository as repository } from './rates.repository';
import type { RatesSettings } from './rates.service';
import type { RateSource } from './tables';
import { readYamlRates } from './yaml-rates.domain';

/** What an import did (or, in a preview, would do). */
export type ImportSummary = {
  added: number;
  changed: number;
  unchanged: number;
  /** The first changes, for people to check before applying. */
  changes: RateChange[];
  errors: RowError[];
  effectiveFrom: Date;
};

export type ImportOptions = {
  /** When the new prices take effect; now by default. Must not be before a price already scheduled. */
  effectiveFrom?: Date;
};

const SHOWN_CHANGES = 200;
const SHOWN_ERRORS = 200;

function refuse(errors: RowError[], what: string): never {
  throw new AppError(
    'invalid_rates',
    `${errors.length === 1 ? 'One row' : `${errors.length} rows`} of the ${what} could not be read; nothing was imported.`,
    { errors: errors.slice(0, SHOWN_ERRORS), errorCount: errors.length },
  );
}

export function createRatesImportService(deps: {
  db: Database;
  clock: Clock;
  logger: Logger;
  telephony: Pick<TelephonyProvider, 'listPricedCountries' | 'getOutboundPrices'>;
  settings: Pick<RatesSettings, 'markupPercent' | 'yamlFile'>;
  /** Called after a commit that changed prices. */
  onChange: () => void;
}) {
  const { db } = deps;

  function summarize(
    plan: ReturnType<typeof planRateChanges>,
    effectiveFrom: Date,
    errors: RowError[],
  ): ImportSummary {
    const added = plan.changes.filter((change) => change.beforeMicros === null).length;
    return {
      added,
      changed: plan.changes.length - added,
      unchanged: plan.unchanged,
      changes: plan.changes.slice(0, SHOWN_CHANGES),
      errors: [...errors, ...plan.conflicts],
      effectiveFrom,
    };
  }

  async function preview(inputs: RateInput[], errors: RowError[], options: ImportOptions) {
    const effectiveFrom = options.effectiveFrom ?? deps.clock.now();
    const open = new Map((await repository.findOpen(db)).map((row) => [rateKey(row.prefix, row.plan), row]));
    return summarize(planRateChanges(open, inputs, effectiveFrom), effectiveFrom, errors);
  }

  /**
   * Puts prices in force in one transaction, under the version row's lock so that imports never interleave;
   * bumps the version when anything changed, which tells every process to reload its deck.
   */
  async function apply(inputs: RateInput[], source: RateSource, options: ImportOptions, what: string) {
    const effectiveFrom = options.effectiveFrom ?? deps.clock.now();
    const summary = await db.transaction(async (tx) => {
      await repository.lockVersion(tx);
      const open = new Map(
        (await repository.findOpen(tx)).map((row) => [rateKey(row.prefix, row.plan), row]),
      );
      const plan = planRateChanges(open, inputs, effectiveFrom);
      if (plan.conflicts.length > 0) refuse(plan.conflicts, what);
      await repository.deleteRates(tx, plan.replaceIds);
      await repository.closeRates(tx, plan.closeIds, effectiveFrom);
      await repository.insertRates(tx, plan.inserts, source, effectiveFrom);
      if (plan.inserts.length > 0) await repository.bumpVersion(tx, deps.clock.now());
      return summarize(plan, effectiveFrom, []);
    });
    if (summary.added + summary.changed > 0) deps.onChange();
    deps.logger.info(
      { source, added: summary.added, changed: summary.changed, unchanged: summary.unchanged },
      'rates imported',
    );
    return summary;
  }

  async function readYamlFile(text?: string) {
    const source = text ?? (await readFile(deps.settings.yamlFile, 'utf8'));
    return readYamlRates(source);
  }

  /** The admin action "Load YAML rates" (and the first start): the rate deck file into the rates table. */
  async function loadYamlRates(options: ImportOptions & { text?: string } = {}) {
    const { inputs, errors } = await readYamlFile(options.text);
    if (errors.length > 0) refuse(errors, 'YAML rate file');
    return apply(inputs, 'yaml', options, 'YAML rate file');
  }

  return {
    loadYamlRates,

    /** At start: loads the YAML deck when the rates table is empty, so that a new install has prices. */
    async loadYamlIfEmpty() {
      if (!(await repository.isEmpty(db))) return null;
      return loadYamlRates();
    },

    /** What a CSV import would change, with every row-level error; writes nothing. */
    async previewCsvImport(csv: string, options: ImportOptions = {}) {
      const { inputs, errors } = readCsvRates(csv);
      return preview(inputs, errors, options);
    },

    /** Applies a CSV import, all or nothing: any row error refuses the whole file. */
    async applyCsvImport(csv: string, options: ImportOptions = {}) {
      const { inputs, errors } = readCsvRates(csv);
      if (errors.length > 0) refuse(errors, 'CSV file');
      return apply(inputs, 'csv', options, 'CSV file');
    },

    /**
     * Sets prices from the telephony provider's own prices plus each plan's markup. Countries the provider
     * fails on are reported and skipped; when every country fails nothing is written.
     */
    async syncProviderPrices(options: { countries?: string[] } = {}) {
      const countries = options.countries ?? (await deps.telephony.listPricedCountries());
      const inputs: RateInput[] = [];
      const errors: RowError[] = [];
      for (const country of countries) {
        try {
          const list = await deps.telephony.getOutboundPrices(country);
          const mapped = ratesFromPriceList(list, deps.settings.markupPercent);
          inputs.push(...mapped.inputs);
          errors.push(...mapped.errors);
        } catch (error) {
          deps.logger.warn({ err: error, country }, 'provider prices unavailable');
          errors.push({ row: country, message: error instanceof Error ? error.message : String(error) });
        }
      }
      if (inputs.length === 0 && countries.length > 0) {
        throw new AppError('provider_unavailable', 'The telephony provider did not answer with any prices.', {
          errors: errors.slice(0, SHOWN_ERRORS),
        });
      }
      // The sandbox plays Twilio's part, so its prices are recorded as the provider's too.
      const summary = await apply(inputs, 'twilio', {}, 'price list');
      return { ...summary, errors, countries: countries.length };
    },
  };
}

export type RatesImportService = ReturnType<typeof createRatesImportService>;
