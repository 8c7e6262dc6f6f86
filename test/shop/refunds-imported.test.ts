// A refund known twice: from Shopify's order export (/code import: the order's "Refunded Amount",
// its refunded total as of the export, without refund ids) and from the shop's refunds/create
// webhook (with its id). Whichever comes first, it is taken back once: the order's refunded total
// is never more than the larger of what the file and the webhooks say.

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
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

const SHOPIFY = readFileSync(path.join(import.meta.dirname, "../fixtures/orders/shopify-header.txt"), "utf8").trim().split(",");
let files = 0;
/** Shopify's order export of order #1001 (KATE15, $587.00) with its Refunded Amount so far. */
function export1001(refunded: string, extra: Record<string, string> = {}): string {
  const row: Record<string, string> = { ...extra, Name: "#1001", "Financial Status": "partially_refunded", Currency: "USD", Subtotal: "587.00", "Discount Code": "KATE15", "Created at": "2026-12-03 11:00:00 -0500", "Refunded Amount": refunded, "Lineitem quantity": "1" };
  const where = path.join(bot.dir, `refunds-${++files}.csv`);
  writeFileSync(where, `${SHOPIFY.join(",")}\n${SHOPIFY.map((c) => row[c] ?? "").join(",")}\n`);
  return where;
}

/** Spring Launch with KATE15, a Shopify shop connected, and its order #1001 ($587.00) sent by webhook. */
async function withOrder(): Promise<{ ws: TestWorkspace; send: (topic: string, payload: unknown) => Promise<void> }> {
  const ws = await bot.workspace(['/campaign new "Spring Launch" currency:USD', "/creator add kate tiktok 48k", '/campaign enroll "Spring Launch" kate', '/code add kate "Spring Launch" code:KATE15']);
  const domain = `kettle-${ws.id}.myshopify.com`;
  const hook = webhookPath(await ws.text(`/shop connect shopify ${domain} campaigns:"Spring Launch" secret:shpss_test_secret`));
  const send = async (topic: string, payload: unknown) => {
    expect((await shop.send(hook, topic, payload, { domain })).status).toBe(200);
    await shop.settled();
  };
  await send("orders/create", { ...fixture("shopify-order"), discount_codes: [{ code: "KATE15", amount: "10.00", type: "fixed_amount" }] });
  return { ws, send };
}

/** A refunds/create of order #1001 taking back `amount` (one line item's subtotal). */
function refund(id: number, amount: string) {
  const base = fixture("shopify-refund");
  const line = (base.refund_line_items as Array<Record<string, unknown>>)[0]!;
  return { ...base, id, refund_line_items: [{ ...line, subtotal: Number(amount), subtotal_set: { shop_money: { amount, currency_code: "USD" }, presentment_money: { amount, currency_code: "USD" } } }] };
}

/** What the code has of order 1001: its revenue, each refund taken back, and what still counts. */
async function standing(ws: TestWorkspace) {
  const rows = await bot.db.redemption.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } });
  const code = await bot.db.code.findFirstOrThrow({ where: { workspaceId: ws.id, code: "KATE15" } });
  return { order: rows.filter((r) => r.refundOfId === null).map((r) => r.revenue), refunds: rows.filter((r) => r.refundOfId !== null).map((r) => -r.revenue), codeRevenue: code.revenue };
}

const imported = async (ws: TestWorkspace, where: string) => {
  const reply = expectOk(await ws.run(`/code import file:${where}`));
  const field = (label: string) => reply.blocks.flatMap((b) => (b.type === "fields" ? b.fields : [])).find((f) => f.label === label)?.value;
  return { refunded: field("Refunded"), text: reply.notes.join("\n") };
};

