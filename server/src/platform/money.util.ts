/** Cents as people read dollars: 500 → "$5", 1250 → "$12.50", 123456 → "$1,234.56". */
export function formatUsd(cents: number): string {
  const dollars = Math.floor(Math.abs(cents) / 100).toLocaleString('en-US');
  const rest = Math.abs(cents) % 100;
  const sign = cents < 0 ? '−' : '';
  return rest === 0 ? `${sign}$${dollars}` : `${sign}$${dollars}.${String(rest).padStart(2, '0')}`;
}
