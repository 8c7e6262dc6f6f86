// Corrections: every way to log something has a way to undo it. Orders logged by mistake are
// taken back (/code unredeem), refunds give revenue back on their day (/code refund), and the
// running totals the reports read stay equal to the orders that remain.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, startTestBot, type TestBot, type TestWorkspace } from "../helpers/core.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-12-05T10:00:00Z") });
});
afterAll(() => bot.close());

/** dani in the EUR campaign Autumn: €500 fee, 10% commission, posted on the 1st; code DANI15. */
const AUTUMN = [
  "/creator add dani tiktok 20k",
  "/campaign new Autumn currency:EUR budget:€5,000 start:2026-12-01",
  "/campaign enroll Autumn dani fee:€500 commission:10%",
  "/post log https://www.tiktok.com/@dani/video/1 views:10k posted:2026-12-01",
  "/code add dani Autumn code:DANI15",
];
/** kate in Spring ($, 10% commission, posted on the 1st) with KATE15 and order 1001 of $59.90 on the 3rd. */
const SPRING_1001 = [
  "/creator add kate tiktok 48k",
  "/campaign new Spring",
  "/campaign enroll Spring kate commission:10%",
  "/post log https://www.tiktok.com/@kate/video/7 views:1k posted:2026-12-01",
  "/code add kate Spring code:KATE15",
  "/code redeem KATE15 $59.90 order:1001 date:2026-12-03",
];

const member = { userId: "bob", userName: "bob" };

/** A field of a reply (report totals), by its label. */
function field(reply: Awaited<ReturnType<TestWorkspace["run"]>>, label: string): string | undefined {
  for (const block of reply.blocks) if (block.type === "fields") for (const f of block.fields) if (f.label === label) return f.value;
  return undefined;
}

/** The running totals (SalesDay, Code.orders and revenue) are what the Redemption rows add up to, day by day and code by code. */
async function expectTotalsEqualOrders(workspaceId: number) {
  const rows = await bot.db.redemption.findMany({ where: { workspaceId } });
  const days = new Map<string, { orders: number; revenue: number }>();
  const codes = new Map<number, { orders: number; revenue: number }>();
  for (const r of rows) {
    const key = `${r.campaignId}/${r.creatorId}/${r.day}`;
    const d = days.get(key) ?? { orders: 0, revenue: 0 };
    days.set(key, { orders: d.orders + r.orders, revenue: d.revenue + r.revenue });
    const c = codes.get(r.codeId) ?? { orders: 0, revenue: 0 };
    codes.set(r.codeId, { orders: c.orders + r.orders, revenue: c.revenue + r.revenue });
  }
  const salesDays = await bot.db.salesDay.findMany({ where: { workspaceId } });
  expect(Object.fromEntries(salesDays.map((s) => [`${s.campaignId}/${s.creatorId}/${s.day}`, { orders: s.orders, revenue: s.revenue }]))).toEqual(Object.fromEntries(days));
  for (const code of await bot.db.code.findMany({ where: { workspaceId, kind: "code" } })) {
    expect({ orders: code.orders, revenue: code.revenue }, code.code!).toEqual(codes.get(code.id) ?? { orders: 0, revenue: 0 });
  }
}

