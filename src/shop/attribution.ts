// What one stored webhook does, inside the worker's transaction. An order counts once per shop
// (its normalised id): for the workspace's code among its discount codes, else for the tracking
// link its landing page's utm_campaign and utm_content name, else only as a store sale; every
// order in the currency of a linked campaign adds to that campaign's total shop sales. An order
// in another currency is recorded and flagged, never summed. Cancellations and refunds take back
// what they undo, on the day they happen, and never more than the order brought.

import { DateTime } from "luxon";
import type { Db } from "../db/client.ts";
import { codesNamed, countedOrders, insertShopOrders, latestOrderRows, linksNamed, shopOrdersNamed, shopsWithCampaigns, type AttributableCode, type NewShopOrder } from "../db/order-attribution.ts";
import { findOrder, orderByExternalId, recordRedemptions, recordRefund } from "../db/redemptions.ts";
import { addToShopSalesDay } from "../db/shop-sales.ts";
import { RECENT_ORDER_ROWS } from "../db/recent-orders.ts";
import { earlierWebhookWaiting } from "../db/shop-webhooks.ts";
import { dayInCampaign } from "../domain/campaign-days.ts";
import { medianOrderValue, storedUnusual, unusualReasons } from "../domain/outliers.ts";
import { normaliseCode } from "../domain/codes.ts";
import { readShopEvent, reversalStep, type OrderFacts, type RefundFacts, type ShopEvent, type ShopKindName } from "../domain/shop-orders.ts";
import { currencyDigits } from "../core/currencies.ts";
import type { ShopOrder, ShopWebhook } from "../generated/prisma/client.ts";
import { queueOrderAlerts, type AttributedOrder } from "./order-alerts.ts";

export interface Outcome {
  state: "processed" | "ignored";
  why?: string;
}

interface ShopContext {
  db: Db;
  now: Date;
  shop: { id: number; workspaceId: number; currency: string };
  timeZone: string;
  /** How the workspace writes numbers, for the alerts' lines. */
  numberStyle: string | null;
  /** The campaigns the shop is linked to, with their currencies. */
  campaigns: Array<{ id: number; currency: string }>;
  batch: Batch;
}

type FoundCampaign = AttributableCode["campaign"];
type Found = { attribution: "code" | "link"; code: AttributableCode } | null;

/**
 * What the webhooks attributed in one transaction share: their shops, the codes and links
 * already looked up, the orders read or written, and the shops' total sales added up per
 * campaign day (written once, at the end: addition does not care about order).
 */
interface Batch {
  shops: Map<number, { shop: ShopContext["shop"]; timeZone: string; numberStyle: string | null; campaigns: ShopContext["campaigns"] }>;
  found: Map<string, Found>;
  /** By `<shopId> <orderId>` and `<shopId> #<externalId>`; null: looked up, none. */
  orders: Map<string, ShopOrder | null>;
  sales: Map<string, { workspaceId: number; campaignId: number; day: string; orders: number; revenue: number }>;
  /** `<codeId> <orderId>`: whether the code counts that order already (typed by hand, or earlier in the batch). */
  counted: Map<string, boolean>;
  /**
   * Per campaign, its latest order rows as recentOrders reads them (day, then id, newest first),
   * with the batch's new ones added as they are counted: what recentOrders would read before each.
   */
  recent: Map<number, Array<{ day: string; id: number; orders: number; revenue: number }>>;
  /** New orders and their redemptions, written together (flush) before anything reads or changes them. */
  pending: { orders: NewShopOrder[]; redemptions: Parameters<typeof recordRedemptions>[1][number][]; alerts: AttributedOrder[] };
  /** The worker's clock: when the alerts are queued. */
  now: Date;
  /** Ids for the batch's new rows in `recent`, above any the database has given, in the order they are counted. */
  nextRowId: number;
  /** `<zone> <instant>` → its day there: a sale's orders share their created_at by the second. */
  days: Map<string, string>;
}

/** Writes the batch's new orders and redemptions. */
async function flush(db: Db, batch: Batch): Promise<void> {
  const { orders, redemptions, alerts } = batch.pending;
  batch.pending = { orders: [], redemptions: [], alerts: [] };
  await recordRedemptions(db, redemptions);
  await insertShopOrders(db, orders, new Date());
  // The campaigns' alerts channels get the orders counted now (src/shop/order-alerts.ts).
  await queueOrderAlerts(db, alerts, batch.now);
}

