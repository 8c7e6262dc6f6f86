// A campaign with more creators than a chart has rows (MAX_ROWS): the per-creator charts draw
// the weightiest rows at a bounded height, and their subtitles still count everyone.

import { describe, expect, it } from "vitest";
import { engagementSpec, spendRevenueSpec } from "../../src/charts/configs.ts";
import { heightForRows, MAX_ROWS, rowsToDraw } from "../../src/charts/rows.ts";
import { renderPng } from "../../src/charts/render-local.ts";

const subtitleOf = (spec: ReturnType<typeof engagementSpec>) => (spec.config.options as any).plugins.subtitle.text as string;

describe("charts of a long roster", () => {
  const creators = Array.from({ length: 1000 }, (_, i) => ({
    handle: `@c${i}`,
    tier: "micro",
    // Every third creator is below the band (0.02).
    rate: i % 3 === 0 ? 0.01 : 0.04,
    band: { low: 0.02, high: 0.08 },
    views: i === 500 ? 1_000_000 : i,
  }));

  it("engagement: the most viewed creators, most viewed first, at the height of MAX_ROWS rows; the count is over everyone", () => {
    const spec = engagementSpec({ title: "t", creators });
    const labels = spec.config.data.labels as string[][];
    expect(labels).toHaveLength(MAX_ROWS);
    expect(labels[0]![0]).toBe("@c500");
    expect(labels[1]![0]).toBe("@c999");
    expect(spec.height).toBe(heightForRows(MAX_ROWS));
    expect(subtitleOf(spec)).toBe(`334 of 1,000 creators below their tier's benchmark · engagement rate by followers · the ${MAX_ROWS} with the most views shown`);
  });

  it("spend against revenue: the creators with the most money either way; totals over everyone", () => {
    const money = Array.from({ length: 40 }, (_, i) => ({ handle: `@m${i}`, spendMinor: i === 3 ? 900_000 : 1000, revenueMinor: i * 100 }));
    const spec = spendRevenueSpec({ title: "t", currency: "USD", creators: money });
    const labels = spec.config.data.labels as string[][];
    expect(labels).toHaveLength(MAX_ROWS);
    expect(labels[0]![0]).toBe("@m3");
    expect(labels.map((l) => l[0])).not.toContain("@m0");
    // 39 × $10 + $9,000 spend; revenue 100 × (0 + … + 39) minor = $780.
    expect(subtitleOf(spec as any)).toBe(`Spend $9,390 · revenue $780 · ROAS 0.1× · the ${MAX_ROWS} largest of 40 creators shown`);
  });

  it("a roster that fits is drawn whole, in its own order", () => {
    const few = [{ w: 1 }, { w: 3 }, { w: 2 }];
    expect(rowsToDraw(few, (r) => r.w)).toEqual({ shown: few, hidden: 0 });
  });

  it("draws the capped chart as a PNG of that height", async () => {
    const png = await renderPng(engagementSpec({ title: "t", creators }));
    expect(png.readUInt32BE(20)).toBe(heightForRows(MAX_ROWS));
  });
});
