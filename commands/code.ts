// /code: unique discount codes and tracking links per creator and campaign, and the orders
// they bring (one order with its id, never counted twice, or a day's total).

import { DateTime } from "luxon";
import { conflict, notFound, UserError } from "../src/core/errors.ts";
import { formatBps, formatCount, formatMoney } from "../src/core/format.ts";
import { toMinor } from "../src/core/money-input.ts";
import { opt } from "../src/core/options.ts";
import { reply } from "../src/core/reply.ts";
import { action, defineCommand, type CommandContext } from "../src/core/spec.ts";
import { findCampaign, findCreator } from "../src/core/lookup.ts";
import { addToSalesDay } from "../src/db/sales-days.ts";
import { CODE_PATTERN, firstFreeCode, normaliseCode, proposedCode, trackingLink } from "../src/domain/codes.ts";

async function findEnrolment(ctx: CommandContext, handle: string, campaignName: string) {
  const creator = await findCreator(ctx.db, ctx.workspace.id, handle);
  const campaign = await findCampaign(ctx.db, ctx.workspace.id, campaignName);
  const enrolment = await ctx.db.enrolment.findUnique({ where: { campaignId_creatorId: { campaignId: campaign.id, creatorId: creator.id } } });
  if (!enrolment) {
    throw new UserError("invalid_state", `@${creator.handle} is not enrolled in "${campaign.name}".`, {
      hints: [`Enrol them first: /campaign enroll "${campaign.name}" @${creator.handle}`],
    });
  }
  return { creator, campaign, enrolment };
}

const add = action({
  name: "add",
  description: "A unique discount code; without code: one is made from the handle and discount (KATE15)",
  role: "member",
  mutates: true,
  examples: ['/code add @kate "Spring Launch" discount:15%', '/code add @kate "Spring Launch" code:kettle-kate'],
  options: {
    handle: opt.handle().require().atPosition(),
    campaign: opt.campaign().require().atPosition(),
    code: opt.text("The code (letters, digits, - and _; 3 to 32)", 32),
    discount: opt.percent("Discount the code gives"),
  },
  async run(ctx, input) {
    const { creator, campaign, enrolment } = await findEnrolment(ctx, input.handle, input.campaign);
    let code: string;
    if (input.code) {
      code = normaliseCode(input.code);
      if (!CODE_PATTERN.test(code)) {
        throw new UserError("invalid_option", `Invalid code: "${input.code}" has characters other than letters, digits, - and _, or is not 3 to 32 long.`);
      }
      const holder = await ctx.db.code.findUnique({ where: { workspaceId_code: { workspaceId: ctx.workspace.id, code } }, include: { creator: true, campaign: true } });
      if (holder) throw conflict(`${code} is already held by @${holder.creator.handle} in "${holder.campaign.name}".`, ["Codes are unique in the workspace: pick another."]);
    } else {
      const proposal = proposedCode(creator.handle, input.discount);
      const similar = await ctx.db.code.findMany({ where: { workspaceId: ctx.workspace.id, code: { startsWith: proposal } }, select: { code: true } });
      code = firstFreeCode(proposal, new Set(similar.map((c) => c.code!)));
    }
    await ctx.db.code.create({
      data: { workspaceId: ctx.workspace.id, campaignId: campaign.id, creatorId: creator.id, enrolmentId: enrolment.id, kind: "code", code, discountBps: input.discount },
    });
    return reply(`${code} is @${creator.handle}'s code for "${campaign.name}"`, "channel")
      .fields([input.discount !== undefined ? { label: "Discount", value: formatBps(input.discount) } : null])
      .note(`Log orders with /code redeem ${code} <revenue> order:<id>, or a day's total with orders:<n>.`)
      .build();
  },
});

const link = action({
  name: "link",
  description: "A tracking link with UTM parameters for that creator and campaign",
  role: "member",
  mutates: true,
  examples: ['/code link @kate "Spring Launch" https://shop.example/kettlebells'],
  options: {
    handle: opt.handle().require().atPosition(),
    campaign: opt.campaign().require().atPosition(),
    url: opt.url("The page the link should open").require().atPosition(),
  },
  async run(ctx, input) {
    const { creator, campaign, enrolment } = await findEnrolment(ctx, input.handle, input.campaign);
    const main = await ctx.db.account.findFirst({ where: { creatorId: creator.id }, orderBy: [{ followers: "desc" }, { id: "asc" }] });
    const url = trackingLink(input.url, { source: main?.platform ?? "other", campaign: campaign.slug, content: creator.handleKey });
    await ctx.db.code.create({
      data: { workspaceId: ctx.workspace.id, campaignId: campaign.id, creatorId: creator.id, enrolmentId: enrolment.id, kind: "link", url },
    });
    return reply(`Tracking link for @${creator.handle} in "${campaign.name}"`, "channel").text(url).build();
  },
});

