// /reminders: the deliverable reminders of this workspace (issue 23): for each enrolled creator
// with a due date and no post yet, when the next reminder goes and where, and how the last one
// went. Sent by the jobs beside the digests (jobs/reminder-runner.ts).

import { DateTime } from "luxon";
import { findCampaign } from "../src/core/lookup.ts";
import { opt } from "../src/core/options.ts";
import { reply } from "../src/core/reply.ts";
import { action, defineCommand } from "../src/core/spec.ts";
import { nextReminder, REMINDER_TIME } from "../src/domain/reminders.ts";
import { startDayOf } from "../src/domain/waves.ts";

/** Rows shown at most; the rest are counted. */
const MAX_ROWS = 50;

const STAGE_NAMES = { before: "before", due: "on the day", ghost: "ghosted?", now: "asked for" } as const;

const list = action({
  name: "",
  description: "Deliverable reminders: who is due, the next reminder, and how the last one went",
  role: "member",
  mutates: false,
  examples: ["/reminders", '/reminders "Spring Launch"'],
  options: { campaign: opt.campaign("Only this campaign").atPosition() },
  async run(ctx, input) {
    const campaign = input.campaign ? await findCampaign(ctx.db, ctx.workspace.id, input.campaign) : null;
    const enrolments = await ctx.db.enrolment.findMany({
      where: { workspaceId: ctx.workspace.id, dueDate: { not: null }, campaign: campaign ? { id: campaign.id } : { status: "active" } },
      include: {
        campaign: true,
        creator: true,
        posts: { select: { postedDay: true }, orderBy: { postedDay: "desc" }, take: 1 },
        reminders: { orderBy: { id: "desc" }, take: 1 },
      },
      orderBy: [{ dueDate: "asc" }, { id: "asc" }],
    });
    const zone = ctx.workspace.timeZone;
    const when = (at: Date) => DateTime.fromJSDate(at, { zone }).toFormat("yyyy-MM-dd HH:mm");
    const open = enrolments.filter((e) => {
      // Not posted in its wave: no post, or (a wave that began later) none since the day it began.
      const last = e.posts[0]?.postedDay;
      return !last || (e.waveStartedAt !== null && last < startDayOf(e, zone)!);
    });
    const rows = open.slice(0, MAX_ROWS).map((e) => {
      const hold = e.ghostedAt ? "ghosted" : e.pausedAt ? "paused" : e.creator.status === "paused" || e.creator.status === "declined" ? `creator ${e.creator.status}` : null;
      const next = hold || e.campaign.status === "closed" ? null : nextReminder({ dueDate: e.dueDate!, remindDays: e.campaign.remindDays, ghostDays: e.campaign.ghostDays, timeZone: zone }, ctx.now);
      const last = e.reminders[0];
      const stage = last ? STAGE_NAMES[last.occasion.split(":")[0] as keyof typeof STAGE_NAMES] ?? last.occasion : "";
      const lastText = last
        ? `${stage}: ${last.status}${last.finishedAt ? ` ${when(last.finishedAt)}` : ""}${last.sentTo ? ` to ${last.sentTo}` : ""}${last.error ? ` (${last.error})` : ""}`
        : "none yet";
      return [`@${e.creator.handle}`, e.campaign.name, e.dueDate!, hold ?? (next ? `${STAGE_NAMES[next.stage]}, ${next.day}` : "none"), lastText];
    });
    const r = reply(`Deliverable reminders (${ctx.numbers.count(open.length)} not posted yet)`).table(["creator", "campaign", "due", "next", "last run"], rows);
    if (open.length > MAX_ROWS) r.note(`${ctx.numbers.count(open.length - MAX_ROWS)} more not shown: name a campaign to see its own.`);
    const time = `${String(REMINDER_TIME.hour).padStart(2, "0")}:${String(REMINDER_TIME.minute).padStart(2, "0")}`;
    r.note(`Reminders go at ${time} (${zone}) to the creator's owner privately, or to the campaign's digest channel when they have none. Change when: /campaign update <name> remind-days:<n|off> ghost-days:<n|off>.`);
    return r.build();
  },
});

export default defineCommand({ name: "reminders", description: "Deliverable reminders: who is due, the next reminder, the last run", actions: [list] });
