// Money in the charts: minor units to major with the currency's own decimals, and the
// Intl.NumberFormat options Chart.js uses for currency and percent ticks.

import { currencyDigits } from "../core/values.ts";

/** 123456 USD → 1234.56; 5000 JPY → 5000. */
export function toMajor(minor: number, currency: string): number {
  const digits = currencyDigits(currency);
  return digits === 0 ? minor : Number((minor / 10 ** digits).toFixed(digits));
}

/** Whole units once the axis reaches 10, so ticks read "$1,200" rather than "$1,200.00". */
export function currencyTickFormat(currency: string, largestMajor: number): Intl.NumberFormatOptions {
  const digits = largestMajor >= 10 ? 0 : currencyDigits(currency);
  // Both bounds are set: Chart.js passes its own minimumFractionDigits, and a minimum above
  // our maximum would make Intl throw.
  return { style: "currency", currency, currencyDisplay: "narrowSymbol", minimumFractionDigits: 0, maximumFractionDigits: digits };
}

export const percentTickFormat: Intl.NumberFormatOptions = { style: "percent", minimumFractionDigits: 0, maximumFractionDigits: 1 };

export function formatMoneyShort(minor: number, currency: string): string {
  const major = toMajor(minor, currency);
  return new Intl.NumberFormat("en-US", currencyTickFormat(currency, Math.abs(major))).format(major);
}
