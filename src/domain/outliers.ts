// Figures that are possible but more likely a typing slip (a decimal comma read as thousands, a
// digit too many): accepted, and questioned in the reply.

import type { DayInCampaign } from "./campaign-days.ts";
import { engagementsOf, type PostMetrics } from "./metrics.ts";

export type PostOutlier =
  | { kind: "engagement_rate"; engagements: number; followers: number; rate: number }
  | { kind: "engagements_over_views"; engagements: number; views: number };

/** An engagement rate (by followers) over 100%, and more engagements than views (when views are given). */
export function postOutliers(metrics: PostMetrics, followers: number): PostOutlier[] {
  const engagements = engagementsOf(metrics);
  const found: PostOutlier[] = [];
  if (followers > 0 && engagements > followers) found.push({ kind: "engagement_rate", engagements, followers, rate: engagements / followers });
  if (metrics.views > 0 && engagements > metrics.views) found.push({ kind: "engagements_over_views", engagements, views: metrics.views });
  return found;
}

/** An order is questioned when its value is more than this many times the campaign's median order. */
export const OUTLIER_ORDER_FACTOR = 10;
/** Fewer orders than this make no median worth comparing with. */
export const MIN_ORDERS_FOR_MEDIAN = 5;

/** Orders logged together: one order, or a day's total of `orders`. */
export interface LoggedOrders {
  orders: number;
  /** Minor units. */
  revenue: number;
}

/**
 * The median value of one order (minor units) over logged rows, each row counting as `orders`
 * orders of `revenue / orders` each; null with fewer than MIN_ORDERS_FOR_MEDIAN orders.
 */
export function medianOrderValue(rows: readonly LoggedOrders[]): { median: number; orders: number } | null {
  const values = rows.filter((r) => r.orders > 0 && r.revenue >= 0).map((r) => ({ value: r.revenue / r.orders, weight: r.orders }));
  const orders = values.reduce((sum, v) => sum + v.weight, 0);
  if (orders < MIN_ORDERS_FOR_MEDIAN) return null;
  values.sort((a, b) => a.value - b.value);
  // The middle order, or the mean of the two middle ones.
  const at = (n: number) => {
    let seen = 0;
    for (const v of values) {
      seen += v.weight;
      if (seen > n) return v.value;
    }
    return values.at(-1)!.value;
  };
  const median = orders % 2 === 1 ? at((orders - 1) / 2) : (at(orders / 2 - 1) + at(orders / 2)) / 2;
  return { median, orders };
}

/** Whether orders logged now, worth `revenue` over `orders`, are more than OUTLIER_ORDER_FACTOR times the median. */
export function isOutlierOrder(logged: LoggedOrders, median: number): boolean {
  return logged.orders > 0 && median > 0 && logged.revenue / logged.orders > OUTLIER_ORDER_FACTOR * median;
}

/**
 * Why an order that came in from a shop's webhook or an orders file looks unusual: what
 * /code redeem would have refused (dated before the campaign's start, or on a closed campaign)
 * or questioned (more than OUTLIER_ORDER_FACTOR times the median order). Nobody can be asked
 * there, so the order is counted and these reasons are stored with it.
 */
export type UnusualReason = "before_start" | "closed" | "outlier";

export function unusualReasons(verdict: DayInCampaign, logged: LoggedOrders, median: number | null): UnusualReason[] {
  const reasons: UnusualReason[] = [];
  if (verdict === "before_start" || verdict === "closed") reasons.push(verdict);
  if (median !== null && isOutlierOrder(logged, median)) reasons.push("outlier");
  return reasons;
}

/** The stored form (Redemption.unusual): the reasons space-separated, null for none. */
export const storedUnusual = (reasons: readonly UnusualReason[]): string | null => (reasons.length > 0 ? reasons.join(" ") : null);

export const readUnusual = (stored: string | null): UnusualReason[] =>
  (stored ?? "").split(" ").filter((r): r is UnusualReason => r === "before_start" || r === "closed" || r === "outlier");
