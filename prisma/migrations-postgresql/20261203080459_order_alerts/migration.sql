-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "alertsChannelId" TEXT;

-- AlterTable
ALTER TABLE "ShopOrder" ADD COLUMN     "placedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "OrderAlert" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "codeId" INTEGER,
    "kind" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "spikeHour" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL,
    "batchId" INTEGER,

    CONSTRAINT "OrderAlert_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AlertBatch" (
    "id" SERIAL NOT NULL,
    "campaignId" INTEGER NOT NULL,
    "minute" TEXT NOT NULL,
    "status" "DigestRunStatus" NOT NULL,
    "claimedBy" TEXT NOT NULL,
    "leaseUntil" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "AlertBatch_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "OrderAlert" ADD CONSTRAINT "OrderAlert_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "OrderAlert" ADD CONSTRAINT "OrderAlert_batchId_fkey" FOREIGN KEY ("batchId") REFERENCES "AlertBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AlertBatch" ADD CONSTRAINT "AlertBatch_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

