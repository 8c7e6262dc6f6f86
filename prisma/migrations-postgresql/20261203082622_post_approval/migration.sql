-- CreateEnum
CREATE TYPE "PostReview" AS ENUM ('approved', 'pending', 'changes_requested');

-- AlterTable
ALTER TABLE "Campaign" ADD COLUMN     "approval" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "approvalDays" INTEGER NOT NULL DEFAULT 3,
ADD COLUMN     "reviewChannelId" TEXT;

-- AlterTable
ALTER TABLE "Post" ADD COLUMN     "autoClaimedBy" TEXT,
ADD COLUMN     "autoLeaseUntil" TIMESTAMP(3),
ADD COLUMN     "counts" BOOLEAN NOT NULL DEFAULT true,
ADD COLUMN     "decidedAt" TIMESTAMP(3),
ADD COLUMN     "decidedByName" TEXT,
ADD COLUMN     "decisionNote" TEXT,
ADD COLUMN     "draft" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "review" "PostReview" NOT NULL DEFAULT 'approved',
ADD COLUMN     "reviewDueAt" TIMESTAMP(3),
ADD COLUMN     "submitNote" TEXT,
ADD COLUMN     "submittedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Post_review_reviewDueAt_idx" ON "Post"("review", "reviewDueAt");