describe("a refund both in the orders file and sent by webhook counts once", () => {
  it("imported first, then its webhook: the webhook's refund is matched to the imported total, not added", async () => {
    const { ws, send } = await withOrder();
    const first = await imported(ws, export1001("391.33"));
    expect(first.refunded).toBe("1");
    expect(first.text).toMatch(/refunded total as of the export/);
    await send("refunds/create", refund(509562969, "391.33"));
    expect(await standing(ws)).toEqual({ order: [58700], refunds: [39133], codeRevenue: 58700 - 39133 });
    // The webhook is known now: sent again (inside the cancelled order too), nothing more.
    await send("refunds/create", refund(509562969, "391.33"));
    expect((await standing(ws)).refunds).toEqual([39133]);
    const order = await bot.db.shopOrder.findFirstOrThrow({ where: { workspaceId: ws.id } });
    expect(order.refundIds).toBe("509562969");
    // The shop's total sales lose the refund once, from the webhook (an import adds no store sales).
    const store = await bot.db.shopSalesDay.findMany({ where: { workspaceId: ws.id }, orderBy: { day: "asc" } });
    expect(store.map((d) => [d.day, d.revenue])).toEqual([["2026-12-03", 58700], ["2026-12-05", -39133]]);
  });

  it("its webhook first, then the file: the file adds nothing", async () => {
    const { ws, send } = await withOrder();
    await send("refunds/create", refund(509562969, "391.33"));
    const later = await imported(ws, export1001("391.33"));
    expect(later.refunded).toBe("0");
    expect(await standing(ws)).toEqual({ order: [58700], refunds: [39133], codeRevenue: 58700 - 39133 });
  });

  it("a partial refund imported, its webhook, then a second refund's webhook: the second is added, a later export adds nothing", async () => {
    const { ws, send } = await withOrder();
    await imported(ws, export1001("100.00"));
    await send("refunds/create", refund(601, "100.00"));
    expect((await standing(ws)).refunds).toEqual([10000]);
    await send("refunds/create", refund(602, "50.00"));
    expect((await standing(ws)).refunds).toEqual([10000, 5000]);
    expect((await imported(ws, export1001("150.00"))).refunded).toBe("0");
    expect(await standing(ws)).toEqual({ order: [58700], refunds: [10000, 5000], codeRevenue: 58700 - 15000 });
  });

  it("a partial refund's webhook, then an export that already has a second refund, then that refund's webhook: taken back once each", async () => {
    const { ws, send } = await withOrder();
    await send("refunds/create", refund(601, "100.00"));
    expect((await imported(ws, export1001("150.00"))).refunded).toBe("1");
    expect((await standing(ws)).refunds).toEqual([10000, 5000]);
    await send("refunds/create", refund(602, "50.00"));
    expect(await standing(ws)).toEqual({ order: [58700], refunds: [10000, 5000], codeRevenue: 58700 - 15000 });
    expect((await bot.db.shopOrder.findFirstOrThrow({ where: { workspaceId: ws.id } })).refundIds).toBe("601 602");
  });
});

