import { describe, expect, it } from "vitest";
import { numberWriter } from "../../src/core/format.ts";
import { toMinor } from "../../src/core/money-input.ts";
import { parseBoolean, parseCount, parseDay, parseHandle, parseMoney, parsePercent, parsePerson, parseUrl, toMinorUnits } from "../../src/core/values.ts";
import type { NumberStyle } from "../../src/domain/number-styles.ts";

const value = <T>(p: { ok: true; value: T } | { ok: false; reason: string }) => (p.ok ? p.value : `ERR ${p.reason}`);

const DOT = "1,234.56" as const;
const COMMA = "1.234,56" as const;
const SPACE = "1 234,56" as const;

describe("numbers as people write them", () => {
  it.each([
    ["12000", 12000],
    ["12,000", 12000],
    ["12k", 12000],
    ["12K", 12000],
    ["1.2m", 1200000],
    ["1.25k", 1250],
    ["0", 0],
    [" 48k ", 48000],
    ["1,234,567", 1234567],
    ['"12 000" (a space groups thousands in every style)', 12000],
  ])("%s → %i", (raw, n) => expect(value(parseCount(raw.replace(/^"(.*)".*$/, "$1"), DOT))).toBe(n));

  it.each(["lots", "12kk", "-5", "1.2345k", "1e5", "", "12.5", "12.", "1,2,3"])("%s is refused", (raw) => {
    expect(parseCount(raw, DOT).ok).toBe(false);
  });

  it("trailing zeros mean nothing: 12.0 is twelve, 45.00 is 45, 1000.0 is 1,000, 1.2000k is 1,200", () => {
    expect(value(parseCount("12.0", DOT))).toBe(12);
    expect(value(parseCount("45.00", DOT))).toBe(45);
    expect(value(parseCount("1000.0", DOT))).toBe(1000);
    expect(value(parseCount("1.2000k", DOT))).toBe(1200);
    expect(value(parseCount("2.50k", DOT))).toBe(2500);
  });

  it("a comma followed by other than three digits is not a thousands separator: both readings, never a guess", () => {
    expect(value(parseCount("23,4k", DOT))).toBe('ERR "23,4k" could be 23,400 or 234,000: write 23.4k, or 234k');
    expect(value(parseCount("1,5", DOT))).toBe('ERR "1,5" could be 1.5 (not a whole number) or 15: write 15');
    expect(value(parseCount("1,2345", DOT))).toBe('ERR "1,2345" could be 1.2345 (not a whole number) or 12,345: write 12345');
  });

  it("a decimal mark followed by three digits could be thousands in the other styles: 12.000 and 23.400 are asked about alike", () => {
    expect(value(parseCount("12.000", DOT))).toBe('ERR "12.000" could be 12 or 12,000: write 12, or 12000');
    expect(value(parseCount("23.400", DOT))).toBe('ERR "23.400" could be 23.4 (not a whole number) or 23,400: write 23400');
    expect(value(parseCount("0.500k", DOT))).toBe(500); // a leading 0 never starts a thousands group
  });

  it("a number written in another style is refused with how to write it in this one", () => {
    expect(value(parseCount("1.000.000", DOT))).toBe(
      'ERR "1.000.000" is written as in 1.234,56, but this workspace writes numbers as 1,234.56: write 1000000 (an admin can change the style with /settings numbers:)',
    );
  });

  it("in 1.234,56 the dot groups thousands and the comma is the decimal mark", () => {
    expect(value(parseCount("12.000", COMMA))).toBe(12000);
    expect(value(parseCount("23.400", COMMA))).toBe(23400);
    expect(value(parseCount("1.234.567", COMMA))).toBe(1234567);
    expect(value(parseCount("23,4k", COMMA))).toBe(23400);
    expect(value(parseCount("1,2m", COMMA))).toBe(1200000);
    expect(value(parseCount("12,0", COMMA))).toBe(12);
    expect(value(parseCount("12,000", COMMA))).toBe('ERR "12,000" could be 12 or 12.000: write 12, or 12000');
    expect(value(parseCount("1.5", COMMA))).toBe('ERR "1.5" could be 1,5 (not a whole number) or 15: write 15');
  });

  it("in 1 234,56 a space groups thousands, the comma is the decimal mark and a dot is asked about", () => {
    expect(value(parseCount("12 000", SPACE))).toBe(12000);
    expect(value(parseCount("12\u00a0000", SPACE))).toBe(12000);
    expect(value(parseCount("23,4k", SPACE))).toBe(23400);
    expect(value(parseCount("12.000", SPACE))).toBe('ERR "12.000" could be 12 or 12 000: write 12, or 12000');
  });
});

