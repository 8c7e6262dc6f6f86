// /leaderboard (issue 22, Leaderboards): creators ranked by each measure over a period in the
// workspace's time zone, with their change since the period before, ties sharing a rank, money
// hidden when the workspace says so, and never what a creator is paid.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { buildRegistration } from "../../src/platforms/discord/registration.ts";
import { slackManifest } from "../../src/platforms/slack/manifest.ts";
import type { Reply } from "../../src/core/reply.ts";
import { renderText } from "../../src/render/text.ts";
import { expectOk, startTestBot, type TestBot, type TestWorkspace } from "../helpers/core.ts";

let bot: TestBot;
/** Spring Launch on 2026-12-20 (UTC): read by the tests, changed by none. */
let spring: TestWorkspace;

// Today is 2026-12-20: 7d is 12-14..12-20, compared with 12-07..12-13.
const SPRING = [
  "/creator add kate tiktok 48k",
  "/creator add tom instagram 9k",
  "/creator add zed instagram 30k",
  "/creator add ana instagram 5k",
  "/creator add lee tiktok 2k",
  '/campaign new "Spring Launch" objective:sales start:2026-12-01',
  // Fees and commissions no leaderboard may show: $777, $555, 17%.
  '/campaign enroll "Spring Launch" kate fee:$777 product:$555 commission:17%',
  '/campaign enroll "Spring Launch" tom fee:$777 per-order:$5',
  '/campaign enroll "Spring Launch" zed fee:$777',
  '/campaign enroll "Spring Launch" ana commission:17%',
  '/campaign enroll "Spring Launch" lee fee:$777',
  '/code add kate "Spring Launch" code:KATE10',
  '/code add tom "Spring Launch" code:TOM5',
  '/code add ana "Spring Launch" code:ANA',
  // The period before: kate 6 orders, tom 2; zed one post of 5k views.
  "/code redeem KATE10 $300 orders:6 date:2026-12-10",
  "/code redeem TOM5 $40 orders:2 date:2026-12-12",
  "/post log https://www.instagram.com/p/zed0/ zed views:5000 likes:100 posted:2026-12-09",
  // This period: tom 5 orders, kate 3, ana 3 (a tie); zed 20k views, kate 11k on two posts, tom 2k.
  "/code redeem TOM5 $100 orders:5 date:2026-12-16",
  "/code redeem KATE10 $150 orders:3 date:2026-12-15",
  "/code redeem ANA $90 orders:3 date:2026-12-20",
  // Engagement rates: tom 450 ÷ 9,000 = 5%; kate 960 ÷ (48,000 + 48,000) = 1%; zed 300 ÷ 30,000 = 1%.
  "/post log https://www.tiktok.com/@kate/video/1 kate views:10k likes:960 posted:2026-12-14",
  "/post log https://www.tiktok.com/@kate/video/2 kate views:1000 posted:2026-12-18",
  "/post log https://www.instagram.com/p/tom1/ tom views:2000 likes:450 posted:2026-12-17",
  "/post log https://www.instagram.com/p/zed1/ zed views:20k likes:300 posted:2026-12-19",
];

beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-12-20T12:00:00Z") });
  spring = await bot.workspace(SPRING);
});
afterAll(() => bot.close());

/** The board's rows as [rank, change, handle, ...the rest] cells, read from the reply's table. */
function rowsOf(reply: Reply): string[][] {
  const table = expectOk(reply).blocks.find((b) => b.type === "table");
  return table && table.type === "table" ? table.rows : [];
}
const headersOf = (reply: Reply) => {
  const table = reply.blocks.find((b) => b.type === "table");
  return table && table.type === "table" ? table.columns.map((c) => c.header) : [];
};
const ranks = (reply: Reply) => rowsOf(reply).map((r) => r.slice(0, 3).join(" "));

/** Nothing of what a creator is paid or costs, in any reply of the board. */
function expectNothingPaid(text: string) {
  expect(text).not.toMatch(/fee|commission|spend|cpa|roas|product/i);
  expect(text).not.toMatch(/777|555|17%/);
}

