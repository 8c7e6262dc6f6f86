// The look shared by every chart: colour-blind-safe colours, phone-sized fonts, titles and
// axes. Everything here is plain JSON so QuickChart can draw it too.

import type { NumberStyle } from "../domain/number-styles.ts";
import { chartLocale } from "./number-style.ts";

/** Okabe–Ito: eight colours that stay distinct under the common colour-vision deficiencies. */
export const OKABE_ITO = {
  black: "#000000",
  orange: "#E69F00",
  skyBlue: "#56B4E9",
  bluishGreen: "#009E73",
  yellow: "#F0E442",
  blue: "#0072B2",
  vermillion: "#D55E00",
  reddishPurple: "#CC79A7",
} as const;

/** What each series means, the same colour in every chart it appears in. */
export const COLORS = {
  orders: OKABE_ITO.skyBlue,
  revenue: OKABE_ITO.orange,
  spend: OKABE_ITO.blue,
  onBenchmark: OKABE_ITO.blue,
  belowBenchmark: OKABE_ITO.vermillion,
  // Neutral so the band reads as a backdrop, not as a series to compare with.
  band: "rgba(120, 120, 120, 0.28)",
  bandBorder: "rgba(90, 90, 90, 0.55)",
  text: "#1A1A1A",
  mutedText: "#4D4D4D",
  grid: "rgba(0, 0, 0, 0.12)",
} as const;

/** Inter ships with the project (src/charts/fonts.ts); sans-serif is QuickChart's fallback. */
export const FONT_FAMILY = "Inter, sans-serif";

// Slack and Discord shrink a 1200 px image to a phone's width (about a third), so text is
// drawn three times larger than it would be on a desktop chart.
export const SIZES = { title: 38, subtitle: 26, legend: 24, axisTitle: 24, ticks: 22, message: 34 } as const;

export const WIDTH = 1200;
export const MIN_HEIGHT = 600;

// The config carries sizes and weights only. Font family and text colour are the renderer's
// defaults (render-local.ts sets Inter and COLORS.text): every byte of the config is in the
// QuickChart URL, and chat apps cap URL length (see render-quickchart.ts).
export const font = (size: number, weight?: "bold" | 600) => (weight ? { size, weight } : { size });

export function titlePlugins(title: string, subtitle: string | undefined) {
  return {
    title: { display: true, text: title, font: font(SIZES.title, "bold"), padding: { top: 4, bottom: subtitle ? 4 : 16 } },
    subtitle: { display: subtitle !== undefined, text: subtitle ?? "", color: COLORS.mutedText, font: font(SIZES.subtitle), padding: { bottom: 16 } },
    legend: { labels: { font: font(SIZES.legend), boxWidth: 36, boxHeight: 22, padding: 24 } },
  };
}

export const axisTitle = (text: string) => ({ display: true, text, font: font(SIZES.axisTitle, 600) });

export const tickStyle = { font: font(SIZES.ticks) } as const;

/** Options every chart shares; its ticks are written in the workspace's number style. */
export const baseOptions = (style?: NumberStyle) => ({
  // Number formats follow the workspace, never the host's locale: ticks read the same everywhere.
  locale: chartLocale(style),
  // Room on the right for the last tick label, which Chart.js centres on the edge.
  layout: { padding: { top: 16, bottom: 12, left: 20, right: 44 } },
});
