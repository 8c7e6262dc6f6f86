// Recording, removing and refunding the orders a code brought (Redemption rows), with the running
// totals that must stay equal to them: each creator's day (SalesDay) and each code's orders and
// revenue (Code). /code redeem, unredeem and refund use these, and so can any other door that
// logs orders (a shop's webhook): call them inside the transaction that owns the change.
// Order ids are normalised by the caller (normaliseOrderId in src/domain/codes.ts).

import { Prisma, type Redemption } from "../generated/prisma/client.ts";
import type { Db } from "./client.ts";
import { addToCodeTotals } from "./code-totals.ts";
import { countedOrders } from "./order-attribution.ts";
import { addToSalesDay, addToSalesDays, takeFromSalesDay } from "./sales-days.ts";
import { execute } from "./raw.ts";

/** The code an order belongs to, as its rows are filed. */
export interface CodeOwner {
  id: number;
  workspaceId: number;
  campaignId: number;
  creatorId: number;
}

export interface CodeTotals {
  orders: number;
  revenue: number;
}

export interface NewRedemption {
  /** null: a day's total without order ids. */
  orderId: string | null;
  orders: number;
  /** Minor units. */
  revenue: number;
  day: string;
  createdById: number | null;
  /** When it was logged (the command's clock): a digest compares today so far with yesterday up to the same time. Default: the database's now. */
  createdAt?: Date;
  /** Why an order from a shop or a file looks unusual (storedUnusual in src/domain/outliers.ts); null or left out when usual. */
  unusual?: string | null;
  /** The shop's own id of an order from an orders file, by which its refund webhooks name it. */
  externalId?: string | null;
}

export type RecordResult = { recorded: true; redemption: Redemption; totals: CodeTotals } | { recorded: false; countedOn: string };

/** Logs one order (or a day's total); an order id the code has counted already is not counted again. */
export async function recordRedemption(db: Db, code: CodeOwner, sale: NewRedemption): Promise<RecordResult> {
  if (sale.orderId !== null) {
    const counted = await db.redemption.findUnique({ where: { codeId_orderId: { codeId: code.id, orderId: sale.orderId } }, select: { day: true } });
    if (counted) return { recorded: false, countedOn: counted.day };
  }
  const redemption = await db.redemption.create({
    data: { workspaceId: code.workspaceId, campaignId: code.campaignId, creatorId: code.creatorId, codeId: code.id, ...sale },
  });
  const totals = await addToTotals(db, code, [redemption]);
  return { recorded: true, redemption, totals };
}

/**
 * recordRedemption for many orders at once (a shop's webhooks attributed in one batch): the
 * same rows and totals in a few statements. An order already counted for its code (or twice in
 * `items`) counts once. How many were recorded.
 */
