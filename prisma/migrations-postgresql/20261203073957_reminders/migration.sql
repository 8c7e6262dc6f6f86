-- CreateEnum
CREATE TYPE "ReminderStatus" AS ENUM ('queued', 'claimed', 'sent', 'skipped', 'failed');

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "ghostDays" INTEGER DEFAULT 7,
ADD COLUMN     "remindDays" INTEGER DEFAULT 2;

-- AlterTable
ALTER TABLE "Enrolment" ADD COLUMN     "ghostedAt" TIMESTAMP(3),
ADD COLUMN     "pausedAt" TIMESTAMP(3),
ADD COLUMN     "waveStartedAt" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "ReminderRun" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "enrolmentId" INTEGER NOT NULL,
    "occasion" TEXT NOT NULL,
    "status" "ReminderStatus" NOT NULL,
    "sentTo" TEXT,
    "claimedBy" TEXT,
    "leaseUntil" TIMESTAMP(3),
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "error" TEXT,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ReminderRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReminderRun_status_idx" ON "ReminderRun"("status");

-- CreateIndex
CREATE INDEX "ReminderRun_workspaceId_createdAt_idx" ON "ReminderRun"("workspaceId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderRun_enrolmentId_occasion_key" ON "ReminderRun"("enrolmentId", "occasion");

-- AddForeignKey
ALTER TABLE "ReminderRun" ADD CONSTRAINT "ReminderRun_enrolmentId_fkey" FOREIGN KEY ("enrolmentId") REFERENCES "Enrolment"("id") ON DELETE CASCADE ON UPDATE CASCADE;

