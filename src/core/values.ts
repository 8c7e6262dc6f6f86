// How people write values in a command line: 12k, 1.2m, 12,000, $1,200.50, €300, 15%,
// today, yes. Each parser returns the value or a short reason it is not one; numbers are read in
// the workspace's number style, and one that could mean two things is refused with both.

import { DateTime } from "luxon";

import type { Parsed } from "../domain/parsed.ts";
import type { NumberStyle } from "../domain/number-styles.ts";
import { currencyDigits, currencySymbol } from "./currencies.ts";
import { numberWriter } from "./format.ts";
import { decimalTimes, readNumber, withoutTrailingZeros } from "./number-reading.ts";

export type { Parsed };

const ok = <T>(value: T): Parsed<T> => ({ ok: true, value });
const fail = <T>(reason: string): Parsed<T> => ({ ok: false, reason });

/** How a value is shown in a message: quoted when it has a space (the command line splits there). */
export const quoted = (text: string) => (/\s/.test(text) ? `"${text}"` : text);

function otherStyle(raw: string, written: NumberStyle, style: NumberStyle, instead: string): string {
  return `"${raw}" is written as in ${quoted(written)}, but this workspace writes numbers as ${quoted(style)}: write ${quoted(instead)} (an admin can change the style with /settings numbers:)`;
}

/** "could be A or B: write a, or b": both readings, and how to write each that fits. */
export function twoReadings(raw: string, shown: readonly [string, string], typed: readonly string[]): string {
  const write = typed.length > 0 ? `: write ${typed.map(quoted).join(", or ")}` : "";
  return `"${raw}" could be ${shown[0]} or ${shown[1]}${write}`;
}

/** "12000", "12,000", "12k", "1.2m", "1.5K" → a whole, non-negative number, read in the workspace's style. */
export function parseCount(raw: string, style: NumberStyle): Parsed<number> {
  const text = raw.trim();
  const suffix = /[kKmM]$/.exec(text)?.[0] ?? "";
  const multiplier = { "": 1, k: 1_000, m: 1_000_000 }[suffix.toLowerCase() as "" | "k" | "m"];
  const reading = readNumber(text.slice(0, text.length - suffix.length), style);
  const writer = numberWriter(style);
  if (reading.kind === "not-a-number") return fail(`"${raw}" is not a number`);
  if (reading.kind === "other-style") return fail(otherStyle(raw, reading.style, style, writer.typed(reading.decimal) + suffix));
  const both = reading.kind === "ambiguous" ? reading.readings : reading.thousands !== null ? [reading.decimal, reading.thousands] : null;
  if (both) {
    const readings = both.map(withoutTrailingZeros);
    const values = readings.map((r) => decimalTimes(r, multiplier));
    const shown = readings.map((r, i) => (values[i] === null ? `${writer.typed(r)}${suffix} (not a whole number)` : writer.count(values[i]!))) as [string, string];
    const typed = readings.filter((_, i) => values[i] !== null).map((r) => writer.typed(r) + suffix);
    return fail(twoReadings(raw, shown, typed));
  }
  const value = decimalTimes((reading as { decimal: string }).decimal, multiplier);
  if (value === null) return fail(`"${raw}" is not a whole number`);
  if (!Number.isSafeInteger(value)) return fail(`"${raw}" is too large`);
  return ok(value);
}

/** The symbols people type, and the currency each implies for a new campaign. */
const CURRENCY_SYMBOLS: Record<string, string | null> = {
  $: null, // any dollar: USD, CAD, AUD…, so it implies none; a campaign in a currency without "$" refuses it
  "€": "EUR",
  "£": "GBP",
  "¥": "JPY",
  "₹": "INR",
};

