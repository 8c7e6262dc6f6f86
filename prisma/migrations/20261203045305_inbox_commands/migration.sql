-- CreateTable
CREATE TABLE "InboxCommand" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "platform" TEXT NOT NULL,
    "workspaceExternalId" TEXT NOT NULL,
    "workspaceName" TEXT,
    "userExternalId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "platformAdmin" BOOLEAN,
    "channelId" TEXT,
    "line" TEXT NOT NULL,
    "command" TEXT,
    "action" TEXT,
    "options" TEXT,
    "replyTo" TEXT NOT NULL,
    "applicationId" TEXT,
    "state" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "InboxCommand_platform_leaseUntil_idx" ON "InboxCommand"("platform", "leaseUntil");

