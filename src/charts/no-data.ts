// The chart drawn when there is nothing to plot: the chart's title and a centred message,
// never an empty pair of axes.

import type { ChartConfiguration } from "chart.js";
import { baseOptions, COLORS, font, MIN_HEIGHT, SIZES, WIDTH } from "./style.ts";
import type { ChartSpec } from "./types.ts";

export function noDataSpec(name: string, title: string, message: string): ChartSpec {
  // The message is a subtitle pushed down to the middle: plain config, so QuickChart draws the
  // same picture as the local renderer.
  const titleBlock = SIZES.title + 24;
  const messageTop = Math.round(MIN_HEIGHT / 2 - titleBlock - SIZES.message / 2);
  const config: ChartConfiguration = {
    type: "bar",
    data: { labels: [], datasets: [] },
    options: {
      ...baseOptions(),
      scales: { x: { display: false }, y: { display: false } },
      plugins: {
        title: { display: true, text: title, font: font(SIZES.title, "bold"), padding: { top: 4, bottom: 0 } },
        subtitle: { display: true, text: message, color: COLORS.mutedText, font: font(SIZES.message), padding: { top: messageTop, bottom: 0 } },
        legend: { display: false },
      },
    },
  };
  return { name, title, width: WIDTH, height: MIN_HEIGHT, empty: true, config };
}
