// How counts, money and rates read in replies and files, in the workspace's number style
// (/settings numbers:): the other half of values.ts, which reads them from people.

import { currencyDigits } from "./currencies.ts";
import { DEFAULT_NUMBER_STYLE, separatorsOf, type NumberStyle } from "../domain/number-styles.ts";

/** Writes numbers in one style; replies take theirs from the workspace (`ctx.numbers`). */
export interface NumberWriter {
  readonly style: NumberStyle;
  /** 12000 → "12,000" / "12.000" / "12 000". */
  count(n: number): string;
  /** 8.764 with 2 digits → "8.76" / "8,76"; 1234.5 with 1 → "1,234.5" / "1.234,5" / "1 234,5" (grouped like counts). */
  decimal(x: number, digits: number): string;
  /** 120050 USD → "$1,200.50" / "$1.200,50" / "$1 200,50". */
  money(minor: number, currency: string): string;
  /** 0.0523 → "5.23%"; null → "n/a". */
  percent(rate: number | null, decimals?: number): string;
  /** A change in whole percent, signed: 0.31 → "+31%", 12.345 → "+1,235%" / "+1.235%", -0.5 → "-50%". */
  signedPercent(fraction: number): string;
  /** A share in whole percent: 0.29 → "29%", 12.345 → "1,235%". */
  wholePercent(fraction: number): string;
  /** 1250 basis points → "12.5%". */
  bps(bps: number): string;
  /** A canonical decimal ("1234.5") as people type it in this style, without grouping: "1234,5". */
  typed(decimal: string): string;
}

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

/** "12345.6" → "12,345.6" (en-US marks, for `marks` to turn into the style's). */
const groupThousands = (fixed: string) => fixed.replace(/^(-?)(\d+)/, (_, sign: string, whole: string) => sign + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ","));

const writers = new Map<NumberStyle, NumberWriter>();

/** The writer of a style: numbers are formatted as in en-US, then its "," and "." become the style's marks. */
export function numberWriter(style: NumberStyle = DEFAULT_NUMBER_STYLE): NumberWriter {
  const known = writers.get(style);
  if (known) return known;
  const { decimal, group } = separatorsOf(style);
  const marks = style === DEFAULT_NUMBER_STYLE ? (text: string) => text : (text: string) => text.replace(/[.,]/g, (c) => (c === "," ? group : decimal));
  // toFixed rounds as the reports always have; the thousands are grouped in the style's way.
  const percentOf = (fraction: number, decimals: number) => `${marks(groupThousands((fraction * 100).toFixed(decimals)))}%`;
  const wholePercent = (fraction: number) => percentOf(fraction, 0);
  const writer: NumberWriter = {
    style,
    count: (n) => marks(n.toLocaleString("en-US")),
    decimal: (x, digits) => marks(groupThousands(x.toFixed(digits))),
    money(minor, currency) {
      const { format, digits } = moneyFormat(currency);
      return marks(format.format(minor / 10 ** digits));
    },
    percent: (rate, decimals = 2) => (rate === null ? "n/a" : percentOf(rate, decimals)),
    signedPercent: (fraction) => `${fraction >= 0 ? "+" : "-"}${wholePercent(Math.abs(fraction))}`,
    wholePercent: (fraction) => wholePercent(fraction),
    bps: (bps) => `${marks(groupThousands(String(Number((bps / 100).toFixed(2)))))}%`,
    typed: (text) => text.replace(".", decimal),
  };
  writers.set(style, writer);
  return writer;
}

/** 120050 USD → "1200.50" (for CSV: major units, no symbol, whatever the workspace's style). */
export function formatMajor(minor: number, currency: string): string {
  const digits = currencyDigits(currency);
  const sign = minor < 0 ? "-" : "";
  const abs = Math.abs(Math.round(minor));
  if (digits === 0) return `${sign}${abs}`;
  const text = String(abs).padStart(digits + 1, "0");
  return `${sign}${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
