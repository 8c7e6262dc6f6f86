-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN "remindDays" INTEGER DEFAULT 2;
ALTER TABLE "Campaign" ADD COLUMN "ghostDays" INTEGER DEFAULT 7;

-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN "pausedAt" DATETIME;
ALTER TABLE "Enrolment" ADD COLUMN "ghostedAt" DATETIME;
ALTER TABLE "Enrolment" ADD COLUMN "waveStartedAt" DATETIME;

-- CreateTable
CREATE TABLE "ReminderRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "enrolmentId" INTEGER NOT NULL,
    "occasion" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "sentTo" TEXT,
    "claimedBy" TEXT,
    "leaseUntil" DATETIME,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" DATETIME,
    CONSTRAINT "ReminderRun_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ReminderRun_status_idx" ON "ReminderRun"("status");

-- CreateIndex
CREATE INDEX "ReminderRun_workspaceId_createdAt_idx" ON "ReminderRun"("workspaceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderRun_enrolmentId_occasion_key" ON "ReminderRun"("enrolmentId", "occasion");

