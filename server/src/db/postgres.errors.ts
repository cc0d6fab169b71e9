/** The PostgreSQL error under a driver or drizzle error, if there is one. */
function postgresError(error: unknown): { code?: string; constraint?: string } | undefined {
  for (let current = error, depth = 0; current && depth < 5; depth += 1) {
    if (typeof current !== 'object') return undefined;
    if ('code' in current && typeof current.code === 'string' && /^[0-9A-Z]{5}$/.test(current.code))
      return current as { code: string; constraint?: string };
    current = 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

/** SQLSTATE 23505, optionally on one named constraint or unique index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = postgresError(error);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}

/** SQLSTATE 23514, optionally on one named CHECK constraint. */
export function isCheckViolation(error: unknown, constraint?: string): boolean {
  const pg = postgresError(error);
  return pg?.code === '23514' && (constraint === undefined || pg.constraint === constraint);
}
