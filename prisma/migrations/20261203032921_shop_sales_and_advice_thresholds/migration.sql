-- CreateTable
CREATE TABLE "ShopSalesDay" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "orders" INTEGER NOT NULL,
    "revenue" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ShopSalesDay_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ShopSalesDay_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- AlterTable (columns added in place: a rebuilt "Workspace" table would be dropped inside the
-- migration's transaction, where foreign_keys cannot be turned off, and its DROP would cascade
-- to every row of the workspace)
ALTER TABLE "Workspace" ADD COLUMN "adviceMinOrders" INTEGER NOT NULL DEFAULT 5;
ALTER TABLE "Workspace" ADD COLUMN "adviceMinViews" INTEGER NOT NULL DEFAULT 1000;
ALTER TABLE "Workspace" ADD COLUMN "adviceGraceHours" INTEGER NOT NULL DEFAULT 48;

-- CreateIndex
CREATE INDEX "ShopSalesDay_workspaceId_idx" ON "ShopSalesDay"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "ShopSalesDay_campaignId_day_key" ON "ShopSalesDay"("campaignId", "day");

