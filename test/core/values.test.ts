import { describe, expect, it } from "vitest";
import { parseBoolean, parseCount, parseDay, parseHandle, parseMoney, parsePercent, parsePerson, parseUrl, toMinorUnits } from "../../src/core/values.ts";

const value = <T>(p: { ok: true; value: T } | { ok: false; reason: string }) => (p.ok ? p.value : `ERR ${p.reason}`);

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
  ])("%s → %i", (raw, n) => expect(value(parseCount(raw))).toBe(n));

  it.each(["lots", "12kk", "-5", "1.2345k", "1e5", "", "12.5"])("%s is refused", (raw) => {
    expect(parseCount(raw).ok).toBe(false);
  });
});

describe("money", () => {
  it.each([
    ["$1,200.50", { amount: "1200.50", currency: null }],
    ["1200.50", { amount: "1200.50", currency: null }],
    ["€300", { amount: "300", currency: "EUR" }],
    ["300 EUR", { amount: "300", currency: "EUR" }],
    ["£9.99", { amount: "9.99", currency: "GBP" }],
  ])("%s", (raw, expected) => expect(value(parseMoney(raw))).toEqual(expected));

  it("refuses what is not an amount", () => {
    for (const raw of ["ten", "$", "1.2.3", "-5", "EUR 5 USD"]) expect(parseMoney(raw).ok).toBe(false);
  });

  it("converts to minor units exactly, by the currency's decimals", () => {
    expect(toMinorUnits("1200.50", "USD")).toBe(120050);
    expect(toMinorUnits("0.1", "USD")).toBe(10);
    expect(toMinorUnits("300", "JPY")).toBe(300);
    expect(toMinorUnits("1.005", "USD")).toBeNull();
    expect(toMinorUnits("1.5", "JPY")).toBeNull();
  });
});

describe("percentages, dates, booleans, handles, people, links", () => {
  it("percent → basis points", () => {
    expect(value(parsePercent("15%"))).toBe(1500);
    expect(value(parsePercent("15"))).toBe(1500);
    expect(value(parsePercent("12.5%"))).toBe(1250);
    expect(parsePercent("101%").ok).toBe(false);
    expect(parsePercent("abc").ok).toBe(false);
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
    expect(value(parsePerson("<@U024BE7LH|kate>"))).toEqual({ externalId: "U024BE7LH", name: "kate" });
    expect(value(parsePerson("@sam"))).toEqual({ externalId: null, name: "sam" });
  });

  it("links get a scheme and Slack's <url|label> is unwrapped", () => {
    expect(value(parseUrl("tiktok.com/@kate/video/1"))).toBe("https://tiktok.com/@kate/video/1");
    expect(value(parseUrl("<https://shop.example/p?a=1|shop>"))).toBe("https://shop.example/p?a=1");
    expect(parseUrl("not a link").ok).toBe(false);
    expect(parseUrl("ftp://x.example").ok).toBe(false);
  });
});