describe("ranking by each measure, with the change since the 7 days before", () => {
  it("by:orders: tom rose, ana is new and ties kate, who fell; creators without orders are not listed; posted in the channel", async () => {
    const reply = await spring.run('/leaderboard "Spring Launch" by:orders');
    expect(reply.visibility).toBe("channel");
    expect(reply.title).toBe("Leaderboard: Spring Launch, last 7 days (2026-12-14..2026-12-20), by orders");
    expect(headersOf(reply)).toEqual(["#", "change", "creator", "posts", "views", "ER", "orders", "revenue"]);
    expect(rowsOf(reply)).toEqual([
      ["1", "▲1", "@tom", "1", "2,000", "5.0%", "5", "$100.00"],
      ["2", "new", "@ana", "0", "0", "n/a", "3", "$90.00"],
      ["2", "▼1", "@kate", "2", "11,000", "1.0%", "3", "$150.00"],
    ]);
    const text = renderText(reply);
    expect(text).toContain("Equal figures share a rank, listed by handle.");
    expect(text).toContain("since the 7 days before (2026-12-07..2026-12-13)");
    expect(text).not.toContain("@zed");
    expect(text).not.toContain("@lee");
    expectNothingPaid(text);
  });

  it("by:revenue: kate and tom keep their places, ana is new", async () => {
    expect(ranks(await spring.run('/leaderboard "Spring Launch" by:revenue'))).toEqual(["1 = @kate", "2 = @tom", "3 new @ana"]);
  });

  it("by:views: zed keeps first place, kate and tom are new", async () => {
    expect(ranks(await spring.run('/leaderboard "Spring Launch" by:views'))).toEqual(["1 = @zed", "2 new @kate", "3 new @tom"]);
  });

  it("by:engagement ranks by engagement rate; kate and zed tie at 1% and are listed by handle", async () => {
    const reply = await spring.run('/leaderboard "Spring Launch" by:engagement');
    expect(reply.title).toContain("by engagement rate");
    expect(rowsOf(reply).map((r) => [r[0], r[2], r[5]])).toEqual([
      ["1", "@tom", "5.00%"],
      ["2", "@kate", "1.00%"],
      ["2", "@zed", "1.00%"],
    ]);
  });

  it("by:posts: kate with two, then tom and zed sharing second place", async () => {
    expect(ranks(await spring.run('/leaderboard "Spring Launch" by:posts'))).toEqual(["1 new @kate", "2 new @tom", "2 ▼1 @zed"]);
  });

  it("period:all has no change column (there is no period before); period:30d compares with the 30 days before", async () => {
    const all = await spring.run('/leaderboard "Spring Launch" period:all by:orders');
    expect(all.title).toBe("Leaderboard: Spring Launch, whole campaign, by orders");
    expect(headersOf(all)).not.toContain("change");
    // kate 9 orders, tom 7, ana 3.
    expect(rowsOf(all).map((r) => `${r[0]} ${r[1]} ${r[5]}`)).toEqual(["1 @kate 9", "2 @tom 7", "3 @ana 3"]);
    const month = await spring.run('/leaderboard "Spring Launch" period:30d by:orders');
    expect(month.title).toContain("last 30 days (2026-11-21..2026-12-20)");
    expect(ranks(month)).toEqual(["1 new @kate", "2 new @tom", "3 new @ana"]);
  });

  it("the default measure is orders in a sales campaign, views in an awareness one", async () => {
    expect((await spring.run('/leaderboard "Spring Launch"')).title).toContain("by orders");
    const ws = await bot.workspace(["/creator add kim tiktok 5k", "/campaign new Buzz objective:awareness", "/campaign enroll Buzz kim", "/post log https://www.tiktok.com/@kim/video/1 kim views:900"]);
    const reply = await ws.run("/leaderboard Buzz");
    expect(reply.title).toContain("by views");
    expect(ranks(reply)).toEqual(["1 new @kim"]);
  });
});

describe("money hidden", () => {
  it("an admin hides it: orders stay, no revenue anywhere; by:revenue is explained; a member cannot change it", async () => {
    const ws = await bot.workspace([...SPRING, "/settings leaderboard-money:hidden"]);
    const reply = await ws.run('/leaderboard "Spring Launch"');
    expect(headersOf(reply)).toEqual(["#", "change", "creator", "posts", "views", "ER", "orders"]);
    expect(ranks(reply)).toEqual(["1 ▲1 @tom", "2 new @ana", "2 ▼1 @kate"]);
    for (const line of ['/leaderboard "Spring Launch"', "/leaderboard by:views", '/leaderboard "Spring Launch" period:all by:posts']) {
      const text = renderText(expectOk(await ws.run(line)));
      expect(text, line).not.toMatch(/revenue|\$|100\.00|150\.00|90\.00/i);
      expectNothingPaid(text);
    }
    const refused = await ws.run('/leaderboard "Spring Launch" by:revenue');
    expect(refused.status).toBe("error");
    expect(renderText(refused)).toContain("Revenue is hidden on the leaderboard in this workspace (/settings leaderboard-money:hidden, set by an admin). Rank by orders, views, engagement or posts instead.");

    expect(renderText(await ws.run("/settings leaderboard-money:shown", { userId: "bob", userName: "bob" }))).toContain("Only admins can use /settings.");
    expect(renderText(await ws.run("/settings"))).toContain("money hidden (orders shown, revenue not)");
    expect(renderText(await ws.run("/settings leaderboard-money:shown"))).toContain("money shown (orders and revenue)");
    expect(headersOf(await ws.run('/leaderboard "Spring Launch"'))).toContain("revenue");
  });
});

