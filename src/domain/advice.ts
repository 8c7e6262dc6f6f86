// The leaderboard and its advice (docs/reports.md "Leaderboard and advice"): creators ranked by
// ROAS (or CPA) in sales and sign-up campaigns, by engagement rate otherwise; whom to scale and
// whom to review or pause, only on evidence: enough orders or views to scale, a grace period
// after a first post before its engagement is judged, and nobody ranked on orders that came
// before any post of theirs (a likely leaked code) or without a post at all.

import { ratesOf, type Figures, type Rates } from "./metrics.ts";
import { benchmarkBand, type Tier } from "./tiers.ts";

export interface Performer {
  handle: string;
  tier: Tier;
  figures: Figures;
  /** When the creator first posted in the campaign (at any time); null: not yet. */
  firstPostAt: Date | null;
  /** Of `figures.orders`, those dated before the creator's first post (or with no post at all). */
  ordersBeforeFirstPost: number;
}

/** How much evidence advice needs: a workspace's settings. */
export interface AdviceRules {
  /** Orders before a creator of a sales or sign-up campaign is advised for scaling. */
  minOrders: number;
  /** Views before a creator of another campaign is advised for scaling. */
  minViews: number;
  /** Hours after a creator's first post before their results are judged. */
  graceHours: number;
  now: Date;
}

export const DEFAULT_ADVICE_RULES = { minOrders: 5, minViews: 1000, graceHours: 48 } as const;

export interface Advice {
  handle: string;
  reasons: string[];
}

export type RankedBy = "roas" | "cpa" | "engagement rate";

/** How advice writes its figures: in the workspace's number style, money in the campaign's currency. */
export interface AdviceNumbers {
  money(minor: number): string;
  percent(rate: number | null, decimals?: number): string;
  decimal(x: number, digits: number): string;
  count(n: number): string;
}

export interface Recommendations {
  /** What ranks creators in this campaign. */
  rankedBy: RankedBy;
  scale: Advice[];
  review: Advice[];
  /** Would have been scaled, but with too few orders or views yet: what they have and need. */
  tooLittle: Advice[];
  /** Posted less than the grace period ago: their results are not judged yet. */
  tooEarly: string[];
}

export const salesLike = (objective: string) => objective === "sales" || objective === "signups";

/** Why a creator is shown apart from the leaderboard, or null when they are ranked. */
export function notRankedReason(p: Performer): string | null {
  if (p.firstPostAt === null) return "no post yet";
  if (p.figures.orders > 0 && p.ordersBeforeFirstPost >= p.figures.orders) return "every order before the first post";
  return null;
}

/** What ranks creators: ROAS once anyone has spend, else CPA, in sales and sign-up campaigns; engagement rate otherwise. */
export function rankedByOf(objective: string, performers: Performer[]): RankedBy {
  if (!salesLike(objective)) return "engagement rate";
  return performers.some((p) => ratesOf(p.figures).roas !== null) ? "roas" : "cpa";
}

/** Sort key: higher is better; null sorts last. */
function rankValue(rankedBy: RankedBy, rates: Rates): number | null {
  if (rankedBy === "engagement rate") return rates.engagementRate;
  if (rankedBy === "roas") return rates.roas;
  return rates.cpa === null ? null : -rates.cpa;
}

const byHandle = (a: { handle: string }, b: { handle: string }) => a.handle.toLowerCase().localeCompare(b.handle.toLowerCase());

/**
 * The leaderboard: ranked creators best first (ties by handle, n/a last), and apart from them,
 * by handle, those who have not posted or whose orders all came before their first post.
 */
export function leaderboard<P extends Performer>(objective: string, performers: P[]): { rankedBy: RankedBy; ranked: P[]; notRanked: Array<{ performer: P; reason: string }> } {
  const rankedBy = rankedByOf(objective, performers);
  const keyed = performers.filter((p) => notRankedReason(p) === null).map((p) => ({ p, key: rankValue(rankedBy, ratesOf(p.figures)) }));
  keyed.sort((a, b) => {
    if (a.key === b.key) return byHandle(a.p, b.p);
    if (a.key === null) return 1;
    if (b.key === null) return -1;
    return b.key - a.key;
  });
  const notRanked = performers
    .map((p) => ({ performer: p, reason: notRankedReason(p) }))
    .filter((x): x is { performer: P; reason: string } => x.reason !== null)
    .sort((a, b) => byHandle(a.performer, b.performer));
  return { rankedBy, ranked: keyed.map((k) => k.p), notRanked };
}

