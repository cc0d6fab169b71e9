import { pino } from 'pino';
import type { Config } from '../config';
import { serializeError, serializeRequest } from './log-redaction.util';

export type Logger = pino.Logger;

/**
 * Structured JSON logs; secrets and credentials are redacted wherever they appear in a logged object, request
 * URLs lose the tokens in their path and query, and database errors the values their query was given.
 */
export function createLogger(config: Pick<Config, 'log'>, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.log.level,
      base: undefined,
      serializers: { req: serializeRequest, err: serializeError },
      redact: {
        paths: [
          'password',
          '*.password',
          'token',
          '*.token',
          'req.headers.cookie',
          'req.headers.authorization',
          'req.headers["x-csrf-token"]',
          'res.headers["set-cookie"]',
        ],
        censor: '[redacted]',
      },
    },
    destination,
  );
}
