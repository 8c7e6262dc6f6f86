// /digest: schedule a campaign digest into this channel (daily or weekly, in a time zone),
// list and stop schedules, or post one now for the period so far.

import { DateTime } from "luxon";
import { conflict, notFound, UserError } from "../src/core/errors.ts";
import { opt } from "../src/core/options.ts";
import { reply } from "../src/core/reply.ts";
import { action, defineCommand, type CommandContext } from "../src/core/spec.ts";
import { findCampaign } from "../src/core/lookup.ts";
import { buildCampaignDigest } from "../src/digest/build.ts";
import { MAX_ID } from "../src/domain/limits.ts";
import { describeTiming, nextOccurrence, periodFor, periodSoFar, readFrequency, timingOf, WEEKDAYS } from "../src/domain/digest-schedule.ts";

const FREQUENCIES = ["daily", "weekly", ...WEEKDAYS] as const;

function channelOf(ctx: CommandContext): string {
  if (!ctx.channelId) throw new UserError("invalid_state", "Digests are posted into a channel: type /digest schedule in the channel that should get them.");
  return ctx.channelId;
}

const schedule = action({
  name: "schedule",
  description: "Schedule a digest of a campaign (or all) into this channel",
  role: "admin",
  mutates: true,
  examples: ['/digest schedule "Spring Launch" daily 09:00 tz:Europe/Berlin', "/digest schedule all monday 08:30 skip-empty:yes"],
  options: {
    campaign: opt.campaign("Campaign name, or all for every open campaign").require().atPosition(),
    frequency: opt.choice("daily, weekly (Mondays) or a weekday", FREQUENCIES).require().atPosition(),
    time: opt.time("Time of day, 24-hour").require().atPosition(),
    tz: opt.timeZone("Time zone (default: the workspace's)"),
    skipEmpty: opt.boolean("Skip the digest when nothing happened"),
  },
  async run(ctx, input) {
    const channelId = channelOf(ctx);
    const campaign = input.campaign.toLowerCase() === "all" ? null : await findCampaign(ctx.db, ctx.workspace.id, input.campaign);
    if (campaign) ctx.aboutCampaign(campaign.id);
    const { frequency, weekday } = readFrequency(input.frequency)!;
    const timeZone = input.tz ?? ctx.workspace.timeZone;
    const same = await ctx.db.digestSchedule.findFirst({
      where: { workspaceId: ctx.workspace.id, campaignId: campaign?.id ?? null, channelId, frequency, weekday, time: input.time, timeZone, active: true },
    });
    if (same) throw conflict(`That digest is already scheduled here (#${same.id}).`, ["See them with /digest list."]);
    const created = await ctx.db.digestSchedule.create({
      data: {
        workspaceId: ctx.workspace.id,
        campaignId: campaign?.id ?? null,
        channelId,
        frequency,
        weekday,
        time: input.time,
        timeZone,
        skipEmpty: input.skipEmpty ?? false,
        createdById: ctx.member.id,
        // The command's clock, not the database's: a schedule does not fire for times before it existed.
        createdAt: ctx.now,
      },
    });
    const timing = timingOf(created);
    const next = nextOccurrence(timing, ctx.now);
    const covers = periodFor(frequency, next);
    return reply(`Scheduled digest #${created.id}: ${campaign ? `"${campaign.name}"` : "every open campaign"}`, "channel")
      .text(
        ctx.workspace.platform === "local"
          ? // The shell has no channel that stays open: say how the digest really arrives.
            `Printed in the shell ${describeTiming(timing)} while a shell is open (npm start, npm run shell), and saved under digests/ in the output folder; with no shell open, npm run jobs posts it.`
          : `Posted in this channel ${describeTiming(timing)}.`,
      )
      .fields([
        { label: "Next", value: `${next.toFormat("ccc d LLL yyyy, HH:mm")} (${timeZone}), covering ${covers.from === covers.to ? covers.from : `${covers.from} to ${covers.to}`}` },
        { label: "When nothing happened", value: created.skipEmpty ? "skipped" : "posted anyway" },
      ])
      .note(`Stop it with /digest off ${created.id}.`)
      .build();
  },
});

