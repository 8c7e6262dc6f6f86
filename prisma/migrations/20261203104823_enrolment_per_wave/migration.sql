-- One enrolment per creator, campaign and wave (issue 23): /campaign next-wave enrols a creator
-- again in the next wave instead of moving their enrolment there. Only the unique index changes;
-- no table is rebuilt, so no row of "Enrolment" or of a table referencing it (posts, codes,
-- reminder runs) is touched.

-- DropIndex
DROP INDEX "Enrolment_campaignId_creatorId_key";

-- CreateIndex
CREATE UNIQUE INDEX "Enrolment_campaignId_creatorId_wave_key" ON "Enrolment"("campaignId", "creatorId", "wave");
