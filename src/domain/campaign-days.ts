// Whether a day (a post's, an order's) falls in a campaign: its dates are "YYYY-MM-DD" in the
// workspace's zone, either of them may be open, and a closed campaign takes nothing new.

export interface CampaignDates {
  status: string;
  startDate: string | null;
  endDate: string | null;
}

export type DayInCampaign = "within" | "before_start" | "after_end" | "closed";

export function dayInCampaign(campaign: CampaignDates, day: string): DayInCampaign {
  if (campaign.status === "closed") return "closed";
  if (campaign.startDate && day < campaign.startDate) return "before_start";
  if (campaign.endDate && day > campaign.endDate) return "after_end";
  return "within";
}

/** "2026-12-01 → 2026-12-31", "open → 2026-12-31". */
export const campaignDatesText = (c: CampaignDates) => `${c.startDate ?? "open"} → ${c.endDate ?? "open"}`;
