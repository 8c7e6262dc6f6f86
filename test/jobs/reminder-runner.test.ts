// Deliverable reminders (issue 23), on a fake clock: two days before the due date, on the day and
// a "ghosted?" note seven days after, at 09:00 in the workspace's zone, each sent once, across two
// replicas on one database and a restart; to the owner privately, or into the campaign's digest
// channel when the creator has none. Pause, ghosted, a post and extend change what goes; remind
// sends now; next wave enrols a creator again in wave 2 with the same terms.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createReminderRunner, type ReminderRunnerOptions } from "../../jobs/reminder-runner.ts";
import { createCore } from "../../src/create-core.ts";
import type { Reply } from "../../src/core/reply.ts";
import type { ChannelPoster, DigestTarget, PersonTarget } from "../../src/digest/delivery.ts";
import { silentLogger } from "../../src/log.ts";
import { renderText } from "../../src/render/text.ts";
import { runClick, type Click } from "../../src/core/clicks.ts";
import type { Caller } from "../../src/core/dispatch.ts";
import { expectOk, startTestBot, type TestBot, type TestWorkspace } from "../helpers/core.ts";

// Berlin is UTC+1 in December: 09:00 there is 08:00 UTC.
let clock = new Date("2026-12-01T10:00:00Z");
let bot: TestBot;

interface Sent {
  to: string;
  text: string;
}

function recordingPoster() {
  const sent: Sent[] = [];
  const poster: ChannelPoster = {
    post: async (target: DigestTarget, reply: Reply) => void sent.push({ to: `channel:${target.channelId}`, text: renderText(reply) }),
    sendPrivately: async (target: PersonTarget, reply: Reply) => void sent.push({ to: `dm:${target.userId}`, text: renderText(reply) }),
  };
  return { sent, poster };
}

const runner = (poster: ChannelPoster, extra: Partial<ReminderRunnerOptions> = {}) =>
  createReminderRunner({ db: bot.db, log: silentLogger(), posters: { local: poster }, retryDelaysMs: [0, 0], ...extra });

/** A workspace in Berlin: @kate owned by bob, @tom with no owner, a digest into C-DIGEST, both due 2026-12-10. */
async function campaignWithTwoCreators(name: string): Promise<TestWorkspace> {
  const ws = await bot.workspace(["/settings tz:Europe/Berlin"]);
  expectOk(await ws.run("/help", { userId: "bob", userName: "bob" }));
  for (const line of [
    "/creator add kate tiktok 48k owner:bob",
    "/creator add tom instagram 9k",
    `/campaign new "${name}" start:2026-11-20`,
    `/campaign enroll "${name}" kate fee:$300 product:$45 commission:10% due:2026-12-10`,
    `/campaign enroll "${name}" tom fee:$100 due:2026-12-10`,
  ]) {
    expectOk(await ws.run(line));
  }
  expectOk(await ws.run(`/digest schedule "${name}" daily 09:00`, { channelId: "C-DIGEST" }));
  return ws;
}

beforeAll(async () => {
  bot = await startTestBot({ now: () => clock });
});

/** A button clicked in a test workspace, by its admin (alice) unless someone is named: its command run as the platforms run a click. */
async function click(ws: TestWorkspace, action: Click, answers: Record<string, string> = {}, userId = "alice", userName = userId): Promise<Reply> {
  const { externalId } = await bot.db.workspace.findUniqueOrThrow({ where: { id: ws.id } });
  const caller: Caller = { platform: "local", workspaceId: externalId, userId, userName, channelId: "C1" };
  return runClick(bot.core.dispatcher, caller, action, answers);
}
afterAll(() => bot.close());

