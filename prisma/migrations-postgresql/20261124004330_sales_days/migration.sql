-- CreateTable
CREATE TABLE "SalesDay" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "creatorId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "orders" INTEGER NOT NULL DEFAULT 0,
    "revenue" INTEGER NOT NULL DEFAULT 0,

    CONSTRAINT "SalesDay_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "SalesDay_campaignId_creatorId_day_orders_revenue_idx" ON "SalesDay"("campaignId", "creatorId", "day", "orders", "revenue");

-- CreateIndex
CREATE INDEX "SalesDay_campaignId_day_creatorId_orders_revenue_idx" ON "SalesDay"("campaignId", "day", "creatorId", "orders", "revenue");

-- CreateIndex
CREATE INDEX "SalesDay_creatorId_idx" ON "SalesDay"("creatorId");

-- CreateIndex
CREATE UNIQUE INDEX "SalesDay_campaignId_creatorId_day_key" ON "SalesDay"("campaignId", "creatorId", "day");

-- AddForeignKey
ALTER TABLE "SalesDay" ADD CONSTRAINT "SalesDay_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesDay" ADD CONSTRAINT "SalesDay_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SalesDay" ADD CONSTRAINT "SalesDay_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE CASCADE ON UPDATE CASCADE;


-- Backfill: the orders logged so far, added up per creator and day (as /code redeem now does as it logs each one)
INSERT INTO "SalesDay" ("workspaceId", "campaignId", "creatorId", "day", "orders", "revenue")
SELECT "workspaceId", "campaignId", "creatorId", "day", SUM("orders"), SUM("revenue")
FROM "Redemption"
GROUP BY "workspaceId", "campaignId", "creatorId", "day";