/** An order stored in this batch has no id until it is written: write, and read it back. */
async function written(ctx: ShopContext, order: ShopOrder): Promise<ShopOrder> {
  if (order.id !== 0) return order;
  await flush(ctx.db, ctx.batch);
  return remember(ctx.batch, await ctx.db.shopOrder.findUniqueOrThrow({ where: { shopId_orderId: { shopId: order.shopId, orderId: order.orderId } } }));
}

/** Decimal text in `currency` → minor units, rounded to the currency's decimals. */
export function minorUnits(amount: string, currency: string): number {
  return Math.round(Number(amount) * 10 ** currencyDigits(currency));
}

const dayIn = (instant: string, zone: string): string => {
  const at = DateTime.fromISO(instant, { setZone: true });
  return (at.isValid ? at : DateTime.fromJSDate(new Date(instant))).setZone(zone).toISODate() ?? DateTime.now().setZone(zone).toISODate()!;
};

/** dayIn, once a batch for each instant (Luxon's parsing and zone were a few percent of the worker's time). */
function dayInBatch(ctx: ShopContext, instant: string): string {
  const key = `${ctx.timeZone} ${instant}`;
  let day = ctx.batch.days.get(key);
  if (day === undefined) {
    day = dayIn(instant, ctx.timeZone);
    ctx.batch.days.set(key, day);
  }
  return day;
}

export async function attributeWebhook(db: Db, webhookId: number, now: Date): Promise<Outcome> {
  const webhook = await db.shopWebhook.findUniqueOrThrow({ where: { id: webhookId }, select: { id: true, shopId: true, topic: true, webhookId: true } });
  const stored = await db.shopWebhookBody.findUnique({ where: { shopId_webhookId: { shopId: webhook.shopId, webhookId: webhook.webhookId } }, select: { body: true } });
  return (await attributeWebhooks(db, [{ ...webhook, body: stored?.body ?? "" }], now))[0]!;
}

/**
 * Attributes stored webhooks in the order given, inside the caller's transaction (the worker
 * attributes a batch in one): what each did, in the same order.
 */
export async function attributeWebhooks(db: Db, webhooks: ReadonlyArray<Pick<ShopWebhook, "id" | "shopId" | "topic"> & { body: string }>, now: Date): Promise<Outcome[]> {
  const batch: Batch = {
    shops: new Map(),
    found: new Map(),
    orders: new Map(),
    sales: new Map(),
    counted: new Map(),
    recent: new Map(),
    pending: { orders: [], redemptions: [], alerts: [] },
    now,
    nextRowId: Number.MAX_SAFE_INTEGER - 2 ** 40,
    days: new Map(),
  };
  const shops = await shopsWithCampaigns(db, [...new Set(webhooks.map((w) => w.shopId))]);
  for (const shop of shops) batch.shops.set(shop.id, { shop, timeZone: shop.timeZone, numberStyle: shop.numberStyle, campaigns: shop.campaigns });
  const kinds = new Map(shops.map((shop) => [shop.id, shop.kind as ShopKindName]));
  const read = webhooks.map((w) => readShopEvent(kinds.get(w.shopId)!, w.topic, w.body));
  await prefetchOrders(db, batch, webhooks, read);
  await prefetchAttributions(db, batch, webhooks, read);
  const outcomes: Outcome[] = [];
  for (let i = 0; i < webhooks.length; i++) {
    const { shop, timeZone, numberStyle, campaigns } = batch.shops.get(webhooks[i]!.shopId)!;
    outcomes.push(await attributeEvent({ db, now, shop, timeZone, numberStyle, campaigns, batch }, read[i]!, webhooks[i]!.id));
  }
  await flush(db, batch);
  for (const sale of batch.sales.values()) {
    if (sale.orders !== 0 || sale.revenue !== 0) await addToShopSalesDay(db, sale, now);
  }
  return outcomes;
}

/** The batch's orders (and refunded orders) known already, in two queries. */
async function prefetchOrders(db: Db, batch: Batch, webhooks: ReadonlyArray<{ shopId: number }>, events: ShopEvent[]) {
  const orderIds = new Set<string>();
  const externalIds = new Set<string>();
  events.forEach((e) => {
    if (e.type === "order") orderIds.add(e.order.orderId);
    if (e.type === "refund") [e.externalOrderId, roundedId(e.externalOrderId)].forEach((id) => id && externalIds.add(id));
  });
  const shopIds = [...new Set(webhooks.map((w) => w.shopId))];
  for (const shopId of shopIds) {
    for (const id of orderIds) batch.orders.set(`${shopId} ${id}`, null);
    for (const id of externalIds) if (!batch.orders.has(`${shopId} #${id}`)) batch.orders.set(`${shopId} #${id}`, null);
  }
  if (orderIds.size === 0 && externalIds.size === 0) return;
  for (const order of await shopOrdersNamed(db, shopIds, [...orderIds], [...externalIds])) remember(batch, order);
}