describe("/code unredeem", () => {
  it("the €101,250 typo of a day's total is removed, and the report's ROAS is right again", async () => {
    const ws = await bot.workspace(AUTUMN);
    // Meant €1,012.50 for 25 orders.
    expectOk(await ws.run("/code redeem DANI15 €101,250 orders:25 date:2026-12-02"));
    expectOk(await ws.run("/code redeem DANI15 €59.90 order:1001 date:2026-12-02"));
    let report = expectOk(await ws.run("/report Autumn"));
    // (101,250 + 59.90) ÷ (500 + 10% of it) = 101,309.90 ÷ 10,630.99
    expect(field(report, "ROAS")).toBe("9.53");
    expect(await ws.text("/code unredeem DANI15 date:2026-12-02")).toBe(
      'DANI15: removed the total of 2026-12-02, 25 orders, €101,250.00\n@dani in "Autumn" now: 1 order, €59.90.',
    );
    await expectTotalsEqualOrders(ws.id);
    expectOk(await ws.run("/code redeem DANI15 €1,012.50 orders:25 date:2026-12-02"));
    report = expectOk(await ws.run("/report Autumn"));
    // 1,072.40 ÷ (500 + 107.24) = 1.766…
    expect([field(report, "Orders"), field(report, "Revenue"), field(report, "Spend"), field(report, "ROAS")]).toEqual(["26", "€1,072.40", "€607.24", "1.77"]);
    expect(await ws.text("/code list")).toMatch(/DANI15\s+@dani\s+Autumn\s+26\s+€1,072\.40/);
    await expectTotalsEqualOrders(ws.id);
    // Order 1001 of that day stays: date: takes only totals logged without an order id.
    expect(await bot.db.redemption.count({ where: { workspaceId: ws.id, orderId: "1001" } })).toBe(1);
  });

  it("removes one order by its id, however the # is written, and a day with nothing left leaves no trace", async () => {
    const ws = await bot.workspace(SPRING_1001);
    expectOk(await ws.run("/code redeem KATE15 $10 order:#2002 date:2026-12-04"));
    expect(await ws.text("/code unredeem kate15 order:#1001")).toBe('KATE15: removed order 1001 ($59.90 on 2026-12-03)\n@kate in "Spring" now: 1 order, $10.00.');
    expect(await bot.db.salesDay.findMany({ where: { workspaceId: ws.id }, select: { day: true, orders: true, revenue: true } })).toEqual([{ day: "2026-12-04", orders: 1, revenue: 1000 }]);
    expectOk(await ws.run("/code unredeem KATE15 order:2002"));
    expect(await bot.db.salesDay.count({ where: { workspaceId: ws.id } })).toBe(0);
    await expectTotalsEqualOrders(ws.id);
    // Taken back, the order can be logged again, as it should have been.
    expectOk(await ws.run("/code redeem KATE15 $59.90 order:1001 date:2026-12-03"));
    await expectTotalsEqualOrders(ws.id);
  });

  it("refuses what it cannot find or cannot tell apart, and changes nothing", async () => {
    const ws = await bot.workspace(SPRING_1001);
    const refused = [
      ["/code unredeem KATE15 order:9999", "Error: KATE15 has no order 9999.\nOrders are matched by the id they were logged with (#1001 is 1001)."],
      ["/code unredeem KATE15 date:2026-12-03", "Error: KATE15 has no day's total on 2026-12-03.\nThat day has orders with ids (1001): remove one with /code unredeem KATE15 order:<id>."],
      ["/code unredeem KATE15 order:1001 date:2026-12-03", expect.stringMatching(/^Error: Give order: or date:, not both/)],
      ["/code unredeem KATE15", expect.stringMatching(/^Error: Say what to remove: order:<id> for one order, or date:<day>/)],
      ["/code unredeem NOPE order:1001", expect.stringMatching(/^Error: No code NOPE/)],
      ["/code unredeem KATE15 order:#", expect.stringMatching(/^Error: Invalid order: "#" has no order number/)],
    ] as const;
    for (const [line, text] of refused) expect(await ws.text(line), line).toEqual(text);
    expect(await ws.text("/code unredeem KATE15 order:1001", member)).toMatch(/^Error: Only admins can use \/code unredeem/);
    expect(await bot.db.redemption.count({ where: { workspaceId: ws.id } })).toBe(1);
    await expectTotalsEqualOrders(ws.id);
  });
});

