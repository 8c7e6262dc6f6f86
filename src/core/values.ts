// How people write values in a command line: 12k, 1.2m, 12,000, $1,200.50, €300, 15%,
// today, yes. Each parser returns the value or a short reason it is not one.

import { DateTime } from "luxon";

import type { Parsed } from "../domain/parsed.ts";

export type { Parsed };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** "12000", "12,000", "12k", "1.2m", "1.5K" → a whole, non-negative number. */
export function parseCount(raw: string): Parsed<number> {
  const text = raw.trim().replace(/[,_\s]/g, "");
  const match = /^(\d+(?:\.\d+)?|\.\d+)([kKmM]?)$/.exec(text);
  if (!match) return fail(`"${raw}" is not a number`);
  const multiplier = { "": 1, k: 1_000, m: 1_000_000 }[match[2]!.toLowerCase() as "" | "k" | "m"];
  const value = decimalTimes(match[1]!, multiplier);
  if (value === null) return fail(`"${raw}" is not a whole number`);
  if (!Number.isSafeInteger(value)) return fail(`"${raw}" is too large`);
  return ok(value);
}

/** A decimal string times a power of ten, exactly, or null when the result is not whole. */
function decimalTimes(decimal: string, multiplier: number): number | null {
  const [whole = "0", fraction = ""] = decimal.split(".");
  const zeros = Math.round(Math.log10(multiplier));
  if (fraction.replace(/0+$/, "").length > zeros) return null;
  const digits = (whole + fraction.padEnd(zeros, "0")).replace(/^0+(?=\d)/, "");
  return Number(digits);
}

const CURRENCY_SYMBOLS: Record<string, string | null> = {
  $: null, // any dollar: USD, CAD, AUD…, taken as the campaign's
  "€": "EUR",
  "£": "GBP",
  "¥": "JPY",
  "₹": "INR",
};

export interface MoneyInput {
  /** Decimal amount in major units as written, e.g. "1200.50". */
  amount: string;
  /** ISO currency implied by a symbol or code, if any. */
  currency: string | null;
}

/** "$1,200.50", "1200.50", "€300", "300 EUR", "EUR 300" → an amount and maybe a currency. */
export function parseMoney(raw: string): Parsed<MoneyInput> {
  let text = raw.trim().replace(/[\s,_]/g, "");
  let currency: string | null = null;
  const code = /^([A-Za-z]{3})?(.*?)([A-Za-z]{3})?$/.exec(text);
  if (code && (code[1] || code[3])) {
    if (code[1] && code[3]) return fail(`"${raw}" is not an amount`);
    currency = (code[1] ?? code[3])!.toUpperCase();
    text = code[2]!;
  }
  const symbol = /^([$€£¥₹])/.exec(text) ?? /([$€£¥₹])$/.exec(text);
  if (symbol) {
    const implied = CURRENCY_SYMBOLS[symbol[1]!] ?? null;
    if (currency && implied && currency !== implied) return fail(`"${raw}" names two currencies`);
    currency = currency ?? implied;
    text = text.replace(symbol[1]!, "");
  }
  if (!/^(\d+(\.\d*)?|\.\d+)$/.test(text)) return fail(`"${raw}" is not an amount of money`);
  const [whole = "0", fraction = ""] = text.split(".");
  return ok({ amount: `${whole || "0"}.${fraction}`.replace(/\.$/, ""), currency });
}

/** Digits of the currencies asked about (at most the ISO list): asking Intl costs some 0.1 ms, and CSV columns ask per value. */
const knownDigits = new Map<string, number>();

/** Fraction digits of a currency (2 for USD, 0 for JPY). */
export function currencyDigits(currency: string): number {
  const known = knownDigits.get(currency);
  if (known !== undefined) return known;
  try {
    const digits = new Intl.NumberFormat("en", { style: "currency", currency }).resolvedOptions().maximumFractionDigits ?? 2;
    knownDigits.set(currency, digits);
    return digits;
  } catch {
    return 2;
  }
}

export function isCurrencyCode(code: string): boolean {
  if (!/^[A-Z]{3}$/.test(code)) return false;
  try {
    new Intl.NumberFormat("en", { style: "currency", currency: code });
    return (Intl as unknown as { supportedValuesOf?: (k: string) => string[] }).supportedValuesOf?.("currency").includes(code) ?? true;
  } catch {
    return false;
  }
}

