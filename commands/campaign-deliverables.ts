// /campaign actions on one enrolled creator's deliverable (issue 23), the typed form of the buttons
// on reminders and digests: extend the due date, mark ghosted, pause and resume, remind now, and
// give them the next wave. Part of the /campaign group (commands/campaign.ts).

import { DateTime } from "luxon";
import { UserError } from "../src/core/errors.ts";
import { findCampaign, findCreator, findEnrolment } from "../src/core/lookup.ts";
import { opt } from "../src/core/options.ts";
import { reply } from "../src/core/reply.ts";
import { action, type CommandContext } from "../src/core/spec.ts";
import { campaignBudget } from "../src/db/campaign-budget.ts";
import { describeDestination, REMINDER_CREATOR_INCLUDE, reminderDestination, type ReminderSubject } from "../src/db/reminder-destination.ts";
import type { Campaign, Enrolment } from "../src/generated/prisma/client.ts";

const waveOption = () => opt.count("Which wave (default: their latest)", { min: 1, max: 100 });
const who = () => ({ campaign: opt.campaign().require().atPosition(), handle: opt.handle().require().atPosition() });
const whoInWave = () => ({ ...who(), wave: waveOption() });

type Found = { campaign: Campaign; creator: ReminderSubject["creator"]; enrolment: Enrolment };

/** The creator's enrolment in the campaign: in the wave asked for, or their latest. */
async function findDeliverable(ctx: CommandContext, input: { campaign: string; handle: string; wave?: number }): Promise<Found> {
  const campaign = await findCampaign(ctx.db, ctx.workspace.id, input.campaign);
  ctx.aboutCampaign(campaign.id);
  const found = await findCreator(ctx.db, ctx.workspace.id, input.handle);
  const creator = await ctx.db.creator.findUniqueOrThrow({ where: { id: found.id }, include: REMINDER_CREATOR_INCLUDE });
  const enrolment = await findEnrolment(ctx.db, campaign, creator, input.wave);
  return { campaign, creator, enrolment };
}

const todayOf = (ctx: CommandContext) => DateTime.fromJSDate(ctx.now, { zone: ctx.workspace.timeZone }).toISODate()!;
const day = (ctx: CommandContext, at: Date) => DateTime.fromJSDate(at, { zone: ctx.workspace.timeZone }).toISODate()!;

/** Whether the creator has posted in their current wave. */
async function hasPosted(ctx: CommandContext, e: Enrolment): Promise<boolean> {
  return (await ctx.db.post.count({ where: { enrolmentId: e.id, ...(e.waveStartedAt ? { postedDay: { gte: day(ctx, e.waveStartedAt) } } : {}) } })) > 0;
}

/** "paused since 2026-12-03", "ghosted since …", or null. */
function holdOf(ctx: CommandContext, e: Enrolment): string | null {
  if (e.ghostedAt) return `marked ghosted on ${day(ctx, e.ghostedAt)}`;
  if (e.pausedAt) return `paused since ${day(ctx, e.pausedAt)}`;
  return null;
}

export const extend = action({
  name: "extend",
  description: "Give a creator a new due date (reminders follow it; a ghosted mark is lifted)",
  role: "member",
  mutates: true,
  examples: ['/campaign extend "Spring Launch" @kate due:2026-12-17'],
  options: { ...whoInWave(), due: opt.day("The new due date").require() },
  async run(ctx, input) {
    const { campaign, creator, enrolment } = await findDeliverable(ctx, input);
    const today = todayOf(ctx);
    if (input.due < today) throw new UserError("invalid_option", `Invalid due: ${input.due} is in the past (today is ${today} in ${ctx.workspace.timeZone}).`);
    if (enrolment.dueDate === input.due && !enrolment.ghostedAt) {
      ctx.changedNothing();
      return reply(`@${creator.handle} is already due ${input.due} in "${campaign.name}"`).text("Nothing changed.").build();
    }
    await ctx.db.enrolment.update({ where: { id: enrolment.id }, data: { dueDate: input.due, ghostedAt: null } });
    const r = reply(`New due date for @${creator.handle} in "${campaign.name}": ${input.due}`, "channel").fields([
      { label: "Was", value: enrolment.dueDate ?? "not set" },
      { label: "Now", value: input.due },
    ]);
    if (enrolment.ghostedAt) r.note("No longer marked ghosted.");
    if (enrolment.pausedAt) r.note(`Still paused: no reminders until /campaign resume "${campaign.name}" @${creator.handle}.`);
    else if (campaign.remindDays !== null) r.note(`Reminders follow the new date (${campaign.remindDays} days before, and on the day).`);
    return r.build();
  },
});

