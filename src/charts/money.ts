// Money in the charts: minor units to major with the currency's own decimals, and the
// Intl.NumberFormat options Chart.js uses for currency and percent ticks.

import { currencyDigits } from "../core/currencies.ts";
import type { NumberStyle } from "../domain/number-styles.ts";
import { chartNumber } from "./number-style.ts";

/** 123456 USD → 1234.56; 5000 JPY → 5000. */
export function toMajor(minor: number, currency: string): number {
  const digits = currencyDigits(currency);
  return digits === 0 ? minor : Number((minor / 10 ** digits).toFixed(digits));
}

/**
 * Whole units once the axis reaches 10 ("$1,200", not "$1,200.00"), and compact from 100,000
 * ("¥4.5M"), so ticks stay short enough to sit level on a phone-sized axis.
 */
export function currencyTickFormat(currency: string, largestMajor: number): Intl.NumberFormatOptions {
  // Both bounds are set: Chart.js passes its own minimumFractionDigits, and a minimum above
  // our maximum would make Intl throw.
  const base = { style: "currency", currency, currencyDisplay: "narrowSymbol", minimumFractionDigits: 0 } as const;
  if (largestMajor >= 100_000) return { ...base, notation: "compact", maximumFractionDigits: 1 };
  return { ...base, maximumFractionDigits: largestMajor >= 10 ? 0 : currencyDigits(currency) };
}

export const percentTickFormat: Intl.NumberFormatOptions = { style: "percent", minimumFractionDigits: 0, maximumFractionDigits: 1 };

/** Totals in subtitles, in the workspace's style: whole units from 10 up ("$10,879", "$10.879"), cents below ("$7.97", "$7,97"). */
export function formatMoneyShort(minor: number, currency: string, style?: NumberStyle): string {
  const major = toMajor(minor, currency);
  const digits = Math.abs(major) >= 10 ? 0 : currencyDigits(currency);
  return chartNumber(major, style, { style: "currency", currency, currencyDisplay: "narrowSymbol", minimumFractionDigits: 0, maximumFractionDigits: digits });
}
