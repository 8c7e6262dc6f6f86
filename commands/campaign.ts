// /campaign: create campaigns, enrol creators with their compensation, set the baseline and
// record the shop's total sales (for lift), show budget use, update and close; and act on one
// creator's deliverable (campaign-deliverables.ts: extend, ghosted, pause, resume, remind, next-wave).

import { DateTime } from "luxon";
import { conflict, notFound, UserError } from "../src/core/errors.ts";
import type { NumberWriter } from "../src/core/format.ts";
import { toMinor } from "../src/core/money-input.ts";
import { opt } from "../src/core/options.ts";
import { reply } from "../src/core/reply.ts";
import { requireRight } from "../src/core/rights.ts";
import { action, defineCommand, type CommandContext } from "../src/core/spec.ts";
import { isCurrencyCode } from "../src/core/currencies.ts";
import { campaignBudget, type CampaignBudget } from "../src/db/campaign-budget.ts";
import { recordShopSalesDay } from "../src/db/shop-sales.ts";
import { recountPosts, reviewChannelOf } from "../src/db/post-approval.ts";
import { findCampaign, findCreator, findEnrolment } from "../src/core/lookup.ts";
import { slugify } from "../src/domain/campaign-slug.ts";
import { wavesInWords } from "../src/domain/waves.ts";
import { CAMPAIGN_STATUSES, OBJECTIVES } from "../src/domain/vocabularies.ts";
import { DEFAULT_GHOST_DAYS, DEFAULT_REMIND_DAYS, MAX_GHOST_DAYS, MAX_REMIND_DAYS } from "../src/domain/reminders.ts";
import type { Campaign } from "../src/generated/prisma/client.ts";
import { extend, ghosted, nextWave, pause, remind, resume } from "./campaign-deliverables.ts";
import type { ChannelInput } from "../src/core/values.ts";

const campaignName = () => opt.campaign().require().atPosition();
const currencyOption = () => opt.text("Currency code, e.g. USD or EUR (default: the workspace's)", 3);

function checkCurrency(code: string | undefined): string | undefined {
  if (code === undefined) return undefined;
  const upper = code.toUpperCase();
  if (!isCurrencyCode(upper)) throw new UserError("invalid_option", `Invalid currency: "${code}" is not a currency code. Expected a code like USD, EUR or GBP.`);
  return upper;
}

function checkDates(start: string | null | undefined, end: string | null | undefined) {
  if (start && end && end < start) throw new UserError("invalid_option", `Invalid end: ${end} is before the start, ${start}.`);
}

/** A number of days from min to max, or "off" (null). */
const daysOrOff = (description: string, min: number, max: number) =>
  opt.custom<number | null>(description, `a number of days from ${min} to ${max}, or off`, (raw) => {
    const text = raw.trim().toLowerCase();
    if (text === "off") return { ok: true, value: null };
    if (!/^\d{1,3}$/.test(text) || Number(text) < min || Number(text) > max) return { ok: false, reason: `"${raw}" is not a number of days from ${min} to ${max}, or off` };
    return { ok: true, value: Number(text) };
  }, 3);

/** "2 days before and on the day; ghosted? 7 days after", as /campaign update shows it. */
function describeReminders(c: Campaign): string {
  const before = c.remindDays === null ? "off" : c.remindDays === 0 ? "on the day" : `${c.remindDays} days before and on the day`;
  return `${before}; ghosted? ${c.ghostDays === null ? "off" : `${c.ghostDays} days after`}`;
}

const money = (numbers: NumberWriter, c: Campaign, minor: number | null) => (minor === null ? "not set" : numbers.money(minor, c.currency));

