// /report: a campaign's figures over a period with the change against the period before, a
// leaderboard, whom to scale and whom to review, deliverables due, missing disclosures, code
// leaks and budget use; or the same figures as CSV.

import { DateTime } from "luxon";
import { formatCount, formatMoney, formatPercent } from "../src/core/format.ts";
import { opt } from "../src/core/options.ts";
import { reply, type Field } from "../src/core/reply.ts";
import { action, defineCommand } from "../src/core/spec.ts";
import { campaignBudget } from "../src/db/campaign-budget.ts";
import { thresholdsOf } from "../src/db/tier-thresholds.ts";
import { findCampaign } from "../src/core/lookup.ts";
import { campaignFigures, campaignFirstDay, campaignRoster } from "../src/db/report-queries.ts";
import { recommend } from "../src/domain/advice.ts";
import { ratesOf } from "../src/domain/metrics.ts";
import { campaignDays, overlap, parsePeriod, resolvePeriod, type DayRange, type PeriodSpec } from "../src/domain/periods.ts";
import { unitsToMinor } from "../src/domain/spend.ts";
import { benchmarkBand, compareToBenchmark } from "../src/domain/tiers.ts";
import { totalsFields } from "../src/reports/period-totals.ts";
import { liftFields } from "../src/reports/lift.ts";
import { reportCsv } from "../src/reports/report-csv.ts";
import { shopSalesIn } from "../src/db/shop-sales.ts";
import type { Db } from "../src/db/client.ts";
import type { Campaign } from "../src/generated/prisma/client.ts";
import { adviceSections, disclosureSection, dueSection, leakSection } from "../src/reports/report-sections.ts";

const LEADERBOARD_ROWS = 25;

