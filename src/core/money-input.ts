// Turns a typed amount into minor units of the currency it is meant in, refusing a symbol or code
// of another currency, more decimals than the currency has, more than the bot keeps, and an
// amount that could mean two things ("1,5": 1.50 or 15; "12.000" in a two-decimal currency:
// 12.00 or 12,000).

import { MAX_AMOUNT_MINOR } from "../domain/limits.ts";
import { currencyDigits, currencySymbol } from "./currencies.ts";
import { UserError } from "./errors.ts";
import type { NumberWriter } from "./format.ts";
import { toMinorUnits, twoReadings, type MoneyInput } from "./values.ts";

const SYMBOL_NAMES: Record<string, string> = { $: "dollars", "€": "euros", "£": "pounds", "¥": "yen", "₹": "rupees" };
const symbolName = (symbol: string) => `${SYMBOL_NAMES[symbol] ?? symbol} (${symbol})`;

export function toMinor(input: MoneyInput, currency: string, optionName: string, numbers: NumberWriter): number {
  const invalid = (why: string) => new UserError("invalid_option", `Invalid ${optionName}: ${why}.`);
  const own = currencySymbol(currency);
  if (input.code && input.code !== currency) {
    throw invalid(`"${input.written}" is in ${input.code}, but this is counted in ${currency}; write the amount in ${currency}`);
  }
  if (!input.code && input.symbol && input.symbol !== own) {
    throw invalid(`"${input.written}" is in ${symbolName(input.symbol)}, but this is counted in ${currency}${own !== currency ? ` (${own})` : ""}; write the amount in ${currency}`);
  }
  const digits = currencyDigits(currency);
  const second = input.otherReading ?? (input.thousands !== null && digits !== 3 ? input.thousands : null);
  if (second !== null) {
    const readings = [input.amount, second] as const;
    const minors = readings.map((r) => toMinorUnits(r, currency));
    const shown = readings.map((r, i) => (minors[i] === null ? `${numbers.typed(r)} ${currency} (more decimals than ${currency} has)` : numbers.money(minors[i]!, currency))) as [string, string];
    const typed = minors.filter((m): m is number => m !== null).map((m) => numbers.typed(plainAmount(m, digits)));
    throw invalid(twoReadings(input.written, shown, typed));
  }
  const fraction = input.amount.split(".")[1] ?? "";
  if (fraction.replace(/0+$/, "").length > digits) throw invalid(`${currency} has ${digits} decimals, "${input.written}" has more`);
  const minor = toMinorUnits(input.amount, currency);
  if (minor === null || minor > MAX_AMOUNT_MINOR) {
    const shown = minor === null ? `${numbers.typed(input.amount)} ${currency}` : numbers.money(minor, currency);
    throw invalid(`${shown} is more than the bot keeps: amounts go up to ${numbers.money(MAX_AMOUNT_MINOR, currency)}`);
  }
  return minor;
}

/** 150 with 2 digits → "1.50"; 1500 → "15" (canonical, for "write …"). */
function plainAmount(minor: number, digits: number): string {
  if (digits === 0 || minor % 10 ** digits === 0) return String(minor / 10 ** digits);
  const text = String(minor).padStart(digits + 1, "0");
  return `${text.slice(0, -digits)}.${text.slice(-digits)}`;
}
