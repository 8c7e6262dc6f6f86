-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Redemption" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "creatorId" INTEGER NOT NULL,
    "codeId" INTEGER NOT NULL,
    "orderId" TEXT,
    "orders" INTEGER NOT NULL DEFAULT 1,
    "revenue" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "refundOfId" INTEGER,
    CONSTRAINT "Redemption_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Redemption_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Redemption_codeId_fkey" FOREIGN KEY ("codeId") REFERENCES "Code" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Redemption_refundOfId_fkey" FOREIGN KEY ("refundOfId") REFERENCES "Redemption" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Redemption" ("campaignId", "codeId", "createdAt", "createdById", "creatorId", "day", "id", "orderId", "orders", "revenue", "workspaceId") SELECT "campaignId", "codeId", "createdAt", "createdById", "creatorId", "day", "id", "orderId", "orders", "revenue", "workspaceId" FROM "Redemption";
DROP TABLE "Redemption";
ALTER TABLE "new_Redemption" RENAME TO "Redemption";
CREATE INDEX "Redemption_refundOfId_idx" ON "Redemption"("refundOfId");
CREATE INDEX "Redemption_campaignId_day_creatorId_orders_revenue_idx" ON "Redemption"("campaignId", "day", "creatorId", "orders", "revenue");
CREATE INDEX "Redemption_campaignId_creatorId_day_orders_revenue_idx" ON "Redemption"("campaignId", "creatorId", "day", "orders", "revenue");
CREATE UNIQUE INDEX "Redemption_codeId_orderId_key" ON "Redemption"("codeId", "orderId");
CREATE TABLE "new_Activity" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "memberId" INTEGER,
    "command" TEXT NOT NULL,
    "summary" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "campaignId" INTEGER,
    CONSTRAINT "Activity_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Activity_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Activity_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Activity" ("command", "createdAt", "id", "memberId", "summary", "workspaceId") SELECT "command", "createdAt", "id", "memberId", "summary", "workspaceId" FROM "Activity";
DROP TABLE "Activity";
ALTER TABLE "new_Activity" RENAME TO "Activity";
CREATE INDEX "Activity_workspaceId_createdAt_idx" ON "Activity"("workspaceId", "createdAt");
CREATE INDEX "Activity_workspaceId_campaignId_createdAt_idx" ON "Activity"("workspaceId", "campaignId", "createdAt");
CREATE INDEX "Activity_workspaceId_memberId_createdAt_idx" ON "Activity"("workspaceId", "memberId", "createdAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- Data: order ids compare as people mean them, "#1001" is order 1001 (normaliseOrderId in
-- src/domain/codes.ts: leading "#" and spaces go). An order a code counted under both spellings
-- keeps its first count; each later count is removed, and the activity log says so.
INSERT INTO "Activity" ("workspaceId", "memberId", "command", "summary", "campaignId")
SELECT r."workspaceId", NULL, 'migration',
    'Order ' || r."orderId" || ' of ' || COALESCE(c."code", '?') || ' on ' || r."day" || ' was order ' || k."orderId" || ' (counted on ' || k."day" || ') counted twice: this second count was removed',
    r."campaignId"
FROM "Redemption" r
JOIN "Code" c ON c."id" = r."codeId"
JOIN "Redemption" k ON k."codeId" = r."codeId" AND k."id" < r."id" AND ltrim(k."orderId", '# ') = ltrim(r."orderId", '# ')
WHERE r."orderId" IS NOT NULL
    AND NOT EXISTS (SELECT 1 FROM "Redemption" e WHERE e."codeId" = r."codeId" AND e."id" < k."id" AND ltrim(e."orderId", '# ') = ltrim(r."orderId", '# '));

DELETE FROM "Redemption"
WHERE "orderId" IS NOT NULL
    AND EXISTS (SELECT 1 FROM "Redemption" k WHERE k."codeId" = "Redemption"."codeId" AND k."id" < "Redemption"."id" AND ltrim(k."orderId", '# ') = ltrim("Redemption"."orderId", '# '));

UPDATE "Redemption" SET "orderId" = ltrim("orderId", '# ') WHERE "orderId" <> ltrim("orderId", '# ');

-- The running totals, added up again from the orders that remain (as src/db/sales-days.ts and
-- src/db/code-totals.ts rebuild them).
DELETE FROM "SalesDay";
INSERT INTO "SalesDay" ("workspaceId", "campaignId", "creatorId", "day", "orders", "revenue")
SELECT "workspaceId", "campaignId", "creatorId", "day", SUM("orders"), SUM("revenue")
FROM "Redemption"
GROUP BY "workspaceId", "campaignId", "creatorId", "day";
UPDATE "Code" SET
    "orders" = COALESCE((SELECT SUM(r."orders") FROM "Redemption" r WHERE r."codeId" = "Code"."id"), 0),
    "revenue" = COALESCE((SELECT SUM(r."revenue") FROM "Redemption" r WHERE r."codeId" = "Code"."id"), 0);
