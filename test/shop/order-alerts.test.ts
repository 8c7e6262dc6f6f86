// Order alerts (/campaign update alerts:): each order a connected shop attributes to a campaign's
// code is posted into its alerts channel, batched at most once a minute, exactly once across
// runners (two replicas), with a "possible leak" alert when a code's last hour passes five times
// its usual rate; alerts:off stops them. Orders arrive as signed Shopify webhooks; the clock is
// a variable the test moves (no timing assertions).

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAlertRunner } from "../../jobs/alert-runner.ts";
import { claimBatch } from "../../src/db/alert-batches.ts";
import type { ChannelPoster, DigestTarget } from "../../src/digest/delivery.ts";
import type { Reply } from "../../src/core/reply.ts";
import { silentLogger } from "../../src/log.ts";
import { renderText } from "../../src/render/text.ts";
import { checkSpike, ordinal } from "../../src/domain/order-spikes.ts";
import { startTestBot, type TestBot, type TestWorkspace } from "../helpers/core.ts";
import { fixture, startShopHarness, webhookPath, type ShopHarness } from "./harness.ts";

let clock = new Date("2026-12-05T18:00:00Z");
const now = () => clock;
let bot: TestBot;
let shop: ShopHarness;
beforeAll(async () => {
  bot = await startTestBot({ now });
  shop = await startShopHarness(bot.core, { now });
});
afterAll(async () => {
  await shop.stop();
  await bot.close();
});

/** A poster that keeps what it was asked to post, as the shell would print it. */
function recorder(): ChannelPoster & { posts: Array<{ target: DigestTarget; text: string }> } {
  const posts: Array<{ target: DigestTarget; text: string }> = [];
  return {
    posts,
    async post(target: DigestTarget, reply: Reply) {
      posts.push({ target, text: renderText(reply) });
    },
  };
}

interface Shop {
  ws: TestWorkspace;
  path: string;
  domain: string;
  campaignId: number;
  orders: number;
}

