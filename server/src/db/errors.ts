/** PostgreSQL error details, whether pg's error arrives bare or wrapped by drizzle (DrizzleQueryError.cause). */
function postgresError(error: unknown): { code?: string; constraint?: string } | undefined {
  for (let current: unknown = error, depth = 0; current && depth < 3; depth += 1) {
    if (typeof current === 'object' && 'code' in current && typeof current.code === 'string') {
      return current as { code?: string; constraint?: string };
    }
    current = typeof current === 'object' && 'cause' in current ? current.cause : undefined;
  }
  return undefined;
}

/** True for a unique violation, optionally of one named constraint or index. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const pg = postgresError(error);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
}

/** True for a CHECK constraint violation, optionally of one named constraint. */
export function isCheckViolation(error: unknown, constraint?: string): boolean {
  const pg = postgresError(error);
  return pg?.code === '23514' && (constraint === undefined || pg.constraint === constraint);
}
