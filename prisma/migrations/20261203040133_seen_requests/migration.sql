-- CreateTable
CREATE TABLE "SeenRequest" (
    "fingerprint" TEXT NOT NULL PRIMARY KEY,
    "seenAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "SeenRequest_seenAt_idx" ON "SeenRequest"("seenAt");