async function connected(alerts: string | null = "#orders"): Promise<Shop> {
  const ws = await bot.workspace([
    "/creator add kate tiktok 48k",
    '/campaign new "Spring Launch" currency:USD',
    '/campaign enroll "Spring Launch" kate',
    '/code add kate "Spring Launch" discount:15%',
  ]);
  const domain = `kettle-${ws.id}.myshopify.com`;
  const text = await ws.text(`/shop connect shopify ${domain} campaigns:"Spring Launch" secret:shpss_test_secret`);
  if (alerts) expect(await ws.text(`/campaign update "Spring Launch" alerts:${alerts}`)).toMatch(/Order alerts:\s+#orders/);
  const campaign = await bot.db.campaign.findFirstOrThrow({ where: { workspaceId: ws.id } });
  return { ws, path: webhookPath(text), domain, campaignId: campaign.id, orders: 0 };
}

/** A KATE15 order placed at the clock's time (or `placed`), attributed by the worker. */
async function order(s: Shop, subtotal = "59.90", placed = clock): Promise<void> {
  const n = 5000 + s.orders++;
  const body = { ...fixture("shopify-order"), id: n, order_number: n, created_at: placed.toISOString(), subtotal_price: subtotal, discount_codes: [{ code: "kate15", amount: "1.00", type: "percentage" }] };
  expect((await shop.send(s.path, "orders/create", body, { domain: s.domain })).status).toBe(200);
  await shop.settled();
}

const runner = (poster: ChannelPoster, runnerId = "replica-a") => createAlertRunner({ db: bot.db, log: silentLogger(), posters: { local: poster }, runnerId });
const later = (minutes: number) => {
  clock = new Date(clock.getTime() + minutes * 60_000);
};
/** What was posted for this test's campaign (the runners post every campaign's alerts). */
const postsOf = (poster: ReturnType<typeof recorder>, s: Shop) => poster.posts.filter((p) => p.target.slug.startsWith(`alerts-${s.campaignId}-`)).map((p) => p.text);

describe("order alerts", () => {
  it("many orders in a minute are one message with every order, numbered; the next minute's go in the next message", async () => {
    const s = await connected();
    const poster = recorder();
    for (const subtotal of ["59.90", "12.00", "1200.50"]) await order(s, subtotal);
    await runner(poster).runDue(clock);
    expect(postsOf(poster, s)).toHaveLength(1);
    expect(poster.posts.find((p) => p.target.slug.startsWith(`alerts-${s.campaignId}-`))!.target.channelId).toBe("orders");
    const text = postsOf(poster, s)[0]!;
    expect(text).toContain('3 new orders for "Spring Launch"');
    expect(text).toContain("KATE15: $59.90, 1st order");
    expect(text).toContain("KATE15: $12.00, 2nd order");
    expect(text).toContain("KATE15: $1,200.50, 3rd order");
    // Another order in the same minute waits: at most one message a minute.
    await order(s, "30.00");
    await runner(poster).runDue(clock);
    expect(postsOf(poster, s)).toHaveLength(1);
    later(1);
    await runner(poster).runDue(clock);
    expect(postsOf(poster, s)).toHaveLength(2);
    expect(postsOf(poster, s)[1]).toContain('New order for "Spring Launch"');
    expect(postsOf(poster, s)[1]).toContain("KATE15: $30.00, 4th order");
    expect(postsOf(poster, s)[1]).not.toContain("$59.90");
    // Nothing new: nothing posted.
    later(1);
    await runner(poster).runDue(clock);
    expect(postsOf(poster, s)).toHaveLength(2);
  });

  it("two replicas ticking at the same moment post the minute's orders once", async () => {
    const s = await connected();
    for (let i = 0; i < 5; i++) await order(s);
    later(1);
    const a = recorder();
    const b = recorder();
    await Promise.all([runner(a, "replica-a").runDue(clock), runner(b, "replica-b").runDue(clock), runner(b, "replica-b").runDue(clock)]);
    const posts = [...postsOf(a, s), ...postsOf(b, s)];
    expect(posts).toHaveLength(1);
    expect(posts[0]!.match(/KATE15: \$59\.90/g)).toHaveLength(5);
  });

  it("a batch claimed by a replica that died is posted once by another after its lease, with the same orders", async () => {
    const s = await connected();
    await order(s, "19.99");
    later(1);
    // Replica A claims the minute's batch and dies before posting.
    expect(await claimBatch(bot.db, s.campaignId, "replica-a", clock, 2 * 60_000)).not.toBeNull();
    const b = recorder();
    await runner(b, "replica-b").runDue(clock);
    expect(postsOf(b, s)).toHaveLength(0); // A's lease still runs: not taken over yet
    later(3);
    await runner(b, "replica-b").runDue(clock);
    await runner(b, "replica-c").runDue(clock);
    expect(postsOf(b, s)).toHaveLength(1);
    expect(postsOf(b, s)[0]).toContain("KATE15: $19.99, 1st order");
  });

  it("a code's orders passing five times its usual hourly rate raise one 'possible leak' alert per hour", async () => {
    const s = await connected();
    // Its usual rate: 168 orders over the 7 days before the last hour, one an hour.
    const shopRow = await bot.db.shop.findFirstOrThrow({ where: { workspaceId: s.ws.id } });
    const code = await bot.db.code.findFirstOrThrow({ where: { workspaceId: s.ws.id } });
    const weekAgo = new Date(clock.getTime() - 169 * 3600_000);
    await bot.db.shopOrder.createMany({
      data: Array.from({ length: 168 }, (_, i) => ({
        workspaceId: s.ws.id,
        shopId: shopRow.id,
        orderId: `old-${i}`,
        externalId: `old-${i}`,
        attribution: "code" as const,
        codeId: code.id,
        campaignId: code.campaignId,
        creatorId: code.creatorId,
        currency: "USD",
        revenue: 1000,
        day: "2026-11-30",
        placedAt: new Date(weekAgo.getTime() + i * 3600_000 + 60_000),
      })),
    });
    const poster = recorder();
    // Five in the hour: not more than five times one an hour.
    for (let i = 0; i < 5; i++) await order(s);
    await runner(poster).runDue(clock);
    expect(postsOf(poster, s).at(-1)).toContain("5 new orders");
    expect(postsOf(poster, s).at(-1)).not.toContain("Possible leak");
    // Ten: more than five times its rate, and at least ten.
    for (let i = 0; i < 5; i++) await order(s);
    later(1);
    await runner(poster).runDue(clock);
    expect(postsOf(poster, s).at(-1)).toContain("Possible leak: KATE15 had 10 orders in the last hour, more than 5× its usual rate (1.0 an hour over the 7 days before)");
    // More orders in the same hour: no second leak alert.
    for (let i = 0; i < 3; i++) await order(s);
    later(1);
    await runner(poster).runDue(clock);
    expect(postsOf(poster, s).at(-1)).toContain("3 new orders");
    expect(postsOf(poster, s).at(-1)).not.toContain("Possible leak");
    expect(postsOf(poster, s).filter((t) => t.includes("Possible leak"))).toHaveLength(1);
  });

  it("a new code does not 'leak' on its first orders: it needs ten in an hour", async () => {
    const s = await connected();
    const poster = recorder();
    for (let i = 0; i < 9; i++) await order(s);
    await runner(poster).runDue(clock);
    expect(postsOf(poster, s).at(-1)).toContain("9 new orders");
    expect(postsOf(poster, s).at(-1)).not.toContain("Possible leak");
    await order(s);
    later(1);
    await runner(poster).runDue(clock);
    expect(postsOf(poster, s).at(-1)).toContain("Possible leak: KATE15 had 10 orders in the last hour, more than 5× its usual rate (none in the 7 days before)");
  });

  it("alerts:off stops them: what was waiting is not posted, and new orders are not queued", async () => {
    const s = await connected();
    await order(s);
    expect(await s.ws.text('/campaign update "Spring Launch" alerts:off')).toMatch(/Order alerts:\s+off/);
    await order(s);
    later(1);
    const poster = recorder();
    await runner(poster).runDue(clock);
    expect(postsOf(poster, s)).toEqual([]);
    // Orders still count, with or without alerts.
    expect(await s.ws.text("/code list")).toMatch(/KATE15.*\b2\b.*\$119\.80/);
  });

  it("a campaign without alerts gets none; an order typed with /code redeem is not posted", async () => {
    const s = await connected(null);
    await order(s);
    const t = await connected();
    expect((await t.ws.run("/code redeem KATE15 $20 order:777")).status).toBe("ok");
    later(1);
    const poster = recorder();
    await runner(poster).runDue(clock);
    expect([...postsOf(poster, s), ...postsOf(poster, t)]).toEqual([]);
  });

  it("in Slack and Discord a channel must be a mention the platform knows; a typed name is refused", async () => {
    const ws = await bot.workspace(['/campaign new "Spring Launch" currency:USD'], { platform: "slack" });
    const text = await ws.text('/campaign update "Spring Launch" alerts:#orders');
    expect(text).toContain('"#orders" is a channel name typed as text. Mention the channel (type # and pick it)');
    expect((await bot.db.campaign.findFirstOrThrow({ where: { workspaceId: ws.id } })).alertsChannelId).toBeNull();
  });
});

describe("the spike rule", () => {
  it("is more than five times the average hourly rate of the 7 days before, and at least ten orders", () => {
    expect(checkSpike(10, 0).spike).toBe(true);
    expect(checkSpike(9, 0).spike).toBe(false);
    expect(checkSpike(10, 168).spike).toBe(true); // 1 an hour
    expect(checkSpike(15, 3 * 168).spike).toBe(false); // 3 an hour: 15 is not more than 15
    expect(checkSpike(16, 3 * 168).spike).toBe(true);
    expect([1, 2, 3, 4, 11, 12, 13, 21, 22, 27, 101, 111].map((n) => ordinal(n))).toEqual(["1st", "2nd", "3rd", "4th", "11th", "12th", "13th", "21st", "22nd", "27th", "101st", "111th"]);
  });
});
