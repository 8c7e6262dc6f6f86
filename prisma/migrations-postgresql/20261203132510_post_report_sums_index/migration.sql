-- CreateIndex
CREATE INDEX "Post_report_sums_idx" ON "Post"("campaignId", "creatorId", "enrolmentId", "counts", "postedDay", "postedAt", "accountId", "disclosed", "views", "likes", "comments", "shares", "saves", "clicks");

