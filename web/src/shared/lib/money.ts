/** 21000 micro-dollars → "$0.021": exact, from integer digits, at least two decimals. */
export function formatRate(micros: number): string {
  const whole = Math.floor(micros / 1_000_000);
  const fraction = String(micros % 1_000_000)
    .padStart(6, '0')
    .replace(/0+$/, '')
    .padEnd(2, '0');
  return `$${whole.toLocaleString('en-US')}.${fraction}`;
}

/** 500 → "$5". */
export function formatDollars(cents: number): string {
  return cents % 100 === 0 ? `$${(cents / 100).toLocaleString('en-US')}` : `$${(cents / 100).toFixed(2)}`;
}

/** 1234 → "$12.34"; with `signed`, "+$12.34" / "−$2.66" (a real minus sign, for screen readers and eyes). */
export function formatCents(cents: number, options: { signed?: boolean } = {}): string {
  const text = `$${(Math.abs(cents) / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`;
  if (cents < 0) return `−${text}`;
  return options.signed && cents > 0 ? `+${text}` : text;
}
