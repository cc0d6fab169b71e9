import { existsSync } from 'node:fs';

/** Debian's chromium, or the browser CHROMIUM_PATH names. */
export function chromiumPath(): string | undefined {
  const candidates = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'];
  return candidates.find((candidate): candidate is string => Boolean(candidate && existsSync(candidate)));
}

export const chromiumMissingMessage =
  'End-to-end tests skipped: no chromium found. Install it with `sudo apt-get install -y chromium` (or set CHROMIUM_PATH).';