export const ghosted = action({
  name: "ghosted",
  description: "Mark a creator ghosted: no more reminders; reports and digests show it",
  role: "member",
  mutates: true,
  examples: ['/campaign ghosted "Spring Launch" @kate'],
  options: whoInWave(),
  async run(ctx, input) {
    const { campaign, creator, enrolment } = await findDeliverable(ctx, input);
    if (enrolment.ghostedAt) {
      ctx.changedNothing();
      return reply(`@${creator.handle} is already marked ghosted in "${campaign.name}"`).text(`Since ${day(ctx, enrolment.ghostedAt)}; nothing changed.`).build();
    }
    await ctx.db.enrolment.update({ where: { id: enrolment.id }, data: { ghostedAt: ctx.now } });
    return reply(`Marked @${creator.handle} ghosted in "${campaign.name}"`, "channel")
      .text("No more reminders for them; reports and digests show them as ghosted.")
      .note(`Undo: /campaign resume "${campaign.name}" @${creator.handle}, or give a new date: /campaign extend "${campaign.name}" @${creator.handle} due:<date>`)
      .build();
  },
});

export const pause = action({
  name: "pause",
  description: "Pause a creator's enrolment: no more reminders; reports and digests show it",
  role: "member",
  mutates: true,
  examples: ['/campaign pause "Spring Launch" @tom'],
  options: who(),
  async run(ctx, input) {
    const { campaign, creator, enrolment } = await findDeliverable(ctx, input);
    if (enrolment.pausedAt) {
      ctx.changedNothing();
      return reply(`@${creator.handle} is already paused in "${campaign.name}"`).text(`Since ${day(ctx, enrolment.pausedAt)}; nothing changed.`).build();
    }
    await ctx.db.enrolment.update({ where: { id: enrolment.id }, data: { pausedAt: ctx.now } });
    return reply(`Paused @${creator.handle} in "${campaign.name}"`, "channel")
      .text("No more reminders for them; reports and digests show them as paused. Their posts and orders still count.")
      .note(`Resume: /campaign resume "${campaign.name}" @${creator.handle}`)
      .build();
  },
});

export const resume = action({
  name: "resume",
  description: "Resume a paused or ghosted creator: reminders again",
  role: "member",
  mutates: true,
  examples: ['/campaign resume "Spring Launch" @tom'],
  options: who(),
  async run(ctx, input) {
    const { campaign, creator, enrolment } = await findDeliverable(ctx, input);
    const hold = holdOf(ctx, enrolment);
    if (!hold) {
      ctx.changedNothing();
      return reply(`@${creator.handle} is neither paused nor ghosted in "${campaign.name}"`).text("Nothing changed.").build();
    }
    await ctx.db.enrolment.update({ where: { id: enrolment.id }, data: { pausedAt: null, ghostedAt: null } });
    return reply(`Resumed @${creator.handle} in "${campaign.name}"`, "channel").text(`They were ${hold}; reminders go again.`).build();
  },
});

