import { runInNewContext } from "node:vm";
import { afterAll, describe, expect, it } from "vitest";
import { ChartProcess } from "../../src/charts/chart-process.ts";
import { chartSpecs } from "../../src/charts/configs.ts";
import { chartOptionsFromConfig, renderCharts, SLACK_IMAGE_URL_MAX } from "../../src/charts/index.ts";
import { assertJsonConfig, quickchartTarget, quickchartUrl } from "../../src/charts/render-quickchart.ts";
import { sampleChartInputs } from "../../src/charts/samples.ts";
import type { ChartInputs } from "../../src/charts/types.ts";

const chartProcess = new ChartProcess();
afterAll(() => chartProcess.close());

/** The config a QuickChart server would read from the URL (a JavaScript object literal). */
const configIn = (url: string) => JSON.parse(JSON.stringify(runInNewContext(`(${new URL(url).searchParams.get("c")})`)));

const tiny: ChartInputs = {
  ordersRevenue: { title: "Orders", currency: "USD", days: ["2026-03-01", "2026-03-02"], orders: [1, 3], revenueMinor: [1999, 5997] },
  engagement: { title: "Engagement", creators: [{ handle: "@a", tier: "nano", rate: 0.04, band: { low: 0.05, high: 0.1 } }] },
  spendRevenue: { title: "Spend", currency: "USD", creators: [{ handle: "@a", spendMinor: 1000, revenueMinor: 7996 }] },
};

describe("QuickChart URLs", () => {
  const spec = chartSpecs(sampleChartInputs())[1]!;

  it("point at the self-hosted server and carry the whole config, size and Chart.js version", () => {
    const url = new URL(quickchartUrl(spec, "http://charts.example:8080"));
    expect(url.protocol).toBe("http:");
    expect(url.host).toBe("charts.example:8080");
    expect(url.pathname).toBe("/chart");
    expect(url.searchParams.get("w")).toBe(String(spec.width));
    expect(url.searchParams.get("h")).toBe(String(spec.height));
    expect(url.searchParams.get("v")).toBe("4");
    expect(url.searchParams.get("bkg")).toBe("#ffffff");
    expect(configIn(url.href)).toEqual(spec.config);
  });

  it("default to quickchart.io over https, and keep a path prefix", () => {
    expect(new URL(quickchartUrl(spec)).origin).toBe("https://quickchart.io");
    expect(quickchartTarget("https://tools.example.org/quickchart/")).toEqual({ scheme: "https", host: "tools.example.org/quickchart" });
    expect(new URL(quickchartUrl(spec, "https://tools.example.org/quickchart")).pathname).toBe("/quickchart/chart");
  });

  it("refuse a QUICKCHART_URL that is not an http(s) URL", () => {
    expect(() => quickchartTarget("charts.example:8080")).toThrow(/http/);
    expect(() => quickchartTarget("not a url")).toThrow(/not a URL/);
  });

  it("refuse configs with functions, which QuickChart cannot receive", () => {
    expect(() => assertJsonConfig({ options: { scales: { y: { ticks: { callback: () => "x" } } } } })).toThrow(/config.options.scales.y.ticks.callback is a function/);
    expect(() => assertJsonConfig({ data: [1, Number.NaN] })).toThrow(/config.data\[1\] is NaN/);
  });
});

describe("renderCharts in QuickChart mode", () => {
  it("returns three URLs and no PNGs when the URLs are short enough", async () => {
    const images = await renderCharts(tiny, { mode: "quickchart", quickchartUrl: "http://127.0.0.1:9" }, chartProcess);
    expect(images.map((i) => i.name)).toEqual(["orders-revenue.png", "engagement.png", "spend-revenue.png"]);
    const specs = chartSpecs(tiny);
    images.forEach((image, i) => {
      expect(image.png).toBeUndefined();
      expect(image.url!.startsWith("http://127.0.0.1:9/chart?")).toBe(true);
      expect(configIn(image.url!)).toEqual(specs[i]!.config);
    });
  });

  it("draws a chart locally instead when its URL is longer than the chat app accepts", async () => {
    const images = await renderCharts(sampleChartInputs(), { mode: "quickchart", maxUrlLength: 2_000 }, chartProcess);
    for (const image of images) {
      if (image.url) expect(image.url.length).toBeLessThanOrEqual(2_000);
      else expect(image.png!.subarray(1, 4).toString("latin1")).toBe("PNG");
    }
    // The 14-day series does not fit in 2000 characters; everything fits Slack's 3000.
    expect(images[0]!.url).toBeUndefined();
    const slack = await renderCharts(sampleChartInputs(), { mode: "quickchart", maxUrlLength: SLACK_IMAGE_URL_MAX }, chartProcess);
    expect(slack.every((i) => i.url && !i.png)).toBe(true);
  });
});

describe("choosing the renderer from the configuration", () => {
  it("uses QuickChart when QUICKCHART_URL is set or CHARTS=quickchart, local PNGs otherwise", () => {
    expect(chartOptionsFromConfig({ CHARTS: "local", QUICKCHART_URL: undefined })).toEqual({ mode: "local" });
    expect(chartOptionsFromConfig({ CHARTS: "quickchart", QUICKCHART_URL: undefined })).toEqual({ mode: "quickchart" });
    expect(chartOptionsFromConfig({ CHARTS: "local", QUICKCHART_URL: "http://charts.example:8080" })).toEqual({
      mode: "quickchart",
      quickchartUrl: "http://charts.example:8080",
    });
  });
});
