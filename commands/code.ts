// /code: unique discount codes and tracking links per creator and campaign, and the orders
// they bring (one order with its id, never counted twice, or a day's total), taken back or
// refunded when they were wrong (src/db/redemptions.ts keeps the running totals equal to them).

import { DateTime } from "luxon";
import { conflict, notFound, UserError } from "../src/core/errors.ts";
import type { NumberWriter } from "../src/core/format.ts";
import { toMinor } from "../src/core/money-input.ts";
import { opt } from "../src/core/options.ts";
import { reply } from "../src/core/reply.ts";
import { checkCampaignDay } from "../src/core/campaign-day-check.ts";
import { action, defineCommand, type CommandContext } from "../src/core/spec.ts";
import { findCampaign, findCreator } from "../src/core/lookup.ts";
import { payoutRows } from "../src/db/payouts.ts";
import { recentOrders } from "../src/db/recent-orders.ts";
import { recordRedemption, recordRefund, removeAllOf, removeDayTotals, removeOrder, type CodeTotals } from "../src/db/redemptions.ts";
import { isOutlierOrder, medianOrderValue, OUTLIER_ORDER_FACTOR, readUnusual } from "../src/domain/outliers.ts";
import { unusualText } from "../src/core/unusual-orders.ts";
import { importOrderFile, orderFileText } from "../src/shop/order-import.ts";
import { numberStyleOf } from "../src/domain/number-styles.ts";
import { CODE_PATTERN, firstFreeCode, normaliseCode, parseOrderId, proposedCode, trackingLink } from "../src/domain/codes.ts";

async function findEnrolment(ctx: CommandContext, handle: string, campaignName: string) {
  const creator = await findCreator(ctx.db, ctx.workspace.id, handle);
  const campaign = await findCampaign(ctx.db, ctx.workspace.id, campaignName);
  // Codes are the creator's in the campaign, whatever the wave: kept on their latest enrolment.
  const enrolment = await ctx.db.enrolment.findFirst({ where: { campaignId: campaign.id, creatorId: creator.id }, orderBy: { wave: "desc" } });
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
    ctx.aboutCampaign(campaign.id);
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
      .fields([input.discount !== undefined ? { label: "Discount", value: ctx.numbers.bps(input.discount) } : null])
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
    ctx.aboutCampaign(campaign.id);
    const main = await ctx.db.account.findFirst({ where: { creatorId: creator.id }, orderBy: [{ followers: "desc" }, { id: "asc" }] });
    const url = trackingLink(input.url, { source: main?.platform ?? "other", campaign: campaign.slug, content: creator.handleKey });
    await ctx.db.code.create({
      data: { workspaceId: ctx.workspace.id, campaignId: campaign.id, creatorId: creator.id, enrolmentId: enrolment.id, kind: "link", url },
    });
    return reply(`Tracking link for @${creator.handle} in "${campaign.name}"`, "channel").text(url).build();
  },
});

/** A code of this workspace, with its creator and campaign; refused with a hint when there is none. */
async function findCode(ctx: CommandContext, typed: string) {
  const codeText = normaliseCode(typed);
  const code = await ctx.db.code.findUnique({
    where: { workspaceId_code: { workspaceId: ctx.workspace.id, code: codeText } },
    include: { creator: true, campaign: true },
  });
  if (!code) throw notFound(`No code ${codeText} in this workspace.`, ["See them with /code list."]);
  ctx.aboutCampaign(code.campaignId);
  return { code, codeText };
}

/** Today in the workspace's zone; a later day is refused, naming the option. */
function checkNotFuture(ctx: CommandContext, day: string | undefined, option: string): string {
  const today = DateTime.fromJSDate(ctx.now, { zone: ctx.workspace.timeZone }).toISODate()!;
  if (day !== undefined && day > today) throw new UserError("invalid_option", `Invalid ${option}: ${day} is in the future (today is ${today} in ${ctx.workspace.timeZone}).`);
  return day ?? today;
}

const ordersText = (numbers: NumberWriter, n: number) => `${numbers.count(n)} order${n === 1 || n === -1 ? "" : "s"}`;

/** "@kate in "Spring Launch" so far: 3 orders, $79.90." */
const soFar = (numbers: NumberWriter, code: { creator: { handle: string }; campaign: { name: string; currency: string } }, totals: CodeTotals, word = "so far") =>
  `@${code.creator.handle} in "${code.campaign.name}" ${word}: ${ordersText(numbers, totals.orders)}, ${numbers.money(totals.revenue, code.campaign.currency)}.`;

