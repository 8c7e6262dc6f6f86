-- AlterTable
ALTER TABLE "Workspace" ADD COLUMN     "numberStyle" TEXT NOT NULL DEFAULT '1,234.56';