describe("/code refund", () => {
  it("a partial refund lowers revenue on the refund's day; the order still counts, and commission follows", async () => {
    const ws = await bot.workspace(SPRING_1001);
    expect(await ws.text("/code refund KATE15 $20 order:#1001")).toBe(
      [
        "KATE15: refunded $20.00 of order 1001 on 2026-12-05",
        "$39.90 of order 1001 still counts.",
        '@kate in "Spring" now: 1 order, $39.90.',
        "",
        "· The refund's revenue counts on its day; commission follows the revenue.",
      ].join("\n"),
    );
    const days = await bot.db.salesDay.findMany({ where: { workspaceId: ws.id }, select: { day: true, orders: true, revenue: true }, orderBy: { day: "asc" } });
    expect(days).toEqual([
      { day: "2026-12-03", orders: 1, revenue: 5990 },
      { day: "2026-12-05", orders: 0, revenue: -2000 },
    ]);
    await expectTotalsEqualOrders(ws.id);
    const report = expectOk(await ws.run("/report Spring"));
    // 10% of $39.90
    expect([field(report, "Orders"), field(report, "Revenue"), field(report, "Spend")]).toEqual(["1", "$39.90", "$3.99"]);
    const today = expectOk(await ws.run("/report Spring period:2026-12-05..2026-12-05"));
    expect([field(today, "Orders"), field(today, "Revenue")]).toEqual(["0", "-$20.00"]);
    expect(await ws.text("/code list")).toMatch(/KATE15\s+@kate\s+Spring\s+1\s+\$39\.90/);
    // The digest reads the same totals: the order's day and the refund's both fall in the last seven days.
    const digest = expectOk(await ws.run("/digest now Spring frequency:weekly"));
    expect([field(digest, "Orders"), field(digest, "Revenue"), field(digest, "Spend")]).toEqual(["1", "$39.90", "$3.99"]);
  });

  it("a full refund (in two parts) takes the order out of the count; more than is left is refused", async () => {
    const ws = await bot.workspace(SPRING_1001);
    expectOk(await ws.run("/code refund KATE15 $20 order:1001 date:2026-12-04"));
    expect(await ws.text("/code refund KATE15 $50 order:1001")).toBe("Error: $50.00 is more than is left of order 1001 ($59.90 on 2026-12-03): $39.90 ($20.00 refunded already).");
    expect(await ws.text("/code refund KATE15 $39.90 order:1001")).toContain("Order 1001 is refunded in full and no longer counts as an order.\n@kate in \"Spring\" now: 0 orders, $0.00.");
    expect(await ws.text("/code refund KATE15 $1 order:1001")).toBe("Error: KATE15: order 1001 ($59.90 on 2026-12-03) is already refunded in full; nothing was changed.");
    await expectTotalsEqualOrders(ws.id);
    const report = expectOk(await ws.run("/report Spring"));
    expect([field(report, "Orders"), field(report, "Revenue"), field(report, "Spend")]).toEqual(["0", "$0.00", "$0.00"]);
    // Removing the order takes its refunds with it.
    expect(await ws.text("/code unredeem KATE15 order:1001")).toContain("· Its 2 refunds ($59.90) went with it.");
    expect(await bot.db.redemption.count({ where: { workspaceId: ws.id } })).toBe(0);
    await expectTotalsEqualOrders(ws.id);
  });

  it("refuses an unknown order, a day before the order, nothing, and a member", async () => {
    const ws = await bot.workspace(SPRING_1001);
    expect(await ws.text("/code refund KATE15 $5 order:1002")).toMatch(/^Error: KATE15 has no order 1002\./);
    expect(await ws.text("/code refund KATE15 $5 order:1001 date:2026-12-02")).toBe("Error: Invalid date: the refund's day, 2026-12-02, is before order 1001 ($59.90 on 2026-12-03).");
    expect(await ws.text("/code refund KATE15 $0 order:1001")).toMatch(/^Error: Invalid amount: a refund gives back more than \$0\.00/);
    expect(await ws.text("/code refund KATE15 $5")).toMatch(/order/);
    expect(await ws.text("/code refund KATE15 $5 order:1001", member)).toMatch(/^Error: Only admins can use \/code refund/);
    expect(await bot.db.redemption.count({ where: { workspaceId: ws.id } })).toBe(1);
  });

  it("two refunds of one order at once never give back more than it brought", async () => {
    const ws = await bot.workspace(SPRING_1001);
    const replies = await Promise.all([ws.run("/code refund KATE15 $40 order:1001"), ws.run("/code refund KATE15 $40 order:1001")]);
    expect(replies.map((r) => r.status).sort()).toEqual(["error", "ok"]);
    await expectTotalsEqualOrders(ws.id);
    expect((await bot.db.code.findFirstOrThrow({ where: { workspaceId: ws.id } })).revenue).toBe(1990);
  });
});

