/** Every module's tables, for drizzle (relational queries) and drizzle-kit (migrations). */
export * from '../modules/housekeeping/tables';
export * from '../modules/ledger/tables';
