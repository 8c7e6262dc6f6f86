-- AlterTable
ALTER TABLE "Post" ADD COLUMN "reviewMessageRef" TEXT;

