-- DropIndex
DROP INDEX "Redemption_campaignId_day_orders_revenue_idx";

-- CreateIndex
CREATE INDEX "Post_campaignId_creatorId_postedDay_idx" ON "Post"("campaignId", "creatorId", "postedDay");

-- CreateIndex
CREATE INDEX "Redemption_campaignId_day_creatorId_orders_revenue_idx" ON "Redemption"("campaignId", "day", "creatorId", "orders", "revenue");

