import { describe, expect, it } from "vitest";
import { formatMajor, numberWriter } from "../../src/core/format.ts";
import { change, emptyFigures, lift, pointChange, ratesOf, ratio } from "../../src/domain/metrics.ts";
import { parsePeriod, resolvePeriod } from "../../src/domain/periods.ts";
import { fixedCostUnits, unitsToMinor, variableCostUnits } from "../../src/domain/spend.ts";

const formatMoney = numberWriter("1,234.56").money;

describe("rates", () => {
  it("computes every formula from hand-checked figures", () => {
    // 1,000 views, 50 + 5 + 3 + 2 = 60 engagements, 40 clicks, 4 orders, $200 revenue, $80 spend, 12,000 followers
    const r = ratesOf({ ...emptyFigures(), posts: 1, views: 1000, likes: 50, comments: 5, shares: 3, saves: 2, clicks: 40, followerReach: 12_000, orders: 4, revenue: 20_000, spendUnits: 8_000 * 10_000 });
    expect(r.engagements).toBe(60);
    expect(r.engagementRate).toBeCloseTo(0.005, 10);
    expect(r.viewRate).toBeCloseTo(0.06, 10);
    expect(r.ctr).toBeCloseTo(0.04, 10);
    expect(r.conversionRate).toBeCloseTo(0.1, 10);
    expect(r.cpe).toBeCloseTo(8000 / 60, 10); // minor units
    expect(r.cpm).toBeCloseTo(8000, 10); // $80 per 1,000 views
    expect(r.cpa).toBe(2000);
    expect(r.roas).toBe(2.5);
  });

  it("every zero denominator is null (n/a), never Infinity or NaN", () => {
    const r = ratesOf(emptyFigures());
    expect(Object.entries(r).filter(([k]) => k !== "engagements").every(([, v]) => v === null)).toBe(true);
    expect(ratio(5, 0)).toBeNull();
    expect(change(5, 0)).toBeNull();
    expect(change(null, 3)).toBeNull();
    expect(lift(10, 0, 5, 5)).toBeNull();
    expect(lift(10, 10, null, 5)).toBeNull();
  });

  it("change and lift", () => {
    expect(change(15, 10)).toBe(0.5);
    expect(lift(70, 7, 30, 30)).toBe(9); // 10 a day against 1 a day
  });

  it("a rate's change is in percentage points, n/a when either rate is", () => {
    expect(pointChange(0.0227, 0.0187)).toBeCloseTo(0.4, 10);
    expect(pointChange(null, 0.02)).toBeNull();
    expect(pointChange(0.02, null)).toBeNull();
  });
});

describe("spend", () => {
  const terms = { fee: 30_000, productCost: 5_000, commissionBps: 1_000, perOrder: 250 };
  it("is exact in ten-thousandths of a cent and rounds half up when shown", () => {
    expect(fixedCostUnits(terms)).toBe(35_000 * 10_000);
    // 10% of $0.05 = half a cent; plus 2 orders × $2.50
    expect(variableCostUnits(terms, 5, 2)).toBe(1_000 * 5 + 500 * 10_000);
    expect(unitsToMinor(5_000)).toBe(1);
    expect(unitsToMinor(4_999)).toBe(0);
  });
  it("shows money in major units for CSV and with its symbol in chat", () => {
    expect(formatMajor(120_050, "USD")).toBe("1200.50");
    expect(formatMajor(5, "USD")).toBe("0.05");
    expect(formatMajor(300, "JPY")).toBe("300");
    expect(formatMoney(120_050, "USD")).toBe("$1,200.50");
    expect(formatMoney(30_000, "EUR")).toBe("€300.00");
  });
  it("keeps each currency's own symbol and decimals when they alternate (formats are reused per currency)", () => {
    const seen = ["USD", "JPY", "EUR", "JPY", "KWD", "USD"].map((c) => `${formatMoney(123_456, c)} ${formatMajor(123_456, c)}`);
    expect(seen).toEqual(["$1,234.56 1234.56", "¥123,456 123456", "€1,234.56 1234.56", "¥123,456 123456", "KWD\u00a0123.456 123.456", "$1,234.56 1234.56"]);
  });
});

describe("periods", () => {
  it("reads 7d, all and ranges; refuses the rest", () => {
    expect(parsePeriod("7d")).toEqual({ ok: true, value: { kind: "last", days: 7 } });
    expect(parsePeriod("ALL")).toEqual({ ok: true, value: { kind: "all" } });
    expect(parsePeriod("2026-12-01..2026-12-14")).toEqual({ ok: true, value: { kind: "range", from: "2026-12-01", to: "2026-12-14" } });
    for (const bad of ["0d", "400d", "week", "2026-12-14..2026-12-01", "2026-02-30..2026-03-01"]) expect(parsePeriod(bad).ok).toBe(false);
  });
  it("7d ends today and compares with the seven days before", () => {
    expect(resolvePeriod({ kind: "last", days: 7 }, "2026-12-20", null)).toMatchObject({ from: "2026-12-14", to: "2026-12-20", days: 7, previous: { from: "2026-12-07", to: "2026-12-13" } });
    expect(resolvePeriod({ kind: "range", from: "2026-12-01", to: "2026-12-14" }, "2026-12-20", null).previous).toEqual({ from: "2026-11-17", to: "2026-11-30" });
    expect(resolvePeriod({ kind: "all" }, "2026-12-20", "2026-12-01")).toMatchObject({ from: null, to: null, days: 20, previous: null });
  });
});
