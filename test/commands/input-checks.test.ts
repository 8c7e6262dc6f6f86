// Checks at the door (issue 20): what a command refuses, or accepts and questions, before it
// writes. Typed as people type them, on SQLite and, with TEST_DATABASE_URL, on PostgreSQL.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-12-05T10:00:00Z") });
});
afterAll(() => bot.close());

describe("64-bit amounts and counts", () => {
  /** A campaign with a $30,000,000 budget, and kate with 3 billion followers and her code. */
  const BIG = [
    "/creator add kate tiktok 3,000,000,000",
    '/campaign new "Big Launch" budget:$30,000,000 start:2026-12-01 end:2026-12-31',
    '/campaign enroll "Big Launch" kate fee:$25,000,000',
    '/code add kate "Big Launch" code:KATE',
  ];

  it("a $30,000,000 budget, 3 billion views and a $21,474,836.48 order are kept and shown as typed", async () => {
    const ws = await bot.workspace(BIG);
    expect(await ws.text('/campaign show "Big Launch"')).toMatch(/Budget: +\$30,000,000\.00/);
    expect(await ws.text("/post log https://www.tiktok.com/@kate/video/1 views:3,000,000,000 likes:2,500,000,000 posted:2026-12-02")).toMatch(/Views: +3,000,000,000/);
    expect(await ws.text("/code redeem KATE $21,474,836.48 order:1 date:2026-12-03")).toContain("$21,474,836.48");
    const campaign = await bot.db.campaign.findFirstOrThrow({ where: { workspaceId: ws.id } });
    const post = await bot.db.post.findFirstOrThrow({ where: { workspaceId: ws.id } });
    const order = await bot.db.redemption.findFirstOrThrow({ where: { workspaceId: ws.id } });
    expect([campaign.budget, post.views, post.likes, order.revenue]).toEqual([3_000_000_000, 3_000_000_000, 2_500_000_000, 2_147_483_648]);
    expect(await ws.text("/post list")).toContain("3,000,000,000");
  });

  it("a code's running totals pass 2^31 minor units and keep counting", async () => {
    const ws = await bot.workspace(BIG);
    expectOk(await ws.run("/code redeem KATE $21,474,836.48 order:1 date:2026-12-03"));
    expect(await ws.text("/code redeem KATE $21,474,836.48 order:2 date:2026-12-03")).toContain("so far: 2 orders, $42,949,672.96.");
    expect(await ws.text("/code redeem KATE $10 order:3 date:2026-12-03")).toContain("so far: 3 orders, $42,949,682.96.");
    const day = await bot.db.salesDay.findFirstOrThrow({ where: { workspaceId: ws.id } });
    expect([day.orders, day.revenue]).toEqual([3, 4_294_968_296]);
    expect(await ws.text('/code list campaign:"Big Launch"')).toContain("$42,949,682.96");
    expect(await ws.text('/report "Big Launch"')).toContain("$42,949,682.96");
  });

  it("an amount or count beyond what the bot keeps is refused with the limit, and nothing is written", async () => {
    const ws = await bot.workspace(BIG);
    expect(await ws.text('/campaign new Huge budget:$1,000,000,000.01')).toContain(
      "Invalid budget: $1,000,000,000.01 is more than the bot keeps: amounts go up to $1,000,000,000.00.",
    );
    expect(await ws.text("/code redeem KATE $99,999,999,999,999,999 order:9")).toMatch(/Invalid revenue: .* is more than the bot keeps: amounts go up to \$1,000,000,000\.00\./);
    expect(await ws.text("/post log https://www.tiktok.com/@kate/video/2 views:1,000,000,000,001")).toContain(
      "Invalid views: 1,000,000,000,001 is more than the bot keeps: counts go up to 1,000,000,000,000.",
    );
    expect(await ws.text("/settings tiers:1k,10k,100k,2000000000000")).toContain("thresholds go up to 1,000,000,000,000");
    expect(await bot.db.campaign.count({ where: { workspaceId: ws.id } })).toBe(1);
    expect(await bot.db.post.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await bot.db.redemption.count({ where: { workspaceId: ws.id } })).toBe(0);
  });
});