describe("money", () => {
  const money = (raw: string, style: NumberStyle = DOT) => {
    const p = parseMoney(raw, style);
    return p.ok ? { amount: p.value.amount, currency: p.value.currency } : `ERR ${p.reason}`;
  };
  /** What a campaign in `currency` stores, or the refusal. */
  const minor = (raw: string, currency: string, style: NumberStyle = DOT) => {
    const p = parseMoney(raw, style);
    if (!p.ok) return `ERR ${p.reason}`;
    try {
      return toMinor(p.value, currency, "fee", numberWriter(style));
    } catch (error) {
      return `ERR ${(error as Error).message}`;
    }
  };

  it.each([
    ["$1,200.50", { amount: "1200.50", currency: null }],
    ["1200.50", { amount: "1200.50", currency: null }],
    ["€300", { amount: "300", currency: "EUR" }],
    ["300 EUR", { amount: "300", currency: "EUR" }],
    ["£9.99", { amount: "9.99", currency: "GBP" }],
  ])("%s", (raw, expected) => expect(money(raw)).toEqual(expected));

  it("refuses what is not an amount", () => {
    for (const raw of ["ten", "$", "1.2.3", "-5", "EUR 5 USD", "EUR $5"]) expect(parseMoney(raw, DOT).ok).toBe(false);
  });

  it("converts to minor units exactly, by the currency's decimals", () => {
    expect(toMinorUnits("1200.50", "USD")).toBe(120050);
    expect(toMinorUnits("0.1", "USD")).toBe(10);
    expect(toMinorUnits("300", "JPY")).toBe(300);
    expect(toMinorUnits("1.005", "USD")).toBeNull();
    expect(toMinorUnits("1.5", "JPY")).toBeNull();
  });

  it("a decimal comma in 1,234.56 is asked about, with both amounts and how to write each", () => {
    expect(minor("€180,50", "EUR")).toBe('ERR Invalid fee: "€180,50" could be €180.50 or €18,050.00: write 180.50, or 18050.');
    expect(minor("1012,50", "EUR")).toBe('ERR Invalid fee: "1012,50" could be €1,012.50 or €101,250.00: write 1012.50, or 101250.');
    expect(minor("1,5", "EUR")).toBe('ERR Invalid fee: "1,5" could be €1.50 or €15.00: write 1.50, or 15.');
    expect(minor("0,99", "EUR")).toBe('ERR Invalid fee: "0,99" could be €0.99 or €99.00: write 0.99, or 99.');
  });

  it("three decimals in a two-decimal currency could be thousands; in a three-decimal one they are decimals", () => {
    expect(minor("12.000€", "EUR")).toBe('ERR Invalid fee: "12.000€" could be €12.00 or €12,000.00: write 12, or 12000.');
    expect(minor("12.500", "KWD")).toBe(12500);
    expect(minor("12.0", "EUR")).toBe(1200);
    expect(minor("45.00", "EUR")).toBe(4500);
    expect(minor("12,000", "EUR")).toBe(1200000);
  });

  it("an amount in another style is refused, saying how to write it", () => {
    expect(minor('12.000,00 €', "EUR")).toBe(
      'ERR "12.000,00 €" is written as in 1.234,56, but this workspace writes numbers as 1,234.56: write 12000.00 (an admin can change the style with /settings numbers:)',
    );
  });

  it("in 1.234,56 and 1 234,56 the same amounts are read the European way", () => {
    expect(minor("€180,50", "EUR", COMMA)).toBe(18050);
    expect(minor("12.000,00 €", "EUR", COMMA)).toBe(1200000);
    expect(minor("12.000€", "EUR", COMMA)).toBe(1200000);
    expect(minor("0,99", "EUR", COMMA)).toBe(99);
    expect(minor("12,000", "EUR", COMMA)).toBe('ERR Invalid fee: "12,000" could be €12,00 or €12.000,00: write 12, or 12000.');
    expect(minor("1 234,56 €", "EUR", SPACE)).toBe(123456);
    expect(minor("€180,50", "EUR", SPACE)).toBe(18050);
  });

  it("a currency other than the campaign's is refused, naming both", () => {
    expect(minor("$12,000", "EUR")).toBe('ERR Invalid fee: "$12,000" is in dollars ($), but this is counted in EUR (€); write the amount in EUR.');
    expect(minor("€300", "USD")).toBe('ERR Invalid fee: "€300" is in euros (€), but this is counted in USD ($); write the amount in USD.');
    expect(minor("300 GBP", "EUR")).toBe('ERR Invalid fee: "300 GBP" is in GBP, but this is counted in EUR; write the amount in EUR.');
    expect(minor("$300", "CAD")).toBe(30000); // "$" is the Canadian dollar's own symbol
    expect(minor("¥300", "CNY")).toBe(30000);
  });
});

