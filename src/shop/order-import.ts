// /code import: an orders file (src/domain/order-files.ts) counted as the shop's webhooks and
// /code redeem count orders: each order once per code (recordRedemption finds one already
// logged by either), its refund and cancellation taken back as /code refund does. The whole
// file is one transaction (the command's): a row the bot cannot read refuses the file and
// nothing is written; rows it reads but cannot count (no code of the workspace, another
// currency, not paid) are skipped and counted in the reply.

import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { DateTime } from "luxon";
import { UserError } from "../core/errors.ts";
import type { FileInput } from "../core/options.ts";
import { currencyDigits } from "../core/currencies.ts";
import { numberWriter, type NumberWriter } from "../core/format.ts";
import { parseMoney, toMinorUnits } from "../core/values.ts";
import type { NumberStyle } from "../domain/number-styles.ts";
import type { Db } from "../db/client.ts";
import { findOrder, recordRedemption, recordRefund } from "../db/redemptions.ts";
import { normaliseCode } from "../domain/codes.ts";
import type { CampaignDates } from "../domain/campaign-days.ts";
import { storedUnusual, type UnusualReason } from "../domain/outliers.ts";
import { unusualOrder } from "../db/unusual-orders.ts";
import { ACCEPTED_FORMATS, readOrderFile, type FileOrder, type OrderFileFormat } from "../domain/order-files.ts";

export const MAX_IMPORT_BYTES = 10 * 1024 * 1024;

/** The file's text: read from the path (the shell only: the bot's own disk), or as a platform received it. */
export async function orderFileText(file: FileInput, platform: string, numbers: NumberWriter): Promise<{ name: string; text: string }> {
  const tooLarge = (bytes: number) =>
    new UserError("invalid_option", `The file is ${numbers.decimal(bytes / 1024 / 1024, 1)} MB; the bot imports files up to 10 MB. Export a shorter period, or split the file.`);
  if (file.source === "content") {
    const bytes = Buffer.byteLength(file.text);
    if (bytes > MAX_IMPORT_BYTES) throw tooLarge(bytes);
    return { name: file.name, text: file.text };
  }
  // A typed path is read from the bot's own disk: only the shell, which runs on it, may name one.
  if (platform === "slack") {
    throw new UserError("invalid_option", "A slash command cannot carry a file: share the orders file (CSV) with the bot in a direct message, or use the message shortcut Import orders (⋯ on a message that carries the file).", {
      hints: ["The bot imports it as /code import does, with the same reply."],
    });
  }
  if (platform !== "local") throw new UserError("invalid_option", "Attach the orders file to the command (its file option): a path names a file on the bot's own disk, which only the shell may read.");
  const full = path.resolve(process.cwd(), file.path);
  let size: number;
  try {
    const info = await stat(full);
    if (!info.isFile()) throw new UserError("invalid_option", `${file.path} is not a file.`);
    size = info.size;
  } catch (error) {
    if (error instanceof UserError) throw error;
    throw new UserError("invalid_option", `Cannot read ${file.path}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "there is no such file" : "it cannot be opened"} (from ${process.cwd()}).`);
  }
  if (size > MAX_IMPORT_BYTES) throw tooLarge(size);
  try {
    return { name: path.basename(full), text: await readFile(full, "utf8") };
  } catch {
    throw new UserError("invalid_option", `Cannot read ${file.path}: it cannot be opened.`);
  }
}

export interface ImportSummary {
  format: OrderFileFormat;
  orders: number;
  added: number;
  alreadyThere: number;
  refunded: number;
  /** Orders counted whose row gives a refunded amount (Shopify's Refunded Amount), taken back or known already. */
  refundsInFile: number;
  cancelled: number;
  /** Orders without a discount code. */
  noCode: number;
  /** Orders whose codes are none of the workspace's: their ids and the codes they named. */
  unknownCode: Array<{ orderId: string; codes: string[] }>;
  otherCurrency: Array<{ orderId: string; currency: string; expected: string }>;
  notPaid: number;
  campaignIds: Set<number>;
  /** Orders added that /code redeem would have refused or questioned: counted, and flagged. */
  unusual: UnusualImported[];
}

export interface UnusualImported {
  orderId: string;
  code: string;
  revenue: number;
  day: string;
  campaign: CampaignDates & { name: string; currency: string };
  reasons: UnusualReason[];
  median: number | null;
}

