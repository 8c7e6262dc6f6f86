// The worker attributes stored webhooks a batch per transaction (raw SQL, docs/performance.md,
// the flash sale): a batch holding a retry, the same order by two topics, an unknown code, a
// tracking link, refunds (one of an order never received) and a cancellation stores exactly
// what the same webhooks store one at a time. And a refund whose order's webhook is still
// waiting (another replica attributing it) waits for it instead of being ignored.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestBot, type TestBot, type TestWorkspace } from "../helpers/core.ts";
import { attributeWebhooks, RefundBeforeItsOrder } from "../../src/shop/attribution.ts";
import { fixture, startShopHarness, webhookPath, type ShopHarness } from "./harness.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-12-05T18:00:00Z") });
});
afterAll(async () => {
  await bot.close();
});

async function connected(): Promise<{ ws: TestWorkspace; path: string; domain: string; landing: string }> {
  const ws = await bot.workspace([
    "/creator add kate tiktok 48k",
    "/creator add tom instagram 9k",
    '/campaign new "Spring Launch" currency:USD',
    '/campaign enroll "Spring Launch" kate',
    '/campaign enroll "Spring Launch" tom',
    '/code add kate "Spring Launch" discount:15%',
    '/code link tom "Spring Launch" https://kettle.example/kettlebells',
  ]);
  const domain = `kettle-${ws.id}.myshopify.com`;
  const text = await ws.text(`/shop connect shopify ${domain} brand:Kettle campaigns:"Spring Launch" secret:shpss_test_secret`);
  const link = await bot.db.code.findFirstOrThrow({ where: { workspaceId: ws.id, kind: "link" } });
  const url = new URL(link.url!);
  return { ws, path: webhookPath(text), domain, landing: `${url.pathname}${url.search}` };
}

const order = (changes: Record<string, unknown> = {}) => ({ ...fixture("shopify-order"), ...changes });
const kate15 = { discount_codes: [{ code: "kate15", amount: "20.00", type: "percentage" }] };

/** The mixed webhooks, in the order they arrive: [topic, body, webhook id]. */
function mixed(landing: string): Array<[string, unknown, string]> {
  return [
    ["orders/create", order(kate15), "w1"],
    ["orders/create", order(kate15), "w1"], // Shopify's retry: the same webhook id
    ["orders/paid", order(kate15), "w2"], // the same order by another topic
    ["orders/create", order({ id: 2, order_number: 2002, name: "#2002", discount_codes: [{ code: "TENOFF", amount: "10.00", type: "fixed_amount" }] }), "w3"],
    ["orders/create", order({ id: 3, order_number: 2003, name: "#2003", landing_site: landing }), "w4"],
    ["orders/create", order({ ...kate15, id: 4, order_number: 2004, name: "#2004", subtotal_price: "40.00" }), "w5"],
    ["refunds/create", fixture("shopify-refund"), "w6"],
    ["refunds/create", { ...fixture("shopify-refund"), id: 77, order_id: 999 }, "w7"], // of an order never received
    ["orders/cancelled", order({ ...kate15, id: 4, order_number: 2004, name: "#2004", subtotal_price: "40.00", cancelled_at: "2026-12-05T12:00:00-05:00" }), "w8"],
  ];
}

/** What the workspace holds, without its ids. */
async function stored(workspaceId: number) {
  const db = bot.db;
  const codes = new Map((await db.code.findMany({ where: { workspaceId } })).map((c) => [c.id, c.code ?? "link"]));
  const redemptions = await db.redemption.findMany({ where: { workspaceId }, orderBy: { id: "asc" } });
  const orderOf = new Map(redemptions.map((r) => [r.id, r.orderId]));
  return {
    orders: (await db.shopOrder.findMany({ where: { workspaceId }, orderBy: { orderId: "asc" } })).map((o) => [
      o.orderId,
      o.attribution,
      o.codeId === null ? null : codes.get(o.codeId),
      o.revenue,
      o.day,
      o.reversedRevenue,
      o.reversedOrder,
      o.cancelled,
      o.refundIds,
    ]),
    redemptions: redemptions.map((r) => [codes.get(r.codeId), r.orderId, r.refundOfId === null ? null : orderOf.get(r.refundOfId), r.day, r.orders, r.revenue, r.unusual]),
    days: (await db.salesDay.findMany({ where: { workspaceId }, orderBy: [{ day: "asc" }, { creatorId: "asc" }] })).map((d) => [d.day, d.orders, d.revenue]),
    codes: (await db.code.findMany({ where: { workspaceId }, orderBy: { id: "asc" } })).map((c) => [codes.get(c.id), c.orders, c.revenue]),
    store: (await db.shopSalesDay.findMany({ where: { workspaceId }, orderBy: { day: "asc" } })).map((d) => [d.day, d.orders, d.revenue]),
    webhooks: (await db.shopWebhook.findMany({ where: { workspaceId }, orderBy: { id: "asc" } })).map((w) => [w.topic, w.state, w.error]),
  };
}