export const remind = action({
  name: "remind",
  description: "Send a creator's deliverable reminder now (to them, their owner or the digest channel)",
  role: "member",
  mutates: true,
  examples: ['/campaign remind "Spring Launch" @kate'],
  options: who(),
  async run(ctx, input) {
    const { campaign, creator, enrolment } = await findDeliverable(ctx, input);
    if (!enrolment.dueDate) throw new UserError("invalid_state", `@${creator.handle} has no due date in "${campaign.name}".`, { hints: [`Set one: /campaign extend "${campaign.name}" @${creator.handle} due:<date>`] });
    const hold = holdOf(ctx, enrolment);
    if (hold) throw new UserError("invalid_state", `@${creator.handle} is ${hold} in "${campaign.name}": no reminders.`, { hints: [`Resume them first: /campaign resume "${campaign.name}" @${creator.handle}`] });
    if (await hasPosted(ctx, enrolment)) throw new UserError("invalid_state", `@${creator.handle} has posted in "${campaign.name}"${enrolment.wave > 1 ? ` (wave ${enrolment.wave})` : ""} already: nothing to remind.`);
    const destination = await reminderDestination(ctx.db, { workspaceId: ctx.workspace.id, campaignId: campaign.id, creator }, false);
    if (!destination) {
      throw new UserError("invalid_state", `Nobody to remind: @${creator.handle} has no owner and "${campaign.name}" has no digest channel.`, {
        hints: [`Give them an owner: /creator update @${creator.handle} owner:@you`],
      });
    }
    const waiting = await ctx.db.reminderRun.findFirst({ where: { enrolmentId: enrolment.id, occasion: { startsWith: "now:" }, status: { in: ["queued", "claimed"] } } });
    if (waiting) {
      ctx.changedNothing();
      return reply(`A reminder for @${creator.handle} is already on its way`).text(`Asked at ${DateTime.fromJSDate(waiting.createdAt, { zone: ctx.workspace.timeZone }).toFormat("HH:mm")}; nothing more sent.`).build();
    }
    await ctx.db.reminderRun.create({
      data: { workspaceId: ctx.workspace.id, enrolmentId: enrolment.id, occasion: `now:${ctx.now.toISOString()}`, status: "queued", createdById: ctx.member.id },
    });
    return reply(`Reminding @${creator.handle} about "${campaign.name}"`, "channel")
      .text(`Their post is due ${enrolment.dueDate}. The reminder goes to ${describeDestination(destination)} within a minute.`)
      .build();
  },
});

