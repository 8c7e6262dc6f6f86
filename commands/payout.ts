// /payout: what each creator earned in money, was paid and is owed (docs/payouts.md), and the
// payments ledger: admins record a payment and undo one. The team's view; a creator sees their
// own with /my earnings, from the same rows (src/db/payouts.ts).

import { DateTime } from "luxon";
import { stringify } from "csv-stringify/sync";
import { notFound, UserError } from "../src/core/errors.ts";
import { formatMajor } from "../src/core/format.ts";
import { findCampaign, findCreator } from "../src/core/lookup.ts";
import { toMinor } from "../src/core/money-input.ts";
import { opt } from "../src/core/options.ts";
import { reply } from "../src/core/reply.ts";
import { action, defineCommand, type CommandContext } from "../src/core/spec.ts";
import { payoutRows, type PayoutRow } from "../src/db/payouts.ts";
import { PAYOUT_STATUSES, showsUnder } from "../src/domain/payouts.ts";
import { currencyTotals, inKindNote, overpaidNote } from "../src/reports/payouts.ts";

export const PAYOUT_CSV_COLUMNS = [
  "campaign",
  "handle",
  "currency",
  "fees_earned",
  "commission_earned",
  "earned",
  "in_kind",
  "paid",
  "owed",
  "last_payment_date",
  "last_payment_ref",
] as const;

const REF_LENGTH = 64;

const todayIn = (ctx: CommandContext) => DateTime.fromJSDate(ctx.now, { zone: ctx.workspace.timeZone }).toISODate()!;

const list = action({
  name: "list",
  description: "Earned, paid and owed per creator (and campaign), with the last payment; or as CSV",
  role: "member",
  mutates: false,
  slow: true,
  examples: ["/payout list", '/payout list campaign:"Spring Launch" status:all', "/payout list status:paid format:csv"],
  options: {
    campaign: opt.campaign("Only this campaign"),
    status: opt.choice("owed (default: not settled), paid (anyone paid) or all", PAYOUT_STATUSES),
    format: opt.choice("csv for a spreadsheet file", ["chat", "csv"] as const),
  },
  async run(ctx, input) {
    const campaign = input.campaign ? await findCampaign(ctx.db, ctx.workspace.id, input.campaign) : null;
    const status = input.status ?? "owed";
    const rows = (await payoutRows(ctx.db, ctx.workspace, campaign ? { campaignId: campaign.id } : {})).filter((r) => showsUnder(status, r));
    const scope = campaign ? `"${campaign.name}"` : "all campaigns";

    if (input.format === "csv") {
      const csv = stringify([
        [...PAYOUT_CSV_COLUMNS],
        ...rows.map((r) => {
          const major = (minor: number) => formatMajor(minor, r.currency);
          return [r.campaignName ?? "", r.handle, r.currency, major(r.fees), major(r.commission), major(r.earned), major(r.inKind), major(r.paid), major(r.owed), r.lastPayment?.day ?? "", r.lastPayment?.ref ?? ""];
        }),
      ]);
      return reply(`Payouts (${status}), ${scope}: CSV`)
        .text(`${ctx.numbers.count(rows.length)} row${rows.length === 1 ? "" : "s"}, one per creator and campaign; money in each row's currency.`)
        .file({ name: `payouts-${campaign?.slug ?? "all"}-${status}.csv`, contentType: "text/csv", data: csv, title: `Payouts (${status}), ${scope}` })
        .build();
    }

    const r = reply(`Payouts (${status}), ${scope}`);
    if (rows.length === 0) {
      return r.text(status === "owed" ? "Nothing is owed: every creator is paid what they earned." : status === "paid" ? "No payment recorded yet." : "Nobody is enrolled yet.").build();
    }
    const money = (minor: number, currency: string) => ctx.numbers.money(minor, currency);
    r.table(
      ["creator", ...(campaign ? [] : ["campaign"]), { header: "earned", align: "right" }, { header: "paid", align: "right" }, { header: "owed", align: "right" }, "last payment"],
      rows.map((row) => [
        `@${row.handle}`,
        ...(campaign ? [] : [row.campaignName ?? "(campaign gone)"]),
        money(row.earned, row.currency),
        money(row.paid, row.currency),
        money(row.owed, row.currency),
        row.lastPayment ? `${row.lastPayment.day} (${row.lastPayment.ref})` : "none",
      ]),
    );
    r.fields([
      { label: "Earned", value: currencyTotals(rows, ctx.numbers, "earned") },
      { label: "Paid", value: currencyTotals(rows, ctx.numbers, "paid") },
      { label: "Owed", value: currencyTotals(rows, ctx.numbers, "owed") },
    ]);
    for (const row of rows.filter((x) => x.owed < 0)) r.note(overpaidNote(row, ctx.numbers, `@${row.handle}`));
    const inKind = inKindNote(rows, ctx.numbers);
    if (inKind) r.note(inKind);
    r.note("Earned: fees and product paid in money once the creator has posted, plus commission and per order after refunds (docs/payouts.md).");
    return r.build();
  },
});