describe("the reminder schedule", () => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await campaignWithTwoCreators("Schedule");
  });
  const mine = (sent: Sent[]) => sent.filter((s) => s.text.includes('"Schedule"'));

  it("sends nothing before 09:00 two days before the due date", async () => {
    const { sent, poster } = recordingPoster();
    await runner(poster).runDue(new Date("2026-12-08T07:59:00Z"));
    expect(mine(sent)).toEqual([]);
  });

  it("two days before: to the owner privately, and into the digest channel for a creator without owner; once", async () => {
    const { sent, poster } = recordingPoster();
    const r = runner(poster);
    await r.runDue(new Date("2026-12-08T08:00:30Z"));
    await r.runDue(new Date("2026-12-08T08:01:00Z"));
    await r.runDue(new Date("2026-12-09T20:00:00Z"));
    expect(mine(sent).map((s) => s.to).sort()).toEqual(["channel:C-DIGEST", "dm:bob"]);
    const toBob = mine(sent).find((s) => s.to === "dm:bob")!.text;
    expect(toBob).toContain(`Reminder: @kate's post for "Schedule" is due in 2 days, 2026-12-10`);
    // The buttons, as the shell prints them: the commands they run.
    expect(toBob).toContain(`→ /post log handle:kate campaign:"Schedule" url:"…"   (They posted it)`);
    expect(toBob).toContain(`→ /campaign extend "Schedule" @kate due:"…"   (Extend due date)`);
    expect(toBob).toContain(`→ /campaign ghosted "Schedule" @kate   (Mark ghosted)`);
    expect(toBob).toContain("You get this as @kate's owner.");
    const inChannel = mine(sent).find((s) => s.to === "channel:C-DIGEST")!.text;
    expect(inChannel).toContain(`Reminder: @tom's post for "Schedule" is due in 2 days`);
    expect(inChannel).toContain("Sent here because @tom has no owner: /creator update @tom owner:@you");
  });

  it("on the day, once; and nothing the day after", async () => {
    const { sent, poster } = recordingPoster();
    await runner(poster).runDue(new Date("2026-12-10T08:00:00Z"));
    await runner(poster).runDue(new Date("2026-12-10T15:00:00Z"));
    await runner(poster).runDue(new Date("2026-12-11T08:00:00Z"));
    expect(mine(sent).map((s) => s.to).sort()).toEqual(["channel:C-DIGEST", "dm:bob"]);
    expect(mine(sent)[0]!.text).toMatch(/post for "Schedule" is due today/);
  });

  it("seven days after: 'ghosted?' to the owner, once, across two replicas racing and a restart", async () => {
    const a = recordingPoster();
    const b = recordingPoster();
    const second = await createCore({ databaseUrl: bot.url, log: silentLogger() });
    const at = new Date("2026-12-17T08:00:10Z");
    try {
      await Promise.all([
        runner(a.poster, { runnerId: "replica-a" }).runDue(at),
        createReminderRunner({ db: second.db, log: silentLogger(), posters: { local: b.poster }, runnerId: "replica-b" }).runDue(at),
      ]);
    } finally {
      await second.close();
    }
    const both = [...mine(a.sent), ...mine(b.sent)];
    expect(both.map((s) => s.to).sort()).toEqual(["channel:C-DIGEST", "dm:bob"]);
    expect(both.find((s) => s.to === "dm:bob")!.text).toContain(`Ghosted? @kate has not posted for "Schedule"`);
    expect(both.find((s) => s.to === "dm:bob")!.text).toContain("Their post was due 2026-12-10 (7 days ago), and nothing is logged yet.");

    // A restart: a new process (a new core and runner) on the same database sends nothing again.
    const restarted = await createCore({ databaseUrl: bot.url, log: silentLogger() });
    const c = recordingPoster();
    try {
      const outcomes = await createReminderRunner({ db: restarted.db, log: silentLogger(), posters: { local: c.poster }, runnerId: "restarted" }).runDue(new Date("2026-12-17T09:30:00Z"));
      expect(outcomes.filter((o) => o.campaign === "Schedule").map((o) => o.status)).toEqual(["already sent", "already sent"]);
    } finally {
      await restarted.close();
    }
    expect(mine(c.sent)).toEqual([]);
    expect(await bot.db.reminderRun.count({ where: { workspaceId: ws.id, status: "sent" } })).toBe(6);
  });

  it("/reminders shows each creator's last run, and /digest's campaign update turns them off", async () => {
    const text = await ws.text("/reminders");
    // The command's clock is still 1 December: the next reminder it sees is the one before.
    expect(text).toMatch(/@kate\s+Schedule\s+2026-12-10\s+before, 2026-12-08\s+ghosted\?: sent [\d-]+ [\d:]+ to dm:bob\n/);
    expect(text).toMatch(/@tom\s+Schedule\s+2026-12-10\s+before, 2026-12-08\s+ghosted\?: sent [\d-]+ [\d:]+ to channel:C-DIGEST\n/);
    const off = await ws.text('/campaign update "Schedule" remind-days:off ghost-days:off');
    expect(off).toContain("Reminders: off; ghosted? off");
    expect(await bot.db.campaign.findFirstOrThrow({ where: { workspaceId: ws.id } })).toMatchObject({ remindDays: null, ghostDays: null });
    expect(await ws.text('/campaign update "Schedule" remind-days:3 ghost-days:0')).toContain('Invalid ghost-days: "0" is not a number of days from 1 to 90, or off');
  });
});