describe("ties and the first ten places", () => {
  it("shows ten places, says how many more share the tenth and how many are ranked", async () => {
    const handles = Array.from({ length: 12 }, (_, i) => `c${String(i + 1).padStart(2, "0")}`);
    // c01 20 orders, c02 19, … c09 12; c10, c11 and c12 11 each.
    const orders = handles.map((_, i) => Math.max(20 - i, 11));
    const ws = await bot.workspace([
      "/campaign new Wave objective:sales",
      ...handles.flatMap((h, i) => [`/creator add ${h} tiktok 5k`, `/campaign enroll Wave ${h}`, `/code add ${h} Wave code:${h.toUpperCase()}X`, `/code redeem ${h.toUpperCase()}X $${orders[i]! * 10} orders:${orders[i]}`]),
    ]);
    const reply = await ws.run("/leaderboard Wave");
    expect(rowsOf(reply).map((r) => `${r[0]} ${r[2]} ${r[6]}`)).toEqual([
      "1 @c01 20",
      "2 @c02 19",
      "3 @c03 18",
      "4 @c04 17",
      "5 @c05 16",
      "6 @c06 15",
      "7 @c07 14",
      "8 @c08 13",
      "9 @c09 12",
      "10 @c10 11",
    ]);
    const text = renderText(reply);
    expect(text).toContain("2 more creators share rank 10.");
    expect(text).toContain("Top 10 of 12 creators ranked.");
  });
});

describe("every active campaign", () => {
  it("without a campaign: the active campaigns' figures summed per creator, the header says so; a closed campaign is left out", async () => {
    const ws = await bot.workspace([
      ...SPRING,
      '/campaign new "Summer Drop" objective:sales',
      '/campaign enroll "Summer Drop" ana',
      '/code add ana "Summer Drop" code:ANASUMMER',
      "/code redeem ANASUMMER $200 orders:4 date:2026-12-19",
      "/campaign new Old objective:sales",
      "/campaign enroll Old zed",
      "/code add zed Old code:ZEDOLD",
      "/code redeem ZEDOLD $900 orders:50 date:2026-12-19",
      "/campaign update Old status:closed",
    ]);
    const reply = await ws.run("/leaderboard");
    expect(reply.title).toBe("Leaderboard: all active campaigns (2), last 7 days (2026-12-14..2026-12-20), by orders");
    expect(renderText(reply)).toContain("Campaigns: Spring Launch, Summer Drop.");
    // ana: 3 + 4 orders, $90 + $200.
    expect(rowsOf(reply)).toEqual([
      ["1", "new", "@ana", "0", "0", "n/a", "7", "$290.00"],
      ["2", "=", "@tom", "1", "2,000", "5.0%", "5", "$100.00"],
      ["3", "▼2", "@kate", "2", "11,000", "1.0%", "3", "$150.00"],
    ]);
    expect(renderText(reply)).not.toContain("@zed");
  });

  it("campaigns in two currencies: no revenue column, why, and by:revenue refused", async () => {
    const ws = await bot.workspace([...SPRING, '/campaign new Euro objective:sales currency:EUR', "/campaign enroll Euro ana", "/code add ana Euro code:ANAEU", "/code redeem ANAEU €50 orders:1 date:2026-12-19"]);
    const reply = await ws.run("/leaderboard");
    expect(headersOf(reply)).not.toContain("revenue");
    expect(renderText(reply)).toContain("Revenue not shown: the campaigns are in EUR and USD, which do not add up; name a campaign to see it.");
    const refused = await ws.run("/leaderboard by:revenue");
    expect(refused.status).toBe("error");
    expect(renderText(refused)).toContain("Cannot rank by revenue: the campaigns are in EUR and USD, which do not add up.");
  });

  it("no active campaign: says so and how to name one", async () => {
    const ws = await bot.workspace([]);
    const reply = await ws.run("/leaderboard");
    expect(reply.status).toBe("error");
    expect(renderText(reply)).toContain("No active campaign in this workspace.");
  });
});

