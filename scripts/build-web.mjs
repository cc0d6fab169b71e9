import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const builtIndex = path.join(root, 'web', 'dist', 'index.html');
const sources = ['web/src', 'web/public', 'web/index.html', 'web/vite.config.ts', 'contract/src'].map((p) =>
  path.join(root, p),
);

function newestChange(target) {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(target).reduce(
    (newest, name) => Math.max(newest, newestChange(path.join(target, name))),
    stat.mtimeMs,
  );
}

/** Builds the web app when it has never been built or a source changed since the last build. */
export function buildWebIfNeeded({ log = (line) => process.stdout.write(`${line}\n`) } = {}) {
  const builtAt = existsSync(builtIndex) ? statSync(builtIndex).mtimeMs : 0;
  if (builtAt > 0 && sources.every((source) => newestChange(source) <= builtAt)) return false;
  log(builtAt === 0 ? 'Building the web app…' : 'The web app changed; rebuilding…');
  const result = spawnSync('npm', ['run', 'build', '--workspace', 'web', '--silent'], {
    cwd: root,
    stdio: 'inherit',
  });
  if (result.status !== 0) throw new Error('The web app failed to build (see above).');
  return true;
}

if (import.meta.url === `file://${process.argv[1]}`) buildWebIfNeeded();
