// The stored shop webhooks (ShopWebhook) as the intake and the worker use them during a flash
// sale, in raw SQL: one statement for a group of webhooks or a batch, where Prisma's query
// planning cost a millisecond or more per query and grew with the rows' 15 KB bodies
// (docs/performance.md, the flash sale). Their bodies are in ShopWebhookBody, apart from the rows
// the worker's claim rewrites. The same SQL runs on SQLite and PostgreSQL, except
// where a claim may skip rows another replica holds (FOR UPDATE SKIP LOCKED, PostgreSQL only).

import { Prisma } from "../generated/prisma/client.ts";
import type { Db } from "./client.ts";
import type { Provider } from "./url.ts";
import { execute, queryRows } from "./raw.ts";

/** What the intake needs of a shop to verify a webhook addressed to it. */
export interface ShopForIntake {
  id: number;
  workspaceId: number;
  kind: string;
  domain: string;
  secret: string;
  token: string;
}

export function shopsByToken(db: Db, tokens: readonly string[]): Promise<ShopForIntake[]> {
  if (tokens.length === 0) return Promise.resolve([]);
  return queryRows<ShopForIntake>(db, Prisma.sql`
    SELECT "id", "workspaceId", "kind", "domain", "secret", "token" FROM "Shop" WHERE "token" IN (${Prisma.join(tokens)})`);
}

export interface NewWebhookRow {
  workspaceId: number;
  shopId: number;
  webhookId: string;
  topic: string;
  body: string;
}

/**
 * Inserts the rows (no two with the same shop and webhook id) in two statements: their bodies
 * (ShopWebhookBody), then the rows themselves, which make them received webhooks; a row whose
 * shop and webhook id are stored already (another replica stored it a moment before) is left
 * out, and so is its body (the same body: a webhook id is one webhook). A crash between the two
 * leaves a body without its row, which the shop's retry finds in place. The keys
 * (`<shopId> <webhookId>`) of the rows it inserted.
 */
export async function insertNewWebhooks(db: Db, rows: readonly NewWebhookRow[], now: Date): Promise<Set<string>> {
  if (rows.length === 0) return new Set();
  await execute(db, Prisma.sql`
    INSERT INTO "ShopWebhookBody" ("shopId", "webhookId", "body")
    VALUES ${Prisma.join(rows.map((r) => Prisma.sql`(${r.shopId}, ${r.webhookId}, ${r.body})`))}
    ON CONFLICT ("shopId", "webhookId") DO NOTHING`);
  const values = rows.map((r) => Prisma.sql`(${r.workspaceId}, ${r.shopId}, ${r.webhookId}, ${r.topic}, ${now})`);
  const inserted = await queryRows<{ shopId: number; webhookId: string }>(db, Prisma.sql`
    INSERT INTO "ShopWebhook" ("workspaceId", "shopId", "webhookId", "topic", "receivedAt")
    VALUES ${Prisma.join(values)}
    ON CONFLICT ("shopId", "webhookId") DO NOTHING
    RETURNING "shopId", "webhookId"`);
  return new Set(inserted.map((r) => webhookKey(r)));
}

export const webhookKey = (r: { shopId: number; webhookId: string }) => `${r.shopId} ${r.webhookId}`;

export interface ClaimedWebhook {
  id: number;
  shopId: number;
  topic: string;
  body: string;
}

/** A claimed webhook's body, read with the claim (ShopWebhookBody; "" if it had none, which reads as no JSON). */
const CLAIMED_BODY = Prisma.raw(`COALESCE((SELECT "body" FROM "ShopWebhookBody" WHERE "ShopWebhookBody"."shopId" = "ShopWebhook"."shopId" AND "ShopWebhookBody"."webhookId" = "ShopWebhook"."webhookId"), '') AS "body"`);

/**
 * Claims (received → processed) the next `limit` received webhooks after `afterId`, in id order,
 * inside the caller's transaction, with their bodies. The claim rewrites only the small
 * ShopWebhook rows. On PostgreSQL rows another replica's transaction holds are skipped, so each
 * replica's worker takes a batch of its own instead of waiting for the other's.
 */
export async function claimWebhooks(db: Db, provider: Provider, options: { afterId: number; limit: number; now: Date }): Promise<ClaimedWebhook[]> {
  const { afterId, limit, now } = options;
  const claimed =
    provider === "postgresql"
      ? await queryRows<ClaimedWebhook>(db, Prisma.sql`
          WITH "next" AS (
            SELECT "id" FROM "ShopWebhook" WHERE "state" = 'received' AND "id" > ${afterId}
            ORDER BY "id" LIMIT ${limit} FOR UPDATE SKIP LOCKED)
          UPDATE "ShopWebhook" SET "state" = 'processed', "processedAt" = ${now} FROM "next" WHERE "ShopWebhook"."id" = "next"."id"
          RETURNING "ShopWebhook"."id", "ShopWebhook"."shopId", "ShopWebhook"."topic", ${CLAIMED_BODY}`)
      : await queryRows<ClaimedWebhook>(db, Prisma.sql`
          UPDATE "ShopWebhook" SET "state" = 'processed', "processedAt" = ${now}
          WHERE "id" IN (SELECT "id" FROM "ShopWebhook" WHERE "state" = 'received' AND "id" > ${afterId} ORDER BY "id" LIMIT ${limit})
          RETURNING "id", "shopId", "topic", ${CLAIMED_BODY}`);
  return claimed.sort((a, b) => a.id - b.id);
}

/** Whether a webhook of the shop before `beforeId` is still waiting (another replica may be attributing it right now). */
export async function earlierWebhookWaiting(db: Db, shopId: number, beforeId: number): Promise<boolean> {
  const rows = await queryRows<unknown>(db, Prisma.sql`
    SELECT 1 FROM "ShopWebhook" WHERE "shopId" = ${shopId} AND "state" = 'received' AND "id" < ${beforeId} LIMIT 1`);
  return rows.length > 0;
}
