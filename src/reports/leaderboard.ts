// The report's leaderboard: ranked creators, best first, then apart from them, flagged, those
// who are not ranked (no post yet, or every order before their first post).

import type { NumberWriter } from "../core/format.ts";
import type { ReplyBuilder } from "../core/reply.ts";
import { leaderboard } from "../domain/advice.ts";
import { ratesOf } from "../domain/metrics.ts";
import { unitsToMinor } from "../domain/spend.ts";
import { benchmarkBand, compareToBenchmark } from "../domain/tiers.ts";
import type { CreatorFigures } from "../db/report-queries.ts";

const LEADERBOARD_ROWS = 25;

const COLUMNS = [
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
] as const;

function row(c: CreatorFigures, numbers: NumberWriter, currency: string): string[] {
  const money = (minor: number) => numbers.money(Math.round(minor), currency);
  const x = ratesOf(c.figures);
  const band = benchmarkBand(c.tier);
  const verdict = compareToBenchmark(x.engagementRate, c.tier);
  return [
    `@${c.handle}`,
    c.tier,
    numbers.count(c.figures.posts),
    numbers.count(c.figures.views),
    numbers.percent(x.engagementRate, 1),
    verdict === "n/a" ? "n/a" : `${verdict} ${numbers.percent(band.low, 1)}–${numbers.percent(band.high, 1)}`,
    numbers.count(c.figures.orders),
    money(c.figures.revenue),
    money(unitsToMinor(c.figures.spendUnits)),
    x.cpa === null ? "n/a" : money(x.cpa),
    x.roas === null ? "n/a" : numbers.decimal(x.roas, 2),
  ];
}

export function leaderboardSection(r: ReplyBuilder, objective: string, creators: CreatorFigures[], numbers: NumberWriter, currency: string): void {
  const board = leaderboard(objective, creators);
  r.heading(`Leaderboard (by ${board.rankedBy})`);
  r.table([...COLUMNS], board.ranked.slice(0, LEADERBOARD_ROWS).map((c) => row(c, numbers, currency)));
  if (board.ranked.length > LEADERBOARD_ROWS) r.note(`Showing ${LEADERBOARD_ROWS} of ${numbers.count(board.ranked.length)} ranked creators; format:csv has everyone.`);
  const apart = board.notRanked.filter((x) => x.performer.figures.orders > 0 || x.performer.figures.posts > 0);
  if (apart.length === 0) return;
  r.heading(`Not ranked (${numbers.count(apart.length)}): no post yet, or every order before the first post`);
  r.table(
    [...COLUMNS, "why"],
    apart.slice(0, LEADERBOARD_ROWS).map((x) => [...row(x.performer, numbers, currency), x.reason]),
  );
  if (apart.length > LEADERBOARD_ROWS) r.note(`Showing ${LEADERBOARD_ROWS} of ${numbers.count(apart.length)} creators not ranked; format:csv has everyone.`);
}
