-- AlterTable
ALTER TABLE "Redemption" ADD COLUMN     "refundOfId" INTEGER;

-- AlterTable
ALTER TABLE "Activity" ADD COLUMN     "campaignId" INTEGER;

-- CreateIndex
CREATE INDEX "Redemption_refundOfId_idx" ON "Redemption"("refundOfId");

-- CreateIndex
CREATE INDEX "Activity_workspaceId_campaignId_createdAt_idx" ON "Activity"("workspaceId", "campaignId", "createdAt");

-- CreateIndex
CREATE INDEX "Activity_workspaceId_memberId_createdAt_idx" ON "Activity"("workspaceId", "memberId", "createdAt");

-- AddForeignKey
ALTER TABLE "Redemption" ADD CONSTRAINT "Redemption_refundOfId_fkey" FOREIGN KEY ("refundOfId") REFERENCES "Redemption"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Activity" ADD CONSTRAINT "Activity_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;


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