/**
 * What the batch's new orders are attributed to, from one query for their codes and one for
 * their links: the same answers lookUpAttribution gives one order at a time.
 */
async function prefetchAttributions(db: Db, batch: Batch, webhooks: ReadonlyArray<{ shopId: number }>, events: ShopEvent[]) {
  const wanted: Array<{ workspaceId: number; facts: OrderFacts }> = [];
  events.forEach((e, i) => {
    if (e.type !== "order" || e.order.test) return;
    const shopId = webhooks[i]!.shopId;
    if (batch.orders.get(`${shopId} ${e.order.orderId}`)) return; // known already: not attributed again
    wanted.push({ workspaceId: batch.shops.get(shopId)!.shop.workspaceId, facts: e.order });
  });
  if (wanted.length === 0) return;
  const workspaceIds = [...new Set(wanted.map((w) => w.workspaceId))];
  const codes = [...new Set(wanted.flatMap((w) => w.facts.codes.map(normaliseCode)))];
  const utms = wanted.filter((w) => w.facts.utm.campaign && w.facts.utm.content);
  const codeRows = await codesNamed(db, workspaceIds, codes);
  const linkRows = await linksNamed(
    db,
    workspaceIds,
    [...new Set(utms.map((w) => w.facts.utm.campaign!.toLowerCase()))],
    [...new Set(utms.map((w) => w.facts.utm.content!.toLowerCase()))],
  );
  for (const { workspaceId, facts } of wanted) {
    const orderCodes = [...new Set(facts.codes.map(normaliseCode))];
    const key = attributionKey(workspaceId, orderCodes, facts.utm);
    if (batch.found.has(key)) continue;
    const code = orderCodes.map((c) => codeRows.find((f) => f.workspaceId === workspaceId && f.code === c)).find(Boolean);
    const { campaign, content } = facts.utm;
    const link =
      campaign && content
        ? linkRows.find((l) => l.workspaceId === workspaceId && l.campaign.slug === campaign.toLowerCase() && l.creator.handleKey === content.toLowerCase())
        : undefined;
    batch.found.set(key, code ? { attribution: "code", code } : link ? { attribution: "link", code: link } : null);
  }
  // Which of them their code counts already (typed by hand): one query, for alreadyCounted.
  const pairs = wanted.flatMap(({ workspaceId, facts }) => {
    const found = batch.found.get(attributionKey(workspaceId, [...new Set(facts.codes.map(normaliseCode))], facts.utm));
    return found ? [{ codeId: found.code.id, orderId: facts.orderId }] : [];
  });
  const counted = await countedOrders(db, pairs);
  for (const p of pairs) batch.counted.set(`${p.codeId} ${p.orderId}`, counted.has(`${p.codeId} ${p.orderId}`));
}

const attributionKey = (workspaceId: number, codes: string[], utm: OrderFacts["utm"]) => `${workspaceId} ${codes.join(",")} ${utm.campaign ?? ""} ${utm.content ?? ""}`.toLowerCase();

/**
 * A 64-bit id as it was stored before ids were read exactly (JSON.parse's rounded number, as
 * text), when that differs: an order stored so is still found by its refunds.
 */
function roundedId(id: string): string | null {
  if (!/^\d{16,}$/.test(id)) return null;
  const rounded = String(Number(id));
  return rounded === id ? null : rounded;
}

function remember(batch: Batch, order: ShopOrder): ShopOrder {
  batch.orders.set(`${order.shopId} ${order.orderId}`, order);
  // Shopify's refunds name the order by its own id: the first order with it, as findFirst gave.
  const byExternal = `${order.shopId} #${order.externalId}`;
  const before = batch.orders.get(byExternal);
  if (!before || before.id === order.id) batch.orders.set(byExternal, order);
  return order;
}

/** A refund of an order not stored yet while an earlier webhook of its shop waits (another replica may be storing that order): tried again later. */
export class RefundBeforeItsOrder extends Error {}

