import type { Logger } from './logger.adapter';

/** Thrown out of a start step when a shutdown was requested while starting. */
export class ShutdownRequested extends Error {
  constructor() {
    super('shutdown requested during start');
    this.name = 'ShutdownRequested';
  }
}

/**
 * Starts resources in order and stops them in reverse. A signal that arrives in the middle of a start step
 * waits for that step to finish, so that what it started (an embedded database, say) is stopped too.
 */
export function createLifecycle(logger: Logger) {
  const closers: { name: string; close: () => Promise<void> }[] = [];
  let inFlight: Promise<unknown> = Promise.resolve();
  let stopping: Promise<void> | undefined;

  return {
    get isStopping() {
      return stopping !== undefined;
    },

    async step<T>(name: string, start: () => Promise<T>, close?: (value: T) => Promise<void>): Promise<T> {
      if (stopping) throw new ShutdownRequested();
      const started = start().then((value) => {
        if (close) closers.push({ name, close: () => close(value) });
        return value;
      });
      inFlight = started.catch(() => undefined);
      const value = await started;
      if (stopping) throw new ShutdownRequested();
      return value;
    },

    shutdown(): Promise<void> {
      stopping ??= (async () => {
        await inFlight;
        for (const { name, close } of closers.reverse()) {
          try {
            logger.info({ resource: name }, 'stopping');
            await close();
            logger.info({ resource: name }, 'stopped');
          } catch (error) {
            logger.error({ err: error, resource: name }, 'failed to stop cleanly');
          }
        }
      })();
      return stopping;
    },
  };
}

export type Lifecycle = ReturnType<typeof createLifecycle>;
