-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "adminGranted" BOOLEAN NOT NULL DEFAULT false;

