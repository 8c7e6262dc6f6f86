// The digest's charts: three Chart.js configurations from plain data, drawn locally to PNG or
// handed out as QuickChart URLs.

import type { BaseConfig as Config } from "../base-config.ts";
import { chartSpecs } from "./configs.ts";
import type { ChartDrawer, ChartImage, ChartInputs, RenderOptions } from "./types.ts";
import { DISCORD_EMBED_URL_MAX } from "./url-limits.ts";

export type * from "./types.ts";
export { chartSpecs } from "./configs.ts";
export { DISCORD_EMBED_URL_MAX, SLACK_IMAGE_URL_MAX } from "./url-limits.ts";

/** QuickChart when QUICKCHART_URL is set or CHARTS=quickchart; local PNGs otherwise. */
export function chartOptionsFromConfig(config: Pick<Config, "CHARTS" | "QUICKCHART_URL">): RenderOptions {
  if (config.QUICKCHART_URL) return { mode: "quickchart", quickchartUrl: config.QUICKCHART_URL };
  return { mode: config.CHARTS };
}

/**
 * Orders and revenue per day, engagement rate against the tier band, spend against revenue:
 * always three images in that order. A chart with nothing to plot is a "No … yet" image.
 * Each image has either `url` (QuickChart) or `png` (local, or a QuickChart URL too long for
 * chat apps): deliver whichever is there. Local PNGs are drawn by `drawer`: the chart process
 * (chart-process.ts) of whoever asks, createCore's in the bot.
 */
export async function renderCharts(inputs: ChartInputs, options: RenderOptions, drawer: ChartDrawer): Promise<ChartImage[]> {
  const maxUrlLength = options.maxUrlLength ?? DISCORD_EMBED_URL_MAX;
  const images: ChartImage[] = [];
  // One at a time: each local chart holds a full-size canvas while it draws.
  for (const spec of chartSpecs(inputs)) {
    if (options.mode === "quickchart") {
      // quickchart-js (some 3 MB of heap) loads with the first QuickChart URL, not at start.
      const { renderQuickChart } = await import("./render-quickchart.ts");
      const image = renderQuickChart(spec, options.quickchartUrl);
      if (image.url!.length <= maxUrlLength) {
        images.push(image);
        continue;
      }
    }
    // Chart.js on the canvas (some 30 MB resident) loads in a child process of its own, never in
    // the bot: the child ends some 20 s after its last chart and gives all of it back.
    images.push(await drawer.draw(spec));
  }
  return images;
}
