/** Every module's tables, for drizzle (relational queries) and drizzle-kit (migrations). */
export * from '../modules/audit/tables';
export * from '../modules/calls/tables';
export * from '../modules/housekeeping/tables';
export * from '../modules/identity/tables';
export * from '../modules/inbox/tables';
export * from '../modules/ledger/tables';
export * from '../modules/mail/tables';
export * from '../modules/marketing/tables';
export * from '../modules/payments/tables';
export * from '../modules/rates/tables';
export * from '../platform/http/rate-limit.tables';
