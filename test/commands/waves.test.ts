// Waves (issue 23): Next wave, from a digest's button or typed, enrols the creator again in the
// next wave with the same terms, leaving wave 1's enrolment, posts and fee as they were; a second
// click does nothing more. Each wave's fee then counts once in spend (/report, /campaign show), in
// what is owed (/payout list) and in /my; an order earns commission once, at the terms of the wave
// in force on its day; a new post goes to the open wave, and is asked about when it could be for
// two. On SQLite, and on PostgreSQL with TEST_DATABASE_URL.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runClick, type Click } from "../../src/core/clicks.ts";
import type { Caller } from "../../src/core/dispatch.ts";
import type { Reply } from "../../src/core/reply.ts";
import { renderText } from "../../src/render/text.ts";
import { expectOk, startTestBot, type TestBot, type TestWorkspace } from "../helpers/core.ts";

let clock = new Date("2026-12-08T09:02:00Z");
let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: () => clock });
});
afterAll(() => bot.close());

/** A button clicked by alice (the admin) or `userId`, run as the platforms run a click. */
async function click(ws: TestWorkspace, action: Click, userId = "alice"): Promise<Reply> {
  const { externalId } = await bot.db.workspace.findUniqueOrThrow({ where: { id: ws.id } });
  const caller: Caller = { platform: "local", workspaceId: externalId, userId, userName: userId, channelId: "C1" };
  return runClick(bot.core.dispatcher, caller, action, {});
}

const enrolmentsOf = (ws: TestWorkspace, handle: string) =>
  bot.db.enrolment.findMany({ where: { workspaceId: ws.id, creator: { handleKey: handle } }, orderBy: { wave: "asc" }, include: { _count: { select: { posts: true } } } });

/** A campaign judged by engagement: kate ($250) engages well, so the digest says to give her the next wave; tom ($120) does not; mia ($200) has not posted. */
async function summerReach(): Promise<TestWorkspace> {
  clock = new Date("2026-12-08T09:02:00Z");
  return bot.workspace([
    "/creator add kate tiktok 48k",
    "/creator add tom instagram 9k",
    "/creator add mia youtube 20k",
    '/campaign new "Summer Reach" objective:awareness start:2026-12-01 budget:$5000',
    '/campaign enroll "Summer Reach" kate fee:$250 due:2026-12-06',
    '/campaign enroll "Summer Reach" tom fee:$120 due:2026-12-06',
    '/campaign enroll "Summer Reach" mia fee:$200 due:2026-12-10',
    '/post log https://www.tiktok.com/@kate/video/8001 kate "Summer Reach" views:60k likes:5.2k comments:340 shares:210 posted:2026-12-02 disclosed:yes',
    '/post log https://www.instagram.com/p/Cx8Tom01/ tom "Summer Reach" views:30k likes:90 comments:4 posted:2026-12-02 disclosed:yes',
  ]);
}