describe("corrections in the leak alerts", () => {
  it("an order before the first post that was refunded in full, or removed, is no longer a possible leak", async () => {
    const ws = await bot.workspace(["/creator add kate tiktok 48k", "/campaign new Spring", "/campaign enroll Spring kate", "/code add kate Spring code:KATE15"]);
    expectOk(await ws.run("/code redeem KATE15 $10 order:1 date:2026-12-03"));
    expectOk(await ws.run("/code redeem KATE15 $7 order:2 date:2026-12-03"));
    expect(await ws.text("/report Spring")).toContain("- @kate: 2 orders, $17.00 from 2026-12-03, no post yet");
    expectOk(await ws.run("/code refund KATE15 $10 order:1 date:2026-12-04"));
    expect(await ws.text("/report Spring")).toContain("- @kate: 1 order, $7.00 from 2026-12-03, no post yet");
    expectOk(await ws.run("/code unredeem KATE15 order:2"));
    expect(await ws.text("/report Spring")).not.toContain("Possible code leaks");
  });
});

describe("order ids as people mean them", () => {
  it("#1001 and 1001 are one order, counted once", async () => {
    const ws = await bot.workspace(SPRING_1001);
    expect(await ws.text("/code redeem KATE15 $59.90 order:#1001")).toBe("Error: Order 1001 was already counted on 2026-12-03 for KATE15; nothing was added.");
    expect(await ws.text("/code redeem KATE15 $59.90 order:\"# 1001\"")).toMatch(/already counted/);
    expectOk(await ws.run("/code redeem KATE15 $5 order:#1002"));
    expect(await ws.text("/code redeem KATE15 $5 order:1002")).toMatch(/Order 1002 was already counted/);
    expect(await bot.db.redemption.findMany({ where: { workspaceId: ws.id }, select: { orderId: true }, orderBy: { id: "asc" } })).toEqual([{ orderId: "1001" }, { orderId: "1002" }]);
    expect(await ws.text("/code list")).toMatch(/KATE15\s+@kate\s+Spring\s+2\s+\$64\.90/);
  });
});