describe("a claim whose process died", () => {
  it("is taken over after its lease, and only then", async () => {
    const ws = await campaignWithTwoCreators("Takeover");
    const kate = await bot.db.enrolment.findFirstOrThrow({ where: { workspaceId: ws.id, creator: { handleKey: "kate" } } });
    await bot.db.reminderRun.create({
      data: { workspaceId: ws.id, enrolmentId: kate.id, occasion: "due:2026-12-10", status: "claimed", claimedBy: "dead", leaseUntil: new Date("2026-12-10T08:05:00Z"), attempts: 1 },
    });
    const { sent, poster } = recordingPoster();
    await runner(poster).runDue(new Date("2026-12-10T08:01:00Z"));
    expect(sent.filter((s) => s.text.includes("@kate") && s.text.includes('"Takeover"'))).toEqual([]);
    await runner(poster).runDue(new Date("2026-12-10T08:06:00Z"));
    expect(sent.filter((s) => s.text.includes("@kate") && s.text.includes('"Takeover"')).map((s) => s.to)).toEqual(["dm:bob"]);
    expect(await bot.db.reminderRun.findFirstOrThrow({ where: { enrolmentId: kate.id } })).toMatchObject({ status: "sent", attempts: 2, sentTo: "dm:bob" });
  });
});

describe("what stops reminders, and what starts them again", () => {
  it("a post, pause and ghosted stop them; resume and extend bring them back; reports show who is paused or ghosted", async () => {
    const ws = await campaignWithTwoCreators("Stops");
    expectOk(await ws.run("/creator add lee youtube 20k owner:bob"));
    expectOk(await ws.run('/campaign enroll "Stops" lee due:2026-12-10'));
    expectOk(await ws.run("/post log https://www.tiktok.com/@kate/video/77 kate Stops views:1k posted:2026-11-30"));
    expect(await ws.text('/campaign pause "Stops" @tom')).toContain('Paused @tom in "Stops"');
    expect(await ws.text('/campaign pause "Stops" @tom')).toContain('@tom is already paused in "Stops"');
    expect(await ws.text('/campaign ghosted "Stops" @lee')).toContain('Marked @lee ghosted in "Stops"');
    const { sent, poster } = recordingPoster();
    await runner(poster).runDue(new Date("2026-12-08T08:00:00Z"));
    expect(sent.filter((s) => s.text.includes('"Stops"'))).toEqual([]);

    const report = await ws.text('/report "Stops"');
    expect(report).toContain("@lee: due 2026-12-10, GHOSTED");
    expect(report).toContain("@tom: due 2026-12-10, PAUSED");

    expect(await ws.text('/campaign resume "Stops" @tom')).toContain("They were paused since 2026-12-01; reminders go again.");
    expect(await ws.text('/campaign extend "Stops" @lee due:2026-12-20')).toContain('New due date for @lee in "Stops": 2026-12-20');
    expect(await ws.text('/campaign extend "Stops" @lee due:2026-11-20')).toContain("Invalid due: 2026-11-20 is in the past (today is 2026-12-01 in Europe/Berlin).");
    await runner(poster).runDue(new Date("2026-12-08T08:30:00Z"));
    expect(sent.filter((s) => s.text.includes('"Stops"')).map((s) => s.text.split("\n")[0])).toEqual([`Reminder: @tom's post for "Stops" is due in 2 days, 2026-12-10`]);
    await runner(poster).runDue(new Date("2026-12-18T08:00:00Z"));
    expect(sent.filter((s) => s.text.includes('"Stops"')).map((s) => s.text.split("\n")[0]).at(-1)).toBe(`Reminder: @lee's post for "Stops" is due in 2 days, 2026-12-20`);
  });
});