const create = action({
  name: "new",
  description: "Create a campaign",
  role: "member",
  mutates: true,
  examples: ['/campaign new "Spring Launch" brand:Kettlebell objective:sales budget:$5000 start:2026-12-01 end:2026-12-31'],
  options: {
    name: campaignName().describe("Name of the new campaign"),
    brand: opt.text("Brand or product", 100),
    objective: opt.choice("What the campaign is for", OBJECTIVES),
    budget: opt.money("Total budget (admin)"),
    currency: currencyOption(),
    start: opt.day("First day"),
    end: opt.day("Last day"),
  },
  async run(ctx, input) {
    if (input.budget) requireRight(ctx, "budget");
    const currency = checkCurrency(input.currency) ?? input.budget?.currency ?? ctx.workspace.currency;
    checkDates(input.start, input.end);
    const nameKey = input.name.toLowerCase();
    const existing = await ctx.db.campaign.findUnique({ where: { workspaceId_nameKey: { workspaceId: ctx.workspace.id, nameKey } } });
    if (existing) throw conflict(`A campaign called "${existing.name}" already exists (${existing.status}).`, ["Pick another name, or change it with /campaign update."]);
    const campaign = await ctx.db.campaign.create({
      data: {
        workspaceId: ctx.workspace.id,
        name: input.name,
        nameKey,
        slug: slugify(input.name),
        brand: input.brand,
        objective: input.objective ?? "sales",
        budget: input.budget ? toMinor(input.budget, currency, "budget", ctx.numbers) : null,
        currency,
        startDate: input.start,
        endDate: input.end,
      },
    });
    ctx.aboutCampaign(campaign.id);
    return reply(`Created campaign "${campaign.name}"`, "channel")
      .fields([
        campaign.brand ? { label: "Brand", value: campaign.brand } : null,
        { label: "Objective", value: campaign.objective },
        { label: "Budget", value: money(ctx.numbers, campaign, campaign.budget) },
        { label: "Dates", value: `${campaign.startDate ?? "open"} → ${campaign.endDate ?? "open"}` },
      ])
      .note(`Enrol creators with /campaign enroll "${campaign.name}" @handle fee:… due:…`)
      .build();
  },
});

const list = action({
  name: "list",
  description: "Campaigns of this workspace",
  role: "member",
  mutates: false,
  options: { status: opt.choice("Only this status", CAMPAIGN_STATUSES) },
  async run(ctx, input) {
    const campaigns = await ctx.db.campaign.findMany({
      where: { workspaceId: ctx.workspace.id, status: input.status },
      include: { _count: { select: { enrolments: true, posts: true } } },
      orderBy: [{ status: "asc" }, { createdAt: "desc" }],
    });
    return reply(`Campaigns (${ctx.numbers.count(campaigns.length)})`)
      .table(
        ["name", "status", "objective", { header: "creators", align: "right" }, { header: "posts", align: "right" }, { header: "budget", align: "right" }, "dates"],
        campaigns.map((c) => [
          c.name,
          c.status,
          c.objective,
          String(c._count.enrolments),
          String(c._count.posts),
          money(ctx.numbers, c, c.budget),
          `${c.startDate ?? "open"} → ${c.endDate ?? "open"}`,
        ]),
      )
      .build();
  },
});

const show = action({
  name: "show",
  description: "Budget, committed, spent, remaining, and creators by wave",
  role: "member",
  mutates: false,
  options: { name: campaignName() },
  async run(ctx, input) {
    const campaign = await findCampaign(ctx.db, ctx.workspace.id, input.name);
    const { committed, spent } = await campaignBudget(ctx.db, campaign.id);
    const enrolments = await ctx.db.enrolment.findMany({
      where: { campaignId: campaign.id },
      include: { creator: true, _count: { select: { posts: true } } },
      orderBy: [{ wave: "asc" }, { creator: { handleKey: "asc" } }],
    });
    const r = reply(`${campaign.name} (${campaign.status})`).fields([
      campaign.brand ? { label: "Brand", value: campaign.brand } : null,
      { label: "Objective", value: campaign.objective },
      { label: "Dates", value: `${campaign.startDate ?? "open"} → ${campaign.endDate ?? "open"}` },
      { label: "Budget", value: money(ctx.numbers, campaign, campaign.budget) },
      { label: "Committed", value: ctx.numbers.money(committed, campaign.currency) },
      { label: "Spent", value: ctx.numbers.money(spent, campaign.currency) },
      campaign.budget !== null ? { label: "Remaining", value: ctx.numbers.money(campaign.budget - spent - committed, campaign.currency) } : null,
      campaign.baselineDays
        ? {
            label: "Baseline",
            value: `${ctx.numbers.count(campaign.baselineOrders ?? 0)} orders, ${money(ctx.numbers, campaign, campaign.baselineRevenue)} over ${campaign.baselineDays} days`,
          }
        : null,
    ]);
    const waves = [...new Set(enrolments.map((e) => e.wave))];
    for (const wave of waves) {
      const inWave = enrolments.filter((e) => e.wave === wave);
      r.heading(`Wave ${wave} (${ctx.numbers.count(inWave.length)} creator${inWave.length === 1 ? "" : "s"})`);
      r.table(
        ["creator", { header: "fee", align: "right" }, { header: "product", align: "right" }, "commission", { header: "per order", align: "right" }, "due", { header: "posts", align: "right" }],
        inWave.map((e) => [
          `@${e.creator.handle}`,
          ctx.numbers.money(e.fee, campaign.currency),
          ctx.numbers.money(e.productCost, campaign.currency),
          ctx.numbers.bps(e.commissionBps),
          ctx.numbers.money(e.perOrder, campaign.currency),
          e.dueDate ?? "",
          String(e._count.posts),
        ]),
      );
    }
    if (enrolments.length === 0) r.note(`No creators yet: /campaign enroll "${campaign.name}" @handle`);
    r.note("Committed: fees and product of each creator and wave without a post yet. Spent: those with one, plus commissions.");
    return r.build();
  },
});

