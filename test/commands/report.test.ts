// A worked example computed by hand, checked cell by cell against the CSV (docs/reports.md "How
// reports add up"): kate posts on two accounts, tom never posts but his code sells, zed's post
// has zero views. The tests only read the example; one that changes it makes its own copy.

import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { renderText } from "../../src/render/text.ts";
import { expectOk, startTestBot, type TestBot, type TestWorkspace } from "../helpers/core.ts";

let bot: TestBot;
/** The worked example, read by every test and changed by none. */
let example: TestWorkspace;
const SETUP = [
  "/creator add kate tiktok 48k",
  "/creator account kate youtube 120k",
  "/creator add tom instagram 9k",
  "/creator add zed instagram 30k",
  '/campaign new "Spring Launch" objective:sales budget:$2,000 start:2026-12-01',
  '/campaign enroll "Spring Launch" kate fee:$300 product:$50 commission:10% due:2026-12-05',
  '/campaign enroll "Spring Launch" tom fee:$100 product:$20 per-order:$5 due:2026-12-10',
  '/campaign enroll "Spring Launch" zed fee:$200 commission:5%',
  "/post log https://www.tiktok.com/@kate/video/1 kate views:10k likes:800 comments:100 shares:50 saves:50 clicks:200 disclosed:yes posted:2026-12-02",
  "/post log https://youtu.be/kate2 kate views:5000 likes:300 comments:60 shares:20 saves:20 clicks:100 disclosed:no posted:2026-12-05",
  "/post log https://www.instagram.com/p/zed1/ zed views:0 disclosed:yes posted:2026-12-08",
  '/code add kate "Spring Launch" code:KATE10 discount:10%',
  '/code add tom "Spring Launch" code:TOM5',
  "/code redeem KATE10 $59.90 order:1001 date:2026-12-03",
  "/code redeem kate10 $120 order:1002 date:2026-12-06",
  "/code redeem KATE10 $150.00 orders:3 date:2026-12-06",
  "/code redeem TOM5 $40 order:2001 date:2026-12-04",
  "/code redeem tom5 $60 order:2002 date:2026-12-07",
];

beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-12-20T12:00:00Z") });
  example = await bot.workspace(SETUP);
});
afterAll(() => bot.close());

const csvOf = (reply: Reply) => String(expectOk(reply).files[0]!.data);
const rowsOf = (csv: string) => parse(csv, { columns: true }) as Record<string, string>[];

