-- CreateEnum
CREATE TYPE "ShopKind" AS ENUM ('shopify', 'woocommerce');

-- CreateEnum
CREATE TYPE "ShopWebhookState" AS ENUM ('received', 'processed', 'ignored', 'failed');

-- CreateEnum
CREATE TYPE "OrderAttribution" AS ENUM ('code', 'link', 'store', 'ignored');

-- CreateTable
CREATE TABLE "Shop" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "kind" "ShopKind" NOT NULL,
    "domain" TEXT NOT NULL,
    "brand" TEXT,
    "currency" TEXT NOT NULL,
    "secret" TEXT NOT NULL,
    "token" TEXT NOT NULL,
    "createdById" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Shop_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopCampaign" (
    "id" SERIAL NOT NULL,
    "shopId" INTEGER NOT NULL,
    "campaignId" INTEGER NOT NULL,

    CONSTRAINT "ShopCampaign_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopWebhook" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "shopId" INTEGER NOT NULL,
    "webhookId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    "body" TEXT NOT NULL,
    "state" "ShopWebhookState" NOT NULL DEFAULT 'received',
    "error" TEXT,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "processedAt" TIMESTAMP(3),

    CONSTRAINT "ShopWebhook_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ShopOrder" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "shopId" INTEGER NOT NULL,
    "orderId" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "attribution" "OrderAttribution" NOT NULL,
    "codeId" INTEGER,
    "campaignId" INTEGER,
    "creatorId" INTEGER,
    "currency" TEXT NOT NULL,
    "foreignCurrency" BOOLEAN NOT NULL DEFAULT false,
    "revenue" BIGINT NOT NULL,
    "day" TEXT NOT NULL,
    "reversedRevenue" BIGINT NOT NULL DEFAULT 0,
    "reversedOrder" BOOLEAN NOT NULL DEFAULT false,
    "cancelled" BOOLEAN NOT NULL DEFAULT false,
    "refundIds" TEXT NOT NULL DEFAULT '',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ShopOrder_pkey" PRIMARY KEY ("id")
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

-- AddForeignKey
ALTER TABLE "Shop" ADD CONSTRAINT "Shop_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShopCampaign" ADD CONSTRAINT "ShopCampaign_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShopCampaign" ADD CONSTRAINT "ShopCampaign_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "Campaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShopWebhook" ADD CONSTRAINT "ShopWebhook_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShopOrder" ADD CONSTRAINT "ShopOrder_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ShopOrder" ADD CONSTRAINT "ShopOrder_shopId_fkey" FOREIGN KEY ("shopId") REFERENCES "Shop"("id") ON DELETE CASCADE ON UPDATE CASCADE;