async function attributeEvent(ctx: ShopContext, event: ShopEvent, webhookId: number): Promise<Outcome> {
  const { db, shop, batch } = ctx;
  if (event.type === "none") return { state: "ignored", why: event.why };
  if (event.type === "refund") {
    const byExternal = async (externalId: string) => {
      const key = `${shop.id} #${externalId}`;
      return batch.orders.has(key) ? batch.orders.get(key)! : await db.shopOrder.findFirst({ where: { shopId: shop.id, externalId }, orderBy: { id: "asc" } });
    };
    const rounded = roundedId(event.externalOrderId);
    let order = (await byExternal(event.externalOrderId)) ?? (rounded ? await byExternal(rounded) : null);
    if (!order) {
      if (await earlierWebhookWaiting(db, shop.id, webhookId)) throw new RefundBeforeItsOrder(`a refund of order ${event.externalOrderId} waits for the webhooks before it`);
      order = await importedById(ctx, event.externalOrderId);
      if (!order) return { state: "ignored", why: `a refund of order ${event.externalOrderId}, which the bot has not received` };
    }
    remember(batch, await applyRefund(ctx, order, event.refund));
    return { state: "processed" };
  }
  const facts = event.order;
  const key = `${shop.id} ${facts.orderId}`;
  let order = batch.orders.has(key) ? batch.orders.get(key)! : await db.shopOrder.findUnique({ where: { shopId_orderId: { shopId: shop.id, orderId: facts.orderId } } });
  // A cancellation (WooCommerce: cancelled, refunded or failed) of an order the shop never sent but its code counts.
  if (!order && facts.cancelledAt && !facts.test) order = await countedByNumber(ctx, facts);
  if (!order) {
    if (facts.unpaid) return { state: "ignored", why: "an order not paid yet" };
    order = remember(batch, await storeOrder(ctx, facts));
  }
  for (const refund of facts.refunds) order = remember(batch, await applyRefund(ctx, order, refund));
  if (facts.cancelledAt && !order.cancelled) order = remember(batch, await reverse(ctx, order, "all", dayIn(facts.cancelledAt, ctx.timeZone), { cancelled: true }));
  return { state: "processed" };
}

/**
 * An order the shop never sent that its code counts all the same (an orders file brought it, or
 * /code redeem … order:) is kept as the shop's order once a webhook refunds or cancels it, so
 * that refund and later ones are applied once each (refund ids) and matched against what the code
 * took back already (refundCodeOrder). It added nothing to the shop's total sales, so it takes
 * nothing from them (storeSales false); its placedAt stays empty (no spike alert counts it).
 */
async function adopt(ctx: ShopContext, row: { orderId: string; externalId: string; codeId: number; campaignId: number; creatorId: number; link: boolean; currency: string; revenue: number; day: string }): Promise<ShopOrder | null> {
  await flush(ctx.db, ctx.batch);
  const { shop } = ctx;
  // The shop sent an order with that number under another id: not this one.
  if (await ctx.db.shopOrder.findUnique({ where: { shopId_orderId: { shopId: shop.id, orderId: row.orderId } }, select: { id: true } })) return null;
  const { link, ...order } = row;
  return remember(ctx.batch, await ctx.db.shopOrder.create({ data: { ...order, workspaceId: shop.workspaceId, shopId: shop.id, attribution: link ? "link" : "code", storeSales: false } }));
}

/** Shopify's refunds/create names the order by its id only: an order an orders file brought with that id (Shopify's Id column). */
async function importedById(ctx: ShopContext, externalId: string): Promise<ShopOrder | null> {
  const row = await orderByExternalId(ctx.db, ctx.shop.workspaceId, externalId);
  if (!row) return null;
  return adopt(ctx, { orderId: row.orderId!, externalId, codeId: row.codeId, campaignId: row.campaignId, creatorId: row.creatorId, link: row.code.kind === "link", currency: row.campaign.currency, revenue: row.revenue, day: row.day });
}

/** An order webhook names the order by its number and codes: the order its code counts by that number, as /code redeem order: matches. */
async function countedByNumber(ctx: ShopContext, facts: OrderFacts): Promise<ShopOrder | null> {
  const found = await findAttribution(ctx, facts);
  if (!found || found.attribution !== "code") return null;
  const standing = await findOrder(ctx.db, found.code.id, facts.orderId);
  if (!standing) return null;
  const { order } = standing;
  return adopt(ctx, { orderId: facts.orderId, externalId: facts.externalId, codeId: order.codeId, campaignId: order.campaignId, creatorId: order.creatorId, link: false, currency: found.code.campaign.currency, revenue: order.revenue, day: order.day });
}