const TERMS = ["fee", "product", "commission", "perOrder", "feeCash", "productCash", "commissionCash", "perOrderCash"] as const;

/** An amount of the terms, marked when that part is paid in kind (not owed in money: /payout). */
const termAmount = (text: string, cash: boolean) => (cash ? text : `${text} (in kind)`);

const enroll = action({
  name: "enroll",
  description: "Enrol a creator with compensation (admin) and a due date (again: change the terms)",
  role: "member",
  mutates: true,
  formWhenMissing: true,
  examples: [
    '/campaign enroll "Spring Launch" @kate wave:1 fee:$300 product:$45 commission:10% due:2026-12-10',
    '/campaign enroll "Spring Launch" @kate product:$45 product-cash:yes',
  ],
  options: {
    campaign: campaignName(),
    handle: opt.handle().require().atPosition(),
    wave: opt.count("Wave (default: their latest, or the campaign's current)", { min: 1, max: 100 }),
    fee: opt.money("Flat fee (admin)"),
    product: opt.money("Cost of the product sent to them (admin)"),
    commission: opt.percent("Commission on attributed revenue (admin)"),
    perOrder: opt.money("Fixed amount per attributed order (admin)"),
    feeCash: opt.boolean("The fee is paid in money: yes (default) or no, in kind (admin)"),
    productCash: opt.boolean("The product is paid back in money: yes, or no (default), sent in kind (admin)"),
    commissionCash: opt.boolean("Commission is paid in money: yes (default) or no, in kind, e.g. store credit (admin)"),
    perOrderCash: opt.boolean("The per-order amount is paid in money: yes (default) or no, in kind (admin)"),
    due: opt.day("When their post is due"),
    force: opt.boolean("Enrol even if committed and spent go past the budget"),
  },
  async run(ctx, input) {
    const campaign = await findCampaign(ctx.db, ctx.workspace.id, input.campaign);
    ctx.aboutCampaign(campaign.id);
    if (campaign.status === "closed") throw new UserError("invalid_state", `"${campaign.name}" is closed; reopen it with /campaign update "${campaign.name}" status:active.`);
    const creator = await findCreator(ctx.db, ctx.workspace.id, input.handle);
    const terms = {
      fee: input.fee ? toMinor(input.fee, campaign.currency, "fee", ctx.numbers) : undefined,
      productCost: input.product ? toMinor(input.product, campaign.currency, "product", ctx.numbers) : undefined,
      commissionBps: input.commission,
      perOrder: input.perOrder ? toMinor(input.perOrder, campaign.currency, "per-order", ctx.numbers) : undefined,
      feeCash: input.feeCash,
      productCash: input.productCash,
      commissionCash: input.commissionCash,
      perOrderCash: input.perOrderCash,
      dueDate: input.due,
    };
    // One enrolment per wave: without wave:, their latest (its terms change) or, not enrolled yet, the campaign's current wave.
    const waves = await ctx.db.enrolment.findMany({ where: { campaignId: campaign.id, creatorId: creator.id }, orderBy: { wave: "asc" } });
    const wave = input.wave ?? waves.at(-1)?.wave ?? (await currentWave(ctx, campaign.id));
    const existing = waves.find((e) => e.wave === wave) ?? null;
    const changes = TERMS.some((t) => input[t] !== undefined) || input.due !== undefined;
    if (existing && !changes) {
      throw conflict(`@${creator.handle} is already enrolled in wave ${wave} of "${campaign.name}"; nothing changed.`, [
        `To change their terms there, give them: /campaign enroll "${campaign.name}" @${creator.handle}${input.wave !== undefined ? ` wave:${wave}` : ""} fee:… due:…`,
        `To enrol them again in the next wave on the same terms: /campaign next-wave "${campaign.name}" @${creator.handle}`,
      ]);
    }
    // Compensation is money: set by admins, on the first enrolment as on any later one.
    if (TERMS.some((t) => input[t] !== undefined)) requireRight(ctx, "compensation");
    const before = campaign.budget === null ? null : await campaignBudget(ctx.db, campaign.id);
    const enrolment = existing
      ? await ctx.db.enrolment.update({ where: { id: existing.id }, data: { ...terms, wave } })
      : await ctx.db.enrolment.create({
          data: { workspaceId: ctx.workspace.id, campaignId: campaign.id, creatorId: creator.id, ...terms, wave, waveStartedAt: waves.length > 0 ? ctx.now : null },
        });
    // Measured with the enrolment written: a refusal rolls the command back whole.
    const overBudget = before && (await budgetOverrun(ctx, campaign, before, `${existing ? "Changing the terms of" : "Enrolling"} @${creator.handle}`, input.force));
    const c = campaign.currency;
    const r = reply(`${existing ? "Updated" : "Enrolled"} @${creator.handle} in "${campaign.name}"`, "channel")
      .fields([
        { label: "Wave", value: String(enrolment.wave) },
        { label: "Fee", value: termAmount(ctx.numbers.money(enrolment.fee, c), enrolment.feeCash) },
        { label: "Product", value: termAmount(ctx.numbers.money(enrolment.productCost, c), enrolment.productCash) },
        { label: "Commission", value: termAmount(ctx.numbers.bps(enrolment.commissionBps), enrolment.commissionCash) },
        { label: "Per order", value: termAmount(ctx.numbers.money(enrolment.perOrder, c), enrolment.perOrderCash) },
        { label: "Due", value: enrolment.dueDate ?? "not set" },
      ]);
    if (!existing && waves.length > 0) r.note(`Also in ${wavesInWords(waves.map((e) => e.wave))}, which keep their terms, posts and fees.`);
    if (overBudget) r.note(overBudget);
    return r.build();
  },
});