export function recommend(
  objective: string,
  performers: Performer[],
  describe: AdviceNumbers,
  rules: AdviceRules,
  top = 3,
): Recommendations {
  /** A rate shown beside the bound it is under: more decimals while rounding would show it equal ("1.96%, below 2.0%", not "2.0%, below 2.0%"). */
  const under = (rate: number, bound: number) => {
    let decimals: number | undefined;
    for (let d = 1; d < 4 && Number((rate * 100).toFixed(d)) >= bound * 100; d++) decimals = d + 1;
    return describe.percent(rate, decimals);
  };
  const active = performers.filter((p) => p.figures.posts > 0 || p.figures.orders > 0);
  const board = leaderboard(objective, active);
  const inGrace = (p: Performer) => p.firstPostAt !== null && rules.now.getTime() - p.firstPostAt.getTime() < rules.graceHours * 3_600_000;

  const scale: Advice[] = [];
  const tooLittle: Advice[] = [];
  for (const p of board.ranked) {
    if (scale.length >= top) break;
    const rates = ratesOf(p.figures);
    const band = benchmarkBand(p.tier);
    // Only creators whose posts are live are scaled (the ranked ones have posted).
    if (p.figures.posts === 0) continue;
    if (rankValue(board.rankedBy, rates) === null) continue;
    if (salesLike(objective)) {
      if (rates.roas !== null && rates.roas < 1) continue; // losing money is not scaled
      if (p.figures.orders < rules.minOrders) {
        if (p.figures.orders > 0) tooLittle.push({ handle: p.handle, reasons: [`${describe.count(p.figures.orders)} of the ${describe.count(rules.minOrders)} orders advice needs`] });
        continue;
      }
      scale.push({
        handle: p.handle,
        reasons: [rates.roas !== null ? `ROAS ${describe.decimal(rates.roas, 2)}` : null, rates.cpa !== null ? `CPA ${describe.money(rates.cpa)}` : null, `${describe.count(p.figures.orders)} orders`].filter(
          (x): x is string => x !== null,
        ),
      });
    } else if (rates.engagementRate !== null && rates.engagementRate >= band.low) {
      if (p.figures.views < rules.minViews) {
        tooLittle.push({ handle: p.handle, reasons: [`${describe.count(p.figures.views)} of the ${describe.count(rules.minViews)} views advice needs`] });
        continue;
      }
      scale.push({ handle: p.handle, reasons: [`engagement rate ${describe.percent(rates.engagementRate)} (${p.tier} benchmark ${describe.percent(band.low)}–${describe.percent(band.high)})`] });
    }
  }

  const review = new Map<string, string[]>();
  const tooEarly: string[] = [];
  const add = (handle: string, reason: string) => review.set(handle, [...(review.get(handle) ?? []), reason]);
  for (const p of active) {
    const rates = ratesOf(p.figures);
    const band = benchmarkBand(p.tier);
    const judged = !inGrace(p);
    if (!judged && p.figures.posts > 0) tooEarly.push(p.handle);
    if (judged && p.figures.posts > 0 && rates.engagementRate !== null && rates.engagementRate < band.low) {
      add(p.handle, `engagement rate ${under(rates.engagementRate, band.low)}, below the ${p.tier} benchmark of ${describe.percent(band.low)}–${describe.percent(band.high)}`);
    }
    if (judged && salesLike(objective) && p.figures.spendUnits > 0 && p.figures.orders === 0) add(p.handle, `no orders yet`);
  }
  if (salesLike(objective)) {
    const withCpa = active.map((p) => ({ p, cpa: ratesOf(p.figures).cpa })).filter((x): x is { p: Performer; cpa: number } => x.cpa !== null).sort((a, b) => b.cpa - a.cpa);
    const worst = withCpa[0];
    if (worst && withCpa.length >= 2 && !scale.some((s) => s.handle === worst.p.handle)) add(worst.p.handle, `worst CPA, ${describe.money(worst.cpa)}`);
  }
  const scaled = new Set(scale.map((s) => s.handle));
  return {
    rankedBy: board.rankedBy,
    scale,
    review: [...review.entries()].filter(([h]) => !scaled.has(h)).map(([handle, reasons]) => ({ handle, reasons })),
    tooLittle,
    tooEarly: tooEarly.sort((a, b) => a.toLowerCase().localeCompare(b.toLowerCase())),
  };
}