export async function recordRedemptions(db: Db, items: ReadonlyArray<{ code: CodeOwner; sale: NewRedemption & { orderId: string } }>): Promise<number> {
  if (items.length === 0) return 0;
  const key = (codeId: number, orderId: string) => `${codeId} ${orderId}`;
  const seen = await countedOrders(db, items.map((i) => ({ codeId: i.code.id, orderId: i.sale.orderId })));
  const fresh = items.filter(({ code, sale }) => !seen.has(key(code.id, sale.orderId)) && Boolean(seen.add(key(code.id, sale.orderId))));
  if (fresh.length === 0) return 0;
  // Raw SQL, one statement each for the rows, the days and the codes (Prisma's planning cost more than the writes).
  const now = new Date();
  const rows = fresh.map(
    ({ code, sale }) =>
      Prisma.sql`(${code.workspaceId}, ${code.campaignId}, ${code.creatorId}, ${code.id}, ${sale.orderId}, ${sale.orders}, ${sale.revenue}, ${sale.day}, ${sale.createdById}, ${sale.createdAt ?? now}, ${sale.unusual ?? null})`,
  );
  await execute(db, Prisma.sql`
    INSERT INTO "Redemption" ("workspaceId", "campaignId", "creatorId", "codeId", "orderId", "orders", "revenue", "day", "createdById", "createdAt", "unusual")
    VALUES ${Prisma.join(rows)}`);
  const days = new Map<string, { workspaceId: number; campaignId: number; creatorId: number; day: string; orders: number; revenue: number }>();
  const codes = new Map<number, { codeId: number; orders: number; revenue: number }>();
  for (const { code, sale } of fresh) {
    const dayKey = `${code.campaignId} ${code.creatorId} ${sale.day}`;
    const day = days.get(dayKey) ?? { workspaceId: code.workspaceId, campaignId: code.campaignId, creatorId: code.creatorId, day: sale.day, orders: 0, revenue: 0 };
    day.orders += sale.orders;
    day.revenue += sale.revenue;
    days.set(dayKey, day);
    const totals = codes.get(code.id) ?? { codeId: code.id, orders: 0, revenue: 0 };
    totals.orders += sale.orders;
    totals.revenue += sale.revenue;
    codes.set(code.id, totals);
  }
  await addToSalesDays(db, [...days.values()]);
  await addToCodeTotals(db, [...codes.values()]);
  return fresh.length;
}

/** An order of the code with what its refunds gave back so far (`refunded`, positive) and what still counts. */
export interface OrderStanding {
  order: Redemption;
  refunds: Redemption[];
  refunded: number;
  remaining: number;
}

export async function findOrder(db: Db, codeId: number, orderId: string): Promise<OrderStanding | null> {
  const order = await db.redemption.findUnique({ where: { codeId_orderId: { codeId, orderId } }, include: { refunds: { orderBy: { id: "asc" } } } });
  if (!order) return null;
  const { refunds, ...row } = order;
  const refunded = -refunds.reduce((sum, r) => sum + r.revenue, 0);
  return { order: row, refunds, refunded, remaining: row.revenue - refunded };
}

/**
 * The code's order (not a refund) that an orders file gave the shop's own id `externalId`, in the
 * workspace, with its code's kind and campaign's currency; the oldest if several.
 */
export function orderByExternalId(db: Db, workspaceId: number, externalId: string) {
  return db.redemption.findFirst({
    where: { workspaceId, externalId, refundOfId: null, orderId: { not: null } },
    orderBy: { id: "asc" },
    include: { code: { select: { kind: true } }, campaign: { select: { currency: true } } },
  });
}

export interface NewRefund {
  /** Minor units, positive: what goes back to the customer. */
  amount: number;
  day: string;
  createdById: number | null;
  /** When it was logged; default: the database's now. */
  createdAt?: Date;
}

export type RefundResult =
  | { refunded: true; refund: Redemption; full: boolean; remaining: number; totals: CodeTotals }
  | { refunded: false; reason: "unknown_order" }
  | { refunded: false; reason: "more_than_remaining"; standing: OrderStanding }
  | { refunded: false; reason: "before_order"; standing: OrderStanding };

/**
 * Gives back `amount` of an order on the refund's day: a row of negative revenue pointing at the
 * order. The refund that leaves nothing of the order also takes it out of the order count.
 */
export async function recordRefund(db: Db, code: CodeOwner, orderId: string, refund: NewRefund): Promise<RefundResult> {
  const found = await findOrder(db, code.id, orderId);
  if (!found) return { refunded: false, reason: "unknown_order" };
  // The order's row is locked until the transaction ends, then read again: two refunds of one
  // order at once (PostgreSQL) take turns, so together they never give back more than it brought.
  await db.$executeRaw`UPDATE "Redemption" SET "orders" = "orders" WHERE "id" = ${found.order.id}`;
  const standing = await findOrder(db, code.id, orderId);
  if (!standing) return { refunded: false, reason: "unknown_order" };
  if (refund.amount > standing.remaining) return { refunded: false, reason: "more_than_remaining", standing };
  if (refund.day < standing.order.day) return { refunded: false, reason: "before_order", standing };
  const remaining = standing.remaining - refund.amount;
  const full = remaining === 0;
  const row = await db.redemption.create({
    data: {
      workspaceId: code.workspaceId,
      campaignId: code.campaignId,
      creatorId: code.creatorId,
      codeId: code.id,
      orderId: null,
      refundOfId: standing.order.id,
      orders: full ? -standing.order.orders : 0,
      revenue: -refund.amount,
      day: refund.day,
      createdById: refund.createdById,
      ...(refund.createdAt ? { createdAt: refund.createdAt } : {}),
    },
  });
  const totals = await addToTotals(db, code, [row]);
  return { refunded: true, refund: row, full, remaining, totals };
}

