-- CreateEnum
CREATE TYPE "InboxState" AS ENUM ('pending', 'running', 'done');

-- CreateTable
CREATE TABLE "InboxCommand" (
    "id" TEXT NOT NULL,
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
    "state" "InboxState" NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "leaseUntil" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "InboxCommand_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "InboxCommand_platform_leaseUntil_idx" ON "InboxCommand"("platform", "leaseUntil");

