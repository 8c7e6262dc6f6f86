-- A stored webhook's body moves to a table of its own, ShopWebhookBody, by the shop and webhook id
-- of its ShopWebhook: the worker's claim (received → processed) then rewrites a small row, not the
-- body of some 10 KB (docs/performance.md, the flash sale). The bodies are copied before the
-- column is dropped.

-- CreateTable
CREATE TABLE "ShopWebhookBody" (
    "shopId" INTEGER NOT NULL,
    "webhookId" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    CONSTRAINT "ShopWebhookBody_pkey" PRIMARY KEY ("shopId","webhookId")
);

-- AddForeignKey
ALTER TABLE "ShopWebhookBody" ADD CONSTRAINT "ShopWebhookBody_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- The bodies stored so far
INSERT INTO "ShopWebhookBody" ("shopId", "webhookId", "body") SELECT "shopId", "webhookId", "body" FROM "ShopWebhook";

-- AlterTable
ALTER TABLE "ShopWebhook" DROP COLUMN "body";