/** The campaign's current wave: the latest any creator is in (1 before anyone is enrolled). */
async function currentWave(ctx: CommandContext, campaignId: number): Promise<number> {
  const latest = await ctx.db.enrolment.aggregate({ where: { campaignId }, _max: { wave: true } });
  return latest._max.wave ?? 1;
}

/**
 * After an enrolment was written: when it took committed + spent past the budget (and higher than
 * before), refused with the overrun unless force:yes, which gets a note instead.
 */
async function budgetOverrun(ctx: CommandContext, campaign: Campaign, before: CampaignBudget, change: string, force: boolean | undefined): Promise<string | null> {
  const after = await campaignBudget(ctx.db, campaign.id);
  const [used, usedBefore] = [after.committed + after.spent, before.committed + before.spent];
  if (campaign.budget === null || used <= campaign.budget || used <= usedBefore) return null;
  const money = (minor: number) => ctx.numbers.money(minor, campaign.currency);
  const overrun = `committed and spent ${money(used)} of its ${money(campaign.budget)} budget, ${money(used - campaign.budget)} over`;
  if (force) return `Over budget with force:yes: "${campaign.name}" has ${overrun}.`;
  throw new UserError("invalid_state", `${change} would take "${campaign.name}" past its budget: ${overrun}.`, {
    hints: [`Add force:yes to do it anyway, or raise the budget (admin): /campaign update "${campaign.name}" budget:${money(used)}.`],
  });
}