export interface Removed {
  /** The rows removed: the order with its refunds, or a day's totals. */
  rows: Redemption[];
  /** What they added up to (a refunded order: what still counted of it). */
  orders: number;
  revenue: number;
  totals: CodeTotals;
}

/** Takes one order out, with its refunds, as if it had never been logged; null when the code has no such order. */
export async function removeOrder(db: Db, code: CodeOwner, orderId: string): Promise<Removed | null> {
  const standing = await findOrder(db, code.id, orderId);
  if (!standing) return null;
  return removeRows(db, code, [standing.order, ...standing.refunds]);
}

/** Takes out the day's totals logged without an order id (orders with ids and refunds stay); null when there are none. */
export async function removeDayTotals(db: Db, code: CodeOwner, day: string): Promise<Removed | null> {
  const rows = await db.redemption.findMany({ where: { codeId: code.id, day, orderId: null, refundOfId: null }, orderBy: { id: "asc" } });
  if (rows.length === 0) return null;
  return removeRows(db, code, rows);
}

/** Takes out every order and refund of the code (a code removed with them); null when it has none. */
export async function removeAllOf(db: Db, code: CodeOwner): Promise<Removed | null> {
  const rows = await db.redemption.findMany({ where: { codeId: code.id }, orderBy: { id: "asc" } });
  if (rows.length === 0) return null;
  return removeRows(db, code, rows);
}

async function removeRows(db: Db, code: CodeOwner, rows: Redemption[]): Promise<Removed> {
  // Refunds first would not matter: one statement deletes them all (and refunds go with their order anyway).
  await db.redemption.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
  const byDay = new Map<string, CodeTotals>();
  for (const r of rows) {
    const day = byDay.get(r.day) ?? { orders: 0, revenue: 0 };
    byDay.set(r.day, { orders: day.orders + r.orders, revenue: day.revenue + r.revenue });
  }
  for (const [day, sum] of byDay) {
    await takeFromSalesDay(db, { workspaceId: code.workspaceId, campaignId: code.campaignId, creatorId: code.creatorId, day, ...sum });
  }
  const orders = rows.reduce((s, r) => s + r.orders, 0);
  const revenue = rows.reduce((s, r) => s + r.revenue, 0);
  const totals = await db.code.update({ where: { id: code.id }, data: { orders: { decrement: orders }, revenue: { decrement: revenue } }, select: { orders: true, revenue: true } });
  return { rows, orders, revenue, totals };
}

/** Adds rows to the creator's days and the code's totals, each in one statement, so rows logged at once all count. */
async function addToTotals(db: Db, code: CodeOwner, rows: Redemption[]): Promise<CodeTotals> {
  for (const r of rows) {
    await addToSalesDay(db, { workspaceId: code.workspaceId, campaignId: code.campaignId, creatorId: code.creatorId, day: r.day, orders: r.orders, revenue: r.revenue });
  }
  const orders = rows.reduce((s, r) => s + r.orders, 0);
  const revenue = rows.reduce((s, r) => s + r.revenue, 0);
  return db.code.update({ where: { id: code.id }, data: { orders: { increment: orders }, revenue: { increment: revenue } }, select: { orders: true, revenue: true } });
}
