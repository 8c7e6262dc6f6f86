// Each creator's orders and revenue per day in a campaign (the SalesDay table): Redemption rows
// added up as they are logged, so reports and budgets sum days, not orders. Orders are the
// table that grows fastest; a creator's day holds any number of them.

import { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "./client.ts";
import { execute } from "./raw.ts";

export interface Sale {
  workspaceId: number;
  campaignId: number;
  creatorId: number;
  day: string;
  orders: number;
  revenue: number;
}

/** Adds a logged sale to its creator's day; call it in the transaction that stores the Redemption. */
export async function addToSalesDay(db: Db, sale: Sale): Promise<void> {
  // One statement, so two sales of the same day at once both count (SQLite and PostgreSQL alike).
  await db.$executeRaw`
    INSERT INTO "SalesDay" ("workspaceId", "campaignId", "creatorId", "day", "orders", "revenue")
    VALUES (${sale.workspaceId}, ${sale.campaignId}, ${sale.creatorId}, ${sale.day}, ${sale.orders}, ${sale.revenue})
    ON CONFLICT ("campaignId", "creatorId", "day")
    DO UPDATE SET "orders" = "SalesDay"."orders" + excluded."orders", "revenue" = "SalesDay"."revenue" + excluded."revenue"`;
}

/** Adds many sales, each to its creator's day, in one statement (no two of them the same campaign, creator and day). */
export async function addToSalesDays(db: Db, sales: readonly Sale[]): Promise<void> {
  if (sales.length === 0) return;
  const values = sales.map((s) => Prisma.sql`(${s.workspaceId}, ${s.campaignId}, ${s.creatorId}, ${s.day}, ${s.orders}, ${s.revenue})`);
  await execute(db, Prisma.sql`
    INSERT INTO "SalesDay" ("workspaceId", "campaignId", "creatorId", "day", "orders", "revenue")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("campaignId", "creatorId", "day")
    DO UPDATE SET "orders" = "SalesDay"."orders" + excluded."orders", "revenue" = "SalesDay"."revenue" + excluded."revenue"`);
}

/**
 * Takes removed Redemption rows out of their creator's day; a day left with no rows goes, so
 * reports and leak alerts do not see a day of nothing. Call it in the transaction that deletes them.
 */
export async function takeFromSalesDay(db: Db, sale: Sale): Promise<void> {
  await db.$executeRaw`
    UPDATE "SalesDay" SET "orders" = "orders" - ${sale.orders}, "revenue" = "revenue" - ${sale.revenue}
    WHERE "campaignId" = ${sale.campaignId} AND "creatorId" = ${sale.creatorId} AND "day" = ${sale.day}`;
  await db.$executeRaw`
    DELETE FROM "SalesDay"
    WHERE "campaignId" = ${sale.campaignId} AND "creatorId" = ${sale.creatorId} AND "day" = ${sale.day}
      AND NOT EXISTS (SELECT 1 FROM "Redemption" r WHERE r."campaignId" = ${sale.campaignId} AND r."creatorId" = ${sale.creatorId} AND r."day" = ${sale.day})`;
}

/** The SQL that adds up the Redemption rows of `campaignId` (or of every campaign) into SalesDay, for rows written in bulk. */
export function rebuildSalesDaysSql(campaignId?: number): Prisma.Sql {
  return Prisma.sql`
    INSERT INTO "SalesDay" ("workspaceId", "campaignId", "creatorId", "day", "orders", "revenue")
    SELECT "workspaceId", "campaignId", "creatorId", "day", SUM("orders"), SUM("revenue")
    FROM "Redemption"
    ${campaignId === undefined ? Prisma.empty : Prisma.sql`WHERE "campaignId" = ${campaignId}`}
    GROUP BY "workspaceId", "campaignId", "creatorId", "day"`;
}