const update = action({
  name: "update",
  description: "Change a campaign (admin for budget)",
  role: "member",
  mutates: true,
  options: {
    name: campaignName(),
    rename: opt.text("New name", 80),
    brand: opt.text("Brand or product", 100),
    objective: opt.choice("What the campaign is for", OBJECTIVES),
    budget: opt.money("Total budget (admin)"),
    start: opt.day("First day"),
    end: opt.day("Last day"),
    status: opt.choice("Status", CAMPAIGN_STATUSES),
    remindDays: daysOrOff(`Days before a due date the reminder goes (default ${DEFAULT_REMIND_DAYS}; 0: on the day only; off: no reminders)`, 0, MAX_REMIND_DAYS),
    ghostDays: daysOrOff(`Days after a due date without a post that the owner is asked "ghosted?" (default ${DEFAULT_GHOST_DAYS}; off: never)`, 1, MAX_GHOST_DAYS),
    alerts: opt.channel("Channel for each shop order and spike alert (#channel), or off"),
    approval: opt.choice("Posts are submitted and approved before they count (/post submit)", ["on", "off"]),
    reviewChannel: opt.channel("Where submissions are reviewed: here (this channel), digest (the digest's channel), or a #channel", ["here", "digest"]),
    approvalDays: opt.count("Days a submission waits before it is approved automatically (default 3)", { min: 1, max: 60 }),
  },
  async run(ctx, input) {
    const campaign = await findCampaign(ctx.db, ctx.workspace.id, input.name);
    ctx.aboutCampaign(campaign.id);
    if (input.budget) requireRight(ctx, "budget");
    const alerts = input.alerts ? alertsChannel(input.alerts) : undefined;
    checkDates(input.start ?? campaign.startDate, input.end ?? campaign.endDate);
    const data: Partial<Campaign> = {};
    if (input.rename) {
      const nameKey = input.rename.toLowerCase();
      const taken = await ctx.db.campaign.findUnique({ where: { workspaceId_nameKey: { workspaceId: ctx.workspace.id, nameKey } } });
      if (taken && taken.id !== campaign.id) throw conflict(`A campaign called "${taken.name}" already exists.`);
      Object.assign(data, { name: input.rename, nameKey, slug: slugify(input.rename) });
    }
    if (input.brand !== undefined) data.brand = input.brand;
    if (input.objective) data.objective = input.objective;
    if (input.budget) data.budget = toMinor(input.budget, campaign.currency, "budget", ctx.numbers);
    if (input.start) data.startDate = input.start;
    if (input.end) data.endDate = input.end;
    if (input.status) data.status = input.status;
    if (input.remindDays !== undefined) data.remindDays = input.remindDays;
    if (input.ghostDays !== undefined) data.ghostDays = input.ghostDays;
    if (alerts) data.alertsChannelId = alerts.id;
    Object.assign(data, approvalChanges(ctx, input));
    if (Object.keys(data).length === 0) {
      throw new UserError("missing_option", "Nothing to change: give at least one of rename:, brand:, objective:, budget:, start:, end:, status:, remind-days:, ghost-days:, alerts:, approval:, review-channel:, approval-days:.");
    }
    const updated = await ctx.db.campaign.update({ where: { id: campaign.id }, data });
    if (data.approval !== undefined && data.approval !== campaign.approval) await recountPosts(ctx.db, updated);
    // Off: what was waiting to be posted is not posted any more.
    if (alerts && alerts.id === null) await ctx.db.orderAlert.deleteMany({ where: { campaignId: campaign.id, batchId: null } });
    const answer = reply(`Updated "${updated.name}"`, "channel").fields([
      { label: "Objective", value: updated.objective },
      { label: "Budget", value: money(ctx.numbers, updated, updated.budget) },
      { label: "Dates", value: `${updated.startDate ?? "open"} → ${updated.endDate ?? "open"}` },
      { label: "Status", value: updated.status },
      { label: "Reminders", value: describeReminders(updated) },
      alerts && { label: "Order alerts", value: alerts.id === null ? "off" : `#${alerts.name}` },
      updated.approval && { label: "Approval", value: `on: submissions are reviewed in ${await reviewChannelName(ctx, updated, input.reviewChannel)}, approved automatically after ${updated.approvalDays} days` },
    ]);
    if (alerts?.id) answer.note(alertsNote(ctx.platform));
    const reviewName = namedChannel(input.reviewChannel);
    if (reviewName && ctx.platform !== "local") answer.note(`Review messages are posted in #${reviewName}: invite the bot to that channel.`);
    if (data.approval === true && campaign.approval === false) answer.note("Only approved posts count in reports from now, and a fee is earned on approval; posts logged before stay counted.");
    return answer.build();
  },
});