describe("/campaign remind", () => {
  it("queues a reminder that the next tick sends once; a second ask while it waits sends nothing more", async () => {
    const ws = await campaignWithTwoCreators("Remind");
    const asked = await ws.text('/campaign remind "Remind" @kate');
    expect(asked).toContain('Reminding @kate about "Remind"');
    expect(asked).toContain("The reminder goes to bob, privately (their owner) within a minute.");
    expect(await ws.text('/campaign remind "Remind" @kate')).toContain("A reminder for @kate is already on its way");
    const { sent, poster } = recordingPoster();
    await runner(poster).runDue(new Date("2026-12-01T10:00:30Z"));
    await runner(poster).runDue(new Date("2026-12-01T10:01:30Z"));
    expect(sent.filter((s) => s.text.includes('"Remind"'))).toEqual([{ to: "dm:bob", text: expect.stringContaining(`Reminder: @kate's post for "Remind" is due in 9 days, 2026-12-10`) }]);
    expect(await ws.text("/reminders Remind")).toMatch(/@kate .*asked for: sent [\d-]+ [\d:]+ to dm:bob\n/);
  });

  it("refuses a creator who posted, is paused, or has no due date, and says why", async () => {
    const ws = await campaignWithTwoCreators("Refused");
    expectOk(await ws.run("/post log https://www.tiktok.com/@kate/video/88 kate Refused views:1k posted:2026-11-30"));
    expect(await ws.text('/campaign remind "Refused" @kate')).toContain('@kate has posted in "Refused" already: nothing to remind.');
    expectOk(await ws.run('/campaign pause "Refused" @tom'));
    expect(await ws.text('/campaign remind "Refused" @tom')).toContain('@tom is paused since 2026-12-01 in "Refused": no reminders.');
    expect(await bot.db.reminderRun.count({ where: { workspaceId: ws.id } })).toBe(0);
  });
});

