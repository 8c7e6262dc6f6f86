-- CreateTable
CREATE TABLE "Payment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "creatorId" INTEGER NOT NULL,
    "campaignId" INTEGER,
    "amount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "refKey" TEXT NOT NULL,
    "day" TEXT NOT NULL,
    "recordedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Payment_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Payment_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Payment_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Payment_recordedById_fkey" FOREIGN KEY ("recordedById") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- Hand-written: adds the columns in place (the generated SQL rebuilt the Enrolment table, which
-- Post and Code reference with ON DELETE CASCADE).
ALTER TABLE "Enrolment" ADD COLUMN "feeCash" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Enrolment" ADD COLUMN "productCash" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Enrolment" ADD COLUMN "commissionCash" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Enrolment" ADD COLUMN "perOrderCash" BOOLEAN NOT NULL DEFAULT true;

-- CreateIndex
CREATE INDEX "Payment_workspaceId_creatorId_idx" ON "Payment"("workspaceId", "creatorId");

-- CreateIndex
CREATE INDEX "Payment_campaignId_idx" ON "Payment"("campaignId");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_workspaceId_refKey_key" ON "Payment"("workspaceId", "refKey");

