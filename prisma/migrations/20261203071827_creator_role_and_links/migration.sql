-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN "creatorRoleId" TEXT;

-- AlterTable
ALTER TABLE "InboxCommand" ADD COLUMN "platformRoles" TEXT;

-- CreateTable
CREATE TABLE "CreatorLink" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "creatorId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CreatorLink_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CreatorLink_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CreatorLink_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CreatorClaim" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "memberId" INTEGER NOT NULL,
    "creatorId" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "CreatorClaim_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CreatorClaim_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CreatorClaim_creatorId_fkey" FOREIGN KEY ("creatorId") REFERENCES "Creator" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CreatorLink_memberId_key" ON "CreatorLink"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "CreatorLink_creatorId_key" ON "CreatorLink"("creatorId");

-- CreateIndex
CREATE INDEX "CreatorLink_workspaceId_idx" ON "CreatorLink"("workspaceId");

-- CreateIndex
CREATE UNIQUE INDEX "CreatorClaim_memberId_key" ON "CreatorClaim"("memberId");

-- CreateIndex
CREATE INDEX "CreatorClaim_workspaceId_idx" ON "CreatorClaim"("workspaceId");

-- CreateIndex
CREATE INDEX "CreatorClaim_creatorId_idx" ON "CreatorClaim"("creatorId");

