-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "adviceGraceHours" INTEGER NOT NULL DEFAULT 48,
ADD COLUMN     "adviceMinOrders" INTEGER NOT NULL DEFAULT 5,
ADD COLUMN     "adviceMinViews" INTEGER NOT NULL DEFAULT 1000;

-- CreateTable
CREATE TABLE "ShopSalesDay" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenue" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopSalesDay_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ShopSalesDay_workspaceId_idx" ON "ShopSalesDay"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "ShopSalesDay_campaignId_day_key" ON "ShopSalesDay"("campaignId", "day");

-- AddForeignKey
ALTER TABLE "ShopSalesDay" ADD CONSTRAINT "ShopSalesDay_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShopSalesDay" ADD CONSTRAINT "ShopSalesDay_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