const orderOption = (description: string) => opt.custom(description, "an order id like 1001 or #1001", parseOrderId, 101);

const redeem = action({
  name: "redeem",
  description: "Orders from a code: one order (order:<id>, never counted twice) or a day's total (orders:<n>)",
  role: "member",
  mutates: true,
  examples: [(n) => `/code redeem KATE15 $${n.typed("59.90")} order:1001`, "/code redeem kate15 $480 orders:8 date:yesterday"],
  options: {
    code: opt.text("The discount code", 32).require().atPosition(),
    revenue: opt.money("Revenue of the order(s)").require().atPosition(),
    orders: opt.count("Number of orders in this total", { min: 1, max: 1_000_000 }),
    order: orderOption("Order id from the shop (counted once; #1001 is 1001)"),
    date: opt.day("Day of the order(s) (default today)"),
    force: opt.boolean("Log them even before the campaign's start or on a closed campaign"),
  },
  async run(ctx, input) {
    const { code, codeText } = await findCode(ctx, input.code);
    if (input.order !== undefined && input.orders !== undefined && input.orders !== 1) {
      throw new UserError("invalid_option", `order: is one order; leave out orders:${input.orders}, or leave out order: for a day's total.`);
    }
    const day = checkNotFuture(ctx, input.date, "date");
    const outsideDates = checkCampaignDay(code.campaign, day, { kind: "orders", option: "date", force: input.force });
    const revenue = toMinor(input.revenue, code.campaign.currency, "revenue", ctx.numbers);
    const orderId = input.order ?? null;
    const orders = input.orders ?? 1;
    const median = medianOrderValue(await recentOrders(ctx.db, code.campaignId));
    const result = await recordRedemption(ctx.db, code, { orderId, orders, revenue, day, createdById: ctx.member.id, createdAt: ctx.now });
    if (!result.recorded) throw conflict(alreadyCounted(codeText, orderId!, result.countedOn));
    const firstPost = await ctx.db.post.findFirst({ where: { campaignId: code.campaignId, creatorId: code.creatorId, counts: true }, orderBy: { postedDay: "asc" }, select: { postedDay: true } });
    const r = reply(`${codeText}: ${ordersText(ctx.numbers, orders)}, ${ctx.numbers.money(revenue, code.campaign.currency)} on ${day}${orderId ? ` (order ${orderId})` : ""}`, "channel").text(soFar(ctx.numbers, code, result.totals));
    if (outsideDates) r.note(outsideDates);
    if (median && isOutlierOrder({ orders, revenue }, median.median)) {
      const currency = code.campaign.currency;
      const each = orders === 1 ? `An order of ${ctx.numbers.money(revenue, currency)}` : `${ctx.numbers.money(Math.round(revenue / orders), currency)} an order`;
      r.note(
        `${each} is more than ${OUTLIER_ORDER_FACTOR} times this campaign's median order (${ctx.numbers.money(Math.round(median.median), currency)}, over its last ${ctx.numbers.count(median.orders)} orders). ` +
          `Check the amount; kept as logged${orderId ? `, and /code unredeem ${codeText} order:${orderId} takes it back` : ""}.`,
      );
    }
    if (!firstPost || firstPost.postedDay > day) {
      r.note(`@${code.creator.handle} had not posted in "${code.campaign.name}" by ${day}: if orders keep coming before their post, the code may have leaked to a coupon site.`);
    }
    return r.build();
  },
  conflictMessage: (input) => alreadyCounted(normaliseCode(input.code), input.order ?? "", null),
});

function alreadyCounted(code: string, orderId: string, day: string | null): string {
  return `Order ${orderId} was already counted${day ? ` on ${day}` : ""} for ${code}; nothing was added.`;
}

