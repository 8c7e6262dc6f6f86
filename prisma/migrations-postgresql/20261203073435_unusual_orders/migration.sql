-- AlterTable
ALTER TABLE "Redemption" ADD COLUMN     "unusual" TEXT;