/** Minor units of an amount in a currency, exactly; null when it has too many decimals. */
export function toMinorUnits(amount: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const [whole = "0", fraction = ""] = amount.split(".");
  if (fraction.replace(/0+$/, "").length > digits) return null;
  const value = Number(whole + fraction.padEnd(digits, "0").slice(0, digits));
  return Number.isSafeInteger(value) ? value : null;
}

/** "15%", "15", "12.5%" → basis points (1500, 1250), between 0 and 100%. */
export function parsePercent(raw: string): Parsed<number> {
  const text = raw.trim().replace(/\s/g, "").replace(/%$/, "");
  if (!/^(\d+(\.\d{0,2})?|\.\d{1,2})$/.test(text)) return fail(`"${raw}" is not a percentage`);
  const bps = decimalTimes(text, 100);
  if (bps === null) return fail(`"${raw}" has more than two decimals`);
  if (bps > 10_000) return fail(`"${raw}" is over 100%`);
  return ok(bps);
}

/** "2026-12-03", "today", "yesterday", "tomorrow" → "YYYY-MM-DD" in the given zone. */
export function parseDay(raw: string, timeZone: string, now: Date): Parsed<string> {
  const text = raw.trim().toLowerCase();
  const today = DateTime.fromJSDate(now, { zone: timeZone }).startOf("day");
  const relative: Record<string, number> = { today: 0, yesterday: -1, tomorrow: 1 };
  if (text in relative) return ok(today.plus({ days: relative[text]! }).toISODate()!);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return fail(`"${raw}" is not a date`);
  const date = DateTime.fromISO(text, { zone: timeZone });
  if (!date.isValid) return fail(`"${raw}" is not a real date`);
  return ok(text);
}

const TRUE = new Set(["yes", "y", "true", "on", "1"]);
const FALSE = new Set(["no", "n", "false", "off", "0"]);

export function parseBoolean(raw: string): Parsed<boolean> {
  const text = raw.trim().toLowerCase();
  if (TRUE.has(text)) return ok(true);
  if (FALSE.has(text)) return ok(false);
  return fail(`"${raw}" is neither yes nor no`);
}

/** "@kate" or "kate" → "kate" (case kept; compare with handleKey), NFKC-normalised: a full-width "@ｋａｔｅ" is "kate". */
export function parseHandle(raw: string): Parsed<string> {
  const text = raw.trim().normalize("NFKC").replace(/^@/, "");
  if (!/^[\p{L}\p{N}._-]{1,64}$/u.test(text)) {
    return fail(`"${raw}" is not a handle (letters, digits, ".", "_" or "-", up to 64)`);
  }
  return ok(text);
}

export const handleKey = (handle: string) => handle.normalize("NFKC").replace(/^@/, "").toLowerCase();

export interface PersonInput {
  /** The platform's user id, when given as a mention. */
  externalId: string | null;
  /** A display name, when given as text or in the mention's label. */
  name: string | null;
}

/** "<@U024BE7LH>", "<@U024BE7LH|kate>", "<@123456>" (Discord), "@kate", "kate". */
export function parsePerson(raw: string): Parsed<PersonInput> {
  const text = raw.trim();
  const mention = /^<@!?([A-Za-z0-9]+)(?:\|([^>]+))?>$/.exec(text);
  if (mention) return ok({ externalId: mention[1]!, name: mention[2] ?? null });
  const name = text.replace(/^@/, "");
  if (name.length === 0 || name.length > 80) return fail(`"${raw}" is not a person`);
  return ok({ externalId: null, name });
}

/** A web address; "tiktok.com/@kate/video/1" gets https:// in front. */
export function parseUrl(raw: string): Parsed<string> {
  const text = raw.trim().replace(/^<(.+?)(\|.*)?>$/, "$1"); // Slack wraps links as <url|label>
  const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(text) ? text : `https://${text}`;
  try {
    const url = new URL(withScheme);
    if (!["http:", "https:"].includes(url.protocol) || !url.hostname.includes(".")) {
      return fail(`"${raw}" is not a web address`);
    }
    return ok(url.toString());
  } catch {
    return fail(`"${raw}" is not a web address`);
  }
}

/** "09:30" → "09:30"; "9:30" → "09:30". */
export function parseTimeOfDay(raw: string): Parsed<string> {
  const match = /^(\d{1,2}):(\d{2})$/.exec(raw.trim());
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) return fail(`"${raw}" is not a time like 09:00`);
  return ok(`${match[1]!.padStart(2, "0")}:${match[2]}`);
}
