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

describe("look-alikes wherever a handle gets a new value", () => {
  it("force:yes registers a look-alike anyway, and the reply says so", async () => {
    const ws = await bot.workspace(["/creator add kate tiktok 48k"]);
    const reply = expectOk(await ws.run("/creator add @k\u0430te instagram 2k force:yes"));
    expect(reply.notes).toContain('Taken with force:yes, although @k\u0430te looks like @kate, who is already registered: character 2, "\u0430" (U+0430), is not "a".');
    expect((await bot.db.creator.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } })).map((c) => c.handle)).toEqual(["kate", "k\u0430te"]);
  });

  it("an account handle (/creator account … account:) that looks like another creator is refused, nothing changed", async () => {
    const ws = await bot.workspace(["/creator add kate tiktok 48k", "/creator add sara tiktok 10k"]);
    const reply = await ws.text("/creator account sara instagram 20k account:k\u0430te");
    expect(reply).toContain('@k\u0430te looks like @kate, who is already registered: character 2, "\u0430" (U+0430), is not "a".');
    expect(reply).toContain("if it really is written so, add force:yes.");
    expect(await bot.db.account.count({ where: { workspaceId: ws.id, platform: "instagram" } })).toBe(0);
  });

  it("a new value for an account handle that looks like another creator's account is refused; force:yes takes it", async () => {
    const ws = await bot.workspace(["/creator add kate tiktok 48k", "/creator account kate instagram 20k account:kate.lifts", "/creator add sara tiktok 10k", "/creator account sara instagram 5k account:sara.runs"]);
    const reply = await ws.text("/creator account sara instagram 5k account:k\u0430te.lifts");
    expect(reply).toContain("@k\u0430te.lifts looks like @kate.lifts, @kate's Instagram account: character 2");
    const sara = () => bot.db.account.findFirstOrThrow({ where: { workspaceId: ws.id, platform: "instagram", creator: { handle: "sara" } } });
    expect((await sara()).handle).toBe("sara.runs");
    const forced = expectOk(await ws.run("/creator account sara instagram 5k account:k\u0430te.lifts force:yes"));
    expect(forced.notes.join("\n")).toContain("Taken with force:yes, although @k\u0430te.lifts looks like @kate.lifts, @kate's Instagram account");
    expect((await sara()).handle).toBe("k\u0430te.lifts");
  });

  it("a new creator that looks like another creator's account is refused; a creator's own accounts never count", async () => {
    const ws = await bot.workspace(["/creator add kate tiktok 48k", "/creator account kate instagram 20k account:kate.lifts"]);
    expect(await ws.text("/creator add k\u0430te.lifts tiktok 2k")).toContain("@k\u0430te.lifts looks like @kate.lifts, @kate's Instagram account");
    expect(await bot.db.creator.count({ where: { workspaceId: ws.id } })).toBe(1);
    // kate's own YouTube account may look like her own handles; an unchanged handle is not checked again.
    expectOk(await ws.run("/creator account kate youtube 1k account:k\u0430te.lifts"));
    expectOk(await ws.run("/creator account kate youtube 2k account:k\u0430te.lifts"));
    expect(await bot.db.account.count({ where: { workspaceId: ws.id } })).toBe(3);
  });
});

