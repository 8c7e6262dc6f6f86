// A post or orders dated outside their campaign, or logged on a closed campaign: refused with the
// dates unless force:yes; orders after the end are common (late deliveries, slow shops) and are
// counted with a note.

import { campaignDatesText, dayInCampaign, type CampaignDates } from "../domain/campaign-days.ts";
import { UserError } from "./errors.ts";

export interface DatedEntry {
  /** "post" or "orders". */
  kind: "post" | "orders";
  /** The option that gave the day ("posted", "date"), for the hint. */
  option: string;
  force: boolean | undefined;
}

/** Throws unless the day fits the campaign or force:yes was given; returns a note for the reply, if any. */
export function checkCampaignDay(campaign: CampaignDates & { name: string }, day: string, entry: DatedEntry): string | null {
  const verdict = dayInCampaign(campaign, day);
  const dates = campaignDatesText(campaign);
  const name = `"${campaign.name}"`;
  if (verdict === "within") return null;
  if (verdict === "after_end" && entry.kind === "orders") {
    return `${day} is after ${name} ended on ${campaign.endDate}: counted, as orders often come in after the end.`;
  }
  const what = entry.kind === "post" ? "a post" : "orders";
  const reason =
    verdict === "closed"
      ? `${name} is closed (${dates})`
      : verdict === "before_start"
        ? `${day} is before ${name} starts (${dates})`
        : `${day} is after ${name} ended (${dates})`;
  if (entry.force) return `Logged with force:yes, although ${reason}.`;
  if (verdict === "closed") {
    throw new UserError("invalid_state", `${reason}: ${what} logged now would change a finished campaign's figures.`, {
      hints: [`Add force:yes to log it anyway, or reopen the campaign: /campaign update ${name} status:active.`],
    });
  }
  throw new UserError("invalid_option", `Invalid ${entry.option}: ${reason}.`, { hints: [`Check the day (${entry.option}:), or add force:yes to log ${what} outside the campaign's dates.`] });
}
