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

describe("characters nobody sees", () => {
  it("a zero-width space, a right-to-left override or a control character in a value is refused, naming the option and the position; nothing is written", async () => {
    const ws = await bot.workspace(["/creator add kate tiktok 48k"]);
    expect(await ws.text("/creator add ka\u200Bte2 tiktok 1k")).toContain("Invalid handle: character 3 is a zero-width space (U+200B), which cannot be seen. Type it again without it.");
    expect(await ws.text('/creator update kate niche:"fit\u202Eness"')).toContain(
      "Invalid niche: character 4 is a right-to-left override (U+202E), a bidirectional control, which cannot be seen.",
    );
    expect(await ws.text('/campaign new "Spring\u0007 Launch"')).toContain("Invalid name: character 7 is a control character (U+0007)");
    // A byte order mark is white space to JavaScript, but not between two letters of a handle.
    expect(await ws.text("/creator add ka\uFEFFte3 tiktok 1k")).toContain("Invalid handle: character 3 is a zero-width no-break space (byte order mark) (U+FEFF)");
    expect(await ws.text("/creator a\u200Bdd kate3 tiktok 1k")).toContain('In "a\u200Bdd", character 2 is a zero-width space (U+200B)');
    expect(await bot.db.creator.count({ where: { workspaceId: ws.id } })).toBe(1);
    expect(await bot.db.campaign.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect((await bot.db.creator.findFirstOrThrow({ where: { workspaceId: ws.id } })).niche).toBeNull();
  });

  it("Discord's typed options are checked alike", async () => {
    const caller = { platform: "discord", workspaceId: "G-hidden", userId: "U1", userName: "ann", channelId: "C1" };
    const reply = await bot.core.dispatcher.runTyped(caller, "creator", "add", { handle: "ka\u200Bte", platform: "tiktok", followers: 1000 });
    expect(reply.status).toBe("error");
    expect(JSON.stringify(reply.blocks)).toContain("Invalid handle: character 3 is a zero-width space (U+200B)");
  });

  it("emoji keep the joiners and tags they are made of, and a niche may span lines", async () => {
    const ws = await bot.workspace(["/creator add kate tiktok 48k"]);
    expectOk(await ws.run('/campaign new "Family 👨‍👩‍👧 Week"'));
    expectOk(await ws.run('/creator update kate niche:"🏴󠁧󠁢󠁳󠁣󠁴󠁿 hikes, 👩🏽‍💻 reviews"'));
    expect((await bot.db.campaign.findFirstOrThrow({ where: { workspaceId: ws.id } })).name).toBe("Family 👨‍👩‍👧 Week");
    expect((await bot.db.creator.findFirstOrThrow({ where: { workspaceId: ws.id } })).niche).toBe("🏴󠁧󠁢󠁳󠁣󠁴󠁿 hikes, 👩🏽‍💻 reviews");
  });
});

describe("handles that look alike", () => {
  it("@kаte with a Cyrillic а is refused, naming @kate; the plain handle still works", async () => {
    const ws = await bot.workspace(["/creator add kate tiktok 48k"]);
    const reply = await ws.text("/creator add @k\u0430te instagram 2k");
    expect(reply).toContain('@k\u0430te looks like @kate, who is already registered: character 2, "\u0430" (U+0430), is not "a".');
    expect(reply).toContain("If it is the same creator, use @kate.");
    expect(await ws.text("/creator show @k\u0430te")).toContain("Did you mean @kate? @k\u0430te only looks like it");
    expect(await bot.db.creator.count({ where: { workspaceId: ws.id } })).toBe(1);
  });

  it("a full-width @ｋａｔｅ is NFKC-normalised to @kate: the same creator", async () => {
    const ws = await bot.workspace(["/creator add kate tiktok 48k"]);
    expect(await ws.text("/creator add @ｋａｔｅ instagram 2k")).toContain("@kate is already registered.");
    expect(expectOk(await ws.run("/creator account ＠ｋａｔｅ instagram 2k")).title).toBe("@kate: micro");
    expect(await bot.db.account.count({ where: { workspaceId: ws.id } })).toBe(2);
  });

  it("a plain handle is refused next to a registered look-alike too, but two plain handles never are", async () => {
    const ws = await bot.workspace(["/creator add k\u0430te tiktok 48k", "/creator add kate1 tiktok 2k"]);
    expect(await ws.text("/creator add kate tiktok 5k")).toContain(`@kate looks like @k\u0430te, who is already registered: character 2, "a" (U+0061), is not "\u0430".`);
    expectOk(await ws.run("/creator add katel tiktok 5k"));
    expect((await bot.db.creator.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } })).map((c) => c.handle)).toEqual(["k\u0430te", "kate1", "katel"]);
  });
});
