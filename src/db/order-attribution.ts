// What the shop worker reads to attribute a batch of orders, in raw SQL, a statement for the whole
// batch each (Prisma's query planning cost a millisecond or more per query; docs/performance.md,
// the flash sale): the batch's shops with their campaigns, the workspace's codes and tracking
// links the orders name, which of those orders their codes count already, the campaigns' latest
// orders, and the shop orders already stored. The same SQL on SQLite and PostgreSQL.

import { Prisma } from "../generated/prisma/client.ts";
import type { ShopOrder } from "../generated/prisma/client.ts";
import type { CampaignStatus } from "../generated/prisma/enums.ts";
import type { Db } from "./client.ts";
import { RECENT_ORDER_ROWS } from "./recent-orders.ts";
import { execute, queryRows } from "./raw.ts";

export interface ShopWithCampaigns {
  id: number;
  workspaceId: number;
  kind: string;
  currency: string;
  timeZone: string;
  numberStyle: string | null;
  /** The campaigns the shop is linked to, with their currencies. */
  campaigns: Array<{ id: number; currency: string }>;
}

export async function shopsWithCampaigns(db: Db, shopIds: readonly number[]): Promise<ShopWithCampaigns[]> {
  if (shopIds.length === 0) return [];
  const ids = Prisma.join(shopIds);
  const shops = await queryRows<Omit<ShopWithCampaigns, "campaigns">>(db, Prisma.sql`
    SELECT s."id", s."workspaceId", s."kind", s."currency", w."timeZone", w."numberStyle"
    FROM "Shop" s JOIN "Workspace" w ON w."id" = s."workspaceId" WHERE s."id" IN (${ids})`);
  const links = await queryRows<{ shopId: number; id: number; currency: string }>(db, Prisma.sql`
    SELECT sc."shopId", c."id", c."currency" FROM "ShopCampaign" sc JOIN "Campaign" c ON c."id" = sc."campaignId"
    WHERE sc."shopId" IN (${ids}) ORDER BY sc."id"`);
  return shops.map((shop) => ({ ...shop, campaigns: links.filter((l) => l.shopId === shop.id).map(({ id, currency }) => ({ id, currency })) }));
}

/** A code or tracking link with what an order is checked against: its campaign's currency, dates and status, its creator. */
export interface AttributableCode {
  id: number;
  workspaceId: number;
  campaignId: number;
  creatorId: number;
  /** Upper case; null for a tracking link. */
  code: string | null;
  campaign: { id: number; currency: string; status: CampaignStatus; startDate: string | null; endDate: string | null; slug: string };
  creator: { handle: string; handleKey: string };
}

type CodeRow = Omit<AttributableCode, "campaign" | "creator"> & {
  currency: string;
  status: CampaignStatus;
  startDate: string | null;
  endDate: string | null;
  slug: string;
  handle: string;
  handleKey: string;
};

const SELECT_CODE = Prisma.sql`
  SELECT c."id", c."workspaceId", c."campaignId", c."creatorId", c."code",
         ca."currency", ca."status", ca."startDate", ca."endDate", ca."slug", cr."handle", cr."handleKey"
  FROM "Code" c JOIN "Campaign" ca ON ca."id" = c."campaignId" JOIN "Creator" cr ON cr."id" = c."creatorId"`;

const attributable = ({ currency, status, startDate, endDate, slug, handle, handleKey, ...code }: CodeRow): AttributableCode => ({
  ...code,
  campaign: { id: code.campaignId, currency, status, startDate, endDate, slug },
  creator: { handle, handleKey },
});

/** The discount codes (normalised, upper case) of these workspaces among `codes`. */
export async function codesNamed(db: Db, workspaceIds: readonly number[], codes: readonly string[]): Promise<AttributableCode[]> {
  if (workspaceIds.length === 0 || codes.length === 0) return [];
  const rows = await queryRows<CodeRow>(db, Prisma.sql`${SELECT_CODE}
    WHERE c."workspaceId" IN (${Prisma.join(workspaceIds)}) AND c."kind" = 'code' AND c."code" IN (${Prisma.join(codes)})`);
  return rows.map(attributable);
}

/** The tracking links of these workspaces whose campaign slug and creator handle key (both lower case) are among those given, oldest first. */
export async function linksNamed(db: Db, workspaceIds: readonly number[], slugs: readonly string[], handleKeys: readonly string[]): Promise<AttributableCode[]> {
  if (workspaceIds.length === 0 || slugs.length === 0 || handleKeys.length === 0) return [];
  const rows = await queryRows<CodeRow>(db, Prisma.sql`${SELECT_CODE}
    WHERE c."workspaceId" IN (${Prisma.join(workspaceIds)}) AND c."kind" = 'link'
      AND ca."slug" IN (${Prisma.join(slugs)}) AND cr."handleKey" IN (${Prisma.join(handleKeys)})
    ORDER BY c."id"`);
  return rows.map(attributable);
}

