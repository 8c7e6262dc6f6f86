// What people read about an order that came in from a shop or a file and looks unusual
// (src/domain/outliers.ts): in the reply of /code import and in /code list.

import { campaignDatesText, type CampaignDates } from "../domain/campaign-days.ts";
import { OUTLIER_ORDER_FACTOR, type UnusualReason } from "../domain/outliers.ts";
import type { NumberWriter } from "./format.ts";

/** "before "Spring" starts (2026-12-01 → 2026-12-31); more than 10 times the campaign's median order ($40.50)". */
export function unusualText(
  reasons: readonly UnusualReason[],
  campaign: CampaignDates & { name: string; currency: string },
  numbers: NumberWriter,
  median: number | null = null,
): string {
  return reasons
    .map((reason) => {
      if (reason === "before_start") return `before "${campaign.name}" starts (${campaignDatesText(campaign)})`;
      if (reason === "closed") return `"${campaign.name}" was closed when it came in`;
      return `more than ${OUTLIER_ORDER_FACTOR} times the campaign's median order${median !== null ? ` (${numbers.money(Math.round(median), campaign.currency)})` : ""}`;
    })
    .join("; ");
}
