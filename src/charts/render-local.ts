// Local renderer: draws a chart spec with Chart.js on @napi-rs/canvas to a PNG buffer.
// Works offline; this is the default.

import { createCanvas } from "@napi-rs/canvas";
import { Chart, registerables, type ChartConfiguration, type ChartItem, type Plugin } from "chart.js";
import { registerChartFonts } from "./fonts.ts";
import { COLORS, FONT_FAMILY } from "./style.ts";
import type { ChartImage, ChartSpec } from "./types.ts";

Chart.register(...registerables);
Chart.defaults.font.family = FONT_FAMILY;
Chart.defaults.color = COLORS.text;

/** A PNG is transparent by default; chat apps in dark mode would show black text on black. */
const whiteBackground: Plugin = {
  id: "whiteBackground",
  beforeDraw(chart) {
    const { ctx, width, height } = chart;
    ctx.save();
    ctx.globalCompositeOperation = "destination-over";
    ctx.fillStyle = "#ffffff";
    ctx.fillRect(0, 0, width, height);
    ctx.restore();
  },
};

export async function renderPng(spec: ChartSpec): Promise<Buffer> {
  if (!registerChartFonts()) throw new Error("charts: the Inter font could not be registered (is @expo-google-fonts/inter installed?)");
  const canvas = createCanvas(spec.width, spec.height);
  // Chart.js keeps references to (and listens on) the data arrays it is given: hand it a copy.
  const config = structuredClone(spec.config) as ChartConfiguration;
  config.plugins = [...(config.plugins ?? []), whiteBackground];
  // One frame to a file: no animation, and the canvas size is the chart size.
  config.options = { ...config.options, animation: false, responsive: false, maintainAspectRatio: false, devicePixelRatio: 1 };
  const chart = new Chart(canvas as unknown as ChartItem, config);
  try {
    return await canvas.encode("png");
  } finally {
    chart.destroy();
  }
}

export async function renderLocal(spec: ChartSpec): Promise<ChartImage> {
  return { name: spec.name, title: spec.title, png: await renderPng(spec), width: spec.width, height: spec.height };
}
