// Report and digest cost on a generated campaign, through the real code: the report's
// aggregates (campaignFigures, whole campaign and last 7 days; sales per day) and the whole
// weekly digest with its three charts drawn locally.

import type { Database } from "../db/client.ts";
import { thresholdsOf } from "../db/lookup.ts";
import { campaignFigures, salesByDay } from "../db/report-queries.ts";
import { buildCampaignDigest } from "../digest/build.ts";
import { addDays } from "../domain/periods.ts";
import type { GeneratedCampaign } from "./generate.ts";
import { median, round, timeRuns } from "./stats.ts";

export interface DataCost {
  /** campaignFigures for the whole campaign (median ms). */
  report_ms: number;
  /** campaignFigures for the last 7 days. */
  report_7d_ms: number;
  /** Orders and revenue per day, the campaign so far. */
  sales_by_day_ms: number;
  /** The whole weekly digest: three periods of figures, sales per day, three local charts. */
  digest_ms: number;
  digest_charts: number;
  digest_png_kb: number;
}

export interface DataRuns {
  report: number;
  digest: number;
}

export async function measureDataCost(db: Database, generated: GeneratedCampaign, runs: DataRuns, now: Date): Promise<DataCost> {
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: generated.campaignId } });
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: generated.workspaceId } });
  const thresholds = thresholdsOf(workspace);
  const to = generated.lastDay;
  const week = { from: addDays(to, -6), to };
  const whole = await timeRuns(runs.report, () => campaignFigures(db, campaign, { from: null, to: null }, thresholds));
  const lastWeek = await timeRuns(runs.report, () => campaignFigures(db, campaign, week, thresholds));
  const perDay = await timeRuns(runs.report, () => salesByDay(db, campaign.id, { from: null, to }));

  const period = { ...week, key: `${week.from}..${week.to}`, previous: { from: addDays(week.from, -7), to: addDays(week.from, -1) } };
  let charts = 0;
  let pngBytes = 0;
  const digest = await timeRuns(runs.digest, async () => {
    const built = await buildCampaignDigest({ db, workspace, campaign, period, frequency: "weekly", charts: { mode: "local" }, now });
    charts = built.charts.length;
    pngBytes = built.charts.reduce((sum, c) => sum + (c.png?.length ?? 0), 0);
  });
  return {
    report_ms: round(median(whole)),
    report_7d_ms: round(median(lastWeek)),
    sales_by_day_ms: round(median(perDay)),
    digest_ms: round(median(digest)),
    digest_charts: charts,
    digest_png_kb: Math.round(pngBytes / 1024),
  };
}