describe("posts and orders outside the campaign's dates", () => {
  /** Spring runs 2026-12-01 → 2026-12-03 (today is the 5th); kate is in it with KATE. */
  const SPRING = [
    "/creator add kate tiktok 48k",
    "/campaign new Spring start:2026-12-01 end:2026-12-03",
    "/campaign enroll Spring kate",
    "/code add kate Spring code:KATE",
  ];
  const POST = "https://www.tiktok.com/@kate/video/1";

  it("a post dated before the start or after the end is refused with the dates, unless force:yes", async () => {
    const ws = await bot.workspace(SPRING);
    const before = await ws.text(`/post log ${POST} views:1k posted:2026-11-20`);
    expect(before).toContain('Invalid posted: 2026-11-20 is before "Spring" starts (2026-12-01 → 2026-12-03).');
    expect(before).toContain("Check the day (posted:), or add force:yes to log a post outside the campaign's dates.");
    expect(await ws.text(`/post log ${POST} views:1k posted:2026-12-04`)).toContain('Invalid posted: 2026-12-04 is after "Spring" ended (2026-12-01 → 2026-12-03).');
    expect(await bot.db.post.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await ws.text(`/post log ${POST} views:1k posted:2026-11-20 force:yes`)).toContain(
      'Logged with force:yes, although 2026-11-20 is before "Spring" starts (2026-12-01 → 2026-12-03).',
    );
    expect((await bot.db.post.findFirstOrThrow({ where: { workspaceId: ws.id } })).postedDay).toBe("2026-11-20");
  });

  it("moving a post's day outside the dates needs force:yes too; its metrics can be updated any time", async () => {
    const ws = await bot.workspace([...SPRING, `/post log ${POST} views:1k posted:2026-12-02`, "/campaign close Spring"]);
    expect(await ws.text(`/post update ${POST} posted:2026-11-30`)).toContain('"Spring" is closed (2026-12-01 → 2026-12-03): a post logged now');
    expectOk(await ws.run(`/post update ${POST} views:5k`));
    expectOk(await ws.run(`/post update ${POST} posted:2026-11-30 force:yes`));
    expect(await bot.db.post.findFirstOrThrow({ where: { workspaceId: ws.id } })).toMatchObject({ postedDay: "2026-11-30", views: 5000 });
  });

  it("orders before the start are refused unless force:yes; after the end they count, with a note", async () => {
    const ws = await bot.workspace(SPRING);
    expect(await ws.text("/code redeem KATE $40 order:1 date:2026-11-30")).toContain('Invalid date: 2026-11-30 is before "Spring" starts (2026-12-01 → 2026-12-03).');
    expect(await bot.db.redemption.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await ws.text("/code redeem KATE $40 order:1 date:2026-11-30 force:yes")).toContain("Logged with force:yes, although 2026-11-30 is before");
    expect(await ws.text("/code redeem KATE $40 order:2")).toContain('2026-12-05 is after "Spring" ended on 2026-12-03: counted, as orders often come in after the end.');
    expect((await bot.db.redemption.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } })).map((r) => r.day)).toEqual(["2026-11-30", "2026-12-05"]);
  });

  it("a closed campaign takes no post or order unless force:yes", async () => {
    const ws = await bot.workspace([...SPRING, "/campaign close Spring"]);
    const order = await ws.text("/code redeem KATE $40 order:1 date:2026-12-02");
    expect(order).toContain('"Spring" is closed (2026-12-01 → 2026-12-03): orders logged now would change a finished campaign\'s figures.');
    expect(order).toContain("Add force:yes to log it anyway, or reopen the campaign: /campaign update \"Spring\" status:active.");
    expect(await ws.text(`/post log ${POST} kate Spring posted:2026-12-02`)).toContain('"Spring" is closed (2026-12-01 → 2026-12-03): a post logged now');
    expect(await bot.db.redemption.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await bot.db.post.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await ws.text("/code redeem KATE $40 order:1 date:2026-12-02 force:yes")).toContain('Logged with force:yes, although "Spring" is closed');
    expectOk(await ws.run(`/post log ${POST} kate Spring posted:2026-12-02 force:yes`));
    expect(await bot.db.post.count({ where: { workspaceId: ws.id } })).toBe(1);
  });
});

