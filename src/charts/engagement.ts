// Chart: engagement rate by creator against their tier's benchmark band. The band is a shaded
// floating bar [low, high] behind each creator's rate; rates under the band are in a
// different colour and say "below" in their label, so colour is never the only cue.

import type { ChartConfiguration } from "chart.js";
import { percentTickFormat } from "./money.ts";
import { chartNumber } from "./number-style.ts";
import { noDataSpec } from "./no-data.ts";
import { heightForRows, rowsToDraw } from "./rows.ts";
import { axisTitle, baseOptions, COLORS, tickStyle, titlePlugins, WIDTH } from "./style.ts";
import type { ChartSpec, EngagementByCreator } from "./types.ts";

export const ENGAGEMENT_NAME = "engagement.png";
export const NO_POSTS_MESSAGE = "No posts yet";
export const LABEL_BAND = "Tier benchmark band";
export const LABEL_ON = "At or above benchmark";
export const LABEL_BELOW = "Below benchmark";

type Creator = EngagementByCreator["creators"][number];

export const isBelowBand = (c: Creator) => c.rate !== null && c.rate < c.band.low;

function rowLabel(c: Creator): string[] {
  const verdict = c.rate === null ? "n/a" : isBelowBand(c) ? "below" : null;
  return [c.handle, verdict ? `${c.tier} · ${verdict}` : c.tier];
}

export function engagementSpec(input: EngagementByCreator): ChartSpec {
  const { creators } = input;
  if (creators.length === 0 || creators.every((c) => c.rate === null)) return noDataSpec(ENGAGEMENT_NAME, input.title, NO_POSTS_MESSAGE);

  const count = (n: number) => chartNumber(n, input.numberStyle);
  const below = creators.filter(isBelowBand).length;
  // A long roster: the creators whose posts were seen most, with the count over everyone.
  const { shown, hidden } = rowsToDraw(creators, (c) => c.views ?? 0);
  const subtitle =
    `${count(below)} of ${count(creators.length)} creator${creators.length === 1 ? "" : "s"} below their tier's benchmark · engagement rate by followers` +
    (hidden > 0 ? ` · the ${count(shown.length)} with the most views shown` : "");
  // Each dataset is centred on its row (grouped: false), so rate bars sit inside the band.
  const common = { grouped: false };

  const config: ChartConfiguration = {
    type: "bar",
    data: {
      labels: shown.map(rowLabel),
      datasets: [
        {
          ...common,
          label: LABEL_ON,
          data: shown.map((c) => (c.rate !== null && !isBelowBand(c) ? c.rate : null)),
          backgroundColor: COLORS.onBenchmark,
          barPercentage: 0.42,
          order: 1,
        },
        {
          ...common,
          label: LABEL_BELOW,
          data: shown.map((c) => (isBelowBand(c) ? c.rate : null)),
          backgroundColor: COLORS.belowBenchmark,
          barPercentage: 0.42,
          order: 1,
        },
        {
          ...common,
          label: LABEL_BAND,
          data: shown.map((c) => [c.band.low, c.band.high]),
          backgroundColor: COLORS.band,
          borderColor: COLORS.bandBorder,
          borderWidth: 2,
          barPercentage: 0.9,
          categoryPercentage: 1,
          // Higher order draws first: the band is the backdrop.
          order: 2,
        },
      ],
    },
    options: {
      ...baseOptions(input.numberStyle),
      indexAxis: "y",
      scales: {
        x: {
          beginAtZero: true,
          ticks: { ...tickStyle, maxRotation: 0, autoSkipPadding: 20, format: percentTickFormat },
          grid: { color: COLORS.grid },
          title: axisTitle("Engagement rate (engagements ÷ followers)"),
        },
        y: { ticks: tickStyle, grid: { display: false } },
      },
      plugins: titlePlugins(input.title, subtitle),
    },
  };
  return { name: ENGAGEMENT_NAME, title: input.title, width: WIDTH, height: heightForRows(shown.length), empty: false, config };
}