// An order the shop never sent, only its export: the file's Id (Shopify) or order_id (WooCommerce)
// is kept, so the shop's later refund or cancellation by webhook finds it.
describe("an order that only an orders file brought: the shop's refund or cancellation by webhook takes it back once", () => {
  /** Spring Launch with KATE15 and a connected shop (no order sent); `send` signs and sends a webhook to it. */
  async function connected(kind: "shopify" | "woocommerce") {
    const ws = await bot.workspace(['/campaign new "Spring Launch" currency:USD', "/creator add kate tiktok 48k", '/campaign enroll "Spring Launch" kate', '/code add kate "Spring Launch" code:KATE15']);
    const domain = `kettle-${ws.id}.myshopify.com`;
    const where = kind === "shopify" ? domain : `https://shop${ws.id}.example.com/`;
    const hook = webhookPath(await ws.text(`/shop connect ${kind} ${where} campaigns:"Spring Launch" secret:shpss_test_secret`));
    const send = async (topic: string, payload: unknown) => {
      expect((await shop.send(hook, topic, payload, { domain })).status).toBe(200);
      await shop.settled();
    };
    const revenue = async () => /Revenue[^\n]*?(\$[\d,.]+)/.exec(renderText(expectOk(await ws.run('/report "Spring Launch"'))))?.[1];
    const storeSales = async () => bot.db.shopSalesDay.count({ where: { workspaceId: ws.id } });
    return { ws, send, revenue, storeSales };
  }

  it("Shopify: an imported order (its Id kept), then refunds/create naming that id: revenue drops by the refund once; a re-sent webhook changes nothing", async () => {
    const { ws, send, revenue, storeSales } = await connected("shopify");
    expect((await imported(ws, export1001("", { Id: "450789469" }))).refunded).toBe("0");
    expect(await revenue()).toBe("$587.00");
    await send("refunds/create", refund(509562969, "391.33")); // order_id 450789469
    expect(await revenue()).toBe("$195.67");
    await send("refunds/create", refund(509562969, "391.33"));
    expect(await standing(ws)).toEqual({ order: [58700], refunds: [39133], codeRevenue: 58700 - 39133 });
    expect(await revenue()).toBe("$195.67");
    // The import added nothing to the shop's total sales: its refund takes nothing from them.
    expect(await storeSales()).toBe(0);
  });

  it("Shopify: a refund already in the file's Refunded Amount is not taken back again by its webhook; a second refund is", async () => {
    const { ws, send, revenue } = await connected("shopify");
    await imported(ws, export1001("100.00", { Id: "450789469" }));
    expect(await revenue()).toBe("$487.00");
    await send("refunds/create", refund(601, "100.00"));
    expect(await revenue()).toBe("$487.00");
    await send("refunds/create", refund(602, "50.00"));
    await send("refunds/create", refund(602, "50.00"));
    expect(await standing(ws)).toEqual({ order: [58700], refunds: [10000, 5000], codeRevenue: 58700 - 15000 });
    expect(await revenue()).toBe("$437.00");
  });

  it("Shopify: an order imported before its Id was kept gets it from the same file imported again", async () => {
    const { ws, send, revenue } = await connected("shopify");
    await imported(ws, export1001(""));
    await imported(ws, export1001("", { Id: "450789469" }));
    await send("refunds/create", refund(509562969, "391.33"));
    expect(await revenue()).toBe("$195.67");
  });

  it("Shopify: an imported order, then orders/cancelled: revenue drops to nothing once, the shop's total sales unchanged", async () => {
    const { ws, send, revenue, storeSales } = await connected("shopify");
    await imported(ws, export1001("", { Id: "450789469" }));
    const cancelled = { ...fixture("shopify-order"), discount_codes: [{ code: "KATE15", amount: "10.00", type: "fixed_amount" }], cancelled_at: "2026-12-05T12:00:00-05:00" };
    await send("orders/cancelled", cancelled);
    expect(await revenue()).toBe("$0.00");
    await send("orders/cancelled", cancelled);
    await send("refunds/create", refund(509562969, "391.33"));
    expect(await standing(ws)).toEqual({ order: [58700], refunds: [58700], codeRevenue: 0 });
    expect(await storeSales()).toBe(0);
  });

  it("WooCommerce: an imported order, then order.updated to refunded: revenue drops to nothing once; a re-sent webhook changes nothing", async () => {
    const { ws, send, revenue, storeSales } = await connected("woocommerce");
    const header = readFileSync(path.join(import.meta.dirname, "../fixtures/orders/woocommerce-header.txt"), "utf8").trim().split(",");
    const row: Record<string, string> = { order_id: "727", order_number: "727", order_date: "2026-12-03 16:28:02", paid_date: "2026-12-03 19:28:08", status: "processing", order_total: "29.35", tax_total: "1.35", shipping_total: "10.00", order_currency: "USD", coupon_items: "code:kate15|amount:3.00" };
    const where = path.join(bot.dir, `woo-${++files}.csv`);
    writeFileSync(where, `${header.join(",")}\n${header.map((c) => row[c] ?? "").join(",")}\n`);
    await imported(ws, where);
    expect(await revenue()).toBe("$18.00");
    const refunded = { ...fixture("woocommerce-order"), status: "refunded", date_modified_gmt: "2026-12-05T09:00:00", coupon_lines: [{ id: 321, code: "kate15", discount: "3.00", discount_tax: "0.00", meta_data: [] }], refunds: [{ id: 730, refund: "", total: "-29.35" }] };
    await send("order.updated", refunded);
    expect(await revenue()).toBe("$0.00");
    await send("order.updated", { ...refunded, date_modified_gmt: "2026-12-05T10:00:00" });
    const rows = await bot.db.redemption.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.day, r.orders, r.revenue])).toEqual([["2026-12-03", 1, 1800], ["2026-12-05", -1, -1800]]);
    expect(await revenue()).toBe("$0.00");
    expect(await storeSales()).toBe(0);
  });
});