/** Which of the (code, order id) pairs a Redemption counts already, as `<codeId> <orderId>`. */
export async function countedOrders(db: Db, pairs: ReadonlyArray<{ codeId: number; orderId: string }>): Promise<Set<string>> {
  if (pairs.length === 0) return new Set();
  const rows = await queryRows<{ codeId: number; orderId: string }>(db, Prisma.sql`
    SELECT "codeId", "orderId" FROM "Redemption"
    WHERE "codeId" IN (${Prisma.join([...new Set(pairs.map((p) => p.codeId))])}) AND "orderId" IN (${Prisma.join([...new Set(pairs.map((p) => p.orderId))])})`);
  return new Set(rows.map((r) => `${r.codeId} ${r.orderId}`));
}

/** A campaign's latest order rows as recentOrders reads them (refunds left out; latest day, then id, first). */
export function latestOrderRows(db: Db, campaignId: number): Promise<Array<{ day: string; id: number; orders: number; revenue: number }>> {
  return queryRows(db, Prisma.sql`
    SELECT "day", "id", "orders", "revenue" FROM "Redemption" WHERE "campaignId" = ${campaignId} AND "refundOfId" IS NULL
    ORDER BY "day" DESC, "id" DESC LIMIT ${RECENT_ORDER_ROWS}`);
}

/** The shops' orders with any of these order ids or shop ids (`externalIds`), oldest first. */
export async function shopOrdersNamed(db: Db, shopIds: readonly number[], orderIds: readonly string[], externalIds: readonly string[]): Promise<ShopOrder[]> {
  if (shopIds.length === 0 || (orderIds.length === 0 && externalIds.length === 0)) return [];
  const named = [
    ...(orderIds.length > 0 ? [Prisma.sql`"orderId" IN (${Prisma.join(orderIds)})`] : []),
    ...(externalIds.length > 0 ? [Prisma.sql`"externalId" IN (${Prisma.join(externalIds)})`] : []),
  ];
  return queryRows<ShopOrder>(
    db,
    Prisma.sql`SELECT * FROM "ShopOrder" WHERE "shopId" IN (${Prisma.join(shopIds)}) AND (${Prisma.join(named, " OR ")}) ORDER BY "id"`,
    { booleans: ["foreignCurrency", "reversedOrder", "cancelled"], dates: ["createdAt", "updatedAt", "placedAt"] },
  );
}

export interface NewShopOrder {
  workspaceId: number;
  shopId: number;
  orderId: string;
  externalId: string;
  attribution: "code" | "link" | "store" | "ignored";
  codeId: number | null;
  campaignId: number | null;
  creatorId: number | null;
  currency: string;
  foreignCurrency: boolean;
  revenue: number;
  day: string;
  placedAt: Date;
}

const ATTRIBUTIONS = new Set<NewShopOrder["attribution"]>(["code", "link", "store", "ignored"]);

/** Inserts new shop orders in one statement (none of them stored yet). */
export async function insertShopOrders(db: Db, orders: readonly NewShopOrder[], now: Date): Promise<void> {
  if (orders.length === 0) return;
  const values = orders.map((o) => {
    if (!ATTRIBUTIONS.has(o.attribution)) throw new Error(`not an attribution: ${o.attribution}`);
    // The attribution is a literal of a closed set: PostgreSQL takes it for its enum column, a parameter it would not.
    return Prisma.sql`(${o.workspaceId}, ${o.shopId}, ${o.orderId}, ${o.externalId}, ${Prisma.raw(`'${o.attribution}'`)}, ${o.codeId}, ${o.campaignId}, ${o.creatorId},
      ${o.currency}, ${o.foreignCurrency}, ${o.revenue}, ${o.day}, ${o.placedAt}, ${now}, ${now})`;
  });
  await execute(db, Prisma.sql`
    INSERT INTO "ShopOrder" ("workspaceId", "shopId", "orderId", "externalId", "attribution", "codeId", "campaignId", "creatorId",
      "currency", "foreignCurrency", "revenue", "day", "placedAt", "createdAt", "updatedAt")
    VALUES ${Prisma.join(values)}`);
}

/** Which of these campaigns have an alerts channel (their counted orders queue an alert line). */
export async function campaignsWithAlerts(db: Db, campaignIds: readonly number[]): Promise<Set<number>> {
  if (campaignIds.length === 0) return new Set();
  const rows = await queryRows<{ id: number }>(db, Prisma.sql`SELECT "id" FROM "Campaign" WHERE "id" IN (${Prisma.join(campaignIds)}) AND "alertsChannelId" IS NOT NULL`);
  return new Set(rows.map((r) => r.id));
}