const unredeem = action({
  name: "unredeem",
  description: "Take back an order logged by mistake (order:<id>) or a day's total (date:<day>) (admin)",
  role: "admin",
  mutates: true,
  examples: ["/code unredeem KATE15 order:1001", "/code unredeem DANI15 date:2026-11-20"],
  options: {
    code: opt.text("The discount code", 32).require().atPosition(),
    order: orderOption("The order to remove (#1001 is 1001)"),
    date: opt.day("The day whose total, logged without order ids, to remove"),
  },
  async run(ctx, input) {
    const { code, codeText } = await findCode(ctx, input.code);
    const currency = code.campaign.currency;
    if (input.order !== undefined && input.date !== undefined) {
      throw new UserError("invalid_option", `Give order: or date:, not both: order:${input.order} removes that order (on whatever day), date:${input.date} removes the day's total logged without order ids.`);
    }
    if (input.order !== undefined) {
      const removed = await removeOrder(ctx.db, code, input.order);
      if (!removed) throw unknownOrder(codeText, input.order);
      const [order, ...refunds] = removed.rows;
      const refunded = -refunds.reduce((sum, r) => sum + r.revenue, 0);
      const r = reply(`${codeText}: removed order ${input.order} (${ctx.numbers.money(order!.revenue, currency)} on ${order!.day})`, "channel").text(soFar(ctx.numbers, code, removed.totals, "now"));
      if (refunds.length > 0) r.note(`Its ${refunds.length === 1 ? "refund" : `${refunds.length} refunds`} (${ctx.numbers.money(refunded, currency)}) went with it.`);
      return r.build();
    }
    if (input.date === undefined) {
      throw new UserError("missing_option", "Say what to remove: order:<id> for one order, or date:<day> for the day's total logged without order ids.");
    }
    const removed = await removeDayTotals(ctx.db, code, input.date);
    if (!removed) {
      const withIds = await ctx.db.redemption.findMany({ where: { codeId: code.id, day: input.date, orderId: { not: null } }, select: { orderId: true }, orderBy: { id: "asc" }, take: 6 });
      throw notFound(
        `${codeText} has no day's total on ${input.date}.`,
        withIds.length > 0
          ? [`That day has orders with ids (${withIds.slice(0, 5).map((r) => r.orderId).join(", ")}${withIds.length > 5 ? ", …" : ""}): remove one with /code unredeem ${codeText} order:<id>.`]
          : [],
      );
    }
    return reply(`${codeText}: removed the total of ${input.date}, ${ordersText(ctx.numbers, removed.orders)}, ${ctx.numbers.money(removed.revenue, currency)}`, "channel")
      .text(soFar(ctx.numbers, code, removed.totals, "now"))
      .build();
  },
});

function unknownOrder(codeText: string, orderId: string): UserError {
  return notFound(`${codeText} has no order ${orderId}.`, ["Orders are matched by the id they were logged with (#1001 is 1001)."]);
}

const refund = action({
  name: "refund",
  description: "Refund an order: revenue falls on the refund's day; refunded in full, it stops counting (admin)",
  role: "admin",
  mutates: true,
  examples: ["/code refund KATE15 $20 order:1001", (n) => `/code refund KATE15 $${n.typed("59.90")} order:1001 date:2026-12-08`],
  options: {
    code: opt.text("The discount code", 32).require().atPosition(),
    amount: opt.money("How much was given back").require().atPosition(),
    order: orderOption("The order refunded (#1001 is 1001)").require(),
    date: opt.day("Day of the refund (default today)"),
  },
  async run(ctx, input) {
    const { code, codeText } = await findCode(ctx, input.code);
    const currency = code.campaign.currency;
    const day = checkNotFuture(ctx, input.date, "date");
    const amount = toMinor(input.amount, currency, "amount", ctx.numbers);
    if (amount <= 0) throw new UserError("invalid_option", `Invalid amount: a refund gives back more than ${ctx.numbers.money(0, currency)}.`);
    const result = await recordRefund(ctx.db, code, input.order, { amount, day, createdById: ctx.member.id, createdAt: ctx.now });
    if (!result.refunded) {
      if (result.reason === "unknown_order") throw unknownOrder(codeText, input.order);
      const { order, refunded, remaining } = result.standing;
      const logged = `order ${input.order} (${ctx.numbers.money(order.revenue, currency)} on ${order.day})`;
      if (result.reason === "before_order") throw new UserError("invalid_option", `Invalid date: the refund's day, ${day}, is before ${logged}.`);
      if (remaining === 0) throw new UserError("invalid_state", `${codeText}: ${logged} is already refunded in full; nothing was changed.`);
      throw new UserError("invalid_option", `${ctx.numbers.money(amount, currency)} is more than is left of ${logged}: ${ctx.numbers.money(remaining, currency)}${refunded > 0 ? ` (${ctx.numbers.money(refunded, currency)} refunded already)` : ""}.`);
    }
    const r = reply(`${codeText}: refunded ${ctx.numbers.money(amount, currency)} of order ${input.order} on ${day}`, "channel")
      .text(result.full ? `Order ${input.order} is refunded in full and no longer counts as an order.` : `${ctx.numbers.money(result.remaining, currency)} of order ${input.order} still counts.`)
      .text(soFar(ctx.numbers, code, result.totals, "now"));
    // Commission already paid out may now be more than is earned (docs/payouts.md).
    const [payout] = await payoutRows(ctx.db, ctx.workspace, { campaignId: code.campaignId, creatorId: code.creatorId });
    if (payout && payout.paid > 0 && payout.owed < 0) {
      r.text(`@${code.creator.handle} was paid more than they earned in "${code.campaign.name}" after this refund: owed ${ctx.numbers.money(payout.owed, currency)}, to come off what they earn next (/payout list).`);
    }
    return r.note("The refund's revenue counts on its day; commission follows the revenue.").build();
  },
});

