import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-12-05T10:00:00Z") });
});
afterAll(() => bot.close());

/** kate (TikTok and a larger Instagram) and tom, both in Spring Launch. */
const SPRING_LAUNCH = [
  "/creator add kate tiktok 48k",
  "/creator account kate instagram 60k",
  "/creator add tom instagram 9k",
  '/campaign new "Spring Launch"',
  '/campaign enroll "Spring Launch" kate',
  '/campaign enroll "Spring Launch" tom',
];
/** Spring Launch with kate's proposed code, KATE15. */
const WITH_KATE15 = [...SPRING_LAUNCH, '/code add kate "Spring Launch" discount:15%'];
/** Spring Launch with tom's own code, TOM-ART. */
const WITH_TOM_ART = [...SPRING_LAUNCH, '/code add tom "Spring Launch" code:tom-art'];
/** kate's orders: 1001 on the 3rd ($59.90); 2002, 3003 and 3004 today ($10, $5, $5). */
const KATE_ORDERS = [
  "/code redeem kate15 $59.90 order:1001 date:2026-12-03",
  "/code redeem KATE15 $10 order:2002",
  "/code redeem KATE15 $5 order:3003",
  "/code redeem KATE15 $5 order:3004",
];

describe("/code add", () => {
  it("proposes KATE15 from the handle and the discount, then KATE152 when it is taken", async () => {
    const ws = await bot.workspace(SPRING_LAUNCH);
    expect(expectOk(await ws.run('/code add kate "Spring Launch" discount:15%')).title).toBe(`KATE15 is @kate's code for "Spring Launch"`);
    expect(expectOk(await ws.run('/code add kate "Spring Launch" discount:15%')).title).toMatch(/^KATE152 /);
    const codes = await bot.db.code.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } });
    expect(codes.map((c) => [c.code, c.discountBps, c.kind])).toEqual([
      ["KATE15", 1500, "code"],
      ["KATE152", 1500, "code"],
    ]);
  });

  it("upper-cases given codes and refuses a collision, naming who holds it", async () => {
    const ws = await bot.workspace(SPRING_LAUNCH);
    expectOk(await ws.run('/code add tom "Spring Launch" code:tom-art'));
    expect(await ws.text('/code add kate "Spring Launch" code:TOM-ART')).toMatch(/TOM-ART is already held by @tom in "Spring Launch"/);
    expect(await ws.text('/code add kate "Spring Launch" code:"no spaces"')).toMatch(/Invalid code/);
    expect(await bot.db.code.count({ where: { workspaceId: ws.id, code: "TOM-ART" } })).toBe(1);
  });

  it("needs the creator to be enrolled", async () => {
    const ws = await bot.workspace(SPRING_LAUNCH);
    expectOk(await ws.run("/creator add ann tiktok 2k"));
    expect(await ws.text('/code add ann "Spring Launch"')).toMatch(/@ann is not enrolled in "Spring Launch"/);
  });
});

describe("/code link", () => {
  it("adds UTM parameters from the main platform, the campaign slug and the handle, keeping the URL's own", async () => {
    const ws = await bot.workspace(SPRING_LAUNCH);
    const reply = expectOk(await ws.run('/code link kate "Spring Launch" https://shop.example/kettlebells?colour=black'));
    const url = new URL((reply.blocks[0] as { text: string }).text);
    expect(url.origin + url.pathname).toBe("https://shop.example/kettlebells");
    expect(Object.fromEntries(url.searchParams)).toEqual({
      colour: "black",
      utm_source: "instagram",
      utm_medium: "influencer",
      utm_campaign: "spring-launch",
      utm_content: "kate",
    });
    expect(await ws.text('/code list creator:kate')).toContain("utm_campaign=spring-launch");
  });
});

