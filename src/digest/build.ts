// Builds one campaign's digest: the period's totals against the period before, whom to scale
// and whom to review, deliverables due, posts without disclosure, code leaks, and three charts.
// Used by the scheduled job and by /digest now.

import { DateTime } from "luxon";
import { renderCharts, type ChartDrawer, type ChartImage, type RenderOptions } from "../charts/index.ts";
import { numberWriter } from "../core/format.ts";
import { reply, type Reply, type ReplyAction } from "../core/reply.ts";
import type { Db } from "../db/client.ts";
import { thresholdsOf } from "../db/tier-thresholds.ts";
import { adviceRulesOf } from "../db/advice-rules.ts";
import { campaignFigures, campaignRoster, salesByDay, type CampaignFigures } from "../db/report-queries.ts";
import { recommend, type Recommendations } from "../domain/advice.ts";
import type { DigestPeriod } from "../domain/digest-schedule.ts";
import { ratesOf } from "../domain/metrics.ts";
import { addDays } from "../domain/periods.ts";
import { unitsToMinor } from "../domain/spend.ts";
import { benchmarkBand } from "../domain/tiers.ts";
import type { Campaign, Workspace } from "../generated/prisma/client.ts";
import { totalsFields } from "../reports/period-totals.ts";
import { adviceNumbers, adviceSections, disclosureSection, dueSection, leakSection } from "../reports/report-sections.ts";
import { DEFAULT_NUMBER_STYLE, numberStyleOf, type NumberStyle } from "../domain/number-styles.ts";

export interface DigestOptions {
  db: Db;
  workspace: Workspace;
  campaign: Campaign;
  period: DigestPeriod;
  frequency: "daily" | "weekly";
  charts: RenderOptions;
  /** Draws the local charts: the chart process of whoever builds the digest (the bot's Core's). */
  chartProcess: ChartDrawer;
  now: Date;
  /**
   * Draws the charts later: given the drawing, which adds them to the reply when it runs (a
   * command draws them once its transaction is over, so other commands need not wait for it).
   * Default: drawn before the digest is returned.
   */
  drawLater?: (draw: () => Promise<void>) => void;
  /**
   * Compare with the period before, its last day as it stood at this moment (yesterday, or a
   * week ago, at the same time for a digest of today so far); default: all of it.
   */
  previousLoggedBy?: Date;
}

export interface Digest {
  reply: Reply;
  /** Nothing happened in the period: no posts, no orders. */
  empty: boolean;
  /** The charts drawn (filled in by the drawing, when it is left for later). */
  charts: ChartImage[];
}

function periodTitle(frequency: "daily" | "weekly", period: DigestPeriod): string {
  const from = DateTime.fromISO(period.from);
  const to = DateTime.fromISO(period.to);
  if (frequency === "daily" || period.from === period.to) return `daily digest, ${to.toFormat("ccc d LLL yyyy")}`;
  return `weekly digest, ${from.toFormat("d LLL")} – ${to.toFormat("d LLL yyyy")}`;
}

export async function buildCampaignDigest(options: DigestOptions): Promise<Digest> {
  const { db, workspace, campaign, period } = options;
  const thresholds = thresholdsOf(workspace);
  // Advice, compliance and charts look at the campaign so far; totals at the period.
  const soFar = { from: null, to: period.to };
  // The roster is read once for the three periods, and the periods one after another: a campaign
  // of 10,000 creators held three sets of rows at once, some 80 MB more at the peak.
  const roster = await campaignRoster(db, campaign.id);
  // The period and the one before give totals only; leaks and missing disclosures come from toDate.
  const current = await campaignFigures(db, campaign, period, thresholds, { lists: false, roster });
  const previous = await campaignFigures(db, campaign, period.previous, thresholds, { lists: false, roster, loggedBy: options.previousLoggedBy });
  const toDate = await campaignFigures(db, campaign, soFar, thresholds, { roster });
  const daily = await salesByDay(db, campaign.id, soFar);
  const currency = campaign.currency;
  const numbers = numberWriter(numberStyleOf(workspace.numberStyle));
  const today = DateTime.fromJSDate(options.now, { zone: workspace.timeZone }).toISODate()!;

  const r = reply(`${campaign.name}: ${periodTitle(options.frequency, period)}`, "channel");
  r.fields(totalsFields(current.totals, previous.totals, currency, numbers));
  const rules = adviceRulesOf(workspace, options.now);
  const advice = recommend(campaign.objective, toDate.creators, adviceNumbers(numbers, currency), rules);
  adviceSections(r, advice, rules.graceHours);
  dueSection(r, toDate.creators, today, numbers);
  // Each line's action, as a button (the shell prints its command): next wave, pause, remind (issue 23).
  for (const button of digestButtons(campaign.name, advice, toDate.creators)) r.action(button);
  disclosureSection(r, toDate.undisclosed, toDate.totals.undisclosedPosts, numbers);
  leakSection(r, toDate.leaks, numbers, currency);

  const before = period.previous.from === period.previous.to ? period.previous.from : `${period.previous.from}..${period.previous.to}`;
  const upTo = options.previousLoggedBy ? ` up to ${DateTime.fromJSDate(options.previousLoggedBy, { zone: workspace.timeZone }).toFormat("HH:mm")}` : "";
  r.note(`Changes compare with ${before}${upTo}. Advice and charts cover the campaign so far.`);
  const built = r.build();
  const charts: ChartImage[] = [];
  const prefix = `${campaign.slug}-${period.key.replace("..", "_")}`;
  const inputs = chartInputs(campaign, toDate, daily, period.to, numbers.style);
  const draw = async () => {
    charts.push(...(await renderCharts(inputs, options.charts, options.chartProcess)));
    for (const chart of charts) {
      if (chart.url) (built.images ??= []).push({ url: chart.url, title: chart.title });
      else if (chart.png) built.files.push({ name: `${prefix}-${chart.name}`, contentType: "image/png", data: chart.png, title: chart.title });
    }
  };
  if (options.drawLater) options.drawLater(draw);
  else await draw();
  return { reply: built, empty: current.totals.posts === 0 && current.totals.orders === 0, charts };
}