interface ImportContext {
  db: Db;
  workspaceId: number;
  timeZone: string;
  now: Date;
  createdById: number;
  /** How the workspace writes numbers (/settings numbers:): how a plain file's revenue is read. */
  numberStyle: NumberStyle;
}

export const FORMATS_HINT = `The bot reads: ${ACCEPTED_FORMATS.map((f, i) => `(${i + 1}) ${f}`).join("; ")}.`;

export async function importOrderFile(ctx: ImportContext, name: string, text: string): Promise<ImportSummary> {
  const file = readOrderFile(text);
  if (!file.ok) throw new UserError("invalid_option", `Cannot import ${name}: ${file.reason}.`, { hints: [FORMATS_HINT] });
  const today = DateTime.fromJSDate(ctx.now, { zone: ctx.timeZone }).toISODate()!;
  const summary: ImportSummary = { format: file.format, orders: file.orders.length, added: 0, alreadyThere: 0, refunded: 0, refundsInFile: 0, cancelled: 0, noCode: 0, unknownCode: [], otherCurrency: [], notPaid: 0, campaignIds: new Set(), unusual: [] };
  const codes = await ctx.db.code.findMany({
    where: { workspaceId: ctx.workspaceId, kind: "code", code: { in: [...new Set(file.orders.flatMap((o) => o.codes.map(normaliseCode)))] } },
    include: { campaign: { select: { id: true, name: true, currency: true, status: true, startDate: true, endDate: true } } },
  });
  const byCode = new Map(codes.map((c) => [c.code!, c]));
  const problems: string[] = [];
  for (const order of file.orders) {
    if (!order.orderId) {
      problems.push(`line ${order.line}: no order number`);
      continue;
    }
    if (order.unpaid) {
      summary.notPaid++;
      continue;
    }
    const code = order.codes.map((c) => byCode.get(normaliseCode(c))).find(Boolean);
    if (!code) {
      if (order.codes.length === 0) summary.noCode++;
      else summary.unknownCode.push({ orderId: order.orderId, codes: order.codes });
      continue;
    }
    const read = readAmounts(order, file.format, code.campaign.currency, ctx.timeZone, ctx.numberStyle);
    if (typeof read === "string") {
      problems.push(`line ${order.line} (order ${order.orderId}): ${read}`);
      continue;
    }
    if (read.currency !== code.campaign.currency) {
      summary.otherCurrency.push({ orderId: order.orderId, currency: read.currency, expected: code.campaign.currency });
      continue;
    }
    if (problems.length > 0) continue; // the file is refused: only its other problems are still looked for
    summary.campaignIds.add(code.campaignId);
    let standing = await findOrder(ctx.db, code.id, order.orderId);
    if (!standing) {
      if (read.cancelledDay) {
        summary.cancelled++; // never counted, so nothing to take back
        continue;
      }
      // Dated before the campaign, on a closed campaign, or far above its median: counted all the
      // same (the shop took the order), flagged, and listed in the reply.
      const unusual = await unusualOrder(ctx.db, code.campaign, read.day, { orders: 1, revenue: read.revenue });
      await recordRedemption(ctx.db, code, { orderId: order.orderId, orders: 1, revenue: read.revenue, day: read.day, createdById: ctx.createdById, createdAt: ctx.now, unusual: storedUnusual(unusual.reasons), externalId: order.externalId });
      if (unusual.reasons.length > 0) {
        summary.unusual.push({ orderId: order.orderId, code: code.code!, revenue: read.revenue, day: read.day, campaign: code.campaign, reasons: unusual.reasons, median: unusual.median?.median ?? null });
      }
      summary.added++;
      standing = await findOrder(ctx.db, code.id, order.orderId);
    } else {
      summary.alreadyThere++;
      // Typed, or imported before the file's id was kept: the shop's id is kept now, so its refund webhooks find it.
      if (order.externalId && !standing.order.externalId) await ctx.db.redemption.update({ where: { id: standing.order.id }, data: { externalId: order.externalId } });
    }
    if (!standing || standing.refunds.some((r) => r.orders < 0)) continue; // already out of the count: nothing more to take back
    const later = (day: string) => (day < standing!.order.day ? standing!.order.day : day);
    if (read.cancelledDay) {
      await recordRefund(ctx.db, code, order.orderId, { amount: standing.remaining, day: later(read.cancelledDay), createdById: ctx.createdById, createdAt: ctx.now });
      summary.cancelled++;
      continue;
    }
    // The file's Refunded Amount is the order's refunded total as of the export: only what goes
    // beyond what the bot took back already (by an earlier import, a webhook or /code refund) is
    // taken back. A refund the shop sends later by webhook is matched against it (src/shop/attribution.ts).
    if (read.refunded > 0) summary.refundsInFile++;
    const more = Math.min(read.refunded, standing.order.revenue) - standing.refunded;
    if (more > 0) {
      await recordRefund(ctx.db, code, order.orderId, { amount: Math.min(more, standing.remaining), day: later(today), createdById: ctx.createdById, createdAt: ctx.now });
      summary.refunded++;
    }
  }
  if (problems.length > 0) {
    throw new UserError("invalid_option", `Cannot import ${name}: ${problems.length === 1 ? "a row" : `${numberWriter(ctx.numberStyle).count(problems.length)} rows`} cannot be read, so nothing was imported: ${problems.slice(0, 5).join("; ")}${problems.length > 5 ? "; …" : ""}.`, {
      hints: ["Fix those rows (or remove them) and import the file again."],
    });
  }
  return summary;
}

