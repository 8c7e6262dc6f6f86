// The creators' leaderboard of /leaderboard (docs/reports.md "The creators' leaderboard"): creators
// ranked by one measure over a period, ties sharing a rank, each with how their rank changed
// since the period of the same length before. Pure: figures in, ranks out.

import { salesLike } from "./advice.ts";
import { ratesOf, type Figures } from "./metrics.ts";

export const STANDING_MEASURES = ["orders", "revenue", "views", "engagement", "posts"] as const;
export type StandingMeasure = (typeof STANDING_MEASURES)[number];

export const STANDING_PERIODS = ["1d", "7d", "30d", "all"] as const;
export type StandingPeriod = (typeof STANDING_PERIODS)[number];

/** How many places the board shows. */
export const STANDING_PLACES = 10;

/** A creator with their figures over a period (summed over the campaigns the board covers). */
export interface Contender {
  creatorId: number;
  handle: string;
  figures: Figures;
}

/** How a creator's rank moved since the period before. */
export type RankChange = { kind: "new" } | { kind: "same" } | { kind: "up"; places: number } | { kind: "down"; places: number };

export interface Standing<C extends Contender = Contender> {
  /** 1 for the best; creators with equal values share a rank (1, 2, 2, 4). */
  rank: number;
  contender: C;
  /** The measure's value: a count, revenue in minor units, or the engagement rate. */
  value: number;
  /** null when there is no period before (period all). */
  change: RankChange | null;
}

/**
 * The value a creator is ranked by; null when they have nothing of it in the period (no orders,
 * no revenue, no views, no engagement, no post), so they are not on the board. Engagement is the
 * engagement rate of docs/reports.md (engagements ÷ followers reached).
 */
export function measureValue(measure: StandingMeasure, f: Figures): number | null {
  const value = measure === "engagement" ? ratesOf(f).engagementRate : f[measure];
  return value === null || value <= 0 ? null : value;
}

/** Ties are listed in this order: by handle, case ignored. */
const byHandle = (a: Contender, b: Contender) => {
  const [x, y] = [a.handle.toLowerCase(), b.handle.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** Every creator with something of the measure, best first, ranks shared by equal values. */
export function rankContenders<C extends Contender>(measure: StandingMeasure, contenders: readonly C[]): Array<{ rank: number; contender: C; value: number }> {
  const valued = contenders
    .map((contender) => ({ contender, value: measureValue(measure, contender.figures) }))
    .filter((x): x is { contender: C; value: number } => x.value !== null)
    .sort((a, b) => b.value - a.value || byHandle(a.contender, b.contender));
  let rank = 0;
  return valued.map((x, i) => {
    if (i === 0 || x.value !== valued[i - 1]!.value) rank = i + 1;
    return { rank, ...x };
  });
}

/**
 * The board: every ranked creator of the period (the caller shows the first places), each with
 * their change against `previous`, the same creators' figures over the period before (null: none).
 */
export function standings<C extends Contender>(measure: StandingMeasure, current: readonly C[], previous: readonly Contender[] | null): Standing<C>[] {
  const before = previous === null ? null : new Map(rankContenders(measure, previous).map((x) => [x.contender.creatorId, x.rank]));
  return rankContenders(measure, current).map((x) => {
    if (before === null) return { ...x, change: null };
    const was = before.get(x.contender.creatorId);
    const change: RankChange =
      was === undefined ? { kind: "new" } : was === x.rank ? { kind: "same" } : was > x.rank ? { kind: "up", places: was - x.rank } : { kind: "down", places: x.rank - was };
    return { ...x, change };
  });
}

/** The places shown: the first STANDING_PLACES rows; how many more share the last rank shown. */
export function topPlaces<S extends { rank: number }>(board: readonly S[], places = STANDING_PLACES): { shown: S[]; moreTied: number } {
  const shown = board.slice(0, places);
  const last = shown.at(-1);
  const moreTied = last === undefined ? 0 : board.slice(places).filter((s) => s.rank === last.rank).length;
  return { shown, moreTied };
}

/** ▲2, ▼1, new, =. */
export function changeMark(change: RankChange): string {
  switch (change.kind) {
    case "new":
      return "new";
    case "same":
      return "=";
    case "up":
      return `▲${change.places}`;
    case "down":
      return `▼${change.places}`;
  }
}

/** What ranks by default: orders when a campaign on the board sells (sales, sign-ups), views otherwise. */
export function defaultMeasure(objectives: readonly string[]): StandingMeasure {
  return objectives.some(salesLike) ? "orders" : "views";
}
