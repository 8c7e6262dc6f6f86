-- DropIndex
DROP INDEX "Redemption_campaignId_day_idx";

-- DropIndex
DROP INDEX "Redemption_campaignId_creatorId_day_idx";

-- CreateIndex
CREATE INDEX "Post_enrolmentId_idx" ON "Post"("enrolmentId");

-- CreateIndex
CREATE INDEX "Redemption_campaignId_day_orders_revenue_idx" ON "Redemption"("campaignId", "day", "orders", "revenue");

-- CreateIndex
CREATE INDEX "Redemption_campaignId_creatorId_day_orders_revenue_idx" ON "Redemption"("campaignId", "creatorId", "day", "orders", "revenue");