const remove = action({
  name: "remove",
  description: "Remove a code or tracking link made by mistake; one with orders needs force:yes (admin)",
  role: "member",
  mutates: true,
  examples: ["/code remove KATE152", "/code remove KATE15 force:yes"],
  options: {
    code: opt.text("The code, or the tracking link as /code list shows it", 2000).require().atPosition(),
    force: opt.boolean("Also delete its orders and refunds (admin)"),
  },
  async run(ctx, input) {
    const isLink = /^https?:\/\//i.test(input.code);
    const code = isLink
      ? await ctx.db.code.findFirst({ where: { workspaceId: ctx.workspace.id, kind: "link", url: input.code }, include: { creator: true, campaign: true } })
      : (await findCode(ctx, input.code)).code;
    if (!code) throw notFound("No tracking link at that address in this workspace.", ["Copy it from /code list."]);
    ctx.aboutCampaign(code.campaignId);
    const name = code.kind === "code" ? code.code! : "Tracking link";
    const orders = await ctx.db.redemption.count({ where: { codeId: code.id } });
    if (orders > 0 && !input.force) {
      throw new UserError("invalid_state", `${name} has ${ordersText(ctx.numbers, code.orders)} (${ctx.numbers.money(code.revenue, code.campaign.currency)}) in "${code.campaign.name}"; removing it would take them out of the reports.`, {
        hints: [`To correct one order: /code unredeem ${name} order:<id>. force:yes (admin) removes the code with all its orders and refunds.`],
      });
    }
    let removed = null;
    if (orders > 0) {
      ctx.requireAdmin("remove a code with its orders (force:yes)");
      removed = await removeAllOf(ctx.db, code);
    }
    await ctx.db.code.delete({ where: { id: code.id } });
    const r = reply(`Removed ${code.kind === "code" ? name : "a tracking link"} of @${code.creator.handle} in "${code.campaign.name}"`, "channel");
    if (code.kind === "link") r.text(code.url!);
    if (removed) r.text(`Also removed its ${ordersText(ctx.numbers, removed.orders)} (${ctx.numbers.money(removed.revenue, code.campaign.currency)}).`);
    return r.build();
  },
});

const FORMAT_NAMES = { shopify: "Shopify order export", woocommerce: "WooCommerce order export", plain: "code,order,revenue,date file" } as const;