describe("/campaign unenroll", () => {
  /** kate in Spring with a post and order 1001 (SPRING_1001), and in Autumn with nothing yet. */
  const TWO_CAMPAIGNS = [...SPRING_1001, "/campaign new Autumn", "/campaign enroll Autumn kate", "/code add kate Autumn code:KATE-AUTUMN"];

  it("takes out a creator with no posts or orders in the campaign, with their unused code; other campaigns keep theirs", async () => {
    const ws = await bot.workspace(TWO_CAMPAIGNS);
    expect(await ws.text("/campaign unenroll Autumn @kate", member)).toBe('Unenrolled @kate from "Autumn"\nThey had no posts or orders in it.\nTheir code KATE-AUTUMN went too.');
    const enrolments = await bot.db.enrolment.findMany({ where: { workspaceId: ws.id }, include: { campaign: true } });
    expect(enrolments.map((e) => e.campaign.name)).toEqual(["Spring"]);
    expect(await bot.db.code.count({ where: { workspaceId: ws.id } })).toBe(1);
    expect(await ws.text("/campaign unenroll Autumn kate")).toBe('Error: @kate is not enrolled in "Autumn".');
  });

  it("is refused while they have posts or orders in it, saying what force:yes removes; forced by an admin, the report no longer counts them", async () => {
    const ws = await bot.workspace(TWO_CAMPAIGNS);
    expect(await ws.text("/campaign unenroll Spring kate")).toBe(
      [
        'Error: @kate has 1 post and 1 order ($59.90) in "Spring"; unenrolling would take them out of its reports.',
        "force:yes (admin) deletes the enrolment with 1 post, 1 order ($59.90), code KATE15; posts go with their metric history.",
        "To correct one order instead: /code unredeem <code> order:<id>; one post: /post remove <url>.",
      ].join("\n"),
    );
    expect(await ws.text("/campaign unenroll Spring kate force:yes", member)).toMatch(/^Error: Only admins can unenrol a creator with posts or orders/);
    expect(await bot.db.enrolment.count({ where: { workspaceId: ws.id } })).toBe(2);
    expect(await ws.text("/campaign unenroll Spring kate force:yes")).toBe('Unenrolled @kate from "Spring"\nAlso deleted 1 post and 1 order ($59.90).\nTheir code KATE15 went too.');
    const report = expectOk(await ws.run("/report Spring"));
    expect([field(report, "Posts"), field(report, "Orders"), field(report, "Revenue")]).toEqual(["0", "0", "$0.00"]);
    expect(await bot.db.salesDay.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await bot.db.post.count({ where: { workspaceId: ws.id } })).toBe(0);
    await expectTotalsEqualOrders(ws.id);
    // kate herself, and her enrolment in Autumn, stay.
    expect(await bot.db.enrolment.count({ where: { workspaceId: ws.id } })).toBe(1);
  });
});

describe("/activity", () => {
  it("admins see every change, newest first, by campaign or by person; others see their own", async () => {
    const ws = await bot.workspace(["/creator add kate tiktok 48k", "/campaign new Spring", "/campaign new Autumn", "/campaign enroll Spring kate"]);
    expectOk(await ws.run("/campaign enroll Autumn kate", member));
    expectOk(await ws.run("/code add kate Autumn code:KATE-AUTUMN", member));
    expectOk(await ws.run("/code add kate Spring code:KATE15"));

    const all = await ws.run("/activity");
    const table = (reply: typeof all) => (reply.blocks.find((b) => b.type === "table") as { rows: string[][] }).rows.map((row) => row.slice(1));
    expect(all.title).toBe("Activity: all changes, newest first (7)");
    expect(table(all)).toEqual([
      ["alice", "/code add", "/code add kate Spring code:KATE15"],
      ["bob", "/code add", "/code add kate Autumn code:KATE-AUTUMN"],
      ["bob", "/campaign enroll", "/campaign enroll Autumn kate"],
      ["alice", "/campaign enroll", "/campaign enroll Spring kate"],
      ["alice", "/campaign new", "/campaign new Autumn"],
      ["alice", "/campaign new", "/campaign new Spring"],
      ["alice", "/creator add", "/creator add kate tiktok 48k"],
    ]);
    // A campaign's changes are exactly those filed under it (not those that merely mention its name).
    expect(table(await ws.run("/activity campaign:autumn"))).toEqual([
      ["bob", "/code add", "/code add kate Autumn code:KATE-AUTUMN"],
      ["bob", "/campaign enroll", "/campaign enroll Autumn kate"],
      ["alice", "/campaign new", "/campaign new Autumn"],
    ]);
    expect(table(await ws.run("/activity member:bob limit:1"))).toEqual([["bob", "/code add", "/code add kate Autumn code:KATE-AUTUMN"]]);

    const own = await ws.run("/activity", member);
    expect(own.title).toBe("Activity: your changes, newest first (2)");
    expect(table(own).map((row) => row[0])).toEqual(["bob", "bob"]);
    expect(own.notes).toContain("Admins see everyone's changes.");
    expect(await ws.text("/activity member:alice", member)).toMatch(/^Error: Only admins can see what others changed/);
    expect(await ws.text("/activity member:nobody")).toMatch(/^Error: No member called nobody has used the bot here yet/);
  });
});

