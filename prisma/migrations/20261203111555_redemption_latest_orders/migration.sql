-- CreateIndex
CREATE INDEX "Redemption_campaignId_day_id_idx" ON "Redemption"("campaignId", "day", "id");

