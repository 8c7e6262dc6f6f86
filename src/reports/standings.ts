// The creators' leaderboard of /leaderboard, for the channel: the figures of one campaign or of
// several (the report's queries, src/db/report-queries.ts), summed per creator, ranked by
// src/domain/standings.ts, and written in the workspace's number style. It shows posts, views,
// engagement rate, orders and revenue (revenue only when the workspace shows money on it), and
// never what a creator is paid or costs (fees, commissions, spend, CPA, ROAS).

import type { NumberWriter } from "../core/format.ts";
import { reply, type Reply } from "../core/reply.ts";
import type { Db } from "../db/client.ts";
import { campaignFigures, campaignRoster } from "../db/report-queries.ts";
import { addFigures, emptyFigures, ratesOf } from "../domain/metrics.ts";
import type { DayRange } from "../domain/periods.ts";
import { changeMark, standings, topPlaces, type Contender, type StandingMeasure } from "../domain/standings.ts";
import type { TierThresholds } from "../domain/tiers.ts";
import type { Campaign } from "../generated/prisma/client.ts";

/** Each creator's figures over `range`, summed over the campaigns (a creator in two counts once). */
export async function contendersIn(db: Db, campaigns: readonly Campaign[], ranges: readonly DayRange[], thresholds: TierThresholds): Promise<Contender[][]> {
  const byRange = ranges.map(() => new Map<number, Contender>());
  for (const campaign of campaigns) {
    const roster = await campaignRoster(db, campaign.id);
    for (const [i, range] of ranges.entries()) {
      const figures = await campaignFigures(db, campaign, range, thresholds, { lists: false, roster });
      const sums = byRange[i]!;
      for (const c of figures.creators) {
        const known = sums.get(c.creatorId);
        sums.set(c.creatorId, { creatorId: c.creatorId, handle: c.handle, figures: addFigures(known?.figures ?? emptyFigures(), c.figures) });
      }
    }
  }
  return byRange.map((sums) => [...sums.values()]);
}

export interface BoardView {
  /** "Spring Launch", or "all active campaigns (3)". */
  scope: string;
  /** The campaigns' names, when the board covers several. */
  campaignNames: string[] | null;
  /** "last 7 days (2026-11-27..2026-12-03)". */
  periodLabel: string;
  /** What the change is measured against ("the 7 days before (…)"); null for all. */
  previousLabel: string | null;
  measure: StandingMeasure;
  /** The currency revenue is shown in; null: revenue is not shown (hidden, or campaigns in several currencies). */
  revenueCurrency: string | null;
  /** Why revenue is not shown, when it is not and money is not hidden (several currencies). */
  revenueNote: string | null;
}

export const MEASURE_LABEL: Record<StandingMeasure, string> = {
  orders: "orders",
  revenue: "revenue",
  views: "views",
  engagement: "engagement rate",
  posts: "posts",
};

export function standingsReply(view: BoardView, current: Contender[], previous: Contender[] | null, numbers: NumberWriter): Reply {
  const r = reply(`Leaderboard: ${view.scope}, ${view.periodLabel}, by ${MEASURE_LABEL[view.measure]}`, "channel");
  if (view.campaignNames) r.text(`Campaigns: ${view.campaignNames.join(", ")}.`);
  const board = standings(view.measure, current, previous);
  if (board.length === 0) {
    r.text(`No creator has ${view.measure === "engagement" ? "engagement" : MEASURE_LABEL[view.measure]} in this period yet.`);
    if (view.revenueNote) r.note(view.revenueNote);
    return r.build();
  }
  const { shown, moreTied } = topPlaces(board);
  const withChange = previous !== null;
  const money = view.revenueCurrency;
  const columns = [
    { header: "#", align: "right" as const },
    ...(withChange ? ["change"] : []),
    "creator",
    { header: "posts", align: "right" as const },
    { header: "views", align: "right" as const },
    { header: "ER", align: "right" as const },
    { header: "orders", align: "right" as const },
    ...(money ? [{ header: "revenue", align: "right" as const }] : []),
  ];
  r.table(
    columns,
    shown.map((s) => {
      const f = s.contender.figures;
      return [
        numbers.count(s.rank),
        ...(withChange ? [changeMark(s.change!)] : []),
        `@${s.contender.handle}`,
        numbers.count(f.posts),
        numbers.count(f.views),
        numbers.percent(ratesOf(f).engagementRate, view.measure === "engagement" ? 2 : 1),
        numbers.count(f.orders),
        ...(money ? [numbers.money(f.revenue, money)] : []),
      ];
    }),
  );
  const tied = shown.some((s, i) => shown.findIndex((t) => t.rank === s.rank) !== i);
  if (moreTied > 0) r.note(`${numbers.count(moreTied)} more ${moreTied === 1 ? "creator shares" : "creators share"} rank ${numbers.count(shown.at(-1)!.rank)}.`);
  if (board.length > shown.length) r.note(`Top ${numbers.count(shown.length)} of ${numbers.count(board.length)} creators ranked.`);
  if (tied || moreTied > 0) r.note("Equal figures share a rank, listed by handle.");
  if (view.previousLabel) r.note(`Change: places up (▲) or down (▼) since ${view.previousLabel}; new: not on the board then.`);
  r.note("ER = engagements ÷ followers of the posting accounts.");
  if (view.revenueNote) r.note(view.revenueNote);
  return r.build();
}
