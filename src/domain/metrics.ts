// The formulas of docs/reports.md, once. A rate with a zero denominator is null ("n/a"), never
// Infinity or NaN.

import { SPEND_SCALE } from "./spend.ts";

export interface PostMetrics {
  views: number;
  likes: number;
  comments: number;
  shares: number;
  saves: number;
  clicks: number;
}

export const METRIC_NAMES = ["views", "likes", "comments", "shares", "saves", "clicks"] as const;
export type MetricName = (typeof METRIC_NAMES)[number];

export const ratio = (numerator: number, denominator: number): number | null => (denominator === 0 ? null : numerator / denominator);

export const engagementsOf = (m: Pick<PostMetrics, "likes" | "comments" | "shares" | "saves">) => m.likes + m.comments + m.shares + m.saves;

/** The figures of a creator, or of a whole campaign, over a period. */
export interface Figures extends PostMetrics {
  posts: number;
  /** Σ over the same posts of the followers of the account that made each post. */
  followerReach: number;
  orders: number;
  /** Minor units. */
  revenue: number;
  /** Exact spend in 1/10,000 of a minor unit (see spend.ts). */
  spendUnits: number;
  undisclosedPosts: number;
}

export const emptyFigures = (): Figures => ({
  posts: 0,
  views: 0,
  likes: 0,
  comments: 0,
  shares: 0,
  saves: 0,
  clicks: 0,
  followerReach: 0,
  orders: 0,
  revenue: 0,
  spendUnits: 0,
  undisclosedPosts: 0,
});

export function addFigures(a: Figures, b: Figures): Figures {
  const sum = emptyFigures();
  for (const key of Object.keys(sum) as Array<keyof Figures>) sum[key] = a[key] + b[key];
  return sum;
}

export interface Rates {
  engagements: number;
  /** Engagement rate by followers. */
  engagementRate: number | null;
  /** Engagement rate by views. */
  viewRate: number | null;
  ctr: number | null;
  conversionRate: number | null;
  /** Spend in minor units (possibly fractional) per engagement, per 1,000 views, per order. */
  cpe: number | null;
  cpm: number | null;
  cpa: number | null;
  roas: number | null;
}

export function ratesOf(f: Figures): Rates {
  const engagements = engagementsOf(f);
  const spend = f.spendUnits / SPEND_SCALE; // minor units, exact
  const cpm = ratio(spend, f.views);
  return {
    engagements,
    engagementRate: ratio(engagements, f.followerReach),
    viewRate: ratio(engagements, f.views),
    ctr: ratio(f.clicks, f.views),
    conversionRate: ratio(f.orders, f.clicks),
    cpe: ratio(spend, engagements),
    cpm: cpm === null ? null : cpm * 1000,
    cpa: ratio(spend, f.orders),
    roas: ratio(f.revenue, spend),
  };
}

/** Change from one period to the next, as a fraction; null when there is nothing to compare. */
export const change = (current: number | null, previous: number | null): number | null =>
  current === null || previous === null || previous === 0 ? null : (current - previous) / previous;

/** Change of a rate from one period to the next, in percentage points (2.27% after 1.87%: 0.4); null when either is n/a. */
export const pointChange = (current: number | null, previous: number | null): number | null =>
  current === null || previous === null ? null : (current - previous) * 100;

/** Lift of a daily average over the baseline's daily average. */
export function lift(periodTotal: number, periodDays: number, baselineTotal: number | null, baselineDays: number | null): number | null {
  if (baselineTotal === null || !baselineDays || periodDays <= 0) return null;
  return change(periodTotal / periodDays, baselineTotal / baselineDays);
}
