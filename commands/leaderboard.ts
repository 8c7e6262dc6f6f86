// /leaderboard: the top creators of a campaign, or of every active campaign, over a period, by
// one measure, each with their change since the period before; posted in the channel. Revenue
// is left out when the workspace hides money on it (/settings leaderboard-money:hidden).

import { DateTime } from "luxon";
import { UserError } from "../src/core/errors.ts";
import { findCampaign } from "../src/core/lookup.ts";
import { opt } from "../src/core/options.ts";
import { action, defineCommand } from "../src/core/spec.ts";
import { thresholdsOf } from "../src/db/tier-thresholds.ts";
import { resolvePeriod, type DayRange } from "../src/domain/periods.ts";
import { defaultMeasure, STANDING_MEASURES, STANDING_PERIODS, type StandingPeriod } from "../src/domain/standings.ts";
import { contendersIn, standingsReply } from "../src/reports/standings.ts";

const HIDDEN_HINT = "Revenue is hidden on the leaderboard in this workspace (/settings leaderboard-money:hidden, set by an admin). Rank by orders, views, engagement or posts instead.";

const leaderboard = action({
  name: "",
  description: "Top 10 creators by orders, revenue, views, engagement or posts, with their change",
  role: "member",
  // Creators may run it too (issue 22): it shows no fees, commissions or contact details.
  creators: "allowed",
  mutates: false,
  slow: true,
  examples: ["/leaderboard", '/leaderboard "Spring Launch" period:30d by:views', "/leaderboard period:1d by:engagement"],
  options: {
    campaign: opt.campaign("Campaign name (default: every active campaign)").atPosition(),
    period: opt.choice("1d (today), 7d (default), 30d or all", STANDING_PERIODS),
    by: opt.choice("What ranks them (default: orders if a campaign sells, else views)", STANDING_MEASURES),
  },
  async run(ctx, input) {
    const campaigns = input.campaign
      ? [await findCampaign(ctx.db, ctx.workspace.id, input.campaign)]
      : await ctx.db.campaign.findMany({ where: { workspaceId: ctx.workspace.id, status: "active" }, orderBy: { nameKey: "asc" } });
    if (campaigns.length === 0) {
      throw new UserError("not_found", "No active campaign in this workspace.", { hints: ['Name a campaign: /leaderboard "Spring Launch", or start one with /campaign new <name>.'] });
    }
    const hidden = ctx.workspace.leaderboardMoneyHidden;
    const currencies = [...new Set(campaigns.map((c) => c.currency))].sort();
    const measure = input.by ?? defaultMeasure(campaigns.map((c) => c.objective));
    if (measure === "revenue" && hidden) throw new UserError("not_allowed", HIDDEN_HINT);
    const severalCurrencies = currencies.length > 1 ? `the campaigns are in ${currencies.join(" and ")}, which do not add up` : null;
    if (measure === "revenue" && severalCurrencies) {
      throw new UserError("invalid_option", `Cannot rank by revenue: ${severalCurrencies}.`, { hints: ['Name one campaign: /leaderboard "Spring Launch" by:revenue.'] });
    }

    const today = DateTime.fromJSDate(ctx.now, { zone: ctx.workspace.timeZone }).toISODate()!;
    const periodName: StandingPeriod = input.period ?? "7d";
    const period = resolvePeriod(periodName === "all" ? { kind: "all" } : { kind: "last", days: Number.parseInt(periodName, 10) }, today, null);
    const ranges: DayRange[] = period.previous ? [period, period.previous] : [period];
    const [current, previous] = await contendersIn(ctx.db, campaigns, ranges, thresholdsOf(ctx.workspace));

    const single = input.campaign ? campaigns[0]! : null;
    return standingsReply(
      {
        scope: single ? single.name : `all active campaigns (${ctx.numbers.count(campaigns.length)})`,
        campaignNames: single ? null : campaigns.map((c) => c.name),
        periodLabel: periodLabelOf(periodName, period, single !== null),
        previousLabel: period.previous ? previousLabelOf(periodName, period.previous) : null,
        measure,
        revenueCurrency: hidden || severalCurrencies ? null : currencies[0]!,
        revenueNote: !hidden && severalCurrencies ? `Revenue not shown: ${severalCurrencies}; name a campaign to see it.` : null,
      },
      current!,
      previous ?? null,
      ctx.numbers,
    );
  },
});

function periodLabelOf(name: StandingPeriod, period: DayRange, oneCampaign: boolean): string {
  if (name === "all") return oneCampaign ? "whole campaign" : "all time";
  if (name === "1d") return `today (${period.to})`;
  return `last ${name.slice(0, -1)} days (${period.from}..${period.to})`;
}

function previousLabelOf(name: StandingPeriod, previous: DayRange): string {
  return name === "1d" ? `yesterday (${previous.from})` : `the ${name.slice(0, -1)} days before (${previous.from}..${previous.to})`;
}

export default defineCommand({ name: "leaderboard", description: "Top creators by orders, revenue, views, engagement or posts", actions: [leaderboard] });
