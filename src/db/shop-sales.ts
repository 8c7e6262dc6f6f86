// The shop's total sales per campaign day (ShopSalesDay): every order of the shop, not only those
// of the campaign's codes, so lift compares them with the baseline like with like. Typed with
// /campaign sales today; a shop's webhook can record them with the same function.

import { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "./client.ts";
import { execute } from "./raw.ts";

export interface ShopSales {
  workspaceId: number;
  campaignId: number;
  day: string;
  orders: number;
  /** Minor units, in the campaign's currency. */
  revenue: number;
}

/** Records a day's totals, replacing what was recorded for that day; returns what it replaced. */
export async function recordShopSalesDay(db: Db, sales: ShopSales, now: Date): Promise<{ orders: number; revenue: number } | null> {
  const where = { campaignId_day: { campaignId: sales.campaignId, day: sales.day } };
  const before = await db.shopSalesDay.findUnique({ where, select: { orders: true, revenue: true } });
  await db.shopSalesDay.upsert({
    where,
    create: { ...sales, createdAt: now, updatedAt: now },
    update: { orders: sales.orders, revenue: sales.revenue, updatedAt: now },
  });
  return before;
}

/** The recorded days of a campaign in a range, added up; `days` is how many days have a record. */
export async function shopSalesIn(db: Db, campaignId: number, range: { from: string; to: string }): Promise<{ days: number; orders: number; revenue: number }> {
  const sums = await db.shopSalesDay.aggregate({
    where: { campaignId, day: { gte: range.from, lte: range.to } },
    _count: { _all: true },
    _sum: { orders: true, revenue: true },
  });
  return { days: sums._count._all, orders: sums._sum.orders ?? 0, revenue: sums._sum.revenue ?? 0 };
}

/**
 * Adds to a day's totals (an order from a shop's webhook, or its reversal with negative numbers),
 * in one statement, so orders stored at the same moment all count. A day typed with
 * /campaign sales afterwards replaces the sum.
 */
export async function addToShopSalesDay(db: Db, sales: ShopSales, now: Date): Promise<void> {
  await execute(db, Prisma.sql`
    INSERT INTO "ShopSalesDay" ("workspaceId", "campaignId", "day", "orders", "revenue", "createdAt", "updatedAt")
    VALUES (${sales.workspaceId}, ${sales.campaignId}, ${sales.day}, ${sales.orders}, ${sales.revenue}, ${now}, ${now})
    ON CONFLICT ("campaignId", "day")
    DO UPDATE SET "orders" = "ShopSalesDay"."orders" + excluded."orders", "revenue" = "ShopSalesDay"."revenue" + excluded."revenue", "updatedAt" = excluded."updatedAt"`);
}