describe("one post, however its address is written", () => {
  it("a second spelling of a logged post is refused as logged already, and updates reach the same post", async () => {
    const ws = await bot.workspace([
      "/creator add kate tiktok 48k",
      "/creator account kate instagram 20k",
      "/creator account kate youtube 5k",
      "/creator account kate x 3k",
      "/campaign new Spring",
      "/campaign enroll Spring kate",
      "/post log https://www.tiktok.com/@Kate/video/7301 views:1k",
      "/post log https://www.instagram.com/reel/Ck8s1/ views:2k",
      "/post log https://www.youtube.com/shorts/an4Kb1 views:3k",
      "/post log https://twitter.com/kate/status/1790 views:4k",
    ]);
    for (const variant of [
      "https://tiktok.com/@kate/video/7301",
      "https://www.instagram.com/kate/p/Ck8s1/",
      "https://www.instagram.com/tv/Ck8s1",
      "https://youtu.be/an4Kb1",
      "https://m.youtube.com/watch?v=an4Kb1&t=10s",
      "https://x.com/someone/status/1790",
    ]) {
      expect(await ws.text(`/post log ${variant} kate Spring views:9k`), variant).toMatch(/^Error: This post is already logged: @kate in "Spring", posted 2026-12-05\./);
    }
    expectOk(await ws.run("/post update https://www.instagram.com/p/Ck8s1/ views:2.5k"));
    expectOk(await ws.run("/post update https://www.youtube.com/embed/an4Kb1 views:3.5k"));
    const posts = await bot.db.post.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" }, select: { urlKey: true, views: true } });
    expect(posts).toEqual([
      { urlKey: "tiktok.com/@kate/video/7301", views: 1000 },
      { urlKey: "instagram.com/p/Ck8s1", views: 2500 },
      { urlKey: "youtube.com/watch?v=an4Kb1", views: 3500 },
      { urlKey: "x.com/i/status/1790", views: 4000 },
    ]);
    const report = expectOk(await ws.run("/report Spring"));
    expect([field(report, "Posts"), field(report, "Views")]).toEqual(["4", "11,000"]);
    expectOk(await ws.run("/post remove https://mobile.twitter.com/kate/status/1790/"));
    expect(await bot.db.post.count({ where: { workspaceId: ws.id } })).toBe(3);
  });
});

describe("/code remove", () => {
  it("removes a code or link made by mistake; one with orders only with force:yes, by an admin, orders and all", async () => {
    const ws = await bot.workspace([...SPRING_1001, "/code add kate Spring code:KATE-TYPO", "/code link kate Spring https://shop.example/bells"]);
    expect(await ws.text("/code remove kate-typo", member)).toBe('Removed KATE-TYPO of @kate in "Spring"');
    const link = (await bot.db.code.findFirstOrThrow({ where: { workspaceId: ws.id, kind: "link" } })).url!;
    expect(await ws.text(`/code remove ${link}`)).toBe(`Removed a tracking link of @kate in "Spring"\n${link}`);
    expect(await ws.text("/code remove KATE15")).toBe(
      'Error: KATE15 has 1 order ($59.90) in "Spring"; removing it would take them out of the reports.\nTo correct one order: /code unredeem KATE15 order:<id>. force:yes (admin) removes the code with all its orders and refunds.',
    );
    expect(await ws.text("/code remove KATE15 force:yes", member)).toMatch(/^Error: Only admins can remove a code with its orders/);
    expectOk(await ws.run("/code refund KATE15 $9.90 order:1001"));
    expect(await ws.text("/code remove KATE15 force:yes")).toBe('Removed KATE15 of @kate in "Spring"\nAlso removed its 1 order ($50.00).');
    expect(await bot.db.code.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await bot.db.salesDay.count({ where: { workspaceId: ws.id } })).toBe(0);
    await expectTotalsEqualOrders(ws.id);
    const report = expectOk(await ws.run("/report Spring"));
    expect([field(report, "Orders"), field(report, "Revenue")]).toEqual(["0", "$0.00"]);
  });
});
