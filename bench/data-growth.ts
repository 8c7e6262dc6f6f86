// Report and digest cost on generated campaigns of two sizes, through the real code: the
// report's aggregates (campaignFigures, whole campaign and last 7 days; sales per day) and the
// whole weekly digest with its three charts drawn locally. The two sizes are timed in
// alternation, run by run, so their ratio compares the same moments of the machine.

import type { ChartDrawer } from "../src/charts/types.ts";
import type { Database } from "../src/db/client.ts";
import { thresholdsOf } from "../src/db/tier-thresholds.ts";
import { campaignFigures, salesByDay } from "../src/db/report-queries.ts";
import { buildCampaignDigest } from "../src/digest/build.ts";
import { addDays } from "../src/domain/periods.ts";
import type { GeneratedCampaign } from "./generate.ts";
import { median, round, timeAlternating } from "./stats.ts";

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

/** The report's figures alone (the reports part of the bench). */
export type ReportCost = Pick<DataCost, "report_ms" | "report_7d_ms">;

export interface DataRuns {
  /** Measured runs of each report figure, per size. */
  report: number;
  /** Measured runs of the digest, per size. */
  digest: number;
}

export interface Sized {
  db: Database;
  generated: GeneratedCampaign;
}

/** What each size needs to be timed, and the timed pieces. */
async function pieces({ db, generated }: Sized, now: Date, chartProcess?: ChartDrawer) {
  const campaign = await db.campaign.findUniqueOrThrow({ where: { id: generated.campaignId } });
  const workspace = await db.workspace.findUniqueOrThrow({ where: { id: generated.workspaceId } });
  const thresholds = thresholdsOf(workspace);
  const to = generated.lastDay;
  const week = { from: addDays(to, -6), to };
  const period = { ...week, key: `${week.from}..${week.to}`, previous: { from: addDays(week.from, -7), to: addDays(week.from, -1) } };
  const digest = { charts: 0, pngBytes: 0 };
  return {
    digest,
    whole: () => campaignFigures(db, campaign, { from: null, to: null }, thresholds),
    lastWeek: () => campaignFigures(db, campaign, week, thresholds),
    perDay: () => salesByDay(db, campaign.id, { from: null, to }),
    buildDigest: async () => {
      if (!chartProcess) throw new Error("bench: the digest needs a chart process");
      const built = await buildCampaignDigest({ db, workspace, campaign, period, frequency: "weekly", charts: { mode: "local" }, chartProcess, now });
      digest.charts = built.charts.length;
      digest.pngBytes = built.charts.reduce((sum, c) => sum + (c.png?.length ?? 0), 0);
    },
  };
}

/** The report's figures alone, whole campaign then last 7 days, each with the two sizes in alternation. */
export async function measureReportCost(sizes: { small: Sized; large: Sized }, runs: number): Promise<{ small: ReportCost; large: ReportCost }> {
  const [s, l] = [await pieces(sizes.small, new Date()), await pieces(sizes.large, new Date())];
  const [wholeS, wholeL] = await timeAlternating(runs, [s.whole, l.whole]);
  const [weekS, weekL] = await timeAlternating(runs, [s.lastWeek, l.lastWeek]);
  const cost = (whole: number[], week: number[]): ReportCost => ({ report_ms: round(median(whole)), report_7d_ms: round(median(week)) });
  return { small: cost(wholeS!, weekS!), large: cost(wholeL!, weekL!) };
}

/** `chartProcess` draws both sizes' charts (one child shared by the run, as in the bot). */
export async function measureDataCost(sizes: { small: Sized; large: Sized }, runs: DataRuns, now: Date, chartProcess: ChartDrawer): Promise<{ small: DataCost; large: DataCost }> {
  const [s, l] = [await pieces(sizes.small, now, chartProcess), await pieces(sizes.large, now, chartProcess)];
  const [wholeS, wholeL] = await timeAlternating(runs.report, [s.whole, l.whole]);
  const [weekS, weekL] = await timeAlternating(runs.report, [s.lastWeek, l.lastWeek]);
  const [dayS, dayL] = await timeAlternating(runs.report, [s.perDay, l.perDay]);
  const [digestS, digestL] = await timeAlternating(runs.digest, [s.buildDigest, l.buildDigest]);
  const cost = (p: typeof s, whole: number[], week: number[], day: number[], digest: number[]): DataCost => ({
    report_ms: round(median(whole)),
    report_7d_ms: round(median(week)),
    sales_by_day_ms: round(median(day)),
    digest_ms: round(median(digest)),
    digest_charts: p.digest.charts,
    digest_png_kb: Math.round(p.digest.pngBytes / 1024),
  });
  return { small: cost(s, wholeS!, weekS!, dayS!, digestS!), large: cost(l, wholeL!, weekL!, dayL!, digestL!) };
}
