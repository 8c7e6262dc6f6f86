import { describe, expect, it } from "vitest";
import { chartSpecs, engagementSpec, ordersRevenueSpec, spendRevenueSpec } from "../../src/charts/configs.ts";
import { LABEL_BAND, LABEL_BELOW, LABEL_ON, NO_POSTS_MESSAGE } from "../../src/charts/engagement.ts";
import { NO_ORDERS_MESSAGE } from "../../src/charts/orders-revenue.ts";
import { sampleChartInputs } from "../../src/charts/samples.ts";
import { NO_SPEND_MESSAGE } from "../../src/charts/spend-revenue.ts";
import { COLORS } from "../../src/charts/style.ts";
import type { ChartSpec } from "../../src/charts/types.ts";

// Configs are plain JSON: read them as such.
type Json = any;
const dataset = (spec: ChartSpec, label: string): Json => {
  const found = spec.config.data.datasets.find((d) => d.label === label);
  if (!found) throw new Error(`no dataset "${label}" in ${spec.name}`);
  return found;
};
const options = (spec: ChartSpec): Json => spec.config.options;

function fontSizes(value: unknown, found: number[] = []): number[] {
  if (Array.isArray(value)) value.forEach((v) => fontSizes(v, found));
  else if (value && typeof value === "object") {
    for (const [key, v] of Object.entries(value)) {
      if (key === "font" && v && typeof v === "object" && "size" in v) found.push((v as { size: number }).size);
      else fontSizes(v, found);
    }
  }
  return found;
}

describe("orders and revenue per day", () => {
  const input = sampleChartInputs().ordersRevenue;
  const spec = ordersRevenueSpec(input);

  it("has one bar of orders per day, on the left axis", () => {
    const orders = dataset(spec, "Orders");
    expect(orders.type).toBe("bar");
    expect(orders.data).toEqual([4, 9, 14, 8, 12, 19, 13, 18, 23, 17, 22, 28, 21, 26]);
    expect(options(spec).scales[orders.yAxisID].position).toBe("left");
  });

  it("draws revenue in major units as a line on the right axis with currency ticks", () => {
    const revenue = dataset(spec, "Revenue (USD)");
    expect(revenue.type).toBe("line");
    expect(revenue.data).toEqual([218, 405, 662, 379, 554, 881, 610, 836, 1049, 793, 1012, 1298, 965, 1217]);
    const axis = options(spec).scales[revenue.yAxisID];
    expect(axis.position).toBe("right");
    expect(axis.ticks.format).toMatchObject({ style: "currency", currency: "USD" });
    expect(axis.title.text).toBe("Revenue (USD)");
  });

  it("labels each day as a calendar date, whatever the machine's time zone", () => {
    expect(spec.config.data.labels).toHaveLength(14);
    expect(spec.config.data.labels?.[0]).toBe("Mar 2");
    expect(spec.config.data.labels?.[13]).toBe("Mar 15");
  });

  it("sums the period in the subtitle", () => {
    expect(options(spec).plugins.subtitle.text).toBe("234 orders · $10,879 revenue · 14 days");
  });

  it("uses each currency's own decimals", () => {
    const yen = ordersRevenueSpec({ ...input, currency: "JPY", days: ["2026-03-01"], orders: [2], revenueMinor: [5000] });
    expect(dataset(yen, "Revenue (JPY)").data).toEqual([5000]);
    const dinar = ordersRevenueSpec({ ...input, currency: "BHD", days: ["2026-03-01"], orders: [1], revenueMinor: [12345] });
    expect(dataset(dinar, "Revenue (BHD)").data).toEqual([12.345]);
  });

  it("refuses series of different lengths", () => {
    expect(() => ordersRevenueSpec({ ...input, orders: [1] })).toThrow(/14 days but 1 order counts/);
  });
});

describe("engagement rate against the tier's benchmark band", () => {
  const input = sampleChartInputs().engagement;
  const spec = engagementSpec(input);

  it("draws each creator's band as a floating bar [low, high]", () => {
    expect(dataset(spec, LABEL_BAND).data).toEqual([
      [0.05, 0.1],
      [0.02, 0.08],
      [0.02, 0.08],
      [0.02, 0.08],
      [0.005, 0.02],
      [0.05, 0.1],
    ]);
  });

  it("puts creators under their band in the highlight colour, the others in the normal one", () => {
    const below = dataset(spec, LABEL_BELOW);
    const on = dataset(spec, LABEL_ON);
    // @kettlebell_kai (1.1% < 2%) and @big.bench (0.41% < 0.5%) are under; @new.nora has no rate.
    expect(below.data).toEqual([null, 0.011, null, null, 0.0041, null]);
    expect(on.data).toEqual([0.072, null, 0.093, 0.034, null, null]);
    expect(below.backgroundColor).toBe(COLORS.belowBenchmark);
    expect(on.backgroundColor).toBe(COLORS.onBenchmark);
    expect(below.backgroundColor).not.toBe(on.backgroundColor);
  });

  it("says so in words too, so colour is not the only cue", () => {
    expect(spec.config.data.labels).toEqual([
      ["@ana.lifts", "nano"],
      ["@kettlebell_kai", "micro · below"],
      ["@resin.rosa", "micro"],
      ["@trailrun.tom", "micro"],
      ["@big.bench", "macro · below"],
      ["@new.nora", "nano · n/a"],
    ]);
    expect(options(spec).plugins.subtitle.text).toMatch(/^2 of 6 creators below/);
  });

  it("has percent ticks on the rate axis", () => {
    expect(options(spec).indexAxis).toBe("y");
    expect(options(spec).scales.x.ticks.format).toMatchObject({ style: "percent" });
  });

  it("grows taller with the roster instead of squeezing rows", () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ handle: `@c${i}`, tier: "micro", rate: 0.03, band: { low: 0.02, high: 0.08 } }));
    expect(engagementSpec({ title: "t", creators: many }).height).toBeGreaterThan(30 * 60);
  });
});

