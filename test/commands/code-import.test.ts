// /code import: a shop's order export (Shopify, WooCommerce) or a plain code,order,revenue,date
// file, counted as the webhooks and /code redeem count orders: once per order, whichever door it
// came through first, with refunds and cancellations taken back. The headers are the shops' own
// (test/fixtures/orders); the rows are made here.

import { readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { recordRedemption } from "../../src/db/redemptions.ts";
import { expectOk, startTestBot, type TestBot, type TestWorkspace } from "../helpers/core.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-12-05T10:00:00Z") });
});
afterAll(() => bot.close());

const SETUP = [
  "/creator add kate tiktok 48k",
  "/creator add dani tiktok 20k",
  "/campaign new Spring start:2026-11-01",
  "/campaign new Autumn currency:EUR start:2026-11-01",
  "/campaign enroll Spring kate commission:10%",
  "/campaign enroll Autumn dani",
  "/code add kate Spring code:KATE15",
  "/code add dani Autumn code:DANI15",
];

const header = (name: string) => readFileSync(path.join(import.meta.dirname, "../fixtures/orders", name), "utf8").trim().split(",");
const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
/** A CSV with the shop's whole header and rows given by column name (the others empty). */
function csv(columns: string[], rows: Array<Record<string, string>>): string {
  return [columns.join(","), ...rows.map((row) => columns.map((c) => quote(row[c] ?? "")).join(","))].join("\r\n") + "\r\n";
}

let files = 0;
function file(text: string): string {
  const where = path.join(bot.dir, `orders-${++files}.csv`);
  writeFileSync(where, text);
  return where;
}

const SHOPIFY = header("shopify-header.txt");
/** An order's first row (order-level columns) and its further line items (those columns empty, as Shopify writes them). */
function shopifyOrder(order: Record<string, string>, items = 1): Array<Record<string, string>> {
  const first = { "Financial Status": "paid", Currency: "USD", "Created at": "2026-12-01 10:00:00 -0500", "Lineitem quantity": "1", "Lineitem name": "Kettlebell 8kg", ...order };
  return [first, ...Array.from({ length: items - 1 }, (_, i) => ({ Name: order.Name!, "Lineitem quantity": "1", "Lineitem name": `Grip ${i + 2}` }))];
}
const shopifyFile = () =>
  csv(SHOPIFY, [
    ...shopifyOrder({ Name: "#1001", Subtotal: "59.90", Shipping: "5.00", Taxes: "4.79", Total: "69.69", "Discount Code": "KATE15", "Discount Amount": "10.57" }, 3),
    ...shopifyOrder({ Name: "#1002", "Financial Status": "voided", Subtotal: "40.00", "Discount Code": "KATE15", "Cancelled at": "2026-12-02 09:00:00 -0500" }),
    ...shopifyOrder({ Name: "#1003", "Financial Status": "partially_refunded", Subtotal: "100.00", "Discount Code": "kate15", "Refunded Amount": "30.00" }, 2),
    ...shopifyOrder({ Name: "#1004", Subtotal: "80.00", "Discount Code": "SUMMER50" }),
    ...shopifyOrder({ Name: "#1005", Subtotal: "20.00" }),
    ...shopifyOrder({ Name: "#1006", Subtotal: "50.00", "Discount Code": "DANI15" }),
  ]);

/** A field of a reply, by its label. */
function field(reply: Awaited<ReturnType<TestWorkspace["run"]>>, label: string): string | undefined {
  for (const block of reply.blocks) if (block.type === "fields") for (const f of block.fields) if (f.label === label) return f.value;
  return undefined;
}
const counts = (reply: Awaited<ReturnType<TestWorkspace["run"]>>) =>
  Object.fromEntries(["Orders in the file", "Added", "Already there", "Refunded", "Cancelled", "Without a known code", "In another currency", "Not paid"].map((l) => [l, field(reply, l)]));

async function orders(ws: TestWorkspace) {
  return bot.db.redemption.findMany({ where: { workspaceId: ws.id }, select: { orderId: true, orders: true, revenue: true, day: true }, orderBy: { id: "asc" } });
}

