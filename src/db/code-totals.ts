// Each code's orders and revenue (the Code row's `orders` and `revenue`): its Redemption rows
// added up as /code redeem logs them, so listing codes reads codes, not orders.

import { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "./client.ts";
import { execute } from "./raw.ts";

/** The SQL that sets the totals of `campaignId`'s codes from their Redemption rows, for rows written in bulk. */
export function rebuildCodeTotalsSql(campaignId: number): Prisma.Sql {
  return Prisma.sql`
    UPDATE "Code" SET
      "orders" = COALESCE((SELECT SUM(r."orders") FROM "Redemption" r WHERE r."codeId" = "Code"."id"), 0),
      "revenue" = COALESCE((SELECT SUM(r."revenue") FROM "Redemption" r WHERE r."codeId" = "Code"."id"), 0)
    WHERE "campaignId" = ${campaignId}`;
}

/** Adds to many codes' totals in one statement (each code once in `totals`). */
export async function addToCodeTotals(db: Db, totals: ReadonlyArray<{ codeId: number; orders: number; revenue: number }>): Promise<void> {
  if (totals.length === 0) return;
  // CAST: PostgreSQL types a CASE of parameters as text otherwise.
  const add = (pick: (t: (typeof totals)[number]) => number) =>
    Prisma.join(totals.map((t) => Prisma.sql`WHEN ${t.codeId} THEN CAST(${pick(t)} AS BIGINT)`), " ");
  await execute(db, Prisma.sql`
    UPDATE "Code" SET "orders" = "orders" + CASE "id" ${add((t) => t.orders)} END, "revenue" = "revenue" + CASE "id" ${add((t) => t.revenue)} END
    WHERE "id" IN (${Prisma.join(totals.map((t) => t.codeId))})`);
}