describe("spend against revenue by creator", () => {
  const spec = spendRevenueSpec(sampleChartInputs().spendRevenue);

  it("has grouped bars of spend and revenue in major units", () => {
    expect(dataset(spec, "Spend (USD)").data).toEqual([500, 1200, 800, 650, 3000, 0]);
    expect(dataset(spec, "Revenue (USD)").data).toEqual([1820, 640, 2400, 975, 1500, 0]);
    expect(options(spec).scales.x.ticks.format).toMatchObject({ style: "currency", currency: "USD", maximumFractionDigits: 0 });
  });

  it("gives each creator's ROAS, and n/a when nothing was spent", () => {
    const labels = spec.config.data.labels as string[][];
    expect(labels[0]).toEqual(["@ana.lifts", "ROAS 3.6×"]);
    expect(labels[5]).toEqual(["@new.nora", "ROAS n/a"]);
    expect(options(spec).plugins.subtitle.text).toBe("Spend $6,150 · revenue $7,335 · ROAS 1.2×");
  });

  it("keeps large amounts short on the axis and exact in the subtitle", () => {
    const yen = spendRevenueSpec({
      title: "t",
      currency: "JPY",
      creators: [
        { handle: "@tokyo.eats", spendMinor: 1_500_000, revenueMinor: 4_200_000 },
        { handle: "@osaka.run", spendMinor: 800_000, revenueMinor: 300_000 },
      ],
    });
    expect(dataset(yen, "Revenue (JPY)").data).toEqual([4_200_000, 300_000]);
    const format = options(yen).scales.x.ticks.format;
    expect(format).toMatchObject({ currency: "JPY", notation: "compact" });
    expect(new Intl.NumberFormat("en-US", format).format(4_500_000)).toBe("¥4.5M");
    expect(options(yen).plugins.subtitle.text).toBe("Spend ¥2,300,000 · revenue ¥4,500,000 · ROAS 2.0×");
  });
});

describe("no data", () => {
  const empty = chartSpecs({
    ordersRevenue: { title: "Orders and revenue per day", currency: "USD", days: [], orders: [], revenueMinor: [] },
    engagement: { title: "Engagement", creators: [{ handle: "@new", tier: "nano", rate: null, band: { low: 0.05, high: 0.1 } }] },
    spendRevenue: { title: "Spend vs revenue", currency: "USD", creators: [] },
  });

  it("is a message with the chart's title, not an empty pair of axes", () => {
    expect(empty.map((s) => s.empty)).toEqual([true, true, true]);
    expect(empty.map((s) => options(s).plugins.subtitle.text)).toEqual([NO_ORDERS_MESSAGE, NO_POSTS_MESSAGE, NO_SPEND_MESSAGE]);
    expect(empty.map((s) => options(s).plugins.title.text)).toEqual(["Orders and revenue per day", "Engagement", "Spend vs revenue"]);
    for (const spec of empty) {
      expect(spec.config.data.datasets).toEqual([]);
      expect(options(spec).scales.x.display).toBe(false);
      expect(options(spec).scales.y.display).toBe(false);
    }
  });

  it("counts days of zero orders and zero revenue as nothing yet", () => {
    const zeros = ordersRevenueSpec({ title: "t", currency: "USD", days: ["2026-03-01", "2026-03-02"], orders: [0, 0], revenueMinor: [0, 0] });
    expect(zeros.empty).toBe(true);
  });
});

describe("every chart", () => {
  const specs = [...chartSpecs(sampleChartInputs())];

  it("is plain JSON, so QuickChart draws the same config", () => {
    for (const spec of specs) expect(JSON.parse(JSON.stringify(spec.config))).toEqual(spec.config);
  });

  it("is at least 1200×600 with text of 20 px or more, readable on a phone", () => {
    for (const spec of specs) {
      expect(spec.width).toBeGreaterThanOrEqual(1200);
      expect(spec.height).toBeGreaterThanOrEqual(600);
      const sizes = fontSizes(spec.config.options);
      expect(sizes.length).toBeGreaterThan(3);
      expect(Math.min(...sizes)).toBeGreaterThanOrEqual(20);
    }
  });

  it("has a title, a legend and named axes", () => {
    for (const spec of specs) {
      const o = options(spec);
      expect(o.plugins.title.text).toBe(spec.title);
      expect(o.plugins.legend.display).not.toBe(false);
      const titled = Object.values(o.scales as Record<string, Json>).filter((s) => s.title?.display);
      expect(titled.length).toBeGreaterThanOrEqual(1);
    }
  });
});