export interface MoneyInput {
  /** As typed, for messages. */
  written: string;
  /** The amount in major units, a canonical decimal ("1200.50"); its first reading when there are two. */
  amount: string;
  /** A second reading that is always there: its only separator, followed by other than three digits, is not this style's decimal mark ("1,5": 1.5 or 15). */
  otherReading: string | null;
  /** The amount if its decimal mark, followed by three digits, grouped thousands ("12.000": 12000): a second reading unless the currency has three decimals. */
  thousands: string | null;
  /** The currency symbol typed, if any ("$", "€"). */
  symbol: string | null;
  /** The ISO code typed, if any ("EUR"). */
  code: string | null;
  /** The ISO code typed ("EUR"), or the one a symbol implies ("€"), if any; "$" implies none. */
  currency: string | null;
}

const SYMBOLS = "[$€£¥₹]";

/** "$1,200.50", "1200.50", "€300", "300 EUR", "EUR 300", "12.000,00 €" (in 1.234,56) → an amount, its readings and maybe a currency. */
export function parseMoney(raw: string, style: NumberStyle): Parsed<MoneyInput> {
  let text = raw.trim();
  let code: string | null = null;
  const codeMatch = /^([A-Za-z]{3})\s*([^A-Za-z]*)$/.exec(text) ?? /^([^A-Za-z]*?)\s*([A-Za-z]{3})$/.exec(text);
  if (codeMatch) {
    const leading = /^[A-Za-z]{3}$/.test(codeMatch[1]!);
    code = (leading ? codeMatch[1]! : codeMatch[2]!).toUpperCase();
    text = leading ? codeMatch[2]! : codeMatch[1]!;
  }
  let symbol: string | null = null;
  const symbolMatch = new RegExp(`^(${SYMBOLS})\\s*(.*)$`).exec(text) ?? new RegExp(`^(.*?)\\s*(${SYMBOLS})$`).exec(text);
  if (symbolMatch) {
    const leading = new RegExp(`^${SYMBOLS}$`).test(symbolMatch[1]!);
    symbol = leading ? symbolMatch[1]! : symbolMatch[2]!;
    text = leading ? symbolMatch[2]! : symbolMatch[1]!;
  }
  const implied = symbol ? (CURRENCY_SYMBOLS[symbol] ?? null) : null;
  if (code && symbol && currencySymbol(code) !== symbol) return fail(`"${raw}" names two currencies`);
  const reading = readNumber(text, style);
  if (reading.kind === "not-a-number") return fail(`"${raw}" is not an amount of money`);
  if (reading.kind === "other-style") return fail(otherStyle(raw, reading.style, style, numberWriter(style).typed(reading.decimal)));
  const [amount, otherReading, thousands] = reading.kind === "ambiguous" ? [reading.readings[0], reading.readings[1], null] : [reading.decimal, null, reading.thousands];
  return ok({ written: raw.trim(), amount, otherReading, thousands, symbol, code, currency: code ?? implied });
}

/** Minor units of an amount in a currency, exactly; null when it has too many decimals. */
export function toMinorUnits(amount: string, currency: string): number | null {
  const digits = currencyDigits(currency);
  const [whole = "0", fraction = ""] = amount.split(".");
  if (fraction.replace(/0+$/, "").length > digits) return null;
  const value = Number(whole + fraction.padEnd(digits, "0").slice(0, digits));
  return Number.isSafeInteger(value) ? value : null;
}