const record = action({
  name: "record",
  description: "Record a payment to a creator (admin); more than is owed needs force:yes",
  role: "admin",
  mutates: true,
  examples: ['/payout record @kate $300 campaign:"Spring Launch" ref:INV-1042', "/payout record @kate 150 ref:PAYPAL-88 date:2026-12-04"],
  options: {
    handle: opt.handle().require().atPosition(),
    amount: opt.money("The amount paid, in the campaign's currency").require().atPosition(),
    campaign: opt.campaign("The campaign it pays for (asked when the creator is owed in several)"),
    ref: opt.text("Your reference (bank transfer, invoice): each one is recorded once", REF_LENGTH),
    date: opt.day("When it was paid (default today)"),
    force: opt.boolean("Record it even if it is more than is owed (an advance)"),
  },
  conflictMessage: (input) => `A payment with ref ${input.ref ?? "(made up)"} was recorded at the same moment; nothing was saved. /payout list status:paid shows it.`,
  async run(ctx, input) {
    const creator = await findCreator(ctx.db, ctx.workspace.id, input.handle);
    const rows = await payoutRows(ctx.db, ctx.workspace, { creatorId: creator.id });
    const row = await campaignRow(ctx, creator.handle, rows, input.campaign);
    ctx.aboutCampaign(row.campaignId!);
    const amount = toMinor(input.amount, row.currency, "amount", ctx.numbers);
    const money = (minor: number) => ctx.numbers.money(minor, row.currency);
    if (amount <= 0) throw new UserError("invalid_option", `Invalid amount: a payment is more than ${money(0)}. To take one back: /payout undo @${creator.handle} ref:<ref>.`);
    const today = todayIn(ctx);
    const day = input.date ?? today;
    if (day > today) throw new UserError("invalid_option", `Invalid date: ${day} is in the future (today is ${today} in ${ctx.workspace.timeZone}); record a payment once it is made.`);
    const ref = input.ref ?? (await madeUpRef(ctx, creator.handle, day));
    const refKey = ref.toLowerCase();
    const same = await ctx.db.payment.findUnique({ where: { workspaceId_refKey: { workspaceId: ctx.workspace.id, refKey } }, include: { creator: true, campaign: true } });
    if (same) {
      throw new UserError("conflict", `Ref ${same.ref} is already recorded: ${ctx.numbers.money(same.amount, same.currency)} to @${same.creator.handle}${same.campaign ? ` for "${same.campaign.name}"` : ""} on ${same.day}. A payment is recorded once.`, {
        hints: [`If that one was wrong: /payout undo @${same.creator.handle} ref:${same.ref}, then record it again.`],
      });
    }
    if (amount > row.owed && !input.force) {
      const owedNow = row.owed > 0 ? `is owed ${money(row.owed)}` : row.owed === 0 ? "is owed nothing" : `is owed ${money(row.owed)} (paid more than earned)`;
      throw new UserError("invalid_state", `@${creator.handle} ${owedNow} in "${row.campaignName}"; ${money(amount)} would pay ${money(amount - Math.max(row.owed, 0))} more than that.`, {
        hints: ["Add force:yes to record it anyway (an advance: it comes off what they earn next).", `/payout list campaign:"${row.campaignName}" status:all shows earned, paid and owed.`],
      });
    }
    await ctx.db.payment.create({
      data: { workspaceId: ctx.workspace.id, creatorId: creator.id, campaignId: row.campaignId, amount, currency: row.currency, ref, refKey, day, recordedById: ctx.member.id },
    });
    const owed = row.owed - amount;
    ctx.describeChange(`Paid @${creator.handle} ${money(amount)} for "${row.campaignName}" on ${day}, ref ${ref}`);
    // Private to the admin, as /payout list is: a payment is nobody else's business in a shared channel.
    const r = reply(`Recorded ${money(amount)} paid to @${creator.handle} for "${row.campaignName}"`).fields([
      { label: "Ref", value: ref },
      { label: "Date", value: day },
      { label: "Earned", value: money(row.earned) },
      { label: "Paid so far", value: money(row.paid + amount) },
      { label: "Owed now", value: money(owed) },
    ]);
    if (owed < 0) r.note(`Paid ${money(-owed)} more than earned${input.force ? " with force:yes" : ""}: it comes off what @${creator.handle} earns next.`);
    return r.build();
  },
});

