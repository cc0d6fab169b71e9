import { drizzle, type NodePgDatabase } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import type { Logger } from '../platform/logger.adapter';
import * as schema from './schema.tables';

/** The drizzle database, with the pool it runs on (drizzle's public `$client`). */
export type Database = NodePgDatabase<typeof schema> & { $client: pg.Pool };
export type Transaction = Parameters<Parameters<Database['transaction']>[0]>[0];
/** Repositories take either the database or an open transaction as their first argument. */
export type Executor = Database | Transaction;

export type DatabaseHandle = {
  db: Database;
  pool: pg.Pool;
  close(): Promise<void>;
};

/**
 * pg's Pool drops the connection behind any failed `pool.query`, even when the server merely refused the
 * statement (a unique violation, a CHECK): the next query then pays for a new connection. Here a statement the
 * server refused gives its connection back for reuse; only a broken connection is discarded.
 */
class ReusingPool extends pg.Pool {
  override query(...args: unknown[]): never {
    const [config, values] = args;
    if (args.some((arg) => typeof arg === 'function')) {
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const run = async () => {
      const client = await this.connect();
      let broken: Error | undefined;
      try {
        return await client.query(config as pg.QueryConfig, values as unknown[] | undefined);
      } catch (error) {
        if (!(error instanceof pg.DatabaseError)) broken = error as Error;
        throw error;
      } finally {
        client.release(broken);
      }
    };
    return run() as never;
  }
}

export function createDatabase(options: {
  url: string;
  maxConnections?: number;
  logger: Logger;
}): DatabaseHandle {
  const pool = new ReusingPool({
    connectionString: options.url,
    max: options.maxConnections ?? 20,
    application_name: 'mobayilo',
  });
  // An idle client losing its connection (e.g. the database restarting) must not crash the process.
  pool.on('error', (error) => options.logger.warn({ err: error }, 'idle database connection failed'));
  const db = drizzle(pool, { schema, casing: 'snake_case' });
  let closed = false;
  return {
    db,
    pool,
    async close() {
      if (closed) return;
      closed = true;
      await pool.end();
    },
  };
}
