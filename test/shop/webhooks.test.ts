// Shop webhooks end to end: a shop connected from the shell sends signed webhooks (Shopify's and
// WooCommerce's own example payloads, test/fixtures/README.md says where each comes from) to the
// bot's HTTP server on 127.0.0.1, and the orders, refunds and cancellations show in the report
// exactly once.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, startTestBot, type TestBot, type TestWorkspace } from "../helpers/core.ts";
import { renderText } from "../../src/render/text.ts";
import { fixture, startShopHarness, webhookPath, type ShopHarness } from "./harness.ts";

let bot: TestBot;
let shop: ShopHarness;
beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-12-05T18:00:00Z") });
  shop = await startShopHarness(bot.core);
});
afterAll(async () => {
  await shop.stop();
  await bot.close();
});

const SPRING_LAUNCH = [
  "/creator add kate tiktok 48k",
  "/creator add tom instagram 9k",
  '/campaign new "Spring Launch" currency:USD',
  '/campaign enroll "Spring Launch" kate',
  '/campaign enroll "Spring Launch" tom',
  '/code add kate "Spring Launch" discount:15%',
];

/** A workspace with Spring Launch and a Shopify shop connected from the shell; returns its webhook path. */
async function connected(extra: readonly string[] = []): Promise<{ ws: TestWorkspace; path: string; domain: string }> {
  const ws = await bot.workspace([...SPRING_LAUNCH, ...extra]);
  // Each workspace its own shop domain: a webhook names its shop by domain too.
  const domain = `kettle-${ws.id}.myshopify.com`;
  const text = await ws.text(`/shop connect shopify ${domain} brand:Kettle campaigns:"Spring Launch" secret:shpss_test_secret`);
  expect(text).toContain("orders/create");
  expect(text).not.toContain("shpss_test_secret");
  return { ws, path: webhookPath(text), domain };
}

const order = (changes: Record<string, unknown> = {}) => ({ ...fixture("shopify-order"), ...changes });
const kate15 = { discount_codes: [{ code: "kate15", amount: "20.00", type: "percentage" }] };

