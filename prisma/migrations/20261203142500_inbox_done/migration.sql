-- CreateTable
CREATE TABLE "InboxDone" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "doneAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "InboxDone_doneAt_idx" ON "InboxDone"("doneAt");