describe("periods in the workspace's time zone and its number style", () => {
  it("in Auckland (UTC+13) at 12:00 UTC on 20 Dec it is already the 21st: today and yesterday are Auckland's days", async () => {
    const ws = await bot.workspace([
      "/settings tz:Pacific/Auckland",
      "/creator add kate tiktok 48k",
      "/creator add tom instagram 9k",
      "/campaign new Spring objective:sales",
      "/campaign enroll Spring kate",
      "/campaign enroll Spring tom",
      "/code add kate Spring code:KATE1",
      "/code add tom Spring code:TOM1",
      // Auckland's 2026-12-21 (UTC's 20th): today; the 20th: yesterday.
      "/code redeem KATE1 $10 orders:1 date:2026-12-21",
      "/code redeem TOM1 $20 orders:2 date:2026-12-21",
      "/code redeem KATE1 $30 orders:3 date:2026-12-20",
      // 2026-12-14 is eight days before Auckland's today: out of 7d (it would be in on UTC's days).
      "/code redeem TOM1 $90 orders:9 date:2026-12-14",
    ]);
    const today = await ws.run("/leaderboard period:1d");
    expect(today.title).toBe("Leaderboard: all active campaigns (1), today (2026-12-21), by orders");
    expect(renderText(today)).toContain("since yesterday (2026-12-20)");
    expect(ranks(today)).toEqual(["1 new @tom", "2 ▼1 @kate"]);
    const week = await ws.run("/leaderboard Spring");
    expect(week.title).toContain("last 7 days (2026-12-15..2026-12-21)");
    expect(rowsOf(week).map((r) => `${r[0]} ${r[2]} ${r[6]}`)).toEqual(["1 @kate 4", "2 @tom 2"]);
  });

  it("writes counts, rates and money in the workspace's style", async () => {
    const ws = await bot.workspace([...SPRING, '/settings numbers:"1.234,56"']);
    expect(rowsOf(await ws.run('/leaderboard "Spring Launch" by:views'))[1]).toEqual(["2", "new", "@kate", "2", "11.000", "1,0%", "3", "$150,00"]);
  });
});

describe("creators", () => {
  it("a creator (linked to a creator profile) may run it and sees the board, and nothing paid; a team command is refused to them", async () => {
    const ws = await bot.workspace(SPRING);
    const kate = { userId: "kate-chat", userName: "Kate" };
    expectOk(await ws.run("/help", kate));
    const member = await bot.db.member.findFirstOrThrow({ where: { workspaceId: ws.id, externalId: kate.userId } });
    const creator = await bot.db.creator.findFirstOrThrow({ where: { workspaceId: ws.id, handleKey: "kate" } });
    await bot.db.creatorLink.create({ data: { workspaceId: ws.id, memberId: member.id, creatorId: creator.id } });
    expect(renderText(await ws.run('/report "Spring Launch"', kate))).toContain("This is for the team");
    const reply = await ws.run('/leaderboard "Spring Launch"', kate);
    expect(reply.visibility).toBe("channel");
    expect(ranks(reply)).toEqual(["1 ▲1 @tom", "2 new @ana", "2 ▼1 @kate"]);
    expectNothingPaid(renderText(reply));
    expect(await ws.text("/help", kate)).toContain("/leaderboard");
  });
});

describe("the platforms pick it up from its spec", () => {
  it("Slack's manifest has /leaderboard with its usage; Discord's registration its options and choices", () => {
    const slack = slackManifest(commands).features.slash_commands.find((c) => c.command === "/leaderboard");
    expect(slack?.usage_hint).toBe("[campaign] [period:] [by:]");
    const discord = buildRegistration(commands).find((c) => c.name === "leaderboard")!;
    expect(discord.options?.map((o) => [o.name, "choices" in o ? o.choices?.map((c) => c.value) : undefined])).toEqual([
      ["campaign", undefined],
      ["period", ["1d", "7d", "30d", "all"]],
      ["by", ["orders", "revenue", "views", "engagement", "posts"]],
    ]);
  });
});