describe("Next wave from a digest's button", () => {
  it("enrols the creator in wave 2 beside wave 1; a second click does nothing; both fees count in spend, owed and /campaign show", async () => {
    const ws = await summerReach();
    const digest = expectOk(await ws.run('/digest now "Summer Reach"'));
    const next = digest.actions!.find((a) => a.label === "Next wave @kate")!;
    expect(next.command).toBe('/campaign next-wave "Summer Reach" @kate wave:2');

    // The button asks first (nothing stored), its Confirm enrols her in wave 2.
    const asked = await click(ws, { command: next.command, ask: [], then: "reply" });
    expect(renderText(asked)).toContain('Enrol @kate in wave 2 of "Summer Reach"?');
    expect((await enrolmentsOf(ws, "kate")).map((e) => e.wave)).toEqual([1]);
    const confirm: Click = { command: asked.actions![0]!.command, ask: [], then: "replace" };
    expect(confirm.command).toBe('/campaign next-wave "Summer Reach" @kate wave:2 confirm:yes');
    expect(renderText(await click(ws, confirm))).toContain('Enrolled @kate in wave 2 of "Summer Reach"');
    const activities = await bot.db.activity.count({ where: { workspaceId: ws.id } });

    // A second click, on Confirm or on the digest's button, says what happened and changes nothing.
    expect(renderText(await click(ws, confirm))).toContain('@kate is already in wave 2 of "Summer Reach"');
    expect(renderText(await click(ws, { command: next.command, ask: [], then: "reply" }))).toContain('@kate is already in wave 2 of "Summer Reach"');
    expect(await bot.db.activity.count({ where: { workspaceId: ws.id } })).toBe(activities);

    // Both enrolments are stored, with the same terms; wave 1 keeps its post.
    const [wave1, wave2] = await enrolmentsOf(ws, "kate");
    expect([wave1!.wave, wave1!.fee, wave1!.dueDate, wave1!._count.posts]).toEqual([1, 25000, "2026-12-06", 1]);
    expect([wave2!.wave, wave2!.fee, wave2!.feeCash, wave2!._count.posts]).toEqual([2, 25000, true, 0]);
    // Wave 2's fee is committed until she posts for it.
    const committed = await ws.text('/campaign show "Summer Reach"');
    expect(committed).toMatch(/Committed: +\$450\.00\n/);
    expect(committed).toMatch(/Spent: +\$370\.00\n/);

    // Her next post is wave 2's (wave 1 has its post); the wave-1 post stays wave 1's.
    clock = new Date("2026-12-09T10:00:00Z");
    const logged = await ws.text('/post log https://www.tiktok.com/@kate/video/8002 views:20k likes:1k posted:2026-12-09 disclosed:yes');
    expect(logged).toContain('Logged @kate\'s TikTok post in "Summer Reach" (wave 2)');
    expect((await enrolmentsOf(ws, "kate")).map((e) => e._count.posts)).toEqual([1, 1]);
    const first = await bot.db.post.findFirstOrThrow({ where: { workspaceId: ws.id, url: { endsWith: "8001" } } });
    expect(first.enrolmentId).toBe(wave1!.id);

    // Spend counts each wave's fee once: 250 + 250 (kate's two waves) + 120 (tom).
    const show = await ws.text('/campaign show "Summer Reach"');
    expect(show).toMatch(/Committed: +\$200\.00\n/);
    expect(show).toMatch(/Spent: +\$620\.00\n/);
    expect(show).toMatch(/Wave 1 \(3 creators\)\n[^]*@kate\s+\$250\.00\s+\$0\.00\s+0%\s+\$0\.00\s+2026-12-06\s+1\n/);
    expect(show).toMatch(/Wave 2 \(1 creator\)\n[^]*@kate\s+\$250\.00\s+\$0\.00\s+0%\s+\$0\.00\s+1\n/);
    expect(await ws.text('/report "Summer Reach"')).toMatch(/Spend: +\$620\.00/);
    const csv = String(expectOk(await ws.run('/report "Summer Reach" format:csv')).files[0]!.data).split("\n");
    const spendColumn = csv[0]!.split(",").indexOf("spend");
    expect(csv.find((l) => l.startsWith("kate,"))!.split(",")[spendColumn]).toBe("500.00");

    // What is owed: both of kate's fees.
    const payouts = await ws.text('/payout list campaign:"Summer Reach"');
    expect(payouts).toMatch(/@kate\s+\$500\.00\s+\$0\.00\s+\$500\.00/);
    expect(payouts).toMatch(/@tom\s+\$120\.00\s+\$0\.00\s+\$120\.00/);
  });
});