describe("/code import, Shopify's order export", () => {
  it("counts each order once (line items are one order), skips the cancelled one, takes back the refund, and a second import adds nothing", async () => {
    const ws = await bot.workspace(SETUP);
    const where = file(shopifyFile());
    const first = expectOk(await ws.run(`/code import file:${where}`));
    expect(counts(first)).toEqual({
      "Orders in the file": "6",
      Added: "2",
      "Already there": "0",
      Refunded: "1",
      Cancelled: "1",
      "Without a known code": "2",
      "In another currency": "1",
      "Not paid": undefined,
    });
    const text = await ws.text(`/code import file:${where}`);
    expect(text).toMatch(/^Imported orders-\d+\.csv \(Shopify order export\): 0 orders added/);
    expect(text).toContain("Codes that are not the workspace's: 1004 (SUMMER50)");
    expect(text).toContain("1 order had no discount code.");
    expect(text).toContain("Not counted, in another currency than their campaign's: 1006 (USD, the campaign counts EUR)");
    // 10:00 in New York on the 1st is the 1st in UTC; the refund counts today (the 5th).
    expect(await orders(ws)).toEqual([
      { orderId: "1001", orders: 1, revenue: 5990, day: "2026-12-01" },
      { orderId: "1003", orders: 1, revenue: 10000, day: "2026-12-01" },
      { orderId: null, orders: 0, revenue: -3000, day: "2026-12-05" },
    ]);
    const report = expectOk(await ws.run("/report Spring"));
    expect([field(report, "Orders"), field(report, "Revenue")]).toEqual(["2", "$129.90"]);
  });

  it("an order typed with /code redeem order:#1001 or sent by the shop's webhook first is already there", async () => {
    const ws = await bot.workspace(SETUP);
    expectOk(await ws.run("/code redeem KATE15 $59.90 order:#1001 date:2026-12-01"));
    // What the shop's worker records for a webhook of order 1003 (src/shop/attribution.ts).
    const code = await bot.db.code.findFirstOrThrow({ where: { workspaceId: ws.id, code: "KATE15" } });
    await recordRedemption(bot.db, code, { orderId: "1003", orders: 1, revenue: 10000, day: "2026-12-01", createdById: null });
    const reply = expectOk(await ws.run(`/code import file:${file(shopifyFile())}`));
    expect([field(reply, "Added"), field(reply, "Already there"), field(reply, "Refunded")]).toEqual(["0", "2", "1"]);
    expect((await orders(ws)).filter((o) => o.orders > 0)).toHaveLength(2);
    expect(field(expectOk(await ws.run("/report Spring")), "Revenue")).toBe("$129.90");
    // Afterwards, the typed order is refused as counted.
    expect(await ws.text("/code redeem KATE15 $59.90 order:1003")).toMatch(/Order 1003 was already counted on 2026-12-01 for KATE15/);
  });

  it("a cancellation in the file takes back an order counted before; importing it again changes nothing", async () => {
    const ws = await bot.workspace(SETUP);
    expectOk(await ws.run("/code redeem KATE15 $40 order:1002 date:2026-12-01"));
    const where = file(shopifyFile());
    expect(field(expectOk(await ws.run(`/code import file:${where}`)), "Cancelled")).toBe("1");
    expectOk(await ws.run(`/code import file:${where}`));
    expect((await orders(ws)).filter((o) => o.orderId === null && o.orders < 0)).toEqual([{ orderId: null, orders: -1, revenue: -4000, day: "2026-12-02" }]);
    expect(field(expectOk(await ws.run("/report Spring")), "Orders")).toBe("2");
  });
});