/** What alerts: stores (the platform's channel id; in the shell the name typed), and the name to show. */
function alertsChannel(input: ChannelInput): { id: string | null; name: string } {
  if (input.off) return { id: null, name: "off" };
  return { id: input.externalId ?? input.name!, name: input.name ?? input.externalId! };
}

function alertsNote(platform: string): string {
  const where = platform === "local" ? "printed in the shell while it is open" : "posted there (invite the bot to the channel)";
  return `Each order a connected shop attributes to this campaign's codes and links is ${where}, at most one message a minute; a code whose orders in an hour pass five times its usual rate is flagged as a possible leak.`;
}

/** The name of a channel named in an option (the platform's), or null for off, a word, or none. */
const namedChannel = (input: ChannelInput | undefined): string | null => (input && !input.off ? (input.name ?? null) : null);

/** Where the campaign's submissions are reviewed, as the reply says it (a channel just named: by the platform's name for it). */
async function reviewChannelName(ctx: CommandContext, campaign: Campaign, named?: ChannelInput): Promise<string> {
  const where = await reviewChannelOf(ctx.db, campaign);
  if (!where) return "no channel yet (set one with review-channel:here or review-channel:#channel, or schedule a digest)";
  if (where.channelId === ctx.channelId) return `this channel${where.kind === "digest" ? " (the digest's)" : ""}`;
  const name = namedChannel(named);
  if (name) return `#${name}`;
  return where.kind === "review" ? "the review channel" : "the digest channel";
}

/**
 * The approval settings /campaign update was given, as columns. The review channel is always the
 * platform's id: of where the command is typed (here), or of a channel the platform resolved from
 * a mention (src/core/channel-options.ts; a name typed as text is refused there, except in the shell).
 */
function approvalChanges(ctx: CommandContext, input: { approval?: "on" | "off"; reviewChannel?: ChannelInput; approvalDays?: number }): Partial<Campaign> {
  const data: Partial<Campaign> = {};
  if (input.approval) data.approval = input.approval === "on";
  if (input.approvalDays !== undefined) data.approvalDays = input.approvalDays;
  const where = input.reviewChannel;
  if (!where || where.off) return data;
  if (where.word === "digest") data.reviewChannelId = null;
  else if (where.word === "here") {
    if (!ctx.channelId) throw new UserError("invalid_option", "review-channel:here needs a channel: type it in the channel where submissions should be reviewed.");
    data.reviewChannelId = ctx.channelId;
  } else if (where.word === undefined) data.reviewChannelId = where.externalId ?? where.name;
  return data;
}

const close = action({
  name: "close",
  description: "Close a campaign: no new enrolments; its data and reports stay",
  role: "member",
  mutates: true,
  options: { name: campaignName() },
  async run(ctx, input) {
    const campaign = await findCampaign(ctx.db, ctx.workspace.id, input.name);
    ctx.aboutCampaign(campaign.id);
    if (campaign.status === "closed") throw new UserError("invalid_state", `"${campaign.name}" is already closed.`);
    await ctx.db.campaign.update({ where: { id: campaign.id }, data: { status: "closed" } });
    return reply(`Closed "${campaign.name}"`, "channel").text(`Its reports stay available: /report "${campaign.name}".`).build();
  },
});

