-- AlterTable: added at the end, no table rebuild (every row stays).
ALTER TABLE "Redemption" ADD COLUMN "externalId" TEXT;

-- AlterTable
ALTER TABLE "ShopOrder" ADD COLUMN "storeSales" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "Redemption_workspaceId_externalId_idx" ON "Redemption"("workspaceId", "externalId");