/** At most this many buttons under a digest (Discord takes 25 in a message; a digest is read, not a control panel). */
const MAX_DIGEST_BUTTONS = 12;

/**
 * The buttons of a digest's lines (issue 23): Next wave for whom to scale (it shows the terms and
 * asks to confirm), Pause for whom to review, Remind for deliverables due; each runs the line's
 * typed command. They answer beside the digest, never replacing it.
 */
function digestButtons(name: string, advice: Recommendations, creators: CampaignFigures["creators"]): ReplyAction[] {
  const c = `"${name}"`;
  const due = creators.filter((x) => x.waveFirstPostDay === null && x.dueDate !== null && !x.hold);
  // Next wave names the wave it would give (the one after their latest), so a click after it was given answers that it was.
  const latestWave = new Map(creators.map((x) => [x.handle, x.wave]));
  const nextWave = (handle: string) => (latestWave.has(handle) ? ` wave:${latestWave.get(handle)! + 1}` : "");
  return [
    ...advice.scale.map((a) => ({ label: `Next wave @${a.handle}`, command: `/campaign next-wave ${c} @${a.handle}${nextWave(a.handle)}`, style: "primary" as const })),
    ...advice.review.map((a) => ({ label: `Pause @${a.handle}`, command: `/campaign pause ${c} @${a.handle}` })),
    ...due.map((x) => ({ label: `Remind @${x.handle}`, command: `/campaign remind ${c} @${x.handle}` })),
  ].slice(0, MAX_DIGEST_BUTTONS);
}

/** The three charts' data, from the same aggregates as the report. */
export function chartInputs(
  campaign: Campaign,
  toDate: CampaignFigures,
  daily: Array<{ day: string; orders: number; revenue: number }>,
  lastDay: string,
  numberStyle: NumberStyle = DEFAULT_NUMBER_STYLE,
) {
  const days: string[] = [];
  const firstDay = [campaign.startDate, daily[0]?.day].filter((d): d is string => Boolean(d)).sort()[0] ?? lastDay;
  for (let day = firstDay <= lastDay ? firstDay : lastDay; day <= lastDay && days.length < 366; day = addDays(day, 1)) days.push(day);
  const byDay = new Map(daily.map((d) => [d.day, d]));
  const active = toDate.creators.filter((c) => c.figures.posts > 0 || c.figures.orders > 0);
  return {
    ordersRevenue: {
      title: `${campaign.name}: orders and revenue per day`,
      currency: campaign.currency,
      days,
      orders: days.map((d) => byDay.get(d)?.orders ?? 0),
      revenueMinor: days.map((d) => byDay.get(d)?.revenue ?? 0),
      numberStyle,
    },
    engagement: {
      title: `${campaign.name}: engagement rate against the tier benchmark`,
      creators: active
        .filter((c) => c.figures.posts > 0)
        .map((c) => ({ handle: c.handle, tier: c.tier, rate: ratesOf(c.figures).engagementRate, band: benchmarkBand(c.tier), views: c.figures.views })),
      numberStyle,
    },
    spendRevenue: {
      title: `${campaign.name}: spend against revenue by creator`,
      currency: campaign.currency,
      creators: active.map((c) => ({ handle: c.handle, spendMinor: unitsToMinor(c.figures.spendUnits), revenueMinor: c.figures.revenue })),
      numberStyle,
    },
  };
}