const baseline = action({
  name: "baseline",
  description: "Sales before the campaign, to measure lift against",
  role: "member",
  mutates: true,
  examples: ['/campaign baseline "Spring Launch" orders:120 revenue:$6000 days:28'],
  options: {
    name: campaignName(),
    orders: opt.count("Orders in the baseline period").require(),
    revenue: opt.money("Revenue in the baseline period").require(),
    days: opt.count("Length of the baseline period in days", { min: 1, max: 366 }).require(),
  },
  async run(ctx, input) {
    const campaign = await findCampaign(ctx.db, ctx.workspace.id, input.name);
    ctx.aboutCampaign(campaign.id);
    const revenue = toMinor(input.revenue, campaign.currency, "revenue", ctx.numbers);
    await ctx.db.campaign.update({ where: { id: campaign.id }, data: { baselineOrders: input.orders, baselineRevenue: revenue, baselineDays: input.days } });
    return reply(`Baseline of "${campaign.name}"`, "channel")
      .fields([
        { label: "Orders", value: `${ctx.numbers.count(input.orders)} (${ctx.numbers.decimal(input.orders / input.days, 1)} a day)` },
        { label: "Revenue", value: `${ctx.numbers.money(revenue, campaign.currency)} (${ctx.numbers.money(Math.round(revenue / input.days), campaign.currency)} a day)` },
        { label: "Days", value: String(input.days) },
      ])
      .build();
  },
});

const sales = action({
  name: "sales",
  description: "The shop's total sales on a campaign day (all orders, not only codes), for lift",
  role: "member",
  mutates: true,
  examples: ['/campaign sales "Spring Launch" 2026-12-01 orders:14 revenue:$840', (n) => `/campaign sales "Spring Launch" yesterday orders:9 revenue:$${n.typed("512.40")}`],
  options: {
    name: campaignName(),
    date: opt.day("The day of these sales").require().atPosition(),
    orders: opt.count("All the shop's orders that day").require(),
    revenue: opt.money("All the shop's revenue that day").require(),
  },
  async run(ctx, input) {
    const campaign = await findCampaign(ctx.db, ctx.workspace.id, input.name);
    ctx.aboutCampaign(campaign.id);
    const today = DateTime.fromJSDate(ctx.now, { zone: ctx.workspace.timeZone }).toISODate()!;
    const day = input.date;
    if (day > today) throw new UserError("invalid_option", `Invalid date: ${day} is in the future (today is ${today} in ${ctx.workspace.timeZone}).`);
    if (campaign.startDate && day < campaign.startDate) {
      throw new UserError("invalid_option", `Invalid date: ${day} is before "${campaign.name}" started (${campaign.startDate}).`, {
        hints: [`Sales before the campaign are its baseline: /campaign baseline "${campaign.name}" orders:<n> revenue:<money> days:<n>`],
      });
    }
    if (campaign.endDate && day > campaign.endDate) throw new UserError("invalid_option", `Invalid date: ${day} is after "${campaign.name}" ended (${campaign.endDate}).`);
    const revenue = toMinor(input.revenue, campaign.currency, "revenue", ctx.numbers);
    const before = await recordShopSalesDay(ctx.db, { workspaceId: ctx.workspace.id, campaignId: campaign.id, day, orders: input.orders, revenue }, ctx.now);
    const r = reply(`Shop sales of "${campaign.name}" on ${day}`, "channel").fields([
      { label: "Orders", value: ctx.numbers.count(input.orders) },
      { label: "Revenue", value: ctx.numbers.money(revenue, campaign.currency) },
    ]);
    if (before) r.note(`Replaces ${ctx.numbers.count(before.orders)} orders, ${ctx.numbers.money(before.revenue, campaign.currency)} recorded before for that day.`);
    if (campaign.baselineDays === null) r.note(`Lift needs a baseline too: /campaign baseline "${campaign.name}" orders:<n> revenue:<money> days:<n>`);
    return r.build();
  },
});

