-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN "alertsChannelId" TEXT;

-- AlterTable
ALTER TABLE "ShopOrder" ADD COLUMN "placedAt" DATETIME;

-- CreateTable
CREATE TABLE "OrderAlert" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "codeId" INTEGER,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "spikeHour" TEXT,
    "createdAt" DATETIME NOT NULL,
    "batchId" INTEGER,
    CONSTRAINT "OrderAlert_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OrderAlert_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "AlertBatch" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertBatch" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "campaignId" INTEGER NOT NULL,
    "minute" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "leaseUntil" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "error" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "AlertBatch_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "OrderAlert_campaignId_batchId_idx" ON "OrderAlert"("campaignId", "batchId");

-- CreateIndex
CREATE INDEX "OrderAlert_codeId_kind_createdAt_idx" ON "OrderAlert"("codeId", "kind", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "OrderAlert_codeId_spikeHour_key" ON "OrderAlert"("codeId", "spikeHour");

-- CreateIndex
CREATE INDEX "AlertBatch_status_leaseUntil_idx" ON "AlertBatch"("status", "leaseUntil");

-- CreateIndex
CREATE UNIQUE INDEX "AlertBatch_campaignId_minute_key" ON "AlertBatch"("campaignId", "minute");

-- CreateIndex
CREATE INDEX "ShopOrder_codeId_placedAt_idx" ON "ShopOrder"("codeId", "placedAt");