const report = action({
  name: "",
  description: "Campaign report: totals and change, leaderboard, advice, due, disclosure, leaks",
  role: "member",
  mutates: false,
  slow: true,
  examples: ['/report "Spring Launch"', '/report "Spring Launch" period:7d', '/report "Spring Launch" period:2026-12-01..2026-12-14 format:csv'],
  options: {
    campaign: opt.campaign().require().atPosition(),
    period: opt.custom<PeriodSpec>("7d, 30d, all (default) or 2026-12-01..2026-12-14", "7d, 30d, all or a range like 2026-12-01..2026-12-14", (raw) => parsePeriod(raw), 30),
    format: opt.choice("csv for a spreadsheet file", ["chat", "csv"] as const),
  },
  async run(ctx, input) {
    const campaign = await findCampaign(ctx.db, ctx.workspace.id, input.campaign);
    const thresholds = thresholdsOf(ctx.workspace);
    const today = DateTime.fromJSDate(ctx.now, { zone: ctx.workspace.timeZone }).toISODate()!;
    const firstDay = await campaignFirstDay(ctx.db, campaign);
    const period = resolvePeriod(input.period ?? { kind: "all" }, today, firstDay);
    const roster = await campaignRoster(ctx.db, campaign.id);
    const current = await campaignFigures(ctx.db, campaign, period, thresholds, { roster });
    const currency = campaign.currency;
    const money = (minor: number) => formatMoney(Math.round(minor), currency);

    if (input.format === "csv") {
      const csv = reportCsv(current.creators, current.totals, currency);
      const periodName = period.from ? `${period.from}_${period.to}` : "all";
      return reply(`${campaign.name}: CSV report, ${period.label}`, "channel")
        .text(`${current.creators.length} creators and a TOTAL row; money in ${currency}.`)
        .file({ name: `report-${campaign.slug}-${periodName}.csv`, contentType: "text/csv", data: csv, title: `${campaign.name} report (${period.label})` })
        .build();
    }

    const previous = period.previous ? (await campaignFigures(ctx.db, campaign, period.previous, thresholds, { lists: false, roster })).totals : null;
    const r = reply(`Report: ${campaign.name}, ${period.label}`, "channel").fields([
      ...totalsFields(current.totals, previous, currency),
      ...budgetFields(campaign.budget, await campaignBudget(ctx.db, campaign.id), money),
      ...(await campaignLift(ctx.db, campaign, firstDay, period, today)),
    ]);

    const advice = recommend(campaign.objective, current.creators, { money, percent: (x, decimals = 1) => formatPercent(x, decimals) });
    const ranked = [...current.creators].sort((a, b) => {
      const ra = ratesOf(a.figures);
      const rb = ratesOf(b.figures);
      const key = (x: typeof ra) => (advice.rankedBy === "engagement rate" ? x.engagementRate : advice.rankedBy === "roas" ? x.roas : x.cpa === null ? null : -x.cpa);
      const [ka, kb] = [key(ra), key(rb)];
      if (ka === kb) return a.handleKey.localeCompare(b.handleKey);
      if (ka === null) return 1;
      if (kb === null) return -1;
      return kb - ka;
    });
    r.heading(`Leaderboard (by ${advice.rankedBy})`);
    r.table(
      [
        "creator",
        "tier",
        { header: "posts", align: "right" },
        { header: "views", align: "right" },
        { header: "ER", align: "right" },
        "vs benchmark",
        { header: "orders", align: "right" },
        { header: "revenue", align: "right" },
        { header: "spend", align: "right" },
        { header: "CPA", align: "right" },
        { header: "ROAS", align: "right" },
      ],
      ranked.slice(0, LEADERBOARD_ROWS).map((c) => {
        const x = ratesOf(c.figures);
        const band = benchmarkBand(c.tier);
        const verdict = compareToBenchmark(x.engagementRate, c.tier);
        return [
          `@${c.handle}`,
          c.tier,
          formatCount(c.figures.posts),
          formatCount(c.figures.views),
          formatPercent(x.engagementRate, 1),
          verdict === "n/a" ? "n/a" : `${verdict} ${formatPercent(band.low, 1)}–${formatPercent(band.high, 1)}`,
          formatCount(c.figures.orders),
          money(c.figures.revenue),
          money(unitsToMinor(c.figures.spendUnits)),
          x.cpa === null ? "n/a" : money(x.cpa),
          x.roas === null ? "n/a" : x.roas.toFixed(2),
        ];
      }),
    );
    if (ranked.length > LEADERBOARD_ROWS) r.note(`Showing ${LEADERBOARD_ROWS} of ${ranked.length} creators; format:csv has everyone.`);

    adviceSections(r, advice);
    dueSection(r, current.creators, today);
    disclosureSection(r, current.undisclosed, current.totals.undisclosedPosts);
    leakSection(r, current.leaks, money);
    r.note("Engagement rate = engagements ÷ followers of the posting accounts; spend = fees and product once the creator has posted, plus commissions.");
    return r.build();
  },
});

function budgetFields(budget: number | null, used: { committed: number; spent: number }, money: (m: number) => string): Field[] {
  if (budget === null) return [{ label: "Budget", value: `not set; ${money(used.spent)} spent, ${money(used.committed)} committed` }];
  const share = budget > 0 ? ` (${((used.spent / budget) * 100).toFixed(0)}%)` : "";
  return [{ label: "Budget", value: `${money(used.spent)} spent of ${money(budget)}${share}, ${money(used.committed)} committed, ${money(budget - used.spent - used.committed)} left` }];
}

/** Lift over the campaign days of the period: the shop's recorded total sales against the baseline. */
async function campaignLift(db: Db, campaign: Campaign, firstDay: string | null, period: DayRange, today: string): Promise<Field[]> {
  const ran = campaignDays(campaign, firstDay, today);
  const days = ran && overlap(ran, period);
  return liftFields({
    campaignName: campaign.name,
    baseline: { orders: campaign.baselineOrders, revenue: campaign.baselineRevenue, days: campaign.baselineDays },
    days,
    shop: days ? await shopSalesIn(db, campaign.id, days) : { days: 0, orders: 0, revenue: 0 },
  });
}

export default defineCommand({ name: "report", description: "Campaign report, in chat or as CSV", actions: [report] });
