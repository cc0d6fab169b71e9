// `npm test`: type-check, lint, then unit, integration and end-to-end tests in one vitest run.
// Without chromium, the end-to-end tier is skipped with one line saying how to install it — except in CI
// (CI=true), where a missing browser is a failure.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const e2eOnly = process.argv.includes('--e2e-only');
const extra = process.argv.slice(2).filter((arg) => arg !== '--e2e-only');

function run(command, args) {
  const result = spawnSync(command, args, { stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const chromium = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find(
  (candidate) => candidate && existsSync(candidate),
);

if (!e2eOnly) {
  run('npm', ['run', '--silent', 'typecheck']);
  run('npm', ['run', '--silent', 'lint']);
}

const vitest = (projects) =>
  run('npx', ['vitest', 'run', ...projects.flatMap((p) => ['--project', p]), ...extra]);

if (!e2eOnly) vitest(['unit', 'integration']);

// The browser tests run on their own afterwards: their server and chromium then have the machine to themselves.
if (chromium) {
  vitest(['e2e']);
} else if (process.env.CI) {
  process.stderr.write('No chromium found, and CI needs the browser tests: apt-get install -y chromium\n');
  process.exit(1);
} else {
  process.stdout.write(
    'End-to-end tests skipped: no chromium found. Install it with `sudo apt-get install -y chromium` (or set CHROMIUM_PATH).\n',
  );
}
