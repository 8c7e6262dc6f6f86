// How counts, money and rates read in replies and files: the other half of values.ts, which reads them from people.

import { currencyDigits } from "./values.ts";

export const formatCount = (n: number) => n.toLocaleString("en-US");

// Building an Intl.NumberFormat costs some 0.1 ms, formatting with one a microsecond: a table of
// 10,000 enrolments' fees took seconds when each amount built its own.
const moneyFormats = new Map<string, { format: Intl.NumberFormat; digits: number }>();

function moneyFormat(currency: string) {
  let known = moneyFormats.get(currency);
  if (!known) {
    const digits = currencyDigits(currency);
    known = { format: new Intl.NumberFormat("en-US", { style: "currency", currency, minimumFractionDigits: digits, maximumFractionDigits: digits }), digits };
    moneyFormats.set(currency, known);
  }
  return known;
}

/** 120050 USD → "$1,200.50". */
export function formatMoney(minor: number, currency: string): string {
  const { format, digits } = moneyFormat(currency);
  return format.format(minor / 10 ** digits);
}

/** 120050 USD → "1200.50" (for CSV: major units, no symbol). */
export function formatMajor(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(Math.round(minor));
  if (digits === 0) return `${sign}${abs}`;
  const text = String(abs).padStart(digits + 1, "0");
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}

/** 0.0523 → "5.23%"; null → "n/a". */
export const formatPercent = (rate: number | null, decimals = 2) => (rate === null ? "n/a" : `${(rate * 100).toFixed(decimals)}%`);

/** 1500 basis points → "15%". */
export const formatBps = (bps: number) => `${Number((bps / 100).toFixed(2))}%`;

/** 12000 → "12k", 1200000 → "1.2m". */
export function formatCompact(n: number): string {
  if (n >= 1_000_000) return `${Number((n / 1_000_000).toFixed(1))}m`;
  if (n >= 10_000) return `${Math.round(n / 1_000)}k`;
  if (n >= 1_000) return `${Number((n / 1_000).toFixed(1))}k`;
  return String(n);
}
