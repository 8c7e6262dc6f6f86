-- CreateTable
CREATE TABLE "Shop" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "domain" TEXT NOT NULL,
    "brand" TEXT,
    "currency" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Shop_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ShopCampaign" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "shopId" INTEGER NOT NULL,
    "campaignId" INTEGER NOT NULL,
    CONSTRAINT "ShopCampaign_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ShopCampaign_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ShopWebhook" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "shopId" INTEGER NOT NULL,
    "webhookId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "state" TEXT NOT NULL DEFAULT 'received',
    "error" TEXT,
    "receivedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" DATETIME,
    CONSTRAINT "ShopWebhook_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ShopOrder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "shopId" INTEGER NOT NULL,
    "orderId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "attribution" TEXT NOT NULL,
    "codeId" INTEGER,
    "campaignId" INTEGER,
    "creatorId" INTEGER,
    "currency" TEXT NOT NULL,
    "foreignCurrency" BOOLEAN NOT NULL DEFAULT false,
    "revenue" INTEGER NOT NULL,
    "day" TEXT NOT NULL,
    "reversedRevenue" INTEGER NOT NULL DEFAULT 0,
    "reversedOrder" BOOLEAN NOT NULL DEFAULT false,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "refundIds" TEXT NOT NULL DEFAULT '',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ShopOrder_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ShopOrder_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Shop_token_key" ON "Shop"("token");

-- CreateIndex
CREATE UNIQUE INDEX "Shop_workspaceId_kind_domain_key" ON "Shop"("workspaceId", "kind", "domain");

-- CreateIndex
CREATE INDEX "ShopCampaign_campaignId_idx" ON "ShopCampaign"("campaignId");

-- CreateIndex
CREATE UNIQUE INDEX "ShopCampaign_shopId_campaignId_key" ON "ShopCampaign"("shopId", "campaignId");

-- CreateIndex
CREATE INDEX "ShopWebhook_state_id_idx" ON "ShopWebhook"("state", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ShopWebhook_shopId_webhookId_key" ON "ShopWebhook"("shopId", "webhookId");

-- CreateIndex
CREATE INDEX "ShopOrder_shopId_externalId_idx" ON "ShopOrder"("shopId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ShopOrder_shopId_orderId_key" ON "ShopOrder"("shopId", "orderId");

