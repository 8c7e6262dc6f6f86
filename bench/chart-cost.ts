// Chart rendering cost: each of the digest's three charts, from a generated campaign's real
// figures, drawn by the local renderer (Chart.js on @napi-rs/canvas) several times.

import { chartSpecs } from "../src/charts/index.ts";
import { renderPng } from "../src/charts/render-local.ts";
import type { Database } from "../src/db/client.ts";
import { thresholdsOf } from "../src/db/tier-thresholds.ts";
import { campaignFigures, salesByDay } from "../src/db/report-queries.ts";
import { chartInputs } from "../src/digest/build.ts";
import type { GeneratedCampaign } from "./generate.ts";
import { median, round, timeRuns } from "./stats.ts";

export interface ChartCost {
  /** Median over every render of every chart. */
  chart_ms: number;
  per_chart: Record<string, { ms: number; width: number; height: number; kb: number }>;
}

export async function measureCharts(db: Database, generated: GeneratedCampaign, runs: number): Promise<ChartCost> {
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: generated.campaignId } });
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: generated.workspaceId } });
  const soFar = { from: null, to: generated.lastDay };
  const figures = await campaignFigures(db, campaign, soFar, thresholdsOf(workspace));
  const daily = await salesByDay(db, campaign.id, soFar);
  const all: number[] = [];
  const per_chart: ChartCost["per_chart"] = {};
  for (const spec of chartSpecs(chartInputs(campaign, figures, daily, generated.lastDay))) {
    let bytes = 0;
    const times = await timeRuns(runs, async () => {
      bytes = (await renderPng(spec)).length;
    });
    all.push(...times);
    per_chart[spec.name] = { ms: round(median(times)), width: spec.width, height: spec.height, kb: Math.round(bytes / 1024) };
  }
  return { chart_ms: round(median(all)), per_chart };
}