export const nextWave = action({
  name: "next-wave",
  description: "Enrol a creator again in the next wave, same terms, new due date (admin; asks to confirm)",
  role: "admin",
  mutates: true,
  examples: ['/campaign next-wave "Spring Launch" @kate due:2026-12-20 wave:2 confirm:yes'],
  options: {
    ...who(),
    due: opt.day("When their next post is due"),
    wave: opt.count("The wave they go into (default: the one after theirs); a second request for it changes nothing", { min: 2, max: 100 }),
    confirm: opt.boolean("yes: do it (without: see what it would do)"),
  },
  conflictMessage: (input) => `@${input.handle.replace(/^@/, "")} was given that wave of "${input.campaign}" by someone else at the same moment; nothing more was done.`,
  async run(ctx, input) {
    const { campaign, creator, enrolment: latest } = await findDeliverable(ctx, { campaign: input.campaign, handle: input.handle });
    // Asked for a wave they are in already (a second click on Confirm, or on a digest's button): say so, change nothing.
    const already = input.wave === undefined ? null : await ctx.db.enrolment.findUnique({ where: { campaignId_creatorId_wave: { campaignId: campaign.id, creatorId: creator.id, wave: input.wave } } });
    if (already) {
      ctx.changedNothing();
      const since = day(ctx, already.waveStartedAt ?? already.createdAt);
      return reply(`@${creator.handle} is already in wave ${already.wave} of "${campaign.name}"`)
        .text(`Enrolled in it on ${since}${already.dueDate ? `, due ${already.dueDate}` : ""}${latest.wave > already.wave ? `; their latest wave is ${latest.wave}` : ""}. Nothing changed.`)
        .build();
    }
    if (campaign.status === "closed") throw new UserError("invalid_state", `"${campaign.name}" is closed; reopen it with /campaign update "${campaign.name}" status:active.`);
    const today = todayOf(ctx);
    if (input.due && input.due < today) throw new UserError("invalid_option", `Invalid due: ${input.due} is in the past (today is ${today} in ${ctx.workspace.timeZone}).`);
    const wave = latest.wave + 1;
    if (input.wave !== undefined && input.wave !== wave) {
      throw new UserError("invalid_option", `Invalid wave: @${creator.handle}'s latest wave of "${campaign.name}" is ${latest.wave}; their next wave is ${wave}.`);
    }
    const c = campaign.currency;
    const terms = [
      { label: "Wave", value: `${wave} (after wave ${latest.wave})` },
      { label: "Fee", value: ctx.numbers.money(latest.fee, c) },
      { label: "Product", value: ctx.numbers.money(latest.productCost, c) },
      { label: "Commission", value: ctx.numbers.bps(latest.commissionBps) },
      { label: "Per order", value: ctx.numbers.money(latest.perOrder, c) },
      { label: "Due", value: input.due ?? "not set (no reminders until /campaign extend)" },
    ];
    // The new wave's fee and product are committed from now: said before and after, when that passes the budget.
    const overBudget = await budgetAfterNextWave(ctx, campaign, latest);
    if (!input.confirm) {
      const again = `/campaign next-wave "${campaign.name}" @${creator.handle}${input.due ? ` due:${input.due}` : ""} wave:${wave} confirm:yes`;
      const asked = reply(`Enrol @${creator.handle} in wave ${wave} of "${campaign.name}"?`)
        .fields(terms)
        .text(`Nothing is changed yet: this enrols them again on the same terms, another fee and product once they post in wave ${wave}; wave ${latest.wave} keeps its posts and fee. To do it: ${again}`)
        .action({ label: `Confirm: wave ${wave}`, command: again, style: "primary", then: "replace" });
      if (overBudget) asked.note(overBudget);
      return asked.build();
    }
    await ctx.db.enrolment.create({
      data: {
        workspaceId: ctx.workspace.id,
        campaignId: campaign.id,
        creatorId: creator.id,
        wave,
        fee: latest.fee,
        productCost: latest.productCost,
        commissionBps: latest.commissionBps,
        perOrder: latest.perOrder,
        feeCash: latest.feeCash,
        productCash: latest.productCash,
        commissionCash: latest.commissionCash,
        perOrderCash: latest.perOrderCash,
        dueDate: input.due ?? null,
        waveStartedAt: ctx.now,
      },
    });
    ctx.describeChange(`/campaign next-wave "${campaign.name}" @${creator.handle}: enrolled in wave ${wave}${input.due ? `, due ${input.due}` : ""}`);
    const done = reply(`Enrolled @${creator.handle} in wave ${wave} of "${campaign.name}"`, "channel")
      .fields(terms)
      .note(`Same terms as wave ${latest.wave}, which keeps its posts and fee. Their next post counts for wave ${wave}; reminders follow its due date.`);
    if (overBudget) done.note(overBudget);
    return done.build();
  },
});

/** "Over budget: …" when the next wave's fee and product would take committed and spent past the campaign's budget; null otherwise. */
async function budgetAfterNextWave(ctx: CommandContext, campaign: Campaign, latest: Enrolment): Promise<string | null> {
  if (campaign.budget === null) return null;
  const { committed, spent } = await campaignBudget(ctx.db, campaign.id);
  const used = committed + spent + latest.fee + latest.productCost;
  if (used <= campaign.budget) return null;
  const money = (minor: number) => ctx.numbers.money(minor, campaign.currency);
  return `Over budget: with this wave "${campaign.name}" has committed and spent ${money(used)} of its ${money(campaign.budget)} budget, ${money(used - campaign.budget)} over. Raise it with /campaign update "${campaign.name}" budget:${money(used)}.`;
}
