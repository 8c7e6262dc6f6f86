// /report: a campaign's figures over a period with the change against the period before, a
// leaderboard, whom to scale and whom to review, deliverables due, missing disclosures, code
// leaks and budget use; or the same figures as CSV.

import { DateTime } from "luxon";
import { opt } from "../src/core/options.ts";
import { reply, type Field } from "../src/core/reply.ts";
import { action, defineCommand } from "../src/core/spec.ts";
import { campaignBudget } from "../src/db/campaign-budget.ts";
import { thresholdsOf } from "../src/db/tier-thresholds.ts";
import { adviceRulesOf } from "../src/db/advice-rules.ts";
import { OUTLIER_ORDER_FACTOR } from "../src/domain/outliers.ts";
import { findCampaign } from "../src/core/lookup.ts";
import { campaignFigures, campaignFirstDay, campaignRoster } from "../src/db/report-queries.ts";
import { recommend } from "../src/domain/advice.ts";
import { campaignDays, overlap, parsePeriod, resolvePeriod, type DayRange, type PeriodSpec } from "../src/domain/periods.ts";
import { totalsFields } from "../src/reports/period-totals.ts";
import { leaderboardSection } from "../src/reports/leaderboard.ts";
import { liftFields } from "../src/reports/lift.ts";
import { reportCsv } from "../src/reports/report-csv.ts";
import { shopSalesIn } from "../src/db/shop-sales.ts";
import type { Db } from "../src/db/client.ts";
import type { NumberWriter } from "../src/core/format.ts";
import type { Campaign } from "../src/generated/prisma/client.ts";
import { adviceNumbers, adviceSections, disclosureSection, dueSection, leakSection } from "../src/reports/report-sections.ts";

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
    const numbers = ctx.numbers;
    const money = (minor: number) => numbers.money(Math.round(minor), currency);

    if (input.format === "csv") {
      const csv = reportCsv(current.creators, current.totals, currency);
      const periodName = period.from ? `${period.from}_${period.to}` : "all";
      return reply(`${campaign.name}: CSV report, ${period.label}`, "channel")
        .text(`${ctx.numbers.count(current.creators.length)} creators and a TOTAL row; money in ${currency}.`)
        .file({ name: `report-${campaign.slug}-${periodName}.csv`, contentType: "text/csv", data: csv, title: `${campaign.name} report (${period.label})` })
        .build();
    }

    const previous = period.previous ? (await campaignFigures(ctx.db, campaign, period.previous, thresholds, { lists: false, roster })).totals : null;
    const r = reply(`Report: ${campaign.name}, ${period.label}`, "channel").fields([
      ...totalsFields(current.totals, previous, currency, numbers),
      ...budgetFields(campaign.budget, await campaignBudget(ctx.db, campaign.id), money, numbers),
      ...(await campaignLift(ctx.db, campaign, firstDay, period, today, numbers)),
    ]);

    leaderboardSection(r, campaign.objective, current.creators, numbers, currency);
    const rules = adviceRulesOf(ctx.workspace, ctx.now);
    const advice = recommend(campaign.objective, current.creators, adviceNumbers(numbers, currency), rules);
    adviceSections(r, advice, rules.graceHours);
    dueSection(r, current.creators, today, numbers);
    disclosureSection(r, current.undisclosed, current.totals.undisclosedPosts, numbers);
    leakSection(r, current.leaks, numbers, currency);
    // Orders from a shop or a file that /code redeem would have refused or questioned (docs/input-checks.md).
    const days = { ...(period.from ? { gte: period.from } : {}), ...(period.to ? { lte: period.to } : {}) };
    const unusual = await ctx.db.redemption.count({ where: { campaignId: campaign.id, unusual: { not: null }, refundOfId: null, day: days } });
    if (unusual > 0) {
      r.note(
        `${unusual === 1 ? "1 order" : `${numbers.count(unusual)} orders`} from a shop or a file ${unusual === 1 ? "looks" : "look"} unusual (dated before the start, on a closed campaign, or over ${OUTLIER_ORDER_FACTOR} times the median order), counted as ${unusual === 1 ? "it" : "they"} came: /code list campaign:"${campaign.name}" shows ${unusual === 1 ? "it" : "them"}.`,
      );
    }
    r.note("Engagement rate = engagements ÷ followers of the posting accounts; spend = fees and product once the creator has posted, plus commissions.");
    return r.build();
  },
});

function budgetFields(budget: number | null, used: { committed: number; spent: number }, money: (m: number) => string, numbers: NumberWriter): Field[] {
  if (budget === null) return [{ label: "Budget", value: `not set; ${money(used.spent)} spent, ${money(used.committed)} committed` }];
  const share = budget > 0 ? ` (${numbers.wholePercent(used.spent / budget)})` : "";
  return [{ label: "Budget", value: `${money(used.spent)} spent of ${money(budget)}${share}, ${money(used.committed)} committed, ${money(budget - used.spent - used.committed)} left` }];
}

/** Lift over the campaign days of the period: the shop's recorded total sales against the baseline. */
async function campaignLift(db: Db, campaign: Campaign, firstDay: string | null, period: DayRange, today: string, numbers: NumberWriter): Promise<Field[]> {
  const ran = campaignDays(campaign, firstDay, today);
  const days = ran && overlap(ran, period);
  return liftFields({
    campaignName: campaign.name,
    baseline: { orders: campaign.baselineOrders, revenue: campaign.baselineRevenue, days: campaign.baselineDays },
    days,
    shop: days ? await shopSalesIn(db, campaign.id, days) : { days: 0, orders: 0, revenue: 0 },
  }, numbers);
}

export default defineCommand({ name: "report", description: "Campaign report, in chat or as CSV", actions: [report] });