/** "15%", "15", "12.5%" → basis points (1500, 1250), between 0 and 100%, read in the workspace's style. */
export function parsePercent(raw: string, style: NumberStyle): Parsed<number> {
  const text = raw.trim().replace(/\s*%$/, "");
  const reading = readNumber(text, style);
  const writer = numberWriter(style);
  if (reading.kind === "not-a-number") return fail(`"${raw}" is not a percentage`);
  if (reading.kind === "other-style") return fail(otherStyle(raw, reading.style, style, `${writer.typed(reading.decimal)}%`));
  const problem = (bps: number | null) => (bps === null ? "has more than two decimals" : bps > 10_000 ? "is over 100%" : null);
  if (reading.kind === "ambiguous") {
    const readings = reading.readings.map(withoutTrailingZeros);
    const problems = readings.map((r) => problem(decimalTimes(r, 100)));
    const shown = readings.map((r, i) => `${writer.typed(r)}%${problems[i] ? ` (${problems[i]!.replace(/^(is|has) /, "")})` : ""}`) as [string, string];
    return fail(twoReadings(raw, shown, readings.filter((_, i) => !problems[i]).map((r) => `${writer.typed(r)}%`)));
  }
  // No thousands reading here: "12.500%" read as 12,500% would be over 100%.
  const bps = decimalTimes(reading.decimal, 100);
  const wrong = problem(bps);
  return wrong ? fail(`"${raw}" ${wrong}`) : ok(bps!);
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
  // Slack turns "@kate" into a mention when kate is also one of its members: the handle is the name typed.
  const mention = /^<@[A-Za-z0-9]+\|([^>]+)>$/.exec(raw.trim());
  const text = (mention ? mention[1]! : raw.trim()).normalize("NFKC").replace(/^@/, "");
  if (!/^[\p{L}\p{N}._-]{1,64}$/u.test(text)) {
    return fail(`"${raw}" is not a handle (letters, digits, ".", "_" or "-", up to 64)`);
  }
  return ok(text);
}

export const handleKey = (handle: string) => handle.normalize("NFKC").replace(/^@/, "").toLowerCase();

export interface PersonInput {
  /** The platform's user id, when given as a mention. */
  externalId: string | null;
  /**
   * A name typed as text (the shell's local workspace only), or the name the platform gave for
   * the mention (src/core/person-options.ts); never a mention's typed label.
   */
  name: string | null;
  /** The name is the platform's, looked up for the mention. */
  fromPlatform?: true;
  /** What the platform said of the person: whether they administer the workspace. */
  platformAdmin?: boolean;
}

/** "<@U024BE7LH>", "<@U024BE7LH|kate>", "<@123456>" (Discord), "@kate", "kate". A mention's label is typed text: dropped. */
export function parsePerson(raw: string): Parsed<PersonInput> {
  const text = raw.trim();
  const mention = /^<@!?([A-Za-z0-9]+)(?:\|([^>]+))?>$/.exec(text);
  if (mention) return ok({ externalId: mention[1]!, name: null });
  const name = text.replace(/^@/, "");
  if (name.length === 0 || name.length > 80) return fail(`"${raw}" is not a person`);
  return ok({ externalId: null, name });
}

/**
 * A channel option: `off`, a channel as the platform marks a mention (<#C123> in Slack, <#123>
 * in Discord; the label Slack adds is ignored), or a name typed as text (#general), which only
 * the shell's local workspace takes (src/core/channel-options.ts asks the platform for the rest).
 */
export type ChannelInput =
  | { off: true }
  /** One of the option's own words instead of a channel (review-channel:here). */
  | { off?: false; word: string; externalId?: undefined; name?: undefined }
  | {
      off?: false;
      word?: undefined;
      /** The platform's channel id, when given as a mention. */
      externalId: string | null;
      /** The name typed (local only), or the platform's name for the mention once resolved. */
      name: string | null;
      /** The id was checked with the platform. */
      fromPlatform?: true;
    };

/** A channel mention, a name (the shell only), or off; with `words` (here, digest), one of those instead of off. */
export function parseChannel(raw: string, words: readonly string[] = []): Parsed<ChannelInput> {
  const text = raw.trim();
  const word = words.find((w) => w === text.toLowerCase());
  if (word) return ok({ word });
  if (words.length === 0 && /^(off|none)$/i.test(text)) return ok({ off: true });
  const mention = /^<#([A-Za-z0-9]+)(?:\|[^>]*)?>$/.exec(text);
  if (mention) return ok({ externalId: mention[1]!, name: null });
  const name = text.replace(/^#/, "");
  if (!/^[\w.-]{1,80}$/u.test(name)) return fail(`"${raw}" is not a channel`);
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