describe("/code redeem", () => {
  it("matches codes case-insensitively and counts one order with its id", async () => {
    const ws = await bot.workspace(WITH_KATE15);
    expect(await ws.text("/code redeem kate15 $59.90 order:1001 date:2026-12-03")).toContain('so far: 1 order, $59.90.');
    const r = await bot.db.redemption.findFirstOrThrow({ where: { workspaceId: ws.id } });
    expect(r).toMatchObject({ orderId: "1001", orders: 1, revenue: 5990, day: "2026-12-03" });
  });

  it("a second redeem of order 1001 is refused and revenue stays $59.90", async () => {
    const ws = await bot.workspace([...WITH_KATE15, "/code redeem kate15 $59.90 order:1001 date:2026-12-03"]);
    expect(await ws.text("/code redeem KATE15 $59.90 order:1001")).toBe("Error: Order 1001 was already counted on 2026-12-03 for KATE15; nothing was added.");
    const sum = await bot.db.redemption.aggregate({ where: { workspaceId: ws.id }, _sum: { revenue: true, orders: true } });
    expect(sum._sum).toEqual({ revenue: 5990, orders: 1 });
  });

  it("the same order id arriving five times at once is counted once", async () => {
    const ws = await bot.workspace(WITH_KATE15);
    const replies = await Promise.all(Array.from({ length: 5 }, () => ws.run("/code redeem KATE15 $10 order:2002")));
    expect(replies.filter((r) => r.status === "ok")).toHaveLength(1);
    for (const r of replies.filter((r) => r.status === "error")) expect(r.blocks[0]).toMatchObject({ text: expect.stringMatching(/Order 2002 was already counted/) });
    expect(await bot.db.redemption.count({ where: { workspaceId: ws.id, orderId: "2002" } })).toBe(1);
  });

  it("a day's total counts as that many orders, dated today in the workspace's zone by default", async () => {
    const ws = await bot.workspace(WITH_TOM_ART);
    expectOk(await ws.run("/code redeem TOM-ART $480 orders:8"));
    expect(await bot.db.redemption.findFirstOrThrow({ where: { workspaceId: ws.id, code: { code: "TOM-ART" } } })).toMatchObject({ orders: 8, revenue: 48000, day: "2026-12-05", orderId: null });
  });

  it("refuses unknown codes, future dates, an order id with orders:, and a foreign currency", async () => {
    const ws = await bot.workspace([...WITH_KATE15, ...KATE_ORDERS]);
    const before = await bot.db.redemption.count({ where: { workspaceId: ws.id } });
    expect(await ws.text("/code redeem NOPE $1")).toMatch(/No code NOPE/);
    expect(await ws.text("/code redeem KATE15 $1 date:2026-12-06")).toMatch(/in the future/);
    expect(await ws.text("/code redeem KATE15 $1 order:9 orders:3")).toMatch(/order: is one order/);
    expect(await ws.text("/code redeem KATE15 €1")).toMatch(/"€1" is in euros \(€\), but this is counted in USD/);
    expect(await ws.text("/code redeem KATE15 lots")).toMatch(/Invalid revenue/);
    expect(await bot.db.redemption.count({ where: { workspaceId: ws.id } })).toBe(before);
  });

  it("warns that a code may have leaked when orders come before the creator's first post", async () => {
    const ws = await bot.workspace(WITH_KATE15);
    expect((await ws.run("/code redeem KATE15 $5 order:3003")).notes.join(" ")).toMatch(/had not posted .* may have leaked/);
    expectOk(await ws.run("/post log https://www.tiktok.com/@kate/video/1 views:100"));
    expect((await ws.run("/code redeem KATE15 $5 order:3004")).notes).toEqual([]);
  });

  it("adds each creator's orders up per day as they are logged, which reports and budgets read", async () => {
    const ws = await bot.workspace([...WITH_KATE15, '/code add tom "Spring Launch" code:tom-art', ...KATE_ORDERS, "/code redeem TOM-ART $480 orders:8"]);
    const days = await bot.db.salesDay.findMany({ where: { workspaceId: ws.id }, select: { creatorId: true, day: true, orders: true, revenue: true }, orderBy: [{ creatorId: "asc" }, { day: "asc" }] });
    const kate = await bot.db.creator.findFirstOrThrow({ where: { workspaceId: ws.id, handleKey: "kate" } });
    const tom = await bot.db.creator.findFirstOrThrow({ where: { workspaceId: ws.id, handleKey: "tom" } });
    // kate: order 1001 on the 3rd; 2002, 3003 and 3004 today; tom: a day's total of 8 today.
    expect(days).toEqual([
      { creatorId: kate.id, day: "2026-12-03", orders: 1, revenue: 5990 },
      { creatorId: kate.id, day: "2026-12-05", orders: 3, revenue: 2000 },
      { creatorId: tom.id, day: "2026-12-05", orders: 8, revenue: 48000 },
    ]);
  });

  it("list sums orders and revenue per code", async () => {
    const ws = await bot.workspace([...WITH_KATE15, ...KATE_ORDERS]);
    expect(await ws.text('/code list campaign:"Spring Launch"')).toMatch(/KATE15\s+@kate\s+Spring Launch\s+15%\s+4\s+\$79\.90/);
  });
});

describe("codes in two workspaces", () => {
  const zed = { platform: "discord" as const, userId: "u2", userName: "zed" };
  const THEIR_SPRING = ["/creator add kate tiktok 1k", "/campaign new Spring", "/campaign enroll Spring kate"];

  it("the same code text lives in each workspace separately", async () => {
    const ours = await bot.workspace([...WITH_KATE15, "/code redeem kate15 $59.90 order:1001 date:2026-12-03"]);
    const theirs = await bot.workspace(THEIR_SPRING, zed);
    expectOk(await theirs.run("/code add kate Spring code:KATE15"));
    expectOk(await theirs.run("/code redeem kate15 $1,000 order:1001"));
    expect(await theirs.text("/code list")).toMatch(/KATE15\s+@kate\s+Spring\s+1\s+\$1,000\.00/);
    expect(await bot.db.redemption.count({ where: { workspaceId: { in: [ours.id, theirs.id] }, orderId: "1001" } })).toBe(2);
  });

  it("orders of one creator's day logged at the same moment all count in the day's sum", async () => {
    const theirs = await bot.workspace([...THEIR_SPRING, "/code add kate Spring code:KATE15", "/code redeem kate15 $1,000 order:1001"], zed);
    const replies = await Promise.all(Array.from({ length: 6 }, () => theirs.run("/code redeem KATE15 $2.50")));
    expect(replies.every((r) => r.status === "ok")).toBe(true);
    // With order 1001: seven orders today, $1,015.
    expect(await bot.db.salesDay.findMany({ where: { workspaceId: theirs.id }, select: { day: true, orders: true, revenue: true } })).toEqual([{ day: "2026-12-05", orders: 7, revenue: 101500 }]);
  });
});