describe("enrolments past the budget", () => {
  /** Budget $1,000; kate $600 and tom $345 committed. */
  const BUDGETED = [
    "/creator add kate tiktok 48k",
    "/creator add tom tiktok 9k",
    "/creator add ann tiktok 2k",
    "/campaign new Spring budget:$1,000",
    "/campaign enroll Spring kate fee:$600",
    "/campaign enroll Spring tom fee:$300 product:$45",
  ];

  it("an enrolment that takes committed + spent past the budget is refused with the overrun, and not written", async () => {
    const ws = await bot.workspace(BUDGETED);
    const reply = await ws.text("/campaign enroll Spring ann fee:$100");
    expect(reply).toContain('Enrolling @ann would take "Spring" past its budget: committed and spent $1,045.00 of its $1,000.00 budget, $45.00 over.');
    expect(reply).toContain('Add force:yes to do it anyway, or raise the budget (admin): /campaign update "Spring" budget:$1,045.00.');
    expect(await bot.db.enrolment.count({ where: { workspaceId: ws.id } })).toBe(2);
  });

  it("force:yes enrols anyway, with the overrun in the reply", async () => {
    const ws = await bot.workspace(BUDGETED);
    expect(await ws.text("/campaign enroll Spring ann fee:$100 force:yes")).toContain('Over budget with force:yes: "Spring" has committed and spent $1,045.00 of its $1,000.00 budget, $45.00 over.');
    expect(await bot.db.enrolment.count({ where: { workspaceId: ws.id } })).toBe(3);
    expect(await ws.text("/campaign show Spring")).toMatch(/Remaining: +-\$45\.00/);
  });

  it("raising a fee past the budget is refused too; lowering one, or a campaign without a budget, never is", async () => {
    const ws = await bot.workspace([...BUDGETED, "/campaign new Open", "/campaign enroll Open kate fee:$50,000"]);
    expect(await ws.text("/campaign enroll Spring kate fee:$700")).toContain('Changing the terms of @kate would take "Spring" past its budget: committed and spent $1,045.00');
    expect((await bot.db.enrolment.findFirstOrThrow({ where: { workspaceId: ws.id, campaign: { name: "Spring" }, creator: { handle: "kate" } } })).fee).toBe(60_000);
    expectOk(await ws.run("/campaign enroll Spring ann fee:$100 force:yes"));
    expectOk(await ws.run("/campaign enroll Spring kate fee:$550"));
  });
});

describe("outliers are kept and questioned", () => {
  const SPRING = ["/creator add kate tiktok 1,000", "/campaign new Spring", "/campaign enroll Spring kate", "/code add kate Spring code:KATE"];

  it("an engagement rate over 100% and more engagements than views are questioned in the reply; the post is kept", async () => {
    const ws = await bot.workspace(SPRING);
    const reply = await ws.text("/post log https://www.tiktok.com/@kate/video/1 views:1,000 likes:1,200 comments:300");
    expect(reply).toContain("Engagement rate 150.00%: 1,500 engagements from 1,000 followers is over 100%. Check the counts; kept as logged.");
    expect(reply).toContain("More engagements (1,500) than views (1,000). Check the counts; kept as logged.");
    expect((await bot.db.post.findFirstOrThrow({ where: { workspaceId: ws.id } })).likes).toBe(1200);
    const fine = await ws.text("/post log https://www.tiktok.com/@kate/video/2 views:5,000 likes:90");
    expect(fine).not.toContain("Check the counts");
    expect(await ws.text("/post update https://www.tiktok.com/@kate/video/2 likes:9,000")).toContain("More engagements (9,000) than views (5,000).");
  });

  it("an order more than ten times the campaign's median order is questioned; a usual one is not", async () => {
    const ws = await bot.workspace([
      ...SPRING,
      "/code redeem KATE $38 order:1",
      "/code redeem KATE $40.50 order:2",
      "/code redeem KATE $42 order:3",
      "/code redeem KATE $810 orders:20",
    ]);
    expect(await ws.text("/code redeem KATE $1,012.50 order:9")).toContain(
      "An order of $1,012.50 is more than 10 times this campaign's median order ($40.50, over its last 23 orders). Check the amount; kept as logged, and /code unredeem KATE order:9 takes it back.",
    );
    expect(await ws.text("/code redeem KATE $45 order:10")).not.toContain("median");
    // The "1012,50 orders:25" read as thousands: $4,050 an order against a median of $40.50.
    const typo = await ws.text("/code redeem KATE $101,250 orders:25");
    expect(typo).toContain("$4,050.00 an order is more than 10 times this campaign's median order ($40.50, over its last 25 orders). Check the amount; kept as logged.");
    expect(await bot.db.redemption.count({ where: { workspaceId: ws.id } })).toBe(7);
  });

  it("with fewer than five orders there is no median to question an order against", async () => {
    const ws = await bot.workspace([...SPRING, "/code redeem KATE $40 order:1", "/code redeem KATE $40 order:2"]);
    expect(await ws.text("/code redeem KATE $4,000 order:3")).not.toContain("median");
  });
});