describe("written in the workspace's style", () => {
  it.each([
    [DOT, "1,234,567", "€1,234.56", "5.23%", "12.5%", "8.76"],
    [COMMA, "1.234.567", "€1.234,56", "5,23%", "12,5%", "8,76"],
    [SPACE, "1 234 567", "€1 234,56", "5,23%", "12,5%", "8,76"],
  ] as const)("%s", (style, count, money, percent, bps, decimal) => {
    const w = numberWriter(style);
    expect([w.count(1234567), w.money(123456, "EUR"), w.percent(0.0523), w.bps(1250), w.decimal(8.764, 2)]).toEqual([count, money, percent, bps, decimal]);
  });

  it("what is written reads back as the same number in its style", () => {
    for (const style of [DOT, COMMA, SPACE]) {
      const w = numberWriter(style);
      for (const n of [0, 7, 999, 1000, 12000, 1234567, 2_000_000_000]) expect(value(parseCount(w.count(n), style))).toBe(n);
      for (const m of [1, 99, 18050, 123456, 1200000]) {
        const p = parseMoney(w.money(m, "EUR"), style);
        expect(p.ok && toMinor(p.value, "EUR", "fee", w)).toBe(m);
      }
    }
  });
});

describe("percentages, dates, booleans, handles, people, links", () => {
  it("percent → basis points", () => {
    expect(value(parsePercent("15%", DOT))).toBe(1500);
    expect(value(parsePercent("15", DOT))).toBe(1500);
    expect(value(parsePercent("12.5%", DOT))).toBe(1250);
    expect(value(parsePercent("12.50%", DOT))).toBe(1250);
    expect(value(parsePercent("12,5%", COMMA))).toBe(1250);
    expect(value(parsePercent("12,5%", DOT))).toBe('ERR "12,5%" could be 12.5% or 125% (over 100%): write 12.5%');
    expect(value(parsePercent("12.345%", DOT))).toBe('ERR "12.345%" has more than two decimals');
    expect(parsePercent("101%", DOT).ok).toBe(false);
    expect(parsePercent("abc", DOT).ok).toBe(false);
  });

  it("dates: ISO, today and yesterday in the workspace's zone", () => {
    const now = new Date("2026-03-01T01:30:00Z"); // still 28 Feb in New York
    expect(value(parseDay("today", "America/New_York", now))).toBe("2026-02-28");
    expect(value(parseDay("yesterday", "UTC", now))).toBe("2026-02-28");
    expect(value(parseDay("2026-12-03", "UTC", now))).toBe("2026-12-03");
    expect(parseDay("2026-02-30", "UTC", now).ok).toBe(false);
    expect(parseDay("03/12/2026", "UTC", now).ok).toBe(false);
  });

  it("booleans", () => {
    expect(value(parseBoolean("yes"))).toBe(true);
    expect(value(parseBoolean("No"))).toBe(false);
    expect(parseBoolean("maybe").ok).toBe(false);
  });

  it("handles lose their @", () => {
    expect(value(parseHandle("@Kate.Lifts"))).toBe("Kate.Lifts");
    expect(parseHandle("kate lifts").ok).toBe(false);
  });

  it("people: Slack mentions with and without a label, or names", () => {
    expect(value(parsePerson("<@U024BE7LH>"))).toEqual({ externalId: "U024BE7LH", name: null });
    // The label is typed text: the name comes from the platform (src/core/person-options.ts).
    expect(value(parsePerson("<@U024BE7LH|kate>"))).toEqual({ externalId: "U024BE7LH", name: null });
    expect(value(parsePerson("@sam"))).toEqual({ externalId: null, name: "sam" });
  });

  it("links get a scheme and Slack's <url|label> is unwrapped", () => {
    expect(value(parseUrl("tiktok.com/@kate/video/1"))).toBe("https://tiktok.com/@kate/video/1");
    expect(value(parseUrl("<https://shop.example/p?a=1|shop>"))).toBe("https://shop.example/p?a=1");
    expect(parseUrl("not a link").ok).toBe(false);
    expect(parseUrl("ftp://x.example").ok).toBe(false);
  });
});
