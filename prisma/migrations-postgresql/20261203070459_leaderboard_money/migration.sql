-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "leaderboardMoneyHidden" BOOLEAN NOT NULL DEFAULT false;