describe("Shopify webhooks", () => {
  it("connect answers with the webhook address and topics; the secret shows nowhere, not even in the activity log", async () => {
    const { ws, path } = await connected();
    expect(path).toMatch(/^\/shop\/shopify\/[A-Za-z0-9_-]{20,}$/);
    const activity = await bot.db.activity.findMany({ where: { workspaceId: ws.id, command: "/shop connect" } });
    expect(activity.map((a) => a.summary)).toEqual([`connected Shopify shop kettle-${ws.id}.myshopify.com for "Spring Launch"`]);
    expect(await ws.text("/shop list")).toMatch(new RegExp(`kettle-${ws.id}\\.myshopify\\.com.*Shopify.*Kettle.*USD`));
  });

  it("a signed order with a code of the workspace counts for its creator: in /code list and /report", async () => {
    const { ws, path, domain } = await connected();
    const sent = await shop.send(path, "orders/create", order(kate15), { domain });
    expect(sent.status).toBe(200);
    await shop.settled();
    const stored = await bot.db.shopOrder.findMany({ where: { workspaceId: ws.id } });
    expect(stored.map((o) => [o.orderId, o.attribution, o.revenue, o.day, o.foreignCurrency])).toEqual([["1001", "code", 58700, "2026-12-03", false]]);
    expect(await ws.text("/code list")).toMatch(/KATE15.*@kate.*Spring Launch.*15%.*1.*\$587\.00/);
    const report = expectOk(await ws.run('/report "Spring Launch"'));
    expect(renderText(report)).toMatch(/Revenue[^\n]*\$587\.00/);
    // It also counts in the shop's total sales of the linked campaign.
    const store = await bot.db.shopSalesDay.findMany({ where: { workspaceId: ws.id } });
    expect(store.map((d) => [d.day, d.orders, d.revenue])).toEqual([["2026-12-03", 1, 58700]]);
  });

  it("a forged or unsigned webhook is refused with 401 and stores nothing; an unknown shop gets 404", async () => {
    const { ws, path, domain } = await connected();
    expect((await shop.send(path, "orders/create", order(kate15), { domain, secret: "not-the-secret" })).status).toBe(401);
    expect((await shop.send(path, "orders/create", order(kate15), { domain, secret: null })).status).toBe(401);
    expect((await shop.send("/shop/shopify/no-such-token", "orders/create", order(kate15), { domain })).status).toBe(404);
    expect((await shop.send(path, "orders/create", order(kate15), { domain: "someone-else.myshopify.com" })).status).toBe(404);
    await shop.settled();
    const shopRow = await bot.db.shop.findFirstOrThrow({ where: { workspaceId: ws.id } });
    expect(await bot.db.shopWebhook.count({ where: { shopId: shopRow.id } })).toBe(0);
    expect(await bot.db.redemption.count({ where: { workspaceId: ws.id } })).toBe(0);
  });

  it("a topic the bot does not use is answered 200 and ignored", async () => {
    const { ws, path, domain } = await connected();
    const sent = await shop.send(path, "products/update", { id: 1 }, { domain });
    expect(sent).toEqual({ status: 200, text: "ignored" });
    expect(await bot.db.shopWebhook.count({ where: { workspaceId: ws.id } })).toBe(0);
  });

  it("the same webhook id twice, and the same order by orders/paid too, count once", async () => {
    const { ws, path, domain } = await connected();
    const first = await shop.send(path, "orders/create", order(kate15), { domain, webhookId: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043" });
    const again = await shop.send(path, "orders/create", order(kate15), { domain, webhookId: "b54557e4-bdd9-4b37-8a5f-bf7d70bcd043" });
    const paid = await shop.send(path, "orders/paid", order(kate15), { domain });
    expect([first.status, again.status, paid.status]).toEqual([200, 200, 200]);
    await shop.settled();
    expect(await bot.db.shopWebhook.count({ where: { workspaceId: ws.id } })).toBe(2);
    const redemptions = await bot.db.redemption.findMany({ where: { workspaceId: ws.id } });
    expect(redemptions.map((r) => [r.orderId, r.orders, r.revenue])).toEqual([["1001", 1, 58700]]);
    expect((await bot.db.code.findFirstOrThrow({ where: { workspaceId: ws.id, code: "KATE15" } })).orders).toBe(1);
  });

  it("the same webhook arriving five times at once (retries racing) is stored once and counted once", async () => {
    const { ws, path, domain } = await connected();
    const webhookId = "0b2f4a5e-8d1c-4a7b-9f3e-5c6d7e8f9a0b";
    const sent = await Promise.all(Array.from({ length: 5 }, () => shop.send(path, "orders/create", order(kate15), { domain, webhookId })));
    expect(sent.map((s) => s.status)).toEqual([200, 200, 200, 200, 200]);
    expect(sent.map((s) => s.text).sort()).toEqual(["already received", "already received", "already received", "already received", "ok"]);
    await shop.settled();
    expect(await bot.db.shopWebhook.count({ where: { workspaceId: ws.id } })).toBe(1);
    const redemptions = await bot.db.redemption.findMany({ where: { workspaceId: ws.id } });
    expect(redemptions.map((r) => [r.orderId, r.orders, r.revenue])).toEqual([["1001", 1, 58700]]);
  });

  it("the same order by /code redeem and by webhook counts once, whichever comes first (#1001 is 1001)", async () => {
    const { ws, path, domain } = await connected();
    expectOk(await ws.run("/code redeem KATE15 $587 order:#1001 date:2026-12-03"));
    await shop.send(path, "orders/create", order(kate15), { domain });
    await shop.settled();
    expect(await ws.text("/code redeem KATE15 $587 order:1001")).toMatch(/Order 1001 was already counted on 2026-12-03 for KATE15/);
    const redemptions = await bot.db.redemption.findMany({ where: { workspaceId: ws.id } });
    expect(redemptions.map((r) => [r.orderId, r.orders, r.revenue])).toEqual([["1001", 1, 58700]]);

    // The other way round: the webhook first, then the order typed.
    await shop.send(path, "orders/create", order({ ...kate15, id: 450789470, order_number: 1002, name: "#1002" }), { domain });
    await shop.settled();
    expect(await ws.text("/code redeem KATE15 $587 order:#1002")).toMatch(/Order 1002 was already counted on 2026-12-03 for KATE15/);
  });

  it.each([
    ["each as it comes", false],
    ["the three in one batch of the worker", true],
  ])("a refund takes back its revenue on the refund's day; the cancellation takes back the rest and the order (%s)", async (_, together) => {
    const { ws, path, domain } = await connected();
    // Together: stored while no worker runs, so the next start attributes them in one transaction.
    const sender = together ? await startShopHarness(bot.core, { worker: false }) : shop;
    await sender.send(path, "orders/create", order(kate15), { domain });
    await sender.send(path, "refunds/create", fixture("shopify-refund"), { domain });
    // Shopify sends the same refund again inside the cancelled order: it is not taken back twice.
    await sender.send(path, "orders/cancelled", order({ ...kate15, cancelled_at: "2026-12-05T12:00:00-05:00", refunds: [fixture("shopify-refund")] }), { domain });
    if (together) {
      await sender.stop();
      const restarted = await startShopHarness(bot.core);
      await restarted.settled();
      await restarted.stop();
    } else await shop.settled();
    const rows = await bot.db.redemption.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } });
    // Refunds as /code refund records them: rows pointing at the order.
    expect(rows.map((r) => [r.orderId, r.refundOfId, r.day, r.orders, r.revenue])).toEqual([
      ["1001", null, "2026-12-03", 1, 58700],
      [null, rows[0]!.id, "2026-12-05", 0, -39133],
      [null, rows[0]!.id, "2026-12-05", -1, -19567],
    ]);
    const days = await bot.db.salesDay.findMany({ where: { workspaceId: ws.id }, orderBy: { day: "asc" } });
    expect(days.map((d) => [d.day, d.orders, d.revenue])).toEqual([
      ["2026-12-03", 1, 58700],
      ["2026-12-05", -1, -58700],
    ]);
    const code = await bot.db.code.findFirstOrThrow({ where: { workspaceId: ws.id, code: "KATE15" } });
    expect([code.orders, code.revenue]).toEqual([0, 0]);
    const store = await bot.db.shopSalesDay.findMany({ where: { workspaceId: ws.id }, orderBy: { day: "asc" } });
    expect(store.map((d) => [d.day, d.orders, d.revenue])).toEqual([
      ["2026-12-03", 1, 58700],
      ["2026-12-05", -1, -58700],
    ]);
  });

  it("Shopify's example refund of shipping only (no line items, a shipping_refund adjustment) takes back nothing: shipping was never revenue", async () => {
    const { ws, path, domain } = await connected();
    await shop.send(path, "orders/create", order(kate15), { domain });
    await shop.send(path, "refunds/create", fixture("shopify-refund-shipping"), { domain });
    await shop.settled();
    const rows = await bot.db.redemption.findMany({ where: { workspaceId: ws.id } });
    expect(rows.map((r) => [r.orderId, r.orders, r.revenue])).toEqual([["1001", 1, 58700]]);
    const stored = await bot.db.shopOrder.findFirstOrThrow({ where: { workspaceId: ws.id } });
    expect([stored.refundIds, stored.reversedRevenue, stored.reversedOrder]).toEqual(["929361467", 0, false]);
    expect(await ws.text("/code list")).toMatch(/KATE15.*\$587\.00/);
  });

  it("Shopify's example order as it comes, with a code the workspace does not have (TENOFF) and no UTM on its landing page, is a store sale", async () => {
    const { ws, path, domain } = await connected();
    expect((await shop.send(path, "orders/create", fixture("shopify-order"), { domain })).status).toBe(200);
    await shop.settled();
    const stored = await bot.db.shopOrder.findMany({ where: { workspaceId: ws.id } });
    expect(stored.map((o) => [o.orderId, o.externalId, o.attribution, o.revenue])).toEqual([["1001", "450789469", "store", 58700]]);
    expect(await bot.db.redemption.count({ where: { workspaceId: ws.id } })).toBe(0);
    const store = await bot.db.shopSalesDay.findMany({ where: { workspaceId: ws.id } });
    expect(store.map((d) => [d.day, d.orders, d.revenue])).toEqual([["2026-12-03", 1, 58700]]);
  });

  it("an order through a tracking link counts for the link's creator; one with neither is a store sale; another currency is flagged, never summed", async () => {
    const { ws, path, domain } = await connected(['/code link tom "Spring Launch" https://kettle.example/kettlebells']);
    const link = await bot.db.code.findFirstOrThrow({ where: { workspaceId: ws.id, kind: "link" } });
    const landing = new URL(link.url!);
    await shop.send(path, "orders/create", order({ id: 1, order_number: 2001, name: "#2001", landing_site: `${landing.pathname}${landing.search}` }), { domain });
    await shop.send(path, "orders/create", order({ id: 2, order_number: 2002, name: "#2002" }), { domain });
    await shop.send(path, "orders/create", order({ ...kate15, id: 3, order_number: 2003, name: "#2003", currency: "EUR" }), { domain });
    await shop.settled();
    const orders = await bot.db.shopOrder.findMany({ where: { workspaceId: ws.id }, orderBy: { orderId: "asc" } });
    expect(orders.map((o) => [o.orderId, o.attribution, o.foreignCurrency])).toEqual([
      ["2001", "link", false],
      ["2002", "store", false],
      ["2003", "code", true],
    ]);
    const redemptions = await bot.db.redemption.findMany({ where: { workspaceId: ws.id } });
    expect(redemptions.map((r) => [r.orderId, r.codeId, r.revenue])).toEqual([["2001", link.id, 58700]]);
    const store = await bot.db.shopSalesDay.findMany({ where: { workspaceId: ws.id } });
    expect(store.map((d) => [d.orders, d.revenue])).toEqual([[2, 117400]]);
  });

  it("a crash between the answer and the attribution loses nothing: the next start attributes what was stored", async () => {
    const { ws, path, domain } = await connected();
    const crashed = await startShopHarness(bot.core, { worker: false });
    expect((await crashed.send(path, "orders/create", order(kate15), { domain })).status).toBe(200);
    await crashed.stop();
    const stored = await bot.db.shopWebhook.findMany({ where: { workspaceId: ws.id } });
    expect(stored.map((w) => w.state)).toEqual(["received"]);
    expect(await bot.db.redemption.count({ where: { workspaceId: ws.id } })).toBe(0);
    // The restart: a new worker picks up what was left.
    const restarted = await startShopHarness(bot.core);
    await restarted.settled();
    await restarted.stop();
    expect((await bot.db.shopWebhook.findMany({ where: { workspaceId: ws.id } })).map((w) => w.state)).toEqual(["processed"]);
    expect((await bot.db.redemption.findMany({ where: { workspaceId: ws.id } })).map((r) => [r.orderId, r.revenue])).toEqual([["1001", 58700]]);
  });

  it("disconnect refuses the shop's webhooks after; the orders it sent stay counted", async () => {
    const { ws, path, domain } = await connected();
    await shop.send(path, "orders/create", order(kate15), { domain });
    await shop.settled();
    expect(await ws.text(`/shop disconnect ${domain}`)).toMatch(/disconnected[\s\S]*the 1 order it sent stay counted/);
    expect((await shop.send(path, "orders/create", order(kate15), { domain })).status).toBe(404);
    expect(await bot.db.redemption.count({ where: { workspaceId: ws.id } })).toBe(1);
  });

  it("refuses a domain that is not a myshopify.com one, and a member who is not an admin", async () => {
    const ws = await bot.workspace(SPRING_LAUNCH);
    expect(await ws.text("/shop connect shopify kettle.example.com secret:x")).toMatch(/not a myshopify\.com domain/);
    expect(await ws.text("/shop connect shopify kettle-co secret:x", { userId: "bob", userName: "bob" })).toMatch(/Only admins can use \/shop connect/);
    expect(await bot.db.shop.count({ where: { workspaceId: ws.id } })).toBe(0);
  });
});