describe("/campaign next-wave typed", () => {
  it("does the same as the button, and an order earns commission once, at the terms of the wave in force on its day", async () => {
    clock = new Date("2026-12-05T10:00:00Z");
    const ws = await bot.workspace([
      "/creator add kate tiktok 48k",
      '/campaign new "Spring" start:2026-12-01',
      '/campaign enroll "Spring" kate fee:$300 commission:10% due:2026-12-03',
      '/code add kate "Spring" code:KATE10',
      "/post log https://www.tiktok.com/@kate/video/1 kate views:1000 posted:2026-12-02",
      "/code redeem KATE10 $200 order:1 date:2026-12-04",
    ]);
    const asked = await ws.text('/campaign next-wave "Spring" @kate due:2026-12-12');
    expect(asked).toContain('/campaign next-wave "Spring" @kate due:2026-12-12 wave:2 confirm:yes');
    expect(await enrolmentsOf(ws, "kate")).toHaveLength(1);
    expect(await ws.text('/campaign next-wave "Spring" @kate due:2026-12-12 wave:2 confirm:yes')).toContain('Enrolled @kate in wave 2 of "Spring"');
    expect(await ws.text('/campaign next-wave "Spring" @kate due:2026-12-12 wave:2 confirm:yes')).toContain("already in wave 2");
    expect((await enrolmentsOf(ws, "kate")).map((e) => [e.wave, e.fee, e.commissionBps, e.dueDate])).toEqual([
      [1, 30000, 1000, "2026-12-03"],
      [2, 30000, 1000, "2026-12-12"],
    ]);
    // Wave 2 began on 2026-12-05: its commission is 15% from that day (changed for wave 2 only).
    expectOk(await ws.run('/campaign enroll "Spring" kate wave:2 commission:15%'));
    expectOk(await ws.run("/code redeem KATE10 $100 order:2 date:2026-12-05"));
    expectOk(await ws.run("/post log https://www.tiktok.com/@kate/video/2 kate views:500"));
    // 300 + 300 fees, 10% of 200 (wave 1) + 15% of 100 (wave 2): 635, not 600 + both rates on both orders.
    expect(await ws.text('/campaign show "Spring"')).toMatch(/Spent: +\$635\.00\n/);
    expect(await ws.text('/report "Spring"')).toMatch(/Spend: +\$635\.00/);
    expect(await ws.text('/payout list campaign:"Spring"')).toMatch(/@kate\s+\$635\.00\s+\$0\.00\s+\$635\.00/);
    // A period that ends before wave 2 began has only wave 1's spend.
    expect(await ws.text('/report "Spring" period:2026-12-01..2026-12-04')).toMatch(/Spend: +\$320\.00/);
  });
});

describe("/campaign next-wave and the budget", () => {
  it("says, before and after, when the new wave's fee takes the campaign past its budget", async () => {
    clock = new Date("2026-12-05T10:00:00Z");
    const ws = await bot.workspace([
      "/creator add kate tiktok 48k",
      '/campaign new "Tight" start:2026-12-01 budget:$500',
      '/campaign enroll "Tight" kate fee:$300 due:2026-12-03',
      "/post log https://www.tiktok.com/@kate/video/90 kate Tight posted:2026-12-02",
    ]);
    const over = 'Over budget: with this wave "Tight" has committed and spent $600.00 of its $500.00 budget, $100.00 over.';
    expect(await ws.text('/campaign next-wave "Tight" kate')).toContain(over);
    expect(await enrolmentsOf(ws, "kate")).toHaveLength(1);
    expect(await ws.text('/campaign next-wave "Tight" kate wave:2 confirm:yes')).toContain(over);
    expect(await ws.text('/campaign show "Tight"')).toMatch(/Committed: +\$300\.00\n[^]*Spent: +\$300\.00\n[^]*Remaining: +-\$100\.00\n/);
  });
});