describe("/code import, other files", () => {
  it("reads WooCommerce's order export: revenue without taxes and shipping, unpaid and cancelled orders left out", async () => {
    const ws = await bot.workspace(SETUP);
    const woo = csv(header("woocommerce-header.txt"), [
      { order_id: "88", order_number: "2001", order_date: "2026-12-02 18:30:00", status: "wc-completed", order_total: "66.00", tax_total: "6.00", shipping_total: "5.00", order_currency: "USD", coupon_items: "code:kate15|amount:9.00", line_item_1: "name:Kettlebell|quantity:1|total:64.00" },
      { order_id: "89", order_number: "2002", order_date: "2026-12-02 19:00:00", status: "pending", order_total: "30.00", order_currency: "USD", coupon_items: "code:KATE15|amount:5.00" },
      { order_id: "90", order_number: "2003", order_date: "12/03/2026 08:00:00", status: "cancelled", order_total: "30.00", order_currency: "USD", coupon_items: "code:KATE15|amount:5.00" },
      { order_id: "91", order_number: "2004", order_date: "2026-12-03 09:00:00", status: "processing", order_total: "45.50", tax_total: "0", shipping_total: "0", order_currency: "EUR", coupon_items: "code:DANI15|amount:5.00;code:FREESHIP|amount:0" },
    ]);
    const where = file(woo);
    const reply = expectOk(await ws.run(`/code import file:${where}`));
    expect(counts(reply)).toMatchObject({ "Orders in the file": "4", Added: "2", Cancelled: "1", "Not paid": "1", "Without a known code": "0" });
    expect(field(expectOk(await ws.run(`/code import file:${where}`)), "Added")).toBe("0");
    expect(await orders(ws)).toEqual([
      { orderId: "2001", orders: 1, revenue: 5500, day: "2026-12-02" },
      { orderId: "2004", orders: 1, revenue: 4550, day: "2026-12-03" },
    ]);
    expect(field(expectOk(await ws.run("/report Autumn")), "Revenue")).toBe("€45.50");
  });

  it("a WooCommerce row counts once paid (processing, completed), on its paid_date; on-hold, pending, checkout-draft are not paid; failed takes back an order counted before", async () => {
    const ws = await bot.workspace(SETUP);
    expectOk(await ws.run("/code redeem KATE15 $55 order:2105 date:2026-12-02"));
    const row = (order: string, status: string, more: Record<string, string> = {}) => ({ order_id: order, order_number: order, order_date: "2026-12-01 18:30:00", status, order_total: "55.00", order_currency: "USD", coupon_items: "code:KATE15|amount:5.00", ...more });
    const woo = csv(header("woocommerce-header.txt"), [
      row("2101", "wc-on-hold"),
      row("2102", "pending"),
      row("2103", "checkout-draft"),
      // paid_date as the plugin's column list documents it: month first, no leading zeros ("9/6/2016 6:29:00").
      row("2104", "wc-processing", { paid_date: "12/2/2026 9:00:00" }),
      row("2105", "failed"),
    ]);
    const reply = expectOk(await ws.run(`/code import file:${file(woo)}`));
    expect(counts(reply)).toMatchObject({ "Orders in the file": "5", Added: "1", "Already there": "1", Cancelled: "1", "Not paid": "3" });
    expect(await orders(ws)).toEqual([
      { orderId: "2105", orders: 1, revenue: 5500, day: "2026-12-02" },
      { orderId: "2104", orders: 1, revenue: 5500, day: "2026-12-02" },
      // The export gives no date of the change: taken back on the order's day.
      { orderId: null, orders: -1, revenue: -5500, day: "2026-12-02" },
    ]);
  });

  it("reads a plain code,order,revenue,date file, amounts as /code redeem reads them", async () => {
    const ws = await bot.workspace(SETUP);
    const where = file('code,order,revenue,date\nKATE15,#3001,$25.50,2026-12-02\nkate15,3002,"1,200.00",2026-12-03\nNOPE,3003,10,2026-12-03\n');
    expect(await ws.text(`/code import file:${where}`)).toMatch(/^Imported orders-\d+\.csv \(code,order,revenue,date file\): 2 orders added/);
    expect(field(expectOk(await ws.run(`/code import file:${where}`)), "Already there")).toBe("2");
    expect(await orders(ws)).toEqual([
      { orderId: "3001", orders: 1, revenue: 2550, day: "2026-12-02" },
      { orderId: "3002", orders: 1, revenue: 120000, day: "2026-12-03" },
    ]);
    expect(field(expectOk(await ws.run("/report Spring")), "Revenue")).toBe("$1,225.50");
  });

  it("a plain file's revenue is read in the workspace's number style; exports keep their dot", async () => {
    const ws = await bot.workspace([...SETUP, "/settings numbers:1.234,56"]);
    const where = file('code,order,revenue,date\nKATE15,3101,"1.200,50",2026-12-02\nKATE15,3102,"1,200.50",2026-12-02\n');
    expect(await ws.text(`/code import file:${where}`)).toMatch(/^Error: Cannot import orders-\d+\.csv: a row cannot be read, so nothing was imported: line 3 \(order 3102\): revenue "1,200\.50"/);
    expect(await orders(ws)).toEqual([]);
    expectOk(await ws.run(`/code import file:${file('code,order,revenue,date\nKATE15,3101,"1.200,50",2026-12-02\n')}`));
    expectOk(await ws.run(`/code import file:${file(csv(SHOPIFY, shopifyOrder({ Name: "#1001", Subtotal: "59.90", "Discount Code": "KATE15" })))}`));
    expect(await orders(ws)).toEqual([
      { orderId: "3101", orders: 1, revenue: 120050, day: "2026-12-02" },
      { orderId: "1001", orders: 1, revenue: 5990, day: "2026-12-01" },
    ]);
  });

  it("the file's content handed over by a platform (Discord's attachment) is imported the same way", async () => {
    const ws = await bot.workspace(SETUP, { platform: "discord" });
    const workspace = await bot.db.workspace.findUniqueOrThrow({ where: { id: ws.id } });
    const reply = await bot.core.dispatcher.runTyped(
      { platform: "discord", workspaceId: workspace.externalId, userId: "alice", userName: "alice", channelId: "C1" },
      "code",
      "import",
      { file: { source: "content", name: "orders.csv", text: "code,order,revenue,date\nKATE15,4001,12.00,2026-12-04\n" } },
    );
    expect(field(expectOk(reply), "Added")).toBe("1");
    // Typed on Discord, a path is not read from the bot's disk.
    expect(await ws.text(`/code import file:${file("code,order,revenue,date\n")}`)).toMatch(/^Error: Attach the orders file to the command \(its file option\): a path names a file on the bot's own disk/);
  });
});

describe("/code import of unusual orders", () => {
  const usual = (n: number) => Array.from({ length: n }, (_, i) => `KATE15,500${i + 1},40.00,2026-12-0${(i % 4) + 1}`).join("\n");
  const flaggedOf = async (workspaceId: number) =>
    (await bot.db.redemption.findMany({ where: { workspaceId }, orderBy: { id: "asc" } })).map((r) => [r.orderId, r.unusual]);

  it("an order before the start or far above the median is counted and flagged: in the reply, stored, and in /code list", async () => {
    const ws = await bot.workspace(SETUP);
    const where = file(`code,order,revenue,date\n${usual(5)}\nKATE15,5006,4050.00,2026-12-04\nKATE15,5007,40.00,2026-10-20\n`);
    const text = await ws.text(`/code import file:${where}`);
    expect(text).toMatch(/: 7 orders added/);
    expect(text).toContain(
      "2 orders look unusual, counted and flagged: 5006 (KATE15, $4,050.00 on 2026-12-04): more than 10 times the campaign's median order ($40.00); " +
        '5007 (KATE15, $40.00 on 2026-10-20): before "Spring" starts (2026-11-01 → open). Check them; /code unredeem <code> order:<id> takes one back.',
    );
    expect(await flaggedOf(ws.id)).toEqual([["5001", null], ["5002", null], ["5003", null], ["5004", null], ["5005", null], ["5006", "outlier"], ["5007", "before_start"]]);
    const code = await bot.db.code.findFirstOrThrow({ where: { workspaceId: ws.id, code: "KATE15" } });
    expect([code.orders, code.revenue]).toEqual([7, 429_000]);
    const list = expectOk(await ws.run("/code list"));
    expect(list.notes.join("\n")).toContain(
      '2 orders from a shop or a file look unusual, counted as they came: KATE15 order 5007, $40.00 on 2026-10-20: before "Spring" starts (2026-11-01 → open); ' +
        "KATE15 order 5006, $4,050.00 on 2026-12-04: more than 10 times the campaign's median order. /code unredeem <code> order:<id> takes one back.",
    );
    expect(expectOk(await ws.run("/report Spring")).notes).toContain(
      '2 orders from a shop or a file look unusual (dated before the start, on a closed campaign, or over 10 times the median order), counted as they came: /code list campaign:"Spring" shows them.',
    );
    // Taken back, it is no longer listed.
    expectOk(await ws.run("/code unredeem KATE15 order:5006"));
    expect((await ws.run("/code list")).notes.join("\n")).toContain("1 order from a shop or a file looks unusual, counted as they came: KATE15 order 5007");
    expect(expectOk(await ws.run("/report Spring period:2026-12-01..2026-12-05")).notes.join("\n")).not.toContain("unusual");
  });

  it("orders on a closed campaign are counted and flagged; a file of usual orders says nothing", async () => {
    const ws = await bot.workspace(SETUP);
    expect(await ws.text(`/code import file:${file(`code,order,revenue,date\n${usual(3)}\n`)}`)).not.toContain("unusual");
    expect((await ws.run("/code list")).notes.join("\n")).not.toContain("unusual");
    expectOk(await ws.run("/campaign update Spring status:closed"));
    const text = await ws.text(`/code import file:${file("code,order,revenue,date\nKATE15,5010,40.00,2026-12-04\n")}`);
    expect(text).toContain('1 order looks unusual, counted and flagged: 5010 (KATE15, $40.00 on 2026-12-04): "Spring" was closed when it came in. Check it;');
    expect((await flaggedOf(ws.id)).at(-1)).toEqual(["5010", "closed"]);
  });

  it("writes the amounts in the workspace's number style", async () => {
    const ws = await bot.workspace(["/settings numbers:1.234,56", ...SETUP]);
    const text = await ws.text(`/code import file:${file(`code,order,revenue,date\n${usual(5).replace(/40\.00/g, '"40,00"')}\nKATE15,5006,"4.050,00",2026-12-04\n`)}`);
    expect(text).toContain("1 order looks unusual, counted and flagged: 5006 (KATE15, $4.050,00 on 2026-12-04): more than 10 times the campaign's median order ($40,00).");
  });
});

describe("/code import refuses", () => {
  it("a header it does not know, naming the three it reads; rows it cannot read, writing nothing", async () => {
    const ws = await bot.workspace(SETUP);
    const unknown = await ws.text(`/code import file:${file("Order,Amount\n1001,59.90\n")}`);
    expect(unknown).toMatch(/^Error: Cannot import orders-\d+\.csv: its header is none of the three the bot reads \(it begins "Order,Amount"\)\./);
    expect(unknown).toContain("Shopify's order export");
    expect(unknown).toContain("WooCommerce order export");
    expect(unknown).toContain("code,order,revenue,date");
    const bad = await ws.text(`/code import file:${file("code,order,revenue,date\nKATE15,5001,12.00,2026-12-04\nKATE15,5002,twelve,2026-12-04\nKATE15,5003,3.00,04/12/2026\n")}`);
    expect(bad).toMatch(/^Error: Cannot import orders-\d+\.csv: 2 rows cannot be read, so nothing was imported: line 3 \(order 5002\): revenue "twelve" is not an amount.*; line 4 \(order 5003\): the date "04\/12\/2026" is not a date like 2026-11-20\./);
    expect(await orders(ws)).toEqual([]);
  });

  it("a missing, too large or non-admin import, and a path typed in Slack", async () => {
    const ws = await bot.workspace(SETUP);
    expect(await ws.text("/code import file:no/such/orders.csv")).toMatch(/^Error: Cannot read no\/such\/orders\.csv: there is no such file/);
    const big = file("code,order,revenue,date\n" + "KATE15,1,1.00,2026-12-01\n".repeat(430_000));
    expect(await ws.text(`/code import file:${big}`)).toMatch(/^Error: The file is 10\.\d MB; the bot imports files up to 10 MB/);
    expect(await ws.text(`/code import file:${file("code,order,revenue,date\n")}`, { userId: "bob", userName: "bob" })).toMatch(/^Error: Only admins can use \/code import/);
    const slack = await bot.workspace(["/help"], { platform: "slack" });
    expect(await slack.text(`/code import file:${file("code,order,revenue,date\n")}`)).toMatch(/^Error: A slash command cannot carry a file: share the orders file \(CSV\) with the bot in a direct message, or use the message shortcut Import orders/);
  });
});

describe("/code import in Discord (the fake Discord)", () => {
  it("downloads the attached file from Discord and imports it; a file not on Discord's CDN is not fetched", async () => {
    const { FakeDiscord } = await import("../platforms/discord/fake-discord.ts");
    const { startHarness } = await import("../platforms/discord/harness.ts");
    const guild = FakeDiscord.guild("Kettlebell Club");
    const alice = FakeDiscord.user("alice");
    const h = await startHarness({ guilds: [guild] });
    try {
      const caller = { platform: "discord" as const, workspaceId: guild.id, userId: alice.id, userName: "alice", platformAdmin: true, channelId: "C1" };
      for (const line of SETUP) expectOk(await h.core.dispatcher.runLine(caller, line));
      const who = { guild, user: alice, manageServer: true };
      const attachment = h.fake.attach("orders-export.csv", csv(SHOPIFY, shopifyOrder({ Name: "#1001", Subtotal: "59.90", "Discount Code": "KATE15" }, 2)));
      const answer = await h.slash(who, "code", "import", { file: attachment });
      expect(answer.text).toContain("Imported orders-export.csv (Shopify order export): 1 order added");
      expect(await h.db.redemption.findMany({ select: { orderId: true, revenue: true } })).toEqual([{ orderId: "1001", revenue: 5990 }]);
      const again = await h.slash(who, "code", "import", { file: h.fake.attach("orders-export.csv", csv(SHOPIFY, shopifyOrder({ Name: "#1001", Subtotal: "59.90", "Discount Code": "KATE15" }))) });
      expect(again.text).toMatch(/0 orders added[\s\S]*Already there: 1/);
      const elsewhere = await h.slash(who, "code", "import", { file: { id: "1", filename: "orders.csv", size: 10, url: "https://files.example.com/orders.csv" } });
      expect(elsewhere.text).toContain("The attachment orders.csv is not on Discord's CDN; it was not downloaded.");
      expect(await h.db.redemption.count()).toBe(1);
    } finally {
      await h.close();
    }
  });
});