interface Amounts {
  revenue: number;
  refunded: number;
  currency: string;
  day: string;
  cancelledDay: string | null;
}

const DECIMAL = /^-?\d+(\.\d+)?$/;

/** Amounts in minor units and days in the workspace's zone, or what is wrong with the row. */
function readAmounts(order: FileOrder, format: OrderFileFormat, campaignCurrency: string, zone: string, style: NumberStyle): Amounts | string {
  let currency = order.currency ?? campaignCurrency;
  let revenue: number | null;
  if (format === "plain") {
    const money = parseMoney(order.revenue, style);
    if (!money.ok) return `revenue ${money.reason}`;
    if (money.value.otherReading !== null) return `revenue ${JSON.stringify(order.revenue)} could be ${money.value.amount} or ${money.value.otherReading}: write it with its decimals`;
    currency = money.value.currency ?? campaignCurrency;
    revenue = toMinorUnits(money.value.amount, currency);
  } else {
    if (!DECIMAL.test(order.revenue)) return `the revenue ${JSON.stringify(order.revenue)} is not an amount like 59.90`;
    revenue = toMinorUnits(order.revenue, currency);
    for (const less of order.minus) {
      if (!DECIMAL.test(less)) return `${JSON.stringify(less)} is not an amount like 5.00`;
      const minor = toMinorUnits(less, currency);
      revenue = revenue === null || minor === null ? null : revenue - minor;
    }
  }
  if (revenue === null) return `the revenue has more than ${currencyDigits(currency)} decimals`;
  if (revenue < 0) return "the revenue is below zero";
  let refunded = 0;
  if (order.refunded) {
    if (!DECIMAL.test(order.refunded)) return `the refunded amount ${JSON.stringify(order.refunded)} is not an amount like 5.00`;
    refunded = toMinorUnits(order.refunded, currency) ?? Number.MAX_SAFE_INTEGER;
  }
  const day = dayOf(order.at, zone);
  if (!day) return `the date ${JSON.stringify("instant" in order.at ? order.at.instant : order.at.day)} is not a date like 2026-11-20`;
  let cancelledDay: string | null = null;
  if (order.cancelledAt) {
    cancelledDay = dayOf(order.cancelledAt, zone);
    if (!cancelledDay) return "its cancellation date is not a date";
  }
  return { revenue, refunded, currency, day, cancelledDay };
}

/** Shopify's "2026-11-20 14:03:11 -0500" (or ISO) in the workspace's zone; a calendar day as written. */
function dayOf(at: { instant: string } | { day: string }, zone: string): string | null {
  if ("day" in at) {
    const day = DateTime.fromISO(at.day);
    return day.isValid && /^\d{4}-\d{2}-\d{2}$/.test(at.day) ? at.day : null;
  }
  const formats = ["yyyy-MM-dd HH:mm:ss ZZZ", "yyyy-MM-dd HH:mm:ss ZZ", "yyyy-MM-dd HH:mm ZZZ"];
  for (const f of formats) {
    const parsed = DateTime.fromFormat(at.instant, f, { setZone: true });
    if (parsed.isValid) return parsed.setZone(zone).toISODate();
  }
  const iso = DateTime.fromISO(at.instant, { setZone: true });
  return iso.isValid ? iso.setZone(zone).toISODate() : null;
}
