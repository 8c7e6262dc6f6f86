// /activity: the activity log, newest first: who changed what, and when. Admins see everyone's
// changes; others see their own.

import { DateTime } from "luxon";
import { UserError } from "../src/core/errors.ts";
import { findCampaign, findMember } from "../src/core/lookup.ts";
import { opt } from "../src/core/options.ts";
import { reply } from "../src/core/reply.ts";
import { action, defineCommand } from "../src/core/spec.ts";

const DEFAULT_LIMIT = 20;
const SUMMARY_LENGTH = 120;

const show = action({
  name: "",
  description: "Who changed what, when: newest first (admins: everyone's changes; others: their own)",
  role: "member",
  mutates: false,
  examples: ["/activity", '/activity campaign:"Spring Launch" limit:50', "/activity member:@bob"],
  options: {
    campaign: opt.campaign("Only changes to this campaign"),
    member: opt.person("Only this person's changes (admins)"),
    limit: opt.count(`How many (default ${DEFAULT_LIMIT})`, { min: 1, max: 200 }),
  },
  async run(ctx, input) {
    const campaign = input.campaign ? await findCampaign(ctx.db, ctx.workspace.id, input.campaign) : null;
    let member = input.member ? await findMember(ctx.db, ctx.workspace, input.member) : null;
    if (!ctx.isAdmin) {
      if (member && member.id !== ctx.member.id) throw new UserError("not_allowed", "Only admins can see what others changed; without member: you see your own changes.");
      member = ctx.member;
    }
    const limit = input.limit ?? DEFAULT_LIMIT;
    const rows = await ctx.db.activity.findMany({
      where: { workspaceId: ctx.workspace.id, ...(campaign ? { campaignId: campaign.id } : {}), ...(member ? { memberId: member.id } : {}) },
      include: { member: { select: { displayName: true } } },
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      take: limit + 1,
    });
    const shown = rows.slice(0, limit);
    const whose = !ctx.isAdmin ? "your changes" : member ? `${member.displayName}'s changes` : "all changes";
    const r = reply(`Activity: ${whose}${campaign ? ` in "${campaign.name}"` : ""}, newest first (${shown.length}${rows.length > limit ? "+" : ""})`);
    if (shown.length === 0) return r.text("Nothing recorded yet.").build();
    r.table(
      ["when", "who", "command", "what"],
      shown.map((a) => [
        DateTime.fromJSDate(a.createdAt, { zone: ctx.workspace.timeZone }).toFormat("yyyy-MM-dd HH:mm"),
        a.member?.displayName ?? (a.command === "migration" ? "(upgrade)" : "(gone)"),
        a.command,
        a.summary.length > SUMMARY_LENGTH ? `${a.summary.slice(0, SUMMARY_LENGTH - 1)}…` : a.summary,
      ]),
    );
    if (rows.length > limit) r.note(`There are older changes: ${limit < 200 ? `limit:${Math.min(200, limit * 2)}, or ` : ""}narrow with campaign: or member:.`);
    if (!ctx.isAdmin) r.note("Admins see everyone's changes.");
    r.note(`Times in ${ctx.workspace.timeZone}.`);
    return r.build();
  },
});

export default defineCommand({
  name: "activity",
  description: "The activity log: who changed what, when",
  actions: [show],
});