/** The code or tracking link the order counts for, if any (each asked once a batch). */
async function findAttribution(ctx: ShopContext, facts: OrderFacts): Promise<Found> {
  const codes = [...new Set(facts.codes.map(normaliseCode))];
  const key = attributionKey(ctx.shop.workspaceId, codes, facts.utm);
  if (!ctx.batch.found.has(key)) ctx.batch.found.set(key, await lookUpAttribution(ctx, codes, facts.utm));
  return ctx.batch.found.get(key)!;
}

async function lookUpAttribution(ctx: ShopContext, codes: string[], utm: OrderFacts["utm"]): Promise<Found> {
  const { db, shop } = ctx;
  // The order's first code the workspace knows.
  const found = await codesNamed(db, [shop.workspaceId], codes);
  const first = codes.map((c) => found.find((f) => f.code === c)).find(Boolean);
  if (first) return { attribution: "code" as const, code: first };
  if (utm.campaign && utm.content) {
    const [link] = await linksNamed(db, [shop.workspaceId], [utm.campaign.toLowerCase()], [utm.content.toLowerCase()]);
    if (link) return { attribution: "link" as const, code: link };
  }
  return null;
}

/** Attributes a new order; it is written with the batch's others (flush). */
async function storeOrder(ctx: ShopContext, facts: OrderFacts): Promise<ShopOrder> {
  const { shop } = ctx;
  // The day it became a sale: WooCommerce's order paid later (on-hold, then processing) counts then.
  const day = dayInBatch(ctx, facts.paidAt ?? facts.at);
  const revenue = minorUnits(facts.revenue, facts.currency);
  const found = facts.test ? null : await findAttribution(ctx, facts);
  const attribution = facts.test ? "ignored" : (found?.attribution ?? "store");
  const foreignCurrency = found ? found.code.campaign.currency !== facts.currency : facts.currency !== shop.currency;
  if (found && !foreignCurrency) {
    // An order already logged by hand (/code redeem … order:1001) is not counted again. One that
    // /code redeem would refuse or question is counted all the same (a webhook cannot be asked),
    // and flagged: /code list shows it.
    if (!(await alreadyCounted(ctx, found.code.id, facts.orderId))) {
      const reasons = await unusualInBatch(ctx, found.code.campaign, day, revenue);
      ctx.batch.pending.redemptions.push({ code: found.code, sale: { orderId: facts.orderId, orders: 1, revenue, day, createdById: null, unusual: storedUnusual(reasons) } });
      // Newly counted (a typed one already counted is not): its campaign's alerts channel gets it.
      const label = found.code.code ?? `@${found.code.creator.handle}'s link`;
      ctx.batch.pending.alerts.push({ workspaceId: shop.workspaceId, numberStyle: ctx.numberStyle, campaignId: found.code.campaignId, codeId: found.code.id, label, revenue, currency: facts.currency });
    }
  }
  if (!facts.test) await addToStoreSales(ctx, facts.currency, day, 1, revenue);
  const data = {
    workspaceId: shop.workspaceId,
    shopId: shop.id,
    orderId: facts.orderId,
    externalId: facts.externalId,
    attribution,
    codeId: found?.code.id ?? null,
    campaignId: found?.code.campaignId ?? null,
    creatorId: found?.code.creatorId ?? null,
    currency: facts.currency,
    foreignCurrency,
    revenue,
    day,
    placedAt: placedAt(facts.at, ctx.now),
  } satisfies NewShopOrder;
  ctx.batch.pending.orders.push(data);
  return { id: 0, ...data, reversedRevenue: 0, reversedOrder: false, cancelled: false, refundIds: "", storeSales: true, createdAt: ctx.now, updatedAt: ctx.now };
}

/** When the shop says the order was placed (its created_at), for the spike alert's hours; else now. */
function placedAt(at: string, now: Date): Date {
  const placed = new Date(at);
  return Number.isNaN(placed.getTime()) ? now : placed;
}

/** Whether the code counts the order already: typed by hand, or earlier in this batch. */
async function alreadyCounted(ctx: ShopContext, codeId: number, orderId: string): Promise<boolean> {
  const key = `${codeId} ${orderId}`;
  if (!ctx.batch.counted.has(key)) ctx.batch.counted.set(key, (await countedOrders(ctx.db, [{ codeId, orderId }])).has(key));
  const counted = ctx.batch.counted.get(key)!;
  ctx.batch.counted.set(key, true);
  return counted;
}

