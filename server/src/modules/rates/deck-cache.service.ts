import type { Clock } from '../../platform/clock.util';
import { buildCatalog, type Catalog } from './catalog.domain';
import type { RateDeck } from './deck.domain';

export type DeckSnapshot = {
  deck: RateDeck;
  version: number;
  /** When a scheduled price starts or ends next: the deck must be rebuilt then even if nothing was written. */
  nextChangeAt: Date | null;
  catalog(): Catalog;
};

export type DeckSource = {
  /** The deck in force at `at`, with the version it was read at. */
  load(at: Date): Promise<{ deck: RateDeck; version: number; nextChangeAt: Date | null }>;
  readVersion(): Promise<number>;
};

/**
 * The deck held in memory. Lookups read it without touching the database; it is rebuilt when this process
 * changes rates (invalidate), when another process did (the version row moved: checked at most every
 * `refreshMs`, one query of one row), or when a scheduled price comes into force. Concurrent callers share
 * one load or check.
 */
export function createDeckCache(deps: {
  source: DeckSource;
  clock: Clock;
  refreshMs: number;
  defaultRateMicros: number | null;
  onLoad?: (snapshot: DeckSnapshot) => void;
}) {
  let snapshot: DeckSnapshot | null = null;
  let checkedAt = 0;
  let pending: Promise<DeckSnapshot> | null = null;
  // Bumped by invalidate: a load that began before a local write must not be kept as current.
  let generation = 0;

  async function load(): Promise<DeckSnapshot> {
    const startedIn = generation;
    const now = deps.clock.now();
    const loaded = await deps.source.load(now);
    let catalog: Catalog | null = null;
    const next: DeckSnapshot = {
      ...loaded,
      catalog: () => {
        catalog ??= buildCatalog(loaded.deck, deps.defaultRateMicros);
        return catalog;
      },
    };
    if (startedIn === generation) {
      snapshot = next;
      checkedAt = now.getTime();
      deps.onLoad?.(next);
    }
    return next;
  }

  async function revalidate(current: DeckSnapshot): Promise<DeckSnapshot> {
    const version = await deps.source.readVersion();
    if (version !== current.version) return load();
    checkedAt = deps.clock.now().getTime();
    return current;
  }

  function once(run: () => Promise<DeckSnapshot>): Promise<DeckSnapshot> {
    if (pending) return pending;
    const promise = run().finally(() => {
      if (pending === promise) pending = null;
    });
    pending = promise;
    return promise;
  }

  return {
    /** The current deck, reloaded first if it may be stale. */
    async get(): Promise<DeckSnapshot> {
      const current = snapshot;
      const now = deps.clock.now().getTime();
      if (!current || (current.nextChangeAt && now >= current.nextChangeAt.getTime())) return once(load);
      if (now - checkedAt >= deps.refreshMs) return once(() => revalidate(current));
      return current;
    },

    /** This process changed the rates: rebuild on the next read. */
    invalidate() {
      generation += 1;
      snapshot = null;
      pending = null;
    },
  };
}

export type DeckCache = ReturnType<typeof createDeckCache>;