describe("the CSV report, against a hand computation", () => {
  it("has exactly the contract's columns, a row per creator by handle, then TOTAL", async () => {
    const reply = await example.run('/report "Spring Launch" format:csv');
    expect(reply.files[0]).toMatchObject({ name: "report-spring-launch-all.csv", contentType: "text/csv" });
    const csv = csvOf(reply);
    expect(csv.split("\n")[0]).toBe(
      "handle,tier,followers,posts,views,likes,comments,shares,saves,engagements,engagement_rate,view_rate,clicks,ctr,orders,revenue,spend,cpe,cpm,cpa,roas,undisclosed_posts",
    );
    expect(csv.trimEnd().split("\n").slice(1)).toEqual([
      // kate: 1,400 engagements over 48,000 + 120,000 followers reached; spend 300 + 50 + 10% × 329.90 = 382.99
      "kate,macro,168000,2,15000,1100,160,70,70,1400,0.0083,0.0933,300,0.0200,5,329.90,382.99,0.27,25.53,76.60,0.86,1",
      // tom: never posted, so no fee or product spent; 2 orders × $5 per order
      "tom,nano,0,0,0,0,0,0,0,0,,,0,,2,100.00,10.00,,,5.00,10.00,0",
      // zed: posted with zero views: fee spent, rates on views empty, engagement rate 0
      "zed,micro,30000,1,0,0,0,0,0,0,0.0000,,0,,0,0.00,200.00,,,,0.00,0",
      // TOTAL recomputes rates from sums: 1,400 / 198,000 followers; 592.99 / 7 orders
      "TOTAL,,198000,3,15000,1100,160,70,70,1400,0.0071,0.0933,300,0.0200,7,429.90,592.99,0.42,39.53,84.71,0.72,1",
    ]);
  });

  it("has as followers what engagement_rate divides by, in every row and period", async () => {
    for (const period of ["", " period:2026-12-01..2026-12-04", " period:2026-12-05..2026-12-20"]) {
      for (const row of rowsOf(csvOf(await example.run(`/report "Spring Launch"${period} format:csv`)))) {
        const followers = Number(row.followers);
        expect(row.engagement_rate, `${row.handle}${period}`).toBe(followers === 0 ? "" : (Number(row.engagements) / followers).toFixed(4));
      }
    }
  });

  it("periods add up to the whole: fixed costs fall on the first post's day, commissions with their orders", async () => {
    const first = rowsOf(csvOf(await example.run('/report "Spring Launch" period:2026-12-01..2026-12-04 format:csv')));
    const second = rowsOf(csvOf(await example.run('/report "Spring Launch" period:2026-12-05..2026-12-20 format:csv')));
    const whole = rowsOf(csvOf(await example.run('/report "Spring Launch" format:csv')));
    const by = (rows: Record<string, string>[], handle: string) => rows.find((r) => r.handle === handle)!;
    // kate posted on 12-02: her $350 fixed costs and the 10% of order 1001 fall in the first period.
    expect(by(first, "kate")).toMatchObject({ posts: "1", orders: "1", revenue: "59.90", spend: "355.99" });
    expect(by(second, "kate")).toMatchObject({ posts: "1", orders: "4", revenue: "270.00", spend: "27.00" });
    expect(by(first, "zed")).toMatchObject({ posts: "0", spend: "0.00" });
    expect(by(second, "zed")).toMatchObject({ posts: "1", spend: "200.00" });
    for (const column of ["posts", "views", "engagements", "clicks", "orders", "revenue", "spend", "undisclosed_posts"]) {
      for (const handle of ["kate", "tom", "zed", "TOTAL"]) {
        const sum = Number(by(first, handle)[column]) + Number(by(second, handle)[column]);
        expect(sum.toFixed(2), `${handle} ${column}`).toBe(Number(by(whole, handle)[column]).toFixed(2));
      }
    }
  });

  it("has no NaN or Infinity anywhere", async () => {
    for (const period of ["", " period:7d", " period:2026-11-01..2026-11-05"]) {
      expect(csvOf(await example.run(`/report "Spring Launch"${period} format:csv`))).not.toMatch(/NaN|Infinity|undefined/);
    }
  });
});

