-- AlterTable (columns added in place: a rebuilt "Code" table would be dropped inside the
-- migration's transaction, where foreign_keys cannot be turned off, and its DROP would cascade
-- to every Redemption)
ALTER TABLE "Code" ADD COLUMN "orders" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "Code" ADD COLUMN "revenue" INTEGER NOT NULL DEFAULT 0;

-- Backfill: each code's orders logged so far (as /code redeem now adds them as it logs each one)
UPDATE "Code" SET
    "orders" = COALESCE((SELECT SUM(r."orders") FROM "Redemption" r WHERE r."codeId" = "Code"."id"), 0),
    "revenue" = COALESCE((SELECT SUM(r."revenue") FROM "Redemption" r WHERE r."codeId" = "Code"."id"), 0);
