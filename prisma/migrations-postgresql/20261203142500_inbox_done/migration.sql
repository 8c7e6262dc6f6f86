-- CreateTable
CREATE TABLE "InboxDone" (
    "id" TEXT NOT NULL,
    "doneAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboxDone_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InboxDone_doneAt_idx" ON "InboxDone"("doneAt");