const importFile = action({
  name: "import",
  description: "Orders from a Shopify or WooCommerce export or a code,order,revenue,date file, counted once (admin)",
  role: "admin",
  mutates: true,
  slow: true,
  examples: ["/code import file:orders_export.csv"],
  options: { file: opt.file("The orders file (CSV): a path in the shell, an attachment in Discord").require() },
  async run(ctx, input) {
    const { name, text } = await orderFileText(input.file, ctx.platform, ctx.numbers);
    const s = await importOrderFile({ db: ctx.db, workspaceId: ctx.workspace.id, timeZone: ctx.workspace.timeZone, now: ctx.now, createdById: ctx.member.id, numberStyle: numberStyleOf(ctx.workspace.numberStyle) }, name, text);
    for (const id of s.campaignIds) ctx.aboutCampaign(id);
    ctx.describeChange(`imported ${name}: ${ordersText(ctx.numbers, s.added)} added`);
    const withoutCode = s.noCode + s.unknownCode.length;
    const r = reply(`Imported ${name} (${FORMAT_NAMES[s.format]}): ${ordersText(ctx.numbers, s.added)} added`, "channel").fields([
      { label: "Orders in the file", value: ctx.numbers.count(s.orders) },
      { label: "Added", value: ctx.numbers.count(s.added) },
      { label: "Already there", value: ctx.numbers.count(s.alreadyThere) },
      { label: "Refunded", value: ctx.numbers.count(s.refunded) },
      { label: "Cancelled", value: ctx.numbers.count(s.cancelled) },
      { label: "Without a known code", value: ctx.numbers.count(withoutCode) },
      s.otherCurrency.length > 0 ? { label: "In another currency", value: ctx.numbers.count(s.otherCurrency.length) } : null,
      s.notPaid > 0 ? { label: "Not paid", value: ctx.numbers.count(s.notPaid) } : null,
    ]);
    if (s.unknownCode.length > 0) {
      const few = s.unknownCode.slice(0, 5).map((o) => `${o.orderId} (${o.codes.join(", ")})`);
      r.text(`Codes that are not the workspace's: ${few.join(", ")}${s.unknownCode.length > 5 ? `, and ${ctx.numbers.count(s.unknownCode.length - 5)} more` : ""}. Add them with /code add, then import the file again.`);
    }
    if (s.noCode > 0) r.text(`${ordersText(ctx.numbers, s.noCode)} had no discount code.`);
    if (s.otherCurrency.length > 0) {
      const few = s.otherCurrency.slice(0, 5).map((o) => `${o.orderId} (${o.currency}, the campaign counts ${o.expected})`);
      r.text(`Not counted, in another currency than their campaign's: ${few.join(", ")}${s.otherCurrency.length > 5 ? ", …" : ""}.`);
    }
    if (s.unusual.length > 0) {
      const few = s.unusual.slice(0, 5).map((o) => `${o.orderId} (${o.code}, ${ctx.numbers.money(o.revenue, o.campaign.currency)} on ${o.day}): ${unusualText(o.reasons, o.campaign, ctx.numbers, o.median)}`);
      r.text(
        `${s.unusual.length === 1 ? "1 order looks" : `${ctx.numbers.count(s.unusual.length)} orders look`} unusual, counted and flagged: ${few.join("; ")}${s.unusual.length > 5 ? `; and ${ctx.numbers.count(s.unusual.length - 5)} more (/code list)` : ""}. ` +
          `Check ${s.unusual.length === 1 ? "it" : "them"}; /code unredeem <code> order:<id> takes one back.`,
      );
    }
    if (s.refundsInFile > 0) {
      r.note(
        "A Refunded Amount is the order's refunded total as of the export: only what goes beyond the refunds the bot knows already (from the shop's webhooks, an earlier import or /code refund) is taken back, " +
          "on today's date (the file does not say when); a refund the shop sends later is matched against it, not added.",
      );
    }
    return r.build();
  },
});

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
    // Orders from a shop or a file that /code redeem would have refused or questioned.
    const flagged = { workspaceId: ctx.workspace.id, codeId: { in: codes.map((c) => c.id) }, unusual: { not: null }, refundOfId: null };
    const [unusualCount, unusual] = await Promise.all([
      ctx.db.redemption.count({ where: flagged }),
      ctx.db.redemption.findMany({ where: flagged, include: { code: { include: { campaign: true } } }, orderBy: [{ day: "asc" }, { id: "asc" }], take: 5 }),
    ]);
    const r = reply(`Codes and links (${ctx.numbers.count(codes.length)})`)
      .table(
        ["code or link", "creator", "campaign", { header: "discount", align: "right" }, { header: "orders", align: "right" }, { header: "revenue", align: "right" }],
        codes.map((c) => [
          c.kind === "code" ? c.code! : c.url!,
          `@${c.creator.handle}`,
          c.campaign.name,
          c.discountBps != null ? ctx.numbers.bps(c.discountBps) : "",
          c.kind === "code" ? ctx.numbers.count(c.orders) : "",
          c.kind === "code" ? ctx.numbers.money(c.revenue, c.campaign.currency) : "",
        ]),
      );
    if (unusualCount > 0) {
      const few = unusual.map((o) => {
        const name = o.code.kind === "code" ? o.code.code! : "tracking link";
        return `${name} order ${o.orderId ?? "without id"}, ${ctx.numbers.money(o.revenue, o.code.campaign.currency)} on ${o.day}: ${unusualText(readUnusual(o.unusual), o.code.campaign, ctx.numbers)}`;
      });
      r.note(
        `${unusualCount === 1 ? "1 order" : `${ctx.numbers.count(unusualCount)} orders`} from a shop or a file ${unusualCount === 1 ? "looks" : "look"} unusual, counted as they came: ${few.join("; ")}${unusualCount > 5 ? `; and ${ctx.numbers.count(unusualCount - 5)} more` : ""}. ` +
          "/code unredeem <code> order:<id> takes one back.",
      );
    }
    return r.build();
  },
});

export default defineCommand({
  name: "code",
  description: "Discount codes and tracking links, and the orders they bring",
  actions: [add, link, redeem, unredeem, refund, importFile, remove, list],
});