describe("Shopify's 64-bit ids", () => {
  // Real Shopify ids pass 2^53 (9007199254740992): JSON.parse rounds 820982911946154508 and
  // 820982911946154509 to the same number. The shop writes them as JSON numbers, so the body is sent as written.
  const A = "820982911946154508";
  const B = "820982911946154509";
  /** The payload as Shopify writes it: the ids given as text here are JSON numbers in the body. */
  const raw = (payload: unknown) => JSON.stringify(payload).replace(/"(\d{16,})"/g, "$1");

  it("two orders whose ids differ only beyond 2^53 are two orders; a refund reaches the one it names", async () => {
    const { ws, path, domain } = await connected();
    await shop.send(path, "orders/create", raw(order({ ...kate15, id: A, order_number: 1001, name: "#1001" })), { domain });
    await shop.send(path, "orders/create", raw(order({ ...kate15, id: B, order_number: 1002, name: "#1002" })), { domain });
    await shop.send(path, "refunds/create", raw({ ...fixture("shopify-refund"), id: "820982911946154601", order_id: B }), { domain });
    await shop.settled();
    const orders = await bot.db.shopOrder.findMany({ where: { workspaceId: ws.id }, orderBy: { orderId: "asc" } });
    expect(orders.map((o) => [o.orderId, o.externalId, o.reversedRevenue, o.refundIds])).toEqual([
      ["1001", A, 0, ""],
      ["1002", B, 39133, "820982911946154601"],
    ]);
    const rows = await bot.db.redemption.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } });
    const byOrder = new Map(rows.filter((r) => r.orderId).map((r) => [r.id, r.orderId]));
    expect(rows.filter((r) => r.refundOfId !== null).map((r) => [byOrder.get(r.refundOfId!), r.revenue])).toEqual([["1002", -39133]]);
  });

  it("an order stored before ids were read exactly (its id rounded) still gets its refund", async () => {
    const { ws, path, domain } = await connected();
    await shop.send(path, "orders/create", raw(order({ ...kate15, id: A })), { domain });
    await shop.settled();
    // As the bot stored it before: String(JSON.parse's rounded number).
    await bot.db.shopOrder.updateMany({ where: { workspaceId: ws.id }, data: { externalId: String(Number(A)) } });
    await shop.send(path, "refunds/create", raw({ ...fixture("shopify-refund"), id: "820982911946154601", order_id: A }), { domain });
    await shop.settled();
    const stored = await bot.db.shopOrder.findFirstOrThrow({ where: { workspaceId: ws.id } });
    expect([stored.refundIds, stored.reversedRevenue]).toEqual(["820982911946154601", 39133]);
  });

  it("two refunds of one order whose ids differ only beyond 2^53 both count", async () => {
    const { ws, path, domain } = await connected();
    await shop.send(path, "orders/create", raw(order({ ...kate15, id: A })), { domain });
    await shop.send(path, "refunds/create", raw({ ...fixture("shopify-refund"), id: "820982911946154601", order_id: A }), { domain });
    await shop.send(path, "refunds/create", raw({ ...fixture("shopify-refund"), id: "820982911946154602", order_id: A }), { domain });
    await shop.settled();
    const stored = await bot.db.shopOrder.findFirstOrThrow({ where: { workspaceId: ws.id } });
    expect([stored.externalId, stored.refundIds, stored.reversedRevenue, stored.reversedOrder]).toEqual([A, "820982911946154601 820982911946154602", 58700, true]);
    expect((await bot.db.code.findFirstOrThrow({ where: { workspaceId: ws.id, code: "KATE15" } })).orders).toBe(0);
  });
});

