-- A stored webhook's body moves to a table of its own, ShopWebhookBody, by the shop and webhook id
-- of its ShopWebhook: the worker's claim (received → processed) then rewrites a small row, not the
-- body of some 10 KB (docs/performance.md, the flash sale). The bodies are copied before the
-- column is dropped. Nothing references ShopWebhook, so rebuilding it deletes nothing else.

-- CreateTable
CREATE TABLE "ShopWebhookBody" (
    "shopId" INTEGER NOT NULL,
    "webhookId" TEXT NOT NULL,
    "body" TEXT NOT NULL,

    PRIMARY KEY ("shopId", "webhookId"),
    CONSTRAINT "ShopWebhookBody_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- The bodies stored so far
INSERT INTO "ShopWebhookBody" ("shopId", "webhookId", "body") SELECT "shopId", "webhookId", "body" FROM "ShopWebhook";

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ShopWebhook" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "shopId" INTEGER NOT NULL,
    "webhookId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'received',
    "error" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME,
    CONSTRAINT "ShopWebhook_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ShopWebhook" ("error", "id", "processedAt", "receivedAt", "shopId", "state", "topic", "webhookId", "workspaceId") SELECT "error", "id", "processedAt", "receivedAt", "shopId", "state", "topic", "webhookId", "workspaceId" FROM "ShopWebhook";
DROP TABLE "ShopWebhook";
ALTER TABLE "new_ShopWebhook" RENAME TO "ShopWebhook";
CREATE INDEX "ShopWebhook_state_id_idx" ON "ShopWebhook"("state", "id");
CREATE UNIQUE INDEX "ShopWebhook_shopId_webhookId_key" ON "ShopWebhook"("shopId", "webhookId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