describe("enrolling in waves, and posts of a creator in two waves", () => {
  it("enroll wave: adds a wave, the same wave twice is refused; a post that could be for two open waves is asked about, never guessed", async () => {
    clock = new Date("2026-12-05T10:00:00Z");
    const ws = await bot.workspace(["/creator add kate tiktok 48k", '/campaign new "Autumn" start:2026-12-01', '/campaign enroll "Autumn" kate fee:$100 due:2026-12-06']);
    const twice = await ws.run('/campaign enroll "Autumn" kate wave:1');
    expect(twice.status).toBe("error");
    expect(renderText(twice)).toContain('@kate is already enrolled in wave 1 of "Autumn"; nothing changed.');
    expect(renderText(expectOk(await ws.run('/campaign enroll "Autumn" kate wave:2 fee:$150 due:2026-12-12')))).toContain("Also in wave 1");
    expect(renderText(await ws.run('/campaign enroll "Autumn" kate wave:2'))).toContain("already enrolled in wave 2");
    expect((await enrolmentsOf(ws, "kate")).map((e) => [e.wave, e.fee])).toEqual([[1, 10000], [2, 15000]]);

    // Neither wave has a post: which one is this for? Asked; nothing stored.
    const url = "https://www.tiktok.com/@kate/video/50";
    const ambiguous = await ws.run(`/post log ${url} kate Autumn views:100`);
    expect(ambiguous.status).toBe("error");
    expect(renderText(ambiguous)).toContain('Which wave is this post for? @kate is in waves 1 and 2 of "Autumn" and has posted for none of them yet.');
    expect(renderText(ambiguous)).toContain("wave:2");
    expect(await bot.db.post.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect(await ws.text(`/post log ${url} kate Autumn views:100 wave:1`)).toContain('post in "Autumn" (wave 1)');
    // Wave 1 has its post now: the next one is wave 2's without asking.
    expect(await ws.text("/post log https://www.tiktok.com/@kate/video/51 kate Autumn views:100")).toContain("(wave 2)");
    expect((await enrolmentsOf(ws, "kate")).map((e) => e._count.posts)).toEqual([1, 1]);

    // Acting on a deliverable names the wave, or takes the latest; unenrolling asks which.
    expectOk(await ws.run('/campaign extend "Autumn" kate due:2026-12-20'));
    expect((await enrolmentsOf(ws, "kate")).map((e) => e.dueDate)).toEqual(["2026-12-06", "2026-12-20"]);
    expect(renderText(await ws.run('/campaign unenroll "Autumn" kate'))).toContain("which one do you take them out of?");
    // Out of wave 2 alone: its post goes, wave 1 and the code (with its order) stay.
    expectOk(await ws.run('/code add kate "Autumn" code:KAUT'));
    expectOk(await ws.run("/code redeem KAUT $40 order:7"));
    const out = await ws.text('/campaign unenroll "Autumn" kate wave:2 force:yes');
    expect(out).toContain('Unenrolled @kate from wave 2 of "Autumn"');
    expect(out).toContain("Still in wave 1, with their codes and orders.");
    const left = await enrolmentsOf(ws, "kate");
    expect(left.map((e) => [e.wave, e._count.posts])).toEqual([[1, 1]]);
    expect(await bot.db.code.findFirstOrThrow({ where: { workspaceId: ws.id, code: "KAUT" } })).toMatchObject({ enrolmentId: left[0]!.id, orders: 1 });
  });

  it("/my shows a linked creator both waves, and their earnings have both fees", async () => {
    clock = new Date("2026-12-05T15:00:00Z");
    const ws = await bot.workspace([
      "/creator add kate tiktok 48k",
      '/campaign new "Winter" start:2026-12-01',
      '/campaign enroll "Winter" kate fee:$100 due:2026-12-03',
      "/post log https://www.tiktok.com/@kate/video/70 kate Winter posted:2026-12-02",
      '/campaign next-wave "Winter" kate wave:2 due:2026-12-09 confirm:yes',
    ]);
    const kate = { userId: "kate-chat", userName: "Kate" };
    expectOk(await ws.run("/help", kate));
    expectOk(await ws.run("/creator link @kate Kate"));
    const mine = await ws.text("/my", kate);
    expect(mine).toMatch(/Winter\s+1\s+active\s+\$100\.00/);
    expect(mine).toMatch(/Winter\s+2\s+active\s+\$100\.00/);
    expect(mine).toContain('"Winter" (wave 2): a post due 2026-12-09');
    expect(await ws.text('/reminders "Winter"')).toContain("(1 not posted yet)");
    // Logged the next day for the day wave 2 began (noon of it, before the wave's hour): wave 2's post, no more reminders for it.
    clock = new Date("2026-12-06T10:00:00Z");
    expect(await ws.text("/post log https://www.tiktok.com/@kate/video/71 posted:2026-12-05", kate)).toContain("(wave 2)");
    expect(await ws.text('/reminders "Winter"')).toContain("(0 not posted yet)");
    expect(await ws.text("/my earnings", kate)).toMatch(/\$200\.00/);
  });
});
