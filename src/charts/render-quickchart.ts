// QuickChart renderer: the same chart spec as a URL on quickchart.io or a self-hosted
// QuickChart server, for Slack image blocks and Discord embed images. Builds the URL only;
// nothing is fetched here. Trade-offs of the JSON-only config: src/charts/README.md.

import QuickChartModule from "quickchart-js";
import type { ChartImage, ChartSpec } from "./types.ts";

// Its typings describe a CommonJS module (class under .default); the ESM build that Node loads
// exports the class itself. Accept either.
const QuickChart = ((QuickChartModule as unknown as { default?: unknown }).default ?? QuickChartModule) as typeof QuickChartModule.default;

export const QUICKCHART_DEFAULT = "https://quickchart.io";

/** "http://charts.internal:8080/qc/" → scheme "http", host "charts.internal:8080/qc". */
export function quickchartTarget(baseUrl: string = QUICKCHART_DEFAULT): { scheme: string; host: string } {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new Error(`QUICKCHART_URL "${baseUrl}" is not a URL (expected e.g. http://charts.example:8080)`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`QUICKCHART_URL must be http(s), got ${url.protocol}`);
  return { scheme: url.protocol.slice(0, -1), host: `${url.host}${url.pathname.replace(/\/+$/, "")}` };
}

/** Throws on anything JSON would drop or mangle: QuickChart receives the config as text. */
export function assertJsonConfig(value: unknown, path = "config"): void {
  if (typeof value === "function") throw new Error(`chart ${path} is a function: QuickChart cannot receive it`);
  if (typeof value === "number" && !Number.isFinite(value)) throw new Error(`chart ${path} is ${value}: not representable in JSON`);
  if (Array.isArray(value)) value.forEach((v, i) => assertJsonConfig(v, `${path}[${i}]`));
  else if (value !== null && typeof value === "object") for (const [k, v] of Object.entries(value)) assertJsonConfig(v, `${path}.${k}`);
}

export function quickchartUrl(spec: ChartSpec, baseUrl?: string): string {
  assertJsonConfig(spec.config);
  const { scheme, host } = quickchartTarget(baseUrl);
  return (
    new QuickChart()
      // As an object, quickchart-js writes it as a JavaScript literal (unquoted keys): about a
      // fifth shorter in the URL than JSON. assertJsonConfig made sure it holds no functions.
      .setConfig(spec.config)
      .setWidth(spec.width)
      .setHeight(spec.height)
      .setBackgroundColor("#ffffff")
      // quickchart-js asks for Chart.js 2.9 unless told; the configs are Chart.js 4.
      .setVersion("4")
      .setHost(host)
      .setScheme(scheme)
      .getUrl()
  );
}

export { DISCORD_EMBED_URL_MAX, SLACK_IMAGE_URL_MAX } from "./url-limits.ts";

export function renderQuickChart(spec: ChartSpec, baseUrl?: string): ChartImage {
  return { name: spec.name, title: spec.title, url: quickchartUrl(spec, baseUrl), width: spec.width, height: spec.height };
}
