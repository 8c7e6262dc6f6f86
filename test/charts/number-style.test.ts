// The charts write numbers in the workspace's style (issue 20, docs/numbers.md): their ticks, as
// Chart.js itself formats them from the config, their subtitles and their ROAS labels, as the
// replies beside them do.

import { Ticks } from "chart.js";
import { describe, expect, it } from "vitest";
import { engagementSpec, ordersRevenueSpec, spendRevenueSpec } from "../../src/charts/configs.ts";
import { sampleChartInputs } from "../../src/charts/samples.ts";
import type { ChartSpec } from "../../src/charts/types.ts";
import { numberWriter } from "../../src/core/format.ts";
import type { NumberStyle } from "../../src/domain/number-styles.ts";

type Json = any;
const options = (spec: ChartSpec): Json => spec.config.options;

/** A tick label as Chart.js writes it: its numeric formatter with the chart's locale and the axis's format. */
function tick(spec: ChartSpec, axis: string, value: number, ticks: number[]): string {
  const scale = { chart: { options: options(spec) }, options: options(spec).scales[axis] };
  return String(Ticks.formatters.numeric.call(scale as never, value, 0, ticks.map((v) => ({ value: v }))));
}

/** No-break spaces (Intl's thousands mark in 1 234,56) read as spaces. */
const plain = (text: string) => text.replace(/[\u00a0\u202f]/g, " ");

const inputs = (style: NumberStyle) => {
  const sample = sampleChartInputs();
  return {
    ordersRevenue: { ...sample.ordersRevenue, numberStyle: style },
    engagement: { ...sample.engagement, numberStyle: style },
    spendRevenue: { ...sample.spendRevenue, numberStyle: style },
  };
};

describe.each([
  ["1,234.56", "234 orders · $10,879 revenue · 14 days", "Spend $6,150 · revenue $7,335 · ROAS 1.2×", "ROAS 3.6×", ["$1,200", "1,200", "2.5%", "¥4.5M"]],
  ["1.234,56", "234 orders · $10.879 revenue · 14 days", "Spend $6.150 · revenue $7.335 · ROAS 1,2×", "ROAS 3,6×", ["$1.200", "1.200", "2,5%", "¥4,5M"]],
  ["1 234,56", "234 orders · $10 879 revenue · 14 days", "Spend $6 150 · revenue $7 335 · ROAS 1,2×", "ROAS 3,6×", ["$1 200", "1 200", "2,5%", "¥4,5M"]],
] as const)("in %s", (style, ordersSubtitle, spendSubtitle, roasLabel, [moneyTick, countTick, percentTick, compactTick]) => {
  const specs = inputs(style);

  it("subtitles and ROAS labels", () => {
    expect(options(ordersRevenueSpec(specs.ordersRevenue)).plugins.subtitle.text).toBe(ordersSubtitle);
    const spend = spendRevenueSpec(specs.spendRevenue);
    expect(options(spend).plugins.subtitle.text).toBe(spendSubtitle);
    expect((spend.config.data.labels as string[][])[0]).toEqual(["@ana.lifts", roasLabel]);
  });

  it("ticks of money, counts and rates, and a compact amount", () => {
    const orders = ordersRevenueSpec(specs.ordersRevenue);
    expect(plain(tick(orders, "y1", 1200, [0, 600, 1200]))).toBe(moneyTick);
    expect(plain(tick(orders, "y", 1200, [0, 600, 1200]))).toBe(countTick);
    expect(plain(tick(engagementSpec(specs.engagement), "x", 0.025, [0, 0.025, 0.05]))).toBe(percentTick);
    const yen = spendRevenueSpec({ title: "t", currency: "JPY", creators: [{ handle: "@tokyo.eats", spendMinor: 1_500_000, revenueMinor: 4_500_000 }], numberStyle: style });
    expect(plain(tick(yen, "x", 4_500_000, [0, 2_250_000, 4_500_000]))).toBe(compactTick);
  });

  it("a money tick reads like the replies' money, less the cents", () => {
    const orders = ordersRevenueSpec(specs.ordersRevenue);
    expect(plain(tick(orders, "y1", 1200, [0, 600, 1200]))).toBe(numberWriter(style).money(120000, "USD").replace(/[.,]00$/, ""));
  });
});

it("a count over a thousand in an engagement subtitle is grouped in the style", () => {
  const creators = Array.from({ length: 1200 }, (_, i) => ({ handle: `@c${i}`, tier: "nano", rate: 0.01, band: { low: 0.05, high: 0.1 }, views: i }));
  expect(options(engagementSpec({ title: "t", creators, numberStyle: "1.234,56" })).plugins.subtitle.text).toMatch(/^1\.200 of 1\.200 creators below/);
});
