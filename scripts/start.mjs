// `npm start`: build the web app if needed, then run the server (embedded PostgreSQL unless DATABASE_URL is set)
// in this same process, so that Ctrl-C and SIGTERM reach the server's own graceful shutdown.
import { register } from 'tsx/esm/api';
import { buildWebIfNeeded } from './build-web.mjs';

try {
  buildWebIfNeeded();
} catch (error) {
  process.stderr.write(`${error.message}\n`);
  process.exit(1);
}
register();
await import('../server/src/main.ts');