describe("webhooks attributed in one batch", () => {
  it("a batch with a retry, an unknown code, a link, refunds and a cancellation stores what one at a time stores", async () => {
    // One at a time: each attributed before the next arrives.
    const one = await connected();
    const shop: ShopHarness = await startShopHarness(bot.core);
    for (const [topic, body, id] of mixed(one.landing)) {
      expect((await shop.send(one.path, topic, body, { domain: one.domain, webhookId: `${one.ws.id}-${id}` })).status).toBe(200);
      await shop.settled();
    }
    await shop.stop();

    // Together: stored while no worker runs; the next start attributes them in one transaction.
    const batch = await connected();
    const stopped = await startShopHarness(bot.core, { worker: false });
    for (const [topic, body, id] of mixed(batch.landing)) {
      expect((await stopped.send(batch.path, topic, body, { domain: batch.domain, webhookId: `${batch.ws.id}-${id}` })).status).toBe(200);
    }
    await stopped.stop();
    expect(await bot.db.shopWebhook.count({ where: { workspaceId: batch.ws.id, state: "received" } })).toBe(8);
    const restarted = await startShopHarness(bot.core);
    await restarted.settled();
    await restarted.stop();

    const expected = await stored(one.ws.id);
    expect(await stored(batch.ws.id)).toEqual(expected);
    // And what that is: #1001 once (refunded in part), #2004 cancelled, the link's #2003, the store sale #2002.
    expect(expected.orders.map((o) => [o[0], o[1], o[7]])).toEqual([
      ["1001", "code", false],
      ["2002", "store", false],
      ["2003", "link", false],
      ["2004", "code", true],
    ]);
    expect(expected.redemptions).toHaveLength(5);
    expect(expected.webhooks.map((w) => w[1])).toEqual(["processed", "processed", "processed", "processed", "processed", "processed", "ignored", "processed"]);
    expect(expected.codes).toEqual([
      ["KATE15", 1, 58700 - 39133],
      ["link", 1, 58700],
    ]);
  });

  it("a refund whose order's webhook still waits is left for later, and counts once the order is in", async () => {
    const { ws, path, domain } = await connected();
    const stopped = await startShopHarness(bot.core, { worker: false });
    await stopped.send(path, "orders/create", order(kate15), { domain });
    await stopped.send(path, "refunds/create", fixture("shopify-refund"), { domain });
    await stopped.stop();
    // Another replica holds the order's webhook: the refund alone finds no order, but an earlier webhook waiting.
    const refund = await bot.db.shopWebhook.findFirstOrThrow({ where: { workspaceId: ws.id, topic: "refunds/create" } });
    const { body } = await bot.db.shopWebhookBody.findUniqueOrThrow({ where: { shopId_webhookId: { shopId: refund.shopId, webhookId: refund.webhookId } } });
    await expect(bot.db.$transaction((tx) => attributeWebhooks(tx, [{ ...refund, body }], new Date()))).rejects.toBeInstanceOf(RefundBeforeItsOrder);

    const restarted = await startShopHarness(bot.core);
    await restarted.settled();
    await restarted.stop();
    const rows = await bot.db.redemption.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.orderId, r.day, r.orders, r.revenue])).toEqual([
      ["1001", "2026-12-03", 1, 58700],
      [null, "2026-12-05", 0, -39133],
    ]);
    expect((await bot.db.shopWebhook.findMany({ where: { workspaceId: ws.id } })).map((w) => w.state)).toEqual(["processed", "processed"]);
  });
});
