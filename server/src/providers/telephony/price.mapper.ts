/**
 * "0.0130" or 0.013 → 13000 micro-units. Providers send decimal strings; the digits are read as text and
 * any precision beyond a micro-unit is rounded up, so a cost is never understated.
 */
export function priceToMicros(value: number | string | undefined): number | null {
  if (value === undefined || value === null) return null;
  const text = typeof value === 'number' ? value.toFixed(9) : String(value).trim();
  const match = /^(\d+)(?:\.(\d*))?$/.exec(text);
  if (!match) return null;
  const decimals = match[2] ?? '';
  const micros = Number(match[1]) * 1_000_000 + Number(decimals.slice(0, 6).padEnd(6, '0'));
  return /[1-9]/.test(decimals.slice(6)) ? micros + 1 : micros;
}
