import { createCanvas, loadImage } from "@napi-rs/canvas";
import { afterAll, describe, expect, it } from "vitest";
import { ChartProcess } from "../../src/charts/chart-process.ts";
import { chartSpecs } from "../../src/charts/configs.ts";
import { registerChartFonts } from "../../src/charts/fonts.ts";
import { renderCharts } from "../../src/charts/index.ts";
import { renderPng } from "../../src/charts/render-local.ts";
import { sampleChartInputs } from "../../src/charts/samples.ts";
import { COLORS } from "../../src/charts/style.ts";

const chartProcess = new ChartProcess();
afterAll(() => chartProcess.close());

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which a valid PNG has first. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  expect(png.subarray(12, 16).toString("latin1")).toBe("IHDR");
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

const hex = (color: string) => [1, 3, 5].map((i) => parseInt(color.slice(i, i + 2), 16)) as [number, number, number];

/** Counts non-white pixels and pixels close to each of the given colours. */
async function pixels(png: Buffer, colors: Record<string, string> = {}) {
  const image = await loadImage(png);
  const canvas = createCanvas(image.width, image.height);
  const ctx = canvas.getContext("2d");
  ctx.drawImage(image, 0, 0);
  const { data } = ctx.getImageData(0, 0, image.width, image.height);
  const targets = Object.entries(colors).map(([name, c]) => [name, hex(c)] as const);
  const counts: Record<string, number> = Object.fromEntries(targets.map(([name]) => [name, 0]));
  let nonWhite = 0;
  let transparent = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b, a] = [data[i]!, data[i + 1]!, data[i + 2]!, data[i + 3]!];
    if (a < 255) transparent++;
    if (r < 245 || g < 245 || b < 245) nonWhite++;
    for (const [name, [tr, tg, tb]] of targets) if (Math.abs(r - tr) + Math.abs(g - tg) + Math.abs(b - tb) < 12) counts[name]!++;
  }
  return { total: data.length / 4, nonWhite, transparent, counts };
}

describe("local PNG renderer", () => {
  it("ships and registers its own font", () => {
    expect(registerChartFonts()).toBe(true);
  });

  it("renders the three digest charts as PNGs of at least 1200×600 with something drawn", async () => {
    const images = await renderCharts(sampleChartInputs(), { mode: "local" }, chartProcess);
    expect(images.map((i) => i.name)).toEqual(["orders-revenue.png", "engagement.png", "spend-revenue.png"]);
    for (const image of images) {
      expect(image.url).toBeUndefined();
      const size = pngSize(image.png!);
      expect(size).toEqual({ width: image.width, height: image.height });
      expect(size.width).toBeGreaterThanOrEqual(1200);
      expect(size.height).toBeGreaterThanOrEqual(600);
      const seen = await pixels(image.png!);
      // On a white background (no transparency for dark-mode chat apps), with real content.
      expect(seen.transparent).toBe(0);
      expect(seen.nonWhite / seen.total).toBeGreaterThan(0.05);
    }
  });

  it("draws the series in their colours, with creators under the band highlighted", async () => {
    const [orders, engagement, spend] = chartSpecs(sampleChartInputs());
    const o = await pixels(await renderPng(orders!), { orders: COLORS.orders, revenue: COLORS.revenue });
    expect(o.counts.orders).toBeGreaterThan(10_000);
    expect(o.counts.revenue).toBeGreaterThan(1_000);
    const e = await pixels(await renderPng(engagement!), { on: COLORS.onBenchmark, below: COLORS.belowBenchmark });
    expect(e.counts.on).toBeGreaterThan(5_000);
    expect(e.counts.below).toBeGreaterThan(1_000);
    const s = await pixels(await renderPng(spend!), { spend: COLORS.spend, revenue: COLORS.revenue });
    expect(s.counts.spend).toBeGreaterThan(5_000);
    expect(s.counts.revenue).toBeGreaterThan(5_000);
  });

  it("without data, renders a 1200×600 message image with no bars", async () => {
    const images = await renderCharts(
      {
        ordersRevenue: { title: "Orders and revenue per day", currency: "USD", days: [], orders: [], revenueMinor: [] },
        engagement: { title: "Engagement", creators: [] },
        spendRevenue: { title: "Spend vs revenue", currency: "EUR", creators: [] },
      },
      { mode: "local" },
      chartProcess,
    );
    for (const image of images) {
      expect(pngSize(image.png!)).toEqual({ width: 1200, height: 600 });
      const seen = await pixels(image.png!, { orders: COLORS.orders, spend: COLORS.spend, below: COLORS.belowBenchmark });
      expect(seen.nonWhite).toBeGreaterThan(1_000); // the title and the message
      expect(seen.counts).toEqual({ orders: 0, spend: 0, below: 0 });
    }
  });
});