const list = action({
  name: "list",
  description: "Digest schedules of this workspace and how their last run went",
  role: "member",
  mutates: false,
  options: {},
  async run(ctx) {
    const schedules = await ctx.db.digestSchedule.findMany({
      where: { workspaceId: ctx.workspace.id, active: true },
      include: { campaign: true, runs: { orderBy: { id: "desc" }, take: 1 } },
      orderBy: { id: "asc" },
    });
    const r = reply(`Digest schedules (${ctx.numbers.count(schedules.length)})`).table(
      ["#", "campaign", "when", "channel", "if empty", "last run"],
      schedules.map((s) => {
        const last = s.runs[0];
        const lastText = last ? `${last.status} ${last.period}${last.error ? `: ${last.error}` : ""}` : "not yet";
        return [String(s.id), s.campaign ? s.campaign.name : "all", describeTiming(timingOf(s)), s.channelId, s.skipEmpty ? "skip" : "post", lastText];
      }),
    );
    if (schedules.length === 0) r.note('Schedule one with /digest schedule "<campaign>" daily 09:00');
    return r.build();
  },
});

const off = action({
  name: "off",
  description: "Stop a digest schedule",
  role: "admin",
  mutates: true,
  options: { id: opt.count("Schedule number from /digest list", { min: 1, max: MAX_ID }).require().atPosition() },
  async run(ctx, input) {
    const found = await ctx.db.digestSchedule.findFirst({ where: { id: input.id, workspaceId: ctx.workspace.id, active: true }, include: { campaign: true } });
    if (!found) throw notFound(`No digest schedule #${input.id} in this workspace.`, ["See them with /digest list."]);
    if (found.campaignId !== null) ctx.aboutCampaign(found.campaignId);
    await ctx.db.digestSchedule.update({ where: { id: found.id }, data: { active: false } });
    return reply(`Stopped digest #${found.id}`, "channel").text(`${found.campaign ? `"${found.campaign.name}"` : "All campaigns"}, ${describeTiming(timingOf(found))}.`).build();
  },
});

const now = action({
  name: "now",
  description: "Post a digest now, for the period so far",
  role: "member",
  mutates: false,
  slow: true,
  options: {
    campaign: opt.campaign().require().atPosition(),
    frequency: opt.choice("daily (today so far) or weekly (the last seven days)", ["daily", "weekly"] as const),
  },
  async run(ctx, input) {
    const campaign = await findCampaign(ctx.db, ctx.workspace.id, input.campaign);
    // Without frequency:, follow this channel's schedule for the campaign, else daily.
    const scheduled = ctx.channelId
      ? await ctx.db.digestSchedule.findFirst({ where: { workspaceId: ctx.workspace.id, campaignId: campaign.id, channelId: ctx.channelId, active: true } })
      : null;
    const frequency = input.frequency ?? (scheduled?.frequency === "weekly" ? "weekly" : "daily");
    const period = periodSoFar(frequency, ctx.now, ctx.workspace.timeZone);
    // The charts are drawn after the transaction: on SQLite, commands take turns, and drawing
    // needs no database (a quarter of a big campaign's digest).
    const digest = await buildCampaignDigest({
      db: ctx.db,
      workspace: ctx.workspace,
      campaign,
      period,
      frequency,
      charts: ctx.services.charts,
      chartProcess: ctx.chartProcess,
      now: ctx.now,
      drawLater: (draw) => ctx.afterCommit(draw),
      // The period so far against the one before up to the same time (of the clock, in the
      // workspace's zone): today against yesterday, the last seven days against the seven before,
      // so both sides are equally long.
      previousLoggedBy: DateTime.fromJSDate(ctx.now, { zone: ctx.workspace.timeZone }).minus({ days: frequency === "daily" ? 1 : 7 }).toJSDate(),
    });
    digest.reply.notes.unshift(`So far: up to ${DateTime.fromJSDate(ctx.now, { zone: ctx.workspace.timeZone }).toFormat("HH:mm")} (${ctx.workspace.timeZone}).`);
    return digest.reply;
  },
});

export default defineCommand({
  name: "digest",
  description: "Scheduled campaign digests with charts, posted into a channel",
  actions: [schedule, list, off, now],
});
