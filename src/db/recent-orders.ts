// The latest orders logged in a campaign (refunds left out), which a new order is compared with
// (src/domain/outliers.ts): the latest by day, so the median follows the campaign's prices now.

import type { Db } from "./client.ts";
import type { LoggedOrders } from "../domain/outliers.ts";

/** Rows read: one order each, or a day's total. */
export const RECENT_ORDER_ROWS = 200;

export function recentOrders(db: Db, campaignId: number): Promise<LoggedOrders[]> {
  return db.redemption.findMany({
    where: { campaignId, refundOfId: null },
    orderBy: [{ day: "desc" }, { id: "desc" }],
    take: RECENT_ORDER_ROWS,
    select: { orders: true, revenue: true },
  });
}