describe("/campaign next-wave", () => {
  it("asks first, then enrols the creator again in wave 2 with the same terms, wave 1 kept; a second confirmation changes nothing; members are refused", async () => {
    const ws = await campaignWithTwoCreators("Waves");
    expectOk(await ws.run("/post log https://www.tiktok.com/@kate/video/99 kate Waves views:10k posted:2026-11-30"));
    const refused = await ws.run('/campaign next-wave "Waves" @kate confirm:yes', { userId: "bob", userName: "bob" });
    expect(refused.status).toBe("error");
    expect(renderText(refused)).toMatch(/admin/i);

    const asked = await ws.text('/campaign next-wave "Waves" @kate due:2026-12-20');
    expect(asked).toContain('Enrol @kate in wave 2 of "Waves"?');
    expect(asked).toContain('/campaign next-wave "Waves" @kate due:2026-12-20 wave:2 confirm:yes');
    const kates = () => bot.db.enrolment.findMany({ where: { workspaceId: ws.id, creator: { handleKey: "kate" } }, orderBy: { wave: "asc" } });
    expect((await kates()).map((e) => e.wave)).toEqual([1]);

    const done = await ws.text('/campaign next-wave "Waves" @kate due:2026-12-20 wave:2 confirm:yes');
    expect(done).toContain('Enrolled @kate in wave 2 of "Waves"');
    // A second enrolment with the same terms; wave 1 keeps its due date and its post.
    const [first, second] = await kates();
    expect(first).toMatchObject({ wave: 1, fee: 30000, dueDate: "2026-12-10" });
    expect(second).toMatchObject({ wave: 2, fee: 30000, productCost: 4500, commissionBps: 1000, perOrder: 0, dueDate: "2026-12-20" });
    expect(await bot.db.post.count({ where: { enrolmentId: first!.id } })).toBe(1);
    expect(await ws.text('/campaign next-wave "Waves" @kate due:2026-12-20 wave:2 confirm:yes')).toContain('@kate is already in wave 2 of "Waves"');
    expect(await kates()).toHaveLength(2);
    expect(await ws.text('/campaign show "Waves"')).toMatch(/Wave 2 \(1 creator\)\n[^]*@kate\s+\$300\.00\s+\$45\.00\s+10%\s+\$0\.00\s+2026-12-20\s+0\n/);

    // Her wave-1 post does not stop the reminders of wave 2.
    const { sent, poster } = recordingPoster();
    await runner(poster).runDue(new Date("2026-12-18T08:00:00Z"));
    expect(sent.filter((s) => s.text.includes('"Waves"') && s.text.includes("@kate")).map((s) => s.to)).toEqual(["dm:bob"]);
  });
});

describe("a creator in two waves", () => {
  it("gets a reminder per wave, each naming its wave, whose buttons act on that wave without asking", async () => {
    const ws = await campaignWithTwoCreators("Two waves");
    expectOk(await ws.run('/campaign next-wave "Two waves" @kate due:2026-12-10 wave:2 confirm:yes'));
    const { sent, poster } = recordingPoster();
    await runner(poster).runDue(new Date("2026-12-08T08:00:00Z"));
    const toBob = sent.filter((s) => s.to === "dm:bob" && s.text.includes('"Two waves"')).map((s) => s.text);
    expect(toBob.map((t) => t.split("\n")[0]).sort()).toEqual([
      `Reminder: @kate's post for "Two waves" (wave 1) is due in 2 days, 2026-12-10`,
      `Reminder: @kate's post for "Two waves" (wave 2) is due in 2 days, 2026-12-10`,
    ]);
    const first = toBob.find((t) => t.includes("(wave 1)"))!;
    expect(first).toContain('/post log handle:kate campaign:"Two waves" wave:1');
    expect(first).toContain('/campaign ghosted "Two waves" @kate wave:1');
    // They posted it on wave 1's reminder logs the post for wave 1, though wave 2 has none either.
    const logged = await click(ws, { command: '/post log handle:kate campaign:"Two waves" wave:1', ask: ["url"], then: "reply" }, { url: "https://www.tiktok.com/@kate/video/2001" });
    expect(renderText(logged)).toContain('post in "Two waves" (wave 1)');
    const waves = await bot.db.enrolment.findMany({ where: { workspaceId: ws.id, creator: { handleKey: "kate" } }, orderBy: { wave: "asc" }, include: { _count: { select: { posts: true } } } });
    expect(waves.map((e) => e._count.posts)).toEqual([1, 0]);
  });
});