const unenroll = action({
  name: "unenroll",
  description: "Take a creator out; refused while they have posts or orders in it unless force:yes (admin)",
  role: "member",
  mutates: true,
  examples: ['/campaign unenroll "Spring Launch" @kate', '/campaign unenroll "Spring Launch" @kate wave:2', '/campaign unenroll "Spring Launch" @kate force:yes'],
  options: {
    campaign: campaignName(),
    handle: opt.handle().require().atPosition(),
    wave: opt.count("Only this wave (when in several)", { min: 1, max: 100 }),
    force: opt.boolean("Also delete their posts, codes and orders in this campaign (admin)"),
  },
  async run(ctx, input) {
    const campaign = await findCampaign(ctx.db, ctx.workspace.id, input.campaign);
    ctx.aboutCampaign(campaign.id);
    const creator = await findCreator(ctx.db, ctx.workspace.id, input.handle);
    const waves = await ctx.db.enrolment.findMany({ where: { campaignId: campaign.id, creatorId: creator.id }, orderBy: { wave: "asc" } });
    if (waves.length === 0) throw notFound(`@${creator.handle} is not enrolled in "${campaign.name}".`);
    if (input.wave === undefined && waves.length > 1) {
      throw new UserError("ambiguous", `@${creator.handle} is in ${wavesInWords(waves.map((e) => e.wave))} of "${campaign.name}": which one do you take them out of?`, {
        hints: [`Say it with wave:, e.g. /campaign unenroll "${campaign.name}" @${creator.handle} wave:${waves.at(-1)!.wave}`],
      });
    }
    const enrolment = await findEnrolment(ctx.db, campaign, creator, input.wave);
    const others = waves.filter((e) => e.id !== enrolment.id);
    const wasIn = others.length > 0 ? ` wave ${enrolment.wave} of` : "";
    // Their codes and orders are the creator's in the campaign: they go only with their last wave, and move to a wave that stays.
    const [posts, codes, sales] = await Promise.all([
      ctx.db.post.count({ where: { enrolmentId: enrolment.id } }),
      others.length > 0 ? [] : ctx.db.code.findMany({ where: { enrolmentId: enrolment.id }, select: { code: true, url: true, kind: true }, orderBy: { id: "asc" } }),
      others.length > 0 ? null : ctx.db.redemption.aggregate({ where: { code: { enrolmentId: enrolment.id } }, _count: { _all: true }, _sum: { orders: true, revenue: true } }),
    ]);
    const orderRows = sales?._count._all ?? 0;
    const orders = sales?._sum.orders ?? 0;
    const revenue = ctx.numbers.money(sales?._sum.revenue ?? 0, campaign.currency);
    const codeNames = codes.map((c) => (c.kind === "code" ? c.code! : "a tracking link"));
    const what = [
      posts > 0 ? `${ctx.numbers.count(posts)} post${posts === 1 ? "" : "s"}` : null,
      orderRows > 0 ? `${ctx.numbers.count(orders)} order${orders === 1 ? "" : "s"} (${revenue})` : null,
    ].filter((x): x is string => x !== null);
    if (what.length > 0 && !input.force) {
      throw new UserError("invalid_state", `@${creator.handle} has ${what.join(" and ")} in${wasIn} "${campaign.name}"; unenrolling would take them out of its reports.`, {
        hints: [
          `force:yes (admin) deletes the enrolment with ${[...what, ...(codeNames.length > 0 ? [`${codeNames.length === 1 ? "code" : "codes"} ${codeNames.join(", ")}`] : [])].join(", ")}; posts go with their metric history.`,
          `To correct one order instead: /code unredeem <code> order:<id>; one post: /post remove <url>.`,
        ],
      });
    }
    if (what.length > 0) ctx.requireAdmin("unenrol a creator with posts or orders (force:yes)");
    if (others.length > 0) {
      await ctx.db.code.updateMany({ where: { enrolmentId: enrolment.id }, data: { enrolmentId: others.at(-1)!.id } });
    } else {
      // Posts, codes and their orders go with the enrolment (cascade); the creator's days of sales in this campaign are theirs alone.
      await ctx.db.salesDay.deleteMany({ where: { campaignId: campaign.id, creatorId: creator.id } });
    }
    await ctx.db.enrolment.delete({ where: { id: enrolment.id } });
    const r = reply(`Unenrolled @${creator.handle} from${wasIn} "${campaign.name}"`, "channel");
    r.text(what.length > 0 ? `Also deleted ${what.join(" and ")}.` : `They had no posts${others.length > 0 ? "" : " or orders"} in it.`);
    if (codeNames.length > 0) r.text(`${codeNames.length === 1 ? "Their code" : "Their codes"} ${codeNames.join(", ")} went too.`);
    if (others.length > 0) r.note(`Still in ${wavesInWords(others.map((e) => e.wave))}, with their codes and orders.`);
    return r.build();
  },
});

export default defineCommand({
  name: "campaign",
  description: "Create campaigns, enrol creators, set baselines, record shop sales, see budget use",
  actions: [create, list, show, enroll, unenroll, update, close, baseline, sales, extend, ghosted, pause, resume, remind, nextWave],
});

