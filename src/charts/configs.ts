// The three digest charts as Chart.js configurations, built from the digest's plain data.

import { engagementSpec } from "./engagement.ts";
import { ordersRevenueSpec } from "./orders-revenue.ts";
import { spendRevenueSpec } from "./spend-revenue.ts";
import type { ChartInputs, ChartSpec } from "./types.ts";

export { engagementSpec } from "./engagement.ts";
export { ordersRevenueSpec } from "./orders-revenue.ts";
export { spendRevenueSpec } from "./spend-revenue.ts";

/** In the order the digest shows them. */
export function chartSpecs(inputs: ChartInputs): ChartSpec[] {
  return [ordersRevenueSpec(inputs.ordersRevenue), engagementSpec(inputs.engagement), spendRevenueSpec(inputs.spendRevenue)];
}