describe("a creator linked to a person", () => {
  it("gets their own reminders, with I posted it, which logs the post and stops them; the ghosted? note goes to the owner", async () => {
    const ws = await campaignWithTwoCreators("Linked");
    expectOk(await ws.run("/help", { userId: "kate-person", userName: "Kate" }));
    expectOk(await ws.run("/creator link @tom Kate"));
    const { sent, poster } = recordingPoster();
    const ticks = (at: string) => runner(poster).runDue(new Date(at));
    await ticks("2026-12-08T08:00:00Z");
    const toTom = sent.filter((s) => s.text.includes('"Linked"') && s.to === "dm:kate-person");
    expect(toTom.map((s) => s.text.split("\n")[0])).toEqual([`Reminder: your post for "Linked" is due in 2 days, 2026-12-10`]);
    expect(toTom[0]!.text).toContain(`→ /post log handle:tom campaign:"Linked" url:"…"   (I posted it)`);
    // The button as the linked creator clicks it, the form answered with the post's address.
    const logged = await click(ws, { command: '/post log handle:tom campaign:"Linked"', ask: ["url"], then: "reply" }, { url: "https://www.instagram.com/p/Linked1/" }, "kate-person", "Kate");
    expect(renderText(logged)).toContain("@tom");
    expect(await bot.db.post.count({ where: { workspaceId: ws.id } })).toBe(1);
    await ticks("2026-12-10T08:00:00Z");
    expect(sent.filter((s) => s.to === "dm:kate-person")).toHaveLength(1);
  });

  it("the ghosted? note of a linked creator goes to the team, not to them", async () => {
    const ws = await campaignWithTwoCreators("Linked ghost");
    expectOk(await ws.run("/help", { userId: "kate-too", userName: "KateToo" }));
    expectOk(await ws.run("/creator link @kate KateToo"));
    const { sent, poster } = recordingPoster();
    await runner(poster).runDue(new Date("2026-12-17T08:00:00Z"));
    const ghost = sent.filter((s) => s.text.includes('"Linked ghost"') && s.text.includes("@kate"));
    expect(ghost.map((s) => s.to)).toEqual(["dm:bob"]);
  });
});

describe("actions on the digest", () => {
  it("a digest carries Next wave, Pause and Remind buttons; Next wave asks, Confirm does it once; members are refused", async () => {
    const ws = await campaignWithTwoCreators("Buttons");
    expectOk(await ws.run("/help", { userId: "may", userName: "may" }));
    const digest = await ws.run('/digest now "Buttons"');
    expect(digest.actions).toEqual([
      { label: "Remind @kate", command: '/campaign remind "Buttons" @kate' },
      { label: "Remind @tom", command: '/campaign remind "Buttons" @tom' },
    ]);
    expectOk(await ws.run('/campaign pause "Buttons" @tom'));
    const paused = await ws.run('/digest now "Buttons"');
    expect(renderText(paused)).toContain("@tom: due 2026-12-10, PAUSED\n");
    expect(paused.actions?.map((a) => a.label)).toEqual(["Remind @kate"]);

    const member = await click(ws, { command: '/campaign next-wave "Buttons" @kate', ask: [], then: "reply" }, {}, "may");
    expect(member.status).toBe("error");
    expect(member.visibility).toBe("ephemeral");
    const asked = await click(ws, { command: '/campaign next-wave "Buttons" @kate', ask: [], then: "reply" });
    expect(asked.actions).toEqual([{ label: "Confirm: wave 2", command: '/campaign next-wave "Buttons" @kate wave:2 confirm:yes', style: "primary", then: "replace" }]);
    const confirm = { command: asked.actions![0]!.command, ask: [], then: "replace" as const };
    expect(renderText(await click(ws, confirm))).toContain('Enrolled @kate in wave 2 of "Buttons"');
    const activities = await bot.db.activity.count({ where: { workspaceId: ws.id } });
    expect(renderText(await click(ws, confirm))).toContain('@kate is already in wave 2 of "Buttons"');
    expect(await bot.db.activity.count({ where: { workspaceId: ws.id } })).toBe(activities);
    const kates = await bot.db.enrolment.findMany({ where: { workspaceId: ws.id, creator: { handleKey: "kate" } }, orderBy: { wave: "asc" } });
    expect(kates.map((e) => [e.wave, e.fee, e.productCost, e.commissionBps])).toEqual([[1, 30000, 4500, 1000], [2, 30000, 4500, 1000]]);
  });
});

afterAll(() => {
  clock = new Date("2026-12-01T10:00:00Z");
});
