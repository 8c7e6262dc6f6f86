// Whether an order that arrives from a shop's webhook or an orders file looks unusual (see
// src/domain/outliers.ts): read before it is recorded, so the median it is compared with does not
// hold it yet.

import type { Db } from "./client.ts";
import { dayInCampaign, type CampaignDates } from "../domain/campaign-days.ts";
import { medianOrderValue, unusualReasons, type LoggedOrders, type UnusualReason } from "../domain/outliers.ts";
import { recentOrders } from "./recent-orders.ts";

export interface UnusualOrder {
  reasons: UnusualReason[];
  /** The campaign's median order then (minor units) and over how many orders, when there was one. */
  median: { median: number; orders: number } | null;
}

export async function unusualOrder(db: Db, campaign: CampaignDates & { id: number }, day: string, logged: LoggedOrders): Promise<UnusualOrder> {
  const median = medianOrderValue(await recentOrders(db, campaign.id));
  return { reasons: unusualReasons(dayInCampaign(campaign, day), logged, median?.median ?? null), median };
}