describe("the chat report", () => {
  let text: string;
  beforeAll(async () => {
    text = renderText(expectOk(await example.run('/report "spring launch"')));
  });

  it("shows the totals computed by the same code as the CSV", () => {
    expect(text).toMatch(/Orders:\s+7\b/);
    expect(text).toMatch(/Revenue:\s+\$429\.90/);
    expect(text).toMatch(/Spend:\s+\$592\.99/);
    expect(text).toMatch(/CPA:\s+\$84\.71/);
    expect(text).toMatch(/ROAS:\s+0\.72/);
    expect(text).toMatch(/Engagement rate:\s+0\.71%/);
    // tom has not posted: his $120 of fee and product is committed, not spent.
    expect(text).toMatch(/Budget:\s+\$592\.99 spent of \$2,000\.00 \(30%\), \$120\.00 committed, \$1,287\.01 left/);
  });

  it("ranks a sales campaign by ROAS; scales nobody who loses money or has not posted; flags the rest", () => {
    // tom's ROAS of 10 comes from orders without any post (a likely leak): shown apart, not ranked.
    expect(text).toMatch(/Leaderboard \(by roas\)\n+creator[^\n]*\n[- ]+\n@kate [^\n]*\n@zed [^\n]*\n\nNot ranked \(1\): no post yet, or every order before the first post\n+creator[^\n]*why\n[- ]+\n@tom .* 10\.00  no post yet\n/);
    // kate's ROAS is under 1.
    expect(text).not.toMatch(/Scale/);
    // kate's 0.83% is within the macro band (0.5–2%): she is reviewed for her CPA only.
    expect(text).toMatch(/@kate\s+macro\s+2\s+15,000\s+0\.8%\s+within 0\.5%–2\.0%/);
    expect(text).toMatch(/- @zed: engagement rate 0\.0%, below the micro benchmark of 2\.0%–8\.0%; no orders yet/);
    expect(text).toMatch(/- @kate: worst CPA, \$76\.60/);
  });

  it("lists deliverables due, posts without disclosure and code leaks", () => {
    expect(text).toMatch(/Deliverables due \(1 not posted yet\)\n+- @tom: due 2026-12-10, OVERDUE/);
    expect(text).toMatch(/Without disclosure \(1\)\n+- @kate, 2026-12-05: https:\/\/youtu\.be\/kate2/);
    expect(text).toMatch(/Possible code leaks[^\n]*\n+- @tom: 2 orders, \$100\.00 from 2026-12-04, no post yet/);
  });

  it("reads n/a for every zero denominator, never NaN or Infinity", async () => {
    expect(text).not.toMatch(/NaN|Infinity|undefined/);
    const empty = renderText(expectOk(await example.run('/report "Spring Launch" period:2026-11-01..2026-11-07')));
    expect(empty).toMatch(/CPA:\s+n\/a/);
    expect(empty).toMatch(/ROAS:\s+n\/a/);
    expect(empty).toMatch(/Engagement rate:\s+n\/a/);
    expect(empty).not.toMatch(/NaN|Infinity|undefined/);
  });

  it("compares a period with the one before it", async () => {
    const week = renderText(expectOk(await example.run('/report "Spring Launch" period:2026-12-05..2026-12-08')));
    // 12-05..12-08: 2 posts, 5 orders; the four days before (12-01..12-04): 1 post, 2 orders.
    expect(week).toMatch(/Posts:\s+2 \(\+100%\)/);
    expect(week).toMatch(/Orders:\s+5 \(\+150%\)/);
    // Rates change in percentage points, beside the rate: CTR 100 ÷ 5,000 against 200 ÷ 10,000;
    // engagement rate 400 ÷ 150,000 = 0.27% against 1,000 ÷ 48,000 = 2.08%.
    expect(week).toMatch(/Clicks:\s+100 \(-50%\), CTR 2\.00% \(0\.0 pp\)\n/);
    expect(week).toMatch(/Engagement rate:\s+0\.27% \(-1\.8 pp\)\n/);
  });

  it("never compares the codes' sales with the shop's total sales for lift (more in lift.test.ts)", async () => {
    const ws = await bot.workspace(SETUP);
    expectOk(await ws.run('/campaign baseline "Spring Launch" orders:40 revenue:$2,000 days:40'));
    // The codes' 7 orders are not the shop's sales: until those are recorded, lift is n/a.
    const text = renderText(expectOk(await ws.run('/report "Spring Launch"')));
    expect(text).toMatch(/Lift vs baseline:\s+n\/a: the shop's total sales during the campaign are not recorded; record each day with \/campaign sales "Spring Launch"/);
    expect(text).not.toMatch(/-65%/);
  });
});

describe("advice only on evidence", () => {
  const SELLERS = [
    "/creator add kate tiktok 48k",
    "/creator add lee instagram 20k",
    "/creator add max instagram 20k",
    '/campaign new "Spring Launch" objective:sales start:2026-12-01',
    '/campaign enroll "Spring Launch" kate fee:$50',
    '/campaign enroll "Spring Launch" lee fee:$50',
    '/campaign enroll "Spring Launch" max fee:$50',
    "/post log https://www.tiktok.com/@kate/video/1 kate views:10k likes:800 posted:2026-12-02",
    // lee's orders all came before his first post: a likely leaked code.
    "/post log https://www.instagram.com/p/lee1/ lee views:10k likes:800 posted:2026-12-10",
    '/code add kate "Spring Launch" code:KATE10',
    '/code add lee "Spring Launch" code:LEE10',
    '/code add max "Spring Launch" code:MAX10',
    "/code redeem KATE10 $400 orders:4 date:2026-12-03",
    "/code redeem LEE10 $900 orders:9 date:2026-12-04",
  ];

  it("scales nobody on 4 orders, then 5; the workspace can ask for more", async () => {
    const ws = await bot.workspace(SELLERS);
    const four = await ws.text('/report "Spring Launch"');
    expect(four).not.toMatch(/Scale/);
    expect(four).toMatch(/Not scaled yet, too little to go on: @kate \(4 of the 5 orders advice needs\)\./);
    expectOk(await ws.run("/code redeem KATE10 $100 order:5 date:2026-12-05"));
    expect(await ws.text('/report "Spring Launch"')).toMatch(/Scale: give them the next wave and more budget\n+- @kate: ROAS 10\.00, CPA \$10\.00, 5 orders/);
    expect(await ws.text("/settings min-orders:6 min-views:2k grace-hours:72")).toMatch(/Advice:\s+scale from 6 orders \(sales, sign-ups\) or 2,000 views \(others\); results judged 72 hours after a first post/);
    expect(await ws.text('/report "Spring Launch"')).toMatch(/Not scaled yet, too little to go on: @kate \(5 of the 6 orders advice needs\)\./);
    expect(await ws.text("/settings")).toMatch(/Advice:\s+scale from 6 orders/);
  });

  it("never ranks, nor scales, a creator whose orders all came before the first post", async () => {
    const ws = await bot.workspace([...SELLERS, "/code redeem KATE10 $100 order:5 date:2026-12-05"]);
    const text = await ws.text('/report "Spring Launch"');
    // lee's ROAS of 18 would top the board.
    expect(text).toMatch(/Leaderboard \(by roas\)\n+creator[^\n]*\n[- ]+\n@kate [^\n]*\n\nNot ranked \(1\)[^\n]*\n+creator[^\n]*\n[- ]+\n@lee .* 18\.00  every order before the first post\n/);
    expect(text).toMatch(/Scale[^\n]*\n+- @kate: ROAS 10\.00[^\n]*\n\n(?!- @lee)/);
    expect(text).toMatch(/Possible code leaks[^\n]*\n+- @lee: 9 orders, \$900\.00 from 2026-12-04, first post 2026-12-10/);
  });

  it("puts nobody to review or pause for engagement within 48 hours of their first post", async () => {
    // max posts today (the clock reads 2026-12-20 12:00) with 0.5% (100 of 20,000) against the micro 2%–8%.
    const ws = await bot.workspace([...SELLERS, "/post log https://www.instagram.com/p/max1/ max views:10k likes:100"]);
    const text = await ws.text('/report "Spring Launch"');
    expect(text).not.toMatch(/- @max:/);
    expect(text).toMatch(/Too early to judge, first post under 48 hours ago: @max\./);
    expectOk(await ws.run("/settings grace-hours:0"));
    expect(await ws.text('/report "Spring Launch"')).toMatch(/- @max: engagement rate 0\.5%, below the micro benchmark of 2\.0%–8\.0%; no orders yet/);
  });
});

describe("reports in two workspaces", () => {
  it("never mix, even with the same handles, codes and campaign names", async () => {
    const other = await bot.workspace(
      [
        "/creator add kate tiktok 1k",
        '/campaign new "Spring Launch"',
        '/campaign enroll "Spring Launch" kate fee:$1',
        '/code add kate "Spring Launch" code:KATE10',
        "/code redeem KATE10 $1,000 order:1001 date:2026-12-03",
      ],
      { platform: "slack", userId: "U1", userName: "una" },
    );
    const theirs = (await other.run('/report "Spring Launch" format:csv')).files[0]!.data as string;
    expect(theirs.trimEnd().split("\n").slice(1)).toEqual([
      "kate,nano,0,0,0,0,0,0,0,0,,,0,,1,1000.00,0.00,,,0.00,,0",
      "TOTAL,,0,0,0,0,0,0,0,0,,,0,,1,1000.00,0.00,,,0.00,,0",
    ]);
    expect(csvOf(await example.run('/report "Spring Launch" format:csv'))).toContain("TOTAL,,198000,3,15000,1100,160,70,70,1400,0.0071,0.0933,300,0.0200,7,429.90,592.99");
  });
});