/** The campaign a payment is for: the one named, else the only one with money owed (or the only one at all); never a guess between several. */
async function campaignRow(ctx: CommandContext, handle: string, rows: PayoutRow[], campaignName: string | undefined): Promise<PayoutRow> {
  if (campaignName !== undefined) {
    const campaign = await findCampaign(ctx.db, ctx.workspace.id, campaignName);
    const row = rows.find((r) => r.campaignId === campaign.id);
    if (!row) throw notFound(`@${handle} is not enrolled in "${campaign.name}" and was never paid for it.`);
    return row;
  }
  const campaigns = rows.filter((r) => r.campaignId !== null);
  const owed = campaigns.filter((r) => r.owed > 0);
  if (owed.length === 1) return owed[0]!;
  if (owed.length === 0 && campaigns.length === 1) return campaigns[0]!;
  if (campaigns.length === 0) throw notFound(`@${handle} is not enrolled in any campaign, so nothing is owed to them.`);
  const named = (owed.length > 0 ? owed : campaigns).map((r) => `"${r.campaignName}" (${owed.length > 0 ? `owed ${ctx.numbers.money(r.owed, r.currency)}` : "nothing owed"})`);
  throw new UserError("ambiguous", `Which campaign is this payment for? @${handle} ${owed.length > 0 ? "is owed money in" : "is in"} ${named.join(", ")}.`, {
    hints: [`Say it with campaign:, e.g. /payout record @${handle} <amount> campaign:"${(owed[0] ?? campaigns[0])!.campaignName}"`],
  });
}

/** A reference for a payment typed without one: HANDLE-YYYYMMDD, then -2, -3… when taken. */
async function madeUpRef(ctx: CommandContext, handle: string, day: string): Promise<string> {
  const base = `${handle.toUpperCase()}-${day.replaceAll("-", "")}`.slice(0, REF_LENGTH - 4);
  const taken = await ctx.db.payment.findMany({ where: { workspaceId: ctx.workspace.id, refKey: { startsWith: base.toLowerCase() } }, select: { refKey: true } });
  const keys = new Set(taken.map((t) => t.refKey));
  if (!keys.has(base.toLowerCase())) return base;
  let n = 2;
  while (keys.has(`${base}-${n}`.toLowerCase())) n++;
  return `${base}-${n}`;
}

const undo = action({
  name: "undo",
  description: "Undo a payment recorded by mistake, by its ref (admin)",
  role: "admin",
  mutates: true,
  examples: ["/payout undo @kate ref:INV-1042"],
  options: {
    handle: opt.handle().require().atPosition(),
    ref: opt.text("The payment's ref (as /payout list shows it)", REF_LENGTH).require(),
  },
  async run(ctx, input) {
    const creator = await findCreator(ctx.db, ctx.workspace.id, input.handle);
    const payment = await ctx.db.payment.findUnique({
      where: { workspaceId_refKey: { workspaceId: ctx.workspace.id, refKey: input.ref.toLowerCase() } },
      include: { creator: true, campaign: true },
    });
    if (!payment) throw notFound(`No payment with ref ${input.ref} in this workspace.`, [`/payout list status:paid shows each creator's last payment and its ref.`]);
    if (payment.creatorId !== creator.id) throw new UserError("invalid_option", `Ref ${payment.ref} is a payment to @${payment.creator.handle}, not @${creator.handle}; nothing was undone.`);
    if (payment.campaignId !== null) ctx.aboutCampaign(payment.campaignId);
    await ctx.db.payment.delete({ where: { id: payment.id } });
    const money = (minor: number) => ctx.numbers.money(minor, payment.currency);
    const where = payment.campaign ? ` for "${payment.campaign.name}"` : "";
    ctx.describeChange(`Undid the payment ref ${payment.ref}: ${money(payment.amount)} to @${creator.handle}${where} on ${payment.day}`);
    const r = reply(`Undone: ${money(payment.amount)} paid to @${creator.handle}${where} on ${payment.day} (ref ${payment.ref})`);
    if (payment.campaignId !== null) {
      const row = (await payoutRows(ctx.db, ctx.workspace, { campaignId: payment.campaignId, creatorId: creator.id }))[0];
      if (row) r.fields([{ label: "Paid so far", value: money(row.paid) }, { label: "Owed now", value: money(row.owed) }]);
    }
    return r.build();
  },
});

export default defineCommand({
  name: "payout",
  description: "What creators earned, were paid and are owed; record and undo payments (admin)",
  actions: [list, record, undo],
});
