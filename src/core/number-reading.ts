// Reads the digits and separators of a typed number in the workspace's number style, and says
// when they could mean two things ("1,5": 1.5 or 15) instead of picking one (issue 20).

import { NUMBER_STYLES, separatorsOf, type NumberStyle } from "../domain/number-styles.ts";

/** What a typed number means in a style. Decimals are canonical: digits, at most one ".", no grouping. */
export type NumberReading =
  /**
   * One meaning. `thousands`: its only separator is the decimal mark followed by three digits
   * ("12.000" in 1,234.56), which the other styles read as thousands: "12000".
   */
  | { kind: "number"; decimal: string; thousands: string | null }
  /** Its only separator, followed by other than three digits, is not this style's decimal mark: "1,5" is 1.5 or 15. */
  | { kind: "ambiguous"; readings: [string, string] }
  /** Not a number in this style, but one in another ("12.000,00" in 1,234.56). */
  | { kind: "other-style"; decimal: string; style: NumberStyle }
  | { kind: "not-a-number" };

interface Parts {
  /** Digit runs, in order. */
  digits: string[];
  /** The separator before each digit run ("" for the first unless the text starts with one). */
  before: string[];
}

/** Splits "1,234.5" into digit runs and the single separators between them; null when it is not that shape. */
function split(text: string): Parts | null {
  const normal = text.trim().replace(/[\s\u00A0\u202F]+/g, " ");
  if (!/^[.,]?\d+(?:[., ]\d+)*$/.test(normal)) return null;
  const digits: string[] = [];
  const before: string[] = [];
  for (const match of normal.matchAll(/([., ]?)(\d+)/g)) {
    before.push(match[1]!);
    digits.push(match[2]!);
  }
  return { digits, before };
}

const trimZeros = (whole: string) => whole.replace(/^0+(?=\d)/, "");

/** The number the parts make in a style, or null when they break its rules. */
function readIn(parts: Parts, style: NumberStyle): string | null {
  const { decimal, group } = separatorsOf(style);
  const { digits, before } = parts;
  const separators = before.slice(1);
  const decimalAt = before.indexOf(decimal);
  if (before.filter((s) => s === decimal).length > 1) return null;
  if (decimalAt !== -1 && decimalAt !== before.length - 1) return null; // the decimal mark comes last
  if (before[0] !== "" && decimalAt !== 0) return null; // only a decimal mark may lead (".5")
  const groupMarks = separators.filter((s, i) => i + 1 !== decimalAt);
  if (groupMarks.some((s) => s !== group && s !== " ")) return null;
  if (new Set(groupMarks).size > 1) return null;
  const wholeRuns = decimalAt === -1 ? digits : digits.slice(0, decimalAt);
  if (wholeRuns.length > 1) {
    if (wholeRuns[0]!.length > 3) return null;
    if (wholeRuns.slice(1).some((run) => run.length !== 3)) return null; // a separator followed by other than three digits is not a thousands separator
  }
  const whole = trimZeros(wholeRuns.join("") || "0");
  return decimalAt === -1 ? whole : `${whole}.${digits[decimalAt]!}`;
}

export function readNumber(text: string, style: NumberStyle): NumberReading {
  const parts = split(text);
  if (!parts) return { kind: "not-a-number" };
  const own = readIn(parts, style);
  const only = parts.before.length === 2 && parts.before[0] === "" ? parts.before[1]! : null;
  if (own !== null) {
    const [whole, fraction] = parts.digits;
    const looksGrouped = only === separatorsOf(style).decimal && fraction!.length === 3 && /^[1-9]\d{0,2}$/.test(whole!);
    return { kind: "number", decimal: own, thousands: looksGrouped ? whole! + fraction! : null };
  }
  if (only === "." || only === ",") {
    const [whole, fraction] = parts.digits as [string, string];
    return { kind: "ambiguous", readings: [`${trimZeros(whole)}.${fraction}`, trimZeros(whole + fraction)] };
  }
  for (const other of NUMBER_STYLES) {
    if (other === style) continue;
    const decimal = readIn(parts, other);
    if (decimal !== null) return { kind: "other-style", decimal, style: other };
  }
  return { kind: "not-a-number" };
}

/** "12.000" → "12", "23.40" → "23.4": a reading as short as it is written back. */
export const withoutTrailingZeros = (decimal: string) => (decimal.includes(".") ? decimal.replace(/\.?0+$/, "") : decimal);

/** A canonical decimal times a power of ten (1, 1000, 1000000), exactly, or null when the result is not whole. */
export function decimalTimes(decimal: string, multiplier: number): number | null {
  const [whole = "0", written = ""] = decimal.split(".");
  const fraction = written.replace(/0+$/, ""); // trailing zeros mean nothing: 12.0 is twelve
  const zeros = Math.round(Math.log10(multiplier));
  if (fraction.length > zeros) return null;
  return Number(trimZeros((whole || "0") + fraction.padEnd(zeros, "0")));
}