const redeem = action({
  name: "redeem",
  description: "Orders from a code: one order (order:<id>, never counted twice) or a day's total (orders:<n>)",
  role: "member",
  mutates: true,
  examples: ["/code redeem KATE15 $59.90 order:1001", "/code redeem kate15 $480 orders:8 date:yesterday"],
  options: {
    code: opt.text("The discount code", 32).require().atPosition(),
    revenue: opt.money("Revenue of the order(s)").require().atPosition(),
    orders: opt.count("Number of orders in this total", { min: 1, max: 1_000_000 }),
    order: opt.text("Order id from the shop (counted once)", 100),
    date: opt.day("Day of the order(s) (default today)"),
  },
  async run(ctx, input) {
    const codeText = normaliseCode(input.code);
    const code = await ctx.db.code.findUnique({
      where: { workspaceId_code: { workspaceId: ctx.workspace.id, code: codeText } },
      include: { creator: true, campaign: true },
    });
    if (!code) throw notFound(`No code ${codeText} in this workspace.`, ["See them with /code list."]);
    if (input.order !== undefined && input.orders !== undefined && input.orders !== 1) {
      throw new UserError("invalid_option", `order: is one order; leave out orders:${input.orders}, or leave out order: for a day's total.`);
    }
    const today = DateTime.fromJSDate(ctx.now, { zone: ctx.workspace.timeZone }).toISODate()!;
    const day = input.date ?? today;
    if (day > today) throw new UserError("invalid_option", `Invalid date: ${day} is in the future (today is ${today} in ${ctx.workspace.timeZone}).`);
    const revenue = toMinor(input.revenue, code.campaign.currency, "revenue");
    const orderId = input.order?.trim();
    if (orderId) {
      const counted = await ctx.db.redemption.findUnique({ where: { codeId_orderId: { codeId: code.id, orderId } } });
      if (counted) throw conflict(alreadyCounted(codeText, orderId, counted.day));
    }
    const orders = input.orders ?? 1;
    const sale = { workspaceId: ctx.workspace.id, campaignId: code.campaignId, creatorId: code.creatorId, day, orders, revenue };
    await ctx.db.redemption.create({ data: { ...sale, codeId: code.id, orderId: orderId || null, createdById: ctx.member.id } });
    await addToSalesDay(ctx.db, sale);
    // The code's running totals, added to in one statement so orders logged at once all count.
    const totals = await ctx.db.code.update({ where: { id: code.id }, data: { orders: { increment: orders }, revenue: { increment: revenue } }, select: { orders: true, revenue: true } });
    const firstPost = await ctx.db.post.findFirst({ where: { campaignId: code.campaignId, creatorId: code.creatorId }, orderBy: { postedDay: "asc" }, select: { postedDay: true } });
    const r = reply(`${codeText}: ${formatCount(orders)} order${orders === 1 ? "" : "s"}, ${formatMoney(revenue, code.campaign.currency)} on ${day}${orderId ? ` (order ${orderId})` : ""}`, "channel")
      .text(`@${code.creator.handle} in "${code.campaign.name}" so far: ${formatCount(totals.orders)} order${totals.orders === 1 ? "" : "s"}, ${formatMoney(totals.revenue, code.campaign.currency)}.`);
    if (!firstPost || firstPost.postedDay > day) {
      r.note(`@${code.creator.handle} had not posted in "${code.campaign.name}" by ${day}: if orders keep coming before their post, the code may have leaked to a coupon site.`);
    }
    return r.build();
  },
  conflictMessage: (input) => alreadyCounted(normaliseCode(input.code), input.order?.trim() ?? "", null),
});

function alreadyCounted(code: string, orderId: string, day: string | null): string {
  return `Order ${orderId} was already counted${day ? ` on ${day}` : ""} for ${code}; nothing was added.`;
}

const list = action({
  name: "list",
  description: "Codes and links with their orders and revenue",
  role: "member",
  mutates: false,
  options: { campaign: opt.campaign("Only this campaign"), creator: opt.handle("Only this creator") },
  async run(ctx, input) {
    const campaign = input.campaign ? await findCampaign(ctx.db, ctx.workspace.id, input.campaign) : null;
    const creator = input.creator ? await findCreator(ctx.db, ctx.workspace.id, input.creator) : null;
    const where = { workspaceId: ctx.workspace.id, ...(campaign ? { campaignId: campaign.id } : {}), ...(creator ? { creatorId: creator.id } : {}) };
    const codes = await ctx.db.code.findMany({ where, include: { creator: true, campaign: true }, orderBy: [{ campaign: { nameKey: "asc" } }, { creator: { handleKey: "asc" } }, { id: "asc" }] });
    return reply(`Codes and links (${codes.length})`)
      .table(
        ["code or link", "creator", "campaign", { header: "discount", align: "right" }, { header: "orders", align: "right" }, { header: "revenue", align: "right" }],
        codes.map((c) => [
          c.kind === "code" ? c.code! : c.url!,
          `@${c.creator.handle}`,
          c.campaign.name,
          c.discountBps != null ? formatBps(c.discountBps) : "",
          c.kind === "code" ? formatCount(c.orders) : "",
          c.kind === "code" ? formatMoney(c.revenue, c.campaign.currency) : "",
        ]),
      )
      .build();
  },
});

export default defineCommand({
  name: "code",
  description: "Discount codes and tracking links, and the orders they bring",
  actions: [add, link, redeem, list],
});