describe("unusual orders from a webhook", () => {
  it("an order before the start and far above the median is counted, flagged with the order and shown in /code list", async () => {
    const { ws, path, domain } = await connected(['/campaign update "Spring Launch" start:2026-12-04', "/code redeem KATE15 $200 orders:5 date:2026-12-04"]);
    // Shopify's order #1001 of $587.00 on 2026-12-03: before the start, and over 10 × the $40.00 median.
    expect((await shop.send(path, "orders/create", order(kate15), { domain })).status).toBe(200);
    await shop.settled();
    const rows = await bot.db.redemption.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.orderId, r.orders, r.revenue, r.unusual])).toEqual([[null, 5, 20000, null], ["1001", 1, 58700, "before_start outlier"]]);
    expect((await bot.db.code.findFirstOrThrow({ where: { workspaceId: ws.id, code: "KATE15" } })).orders).toBe(6);
    const list = expectOk(await ws.run("/code list"));
    expect(list.notes.join("\n")).toContain(
      '1 order from a shop or a file looks unusual, counted as they came: KATE15 order 1001, $587.00 on 2026-12-03: before "Spring Launch" starts (2026-12-04 → open); ' +
        "more than 10 times the campaign's median order.",
    );
  });

  it("orders attributed together are compared with the orders before them in the same batch, as one at a time would be", async () => {
    const { ws, path, domain } = await connected();
    // Stored while no worker runs, so the next start attributes all six in one batch.
    const stored = await startShopHarness(bot.core, { worker: false });
    for (let i = 0; i < 5; i++) {
      await stored.send(path, "orders/create", order({ ...kate15, id: 500 + i, order_number: 3001 + i, name: `#${3001 + i}`, subtotal_price: "40.00" }), { domain });
    }
    await stored.send(path, "orders/create", order({ ...kate15, id: 505, order_number: 3006, name: "#3006" }), { domain });
    await stored.send(path, "orders/create", order({ ...kate15, id: 506, order_number: 3007, name: "#3007", subtotal_price: "45.00" }), { domain });
    await stored.stop();
    const restarted = await startShopHarness(bot.core);
    await restarted.settled();
    await restarted.stop();
    const rows = await bot.db.redemption.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } });
    // The sixth is over 10 × the $40.00 median of the five before it; the seventh is not.
    expect(rows.map((r) => [r.orderId, r.revenue, r.unusual])).toEqual([
      ["3001", 4000, null],
      ["3002", 4000, null],
      ["3003", 4000, null],
      ["3004", 4000, null],
      ["3005", 4000, null],
      ["3006", 58700, "outlier"],
      ["3007", 4500, null],
    ]);
    expect((await bot.db.code.findFirstOrThrow({ where: { workspaceId: ws.id, code: "KATE15" } })).orders).toBe(7);
  });

  it("a usual order is not flagged", async () => {
    const { ws, path, domain } = await connected();
    await shop.send(path, "orders/create", order(kate15), { domain });
    await shop.settled();
    expect((await bot.db.redemption.findMany({ where: { workspaceId: ws.id } })).map((r) => r.unusual)).toEqual([null]);
    expect((await ws.run("/code list")).notes.join("\n")).not.toContain("unusual");
  });
});