/**
 * Why an order counted now looks unusual (as unusualOrder in src/db/unusual-orders.ts says):
 * compared with the campaign's latest orders including those of the batch before it, which are
 * not written yet; then it joins them.
 */
async function unusualInBatch(ctx: ShopContext, campaign: FoundCampaign, day: string, revenue: number) {
  let rows = ctx.batch.recent.get(campaign.id);
  if (!rows) {
    rows = await latestOrderRows(ctx.db, campaign.id);
    ctx.batch.recent.set(campaign.id, rows);
  }
  const median = medianOrderValue(rows);
  const reasons = unusualReasons(dayInCampaign(campaign, day), { orders: 1, revenue }, median?.median ?? null);
  rows.push({ day, id: ctx.batch.nextRowId++, orders: 1, revenue });
  rows.sort((a, b) => (a.day === b.day ? b.id - a.id : a.day < b.day ? 1 : -1));
  rows.splice(RECENT_ORDER_ROWS);
  return reasons;
}

/** Every linked campaign counted in `currency` gets the sale (or its reversal), added up for the batch's end. */
async function addToStoreSales(ctx: ShopContext, currency: string, day: string, orders: number, revenue: number) {
  for (const campaign of ctx.campaigns) {
    if (campaign.currency !== currency) continue;
    const key = `${campaign.id} ${day}`;
    const sale = ctx.batch.sales.get(key) ?? { workspaceId: ctx.shop.workspaceId, campaignId: campaign.id, day, orders: 0, revenue: 0 };
    sale.orders += orders;
    sale.revenue += revenue;
    ctx.batch.sales.set(key, sale);
  }
}

async function applyRefund(ctx: ShopContext, pending: ShopOrder, refund: RefundFacts): Promise<ShopOrder> {
  const order = await written(ctx, pending);
  const applied = order.refundIds.split(" ").filter(Boolean);
  if (applied.includes(refund.refundId)) return order;
  const day = dayIn(refund.at, ctx.timeZone);
  return reverse(ctx, order, { revenue: minorUnits(refund.amount, order.currency) }, day, { refundIds: [...applied, refund.refundId].join(" ") });
}

/** Takes back what a cancellation or refund undoes, on `day`, and records that it did. */
async function reverse(ctx: ShopContext, pending: ShopOrder, change: { revenue: number } | "all", day: string, mark: { cancelled?: true; refundIds?: string }): Promise<ShopOrder> {
  const { db } = ctx;
  const order = await written(ctx, pending);
  const step = reversalStep(order, change);
  if (order.attribution !== "ignored" && (step.revenue > 0 || step.orders > 0)) {
    if (order.codeId !== null && !order.foreignCurrency) await refundCodeOrder(db, order, change === "all" ? "all" : { refundedTotal: order.reversedRevenue + step.revenue }, day);
    // An order the shop's total sales never had (adopt) takes nothing from them.
    if (order.storeSales) await addToStoreSales(ctx, order.currency, day, -step.orders, -step.revenue);
  }
  return db.shopOrder.update({
    where: { id: order.id },
    data: { reversedRevenue: { increment: step.revenue }, reversedOrder: order.reversedOrder || step.orders > 0, ...mark },
  });
}

/**
 * The code's side of a reversal, as /code refund records it (a Redemption pointing at the order,
 * negative revenue on its day). A refund brings the code's refunded total of the order up to the
 * shop's refunded total after it (`refundedTotal`, what the webhooks took back), never beyond:
 * what the code has taken back already (an orders file's Refunded Amount, which names no
 * refund, or /code refund) covers the webhook's refund rather than adding to it, so a refund both
 * imported and sent counts once. Never more than what still counts of the order as the code has
 * it (typed by hand, its revenue may differ from the shop's); a cancellation takes the rest and
 * the order. A day before the order's is the order's day.
 */
async function refundCodeOrder(db: Db, order: ShopOrder, change: { refundedTotal: number } | "all", day: string): Promise<void> {
  const owner = { id: order.codeId!, workspaceId: order.workspaceId, campaignId: order.campaignId!, creatorId: order.creatorId! };
  const standing = await findOrder(db, owner.id, order.orderId);
  if (!standing || standing.refunds.some((r) => r.orders < 0)) return; // unknown to the code, or already out of its count
  const amount = change === "all" ? standing.remaining : Math.min(standing.remaining, change.refundedTotal - standing.refunded);
  if (amount <= 0 && change !== "all") return;
  await recordRefund(db, owner, order.orderId, { amount, day: day < standing.order.day ? standing.order.day : day, createdById: null });
}
