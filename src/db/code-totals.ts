// Each code's orders and revenue (the Code row's `orders` and `revenue`): its Redemption rows
// added up as /code redeem logs them, so listing codes reads codes, not orders.

import { Prisma } from "../generated/prisma/client.ts";

/** The SQL that sets the totals of `campaignId`'s codes from their Redemption rows, for rows written in bulk. */
export function rebuildCodeTotalsSql(campaignId: number): Prisma.Sql {
  return Prisma.sql`
    UPDATE "Code" SET
      "orders" = COALESCE((SELECT SUM(r."orders") FROM "Redemption" r WHERE r."codeId" = "Code"."id"), 0),
      "revenue" = COALESCE((SELECT SUM(r."revenue") FROM "Redemption" r WHERE r."codeId" = "Code"."id"), 0)
    WHERE "campaignId" = ${campaignId}`;
}