describe("WooCommerce webhooks", () => {
  async function woo() {
    const ws = await bot.workspace(SPRING_LAUNCH);
    const text = await ws.text(`/shop connect woocommerce https://shop${ws.id}.example.com/ campaigns:"Spring Launch" secret:shpss_test_secret`);
    expect(text).toContain("order.updated");
    return { ws, path: webhookPath(text) };
  }
  const wooOrder = (changes: Record<string, unknown> = {}) => ({ ...fixture("woocommerce-order"), coupon_lines: [{ id: 321, code: "kate15", discount: "3.00", discount_tax: "0.00", meta_data: [] }], ...changes });

  it("a signed order with a coupon counts for its creator: revenue is the total less tax and shipping", async () => {
    const { ws, path } = await woo();
    expect((await shop.send(path, "order.created", wooOrder())).status).toBe(200);
    await shop.settled();
    const rows = await bot.db.redemption.findMany({ where: { workspaceId: ws.id } });
    expect(rows.map((r) => [r.orderId, r.day, r.orders, r.revenue])).toEqual([["727", "2026-12-03", 1, 1800]]);
  });

  it("the ping of a new webhook is answered; a forged order is refused", async () => {
    const { ws, path } = await woo();
    expect((await shop.send(path, "action.wc_webhook_ping", "webhook_id=12", { secret: null })).status).toBe(200);
    expect((await shop.send(path, "order.created", wooOrder(), { secret: "forged" })).status).toBe(401);
    await shop.settled();
    expect(await bot.db.shopWebhook.count({ where: { workspaceId: ws.id } })).toBe(0);
  });

  it("an on-hold order (a bank transfer not received yet) is not a sale; order.updated to processing counts it then, once, on the day it was paid", async () => {
    const { ws, path } = await woo();
    const onHold = { status: "on-hold", date_paid: null, date_paid_gmt: null };
    await shop.send(path, "order.created", wooOrder(onHold));
    await shop.send(path, "order.updated", wooOrder({ ...onHold, date_modified_gmt: "2026-12-03T20:00:00" }));
    await shop.settled();
    expect(await bot.db.redemption.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await bot.db.shopSalesDay.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await ws.text("/code list")).not.toMatch(/\$18\.00/);
    // The transfer arrives on the 4th: the shop marks it processing, then completed.
    const paid = { date_paid: "2026-12-04T07:00:00", date_paid_gmt: "2026-12-04T10:00:00", date_modified_gmt: "2026-12-04T10:00:00" };
    await shop.send(path, "order.updated", wooOrder({ ...paid, status: "processing" }));
    await shop.send(path, "order.updated", wooOrder({ ...paid, status: "completed", date_modified_gmt: "2026-12-05T10:00:00" }));
    await shop.settled();
    const rows = await bot.db.redemption.findMany({ where: { workspaceId: ws.id } });
    expect(rows.map((r) => [r.orderId, r.day, r.orders, r.revenue])).toEqual([["727", "2026-12-04", 1, 1800]]);
    const store = await bot.db.shopSalesDay.findMany({ where: { workspaceId: ws.id } });
    expect(store.map((d) => [d.day, d.orders, d.revenue])).toEqual([["2026-12-04", 1, 1800]]);
  });

  it("pending, failed and checkout-draft orders never count; one that fails or is cancelled after it counted is taken back on that day", async () => {
    const { ws, path } = await woo();
    await shop.send(path, "order.created", wooOrder({ id: 801, number: "801", status: "pending", date_paid_gmt: null }));
    await shop.send(path, "order.updated", wooOrder({ id: 801, number: "801", status: "cancelled", date_paid_gmt: null, date_modified_gmt: "2026-12-04T09:00:00" }));
    await shop.send(path, "order.created", wooOrder({ id: 802, number: "802", status: "failed", date_paid_gmt: null }));
    await shop.send(path, "order.created", wooOrder({ id: 803, number: "803", status: "checkout-draft", date_paid_gmt: null }));
    // Counted as processing on the 3rd, then its payment fails on the 5th.
    await shop.send(path, "order.created", wooOrder({ id: 804, number: "804" }));
    await shop.send(path, "order.updated", wooOrder({ id: 804, number: "804", status: "failed", date_modified_gmt: "2026-12-05T09:00:00" }));
    await shop.settled();
    const rows = await bot.db.redemption.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.orderId ?? `refund of ${rows.find((o) => o.id === r.refundOfId)?.orderId}`, r.day, r.orders, r.revenue])).toEqual([
      ["804", "2026-12-03", 1, 1800],
      ["refund of 804", "2026-12-05", -1, -1800],
    ]);
    expect((await bot.db.shopOrder.findMany({ where: { workspaceId: ws.id } })).map((o) => o.orderId)).toEqual(["804"]);
    const store = await bot.db.shopSalesDay.findMany({ where: { workspaceId: ws.id }, orderBy: { day: "asc" } });
    expect(store.map((d) => [d.day, d.orders, d.revenue])).toEqual([
      ["2026-12-03", 1, 1800],
      ["2026-12-05", -1, -1800],
    ]);
  });

  it("order.updated with a refund, then cancelled, reverses on the day of each change; a repeat changes nothing", async () => {
    const { ws, path } = await woo();
    await shop.send(path, "order.created", wooOrder());
    const refunded = wooOrder({ date_modified_gmt: "2026-12-04T09:00:00", refunds: [{ id: 730, refund: "", total: "-5.00" }] });
    await shop.send(path, "order.updated", refunded);
    await shop.send(path, "order.updated", refunded);
    await shop.send(path, "order.updated", wooOrder({ status: "cancelled", date_modified_gmt: "2026-12-05T09:00:00", refunds: [{ id: 730, refund: "", total: "-5.00" }] }));
    await shop.settled();
    const rows = await bot.db.redemption.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.day, r.orders, r.revenue])).toEqual([
      ["2026-12-03", 1, 1800],
      ["2026-12-04", 0, -500],
      ["2026-12-05", -1, -1300],
    ]);
  });
});
