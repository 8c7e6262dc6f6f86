-- Content approval (docs/approval.md): columns added at the end, no table rebuilt.
ALTER TABLE "Campaign" ADD COLUMN "approval" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Campaign" ADD COLUMN "reviewChannelId" TEXT;
ALTER TABLE "Campaign" ADD COLUMN "approvalDays" INTEGER NOT NULL DEFAULT 3;

ALTER TABLE "Post" ADD COLUMN "counts" BOOLEAN NOT NULL DEFAULT true;
ALTER TABLE "Post" ADD COLUMN "review" TEXT NOT NULL DEFAULT 'approved';
ALTER TABLE "Post" ADD COLUMN "draft" BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE "Post" ADD COLUMN "submittedAt" DATETIME;
ALTER TABLE "Post" ADD COLUMN "submitNote" TEXT;
ALTER TABLE "Post" ADD COLUMN "reviewDueAt" DATETIME;
ALTER TABLE "Post" ADD COLUMN "decidedAt" DATETIME;
ALTER TABLE "Post" ADD COLUMN "decidedByName" TEXT;
ALTER TABLE "Post" ADD COLUMN "decisionNote" TEXT;
ALTER TABLE "Post" ADD COLUMN "autoClaimedBy" TEXT;
ALTER TABLE "Post" ADD COLUMN "autoLeaseUntil" DATETIME;

CREATE INDEX "Post_review_reviewDueAt_idx" ON "Post"("review", "reviewDueAt");
