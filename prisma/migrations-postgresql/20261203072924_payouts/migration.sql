-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "commissionCash" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "feeCash" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "perOrderCash" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "productCash" BOOLEAN NOT NULL DEFAULT false;

-- CreateTable
CREATE TABLE "Payment" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "creatorId" INTEGER NOT NULL,
    "campaignId" INTEGER,
    "amount" BIGINT NOT NULL,
    "currency" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "refKey" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "recordedById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Payment_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Payment_workspaceId_creatorId_idx" ON "Payment"("workspaceId", "creatorId");

-- CreateIndex
CREATE INDEX "Payment_campaignId_idx" ON "Payment"("campaignId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_workspaceId_refKey_key" ON "Payment"("workspaceId", "refKey");

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

