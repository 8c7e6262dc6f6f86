// Content approval as typed in the shell (docs/approval.md): a submission waits, counts in
// /report only once approved (and earns the fee then), the review message's buttons are printed
// as the commands they are, the creator's owner is told, deciding twice changes nothing, and a
// submission nobody decided is approved automatically once across two runners and a restart.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApprovalRunner } from "../../jobs/approval-runner.ts";
import type { ChannelPoster, DigestTarget, PersonTarget } from "../../src/digest/delivery.ts";
import type { Reply } from "../../src/core/reply.ts";
import { silentLogger } from "../../src/log.ts";
import { renderText } from "../../src/render/text.ts";
import { expectOk, startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;
const bob = { userId: "bob", userName: "bob" };
const URL1 = "https://www.tiktok.com/@kate/video/7001";
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.close());

/** kate (owned by bob) in Spring, fee $300, with approval on and this channel (C1) reviewing. */
const SET_UP = ["/help", "/creator add kate tiktok 48k owner:bob", "/campaign new Spring", "/campaign enroll Spring kate fee:$300"];
async function workspace() {
  const ws = await bot.workspace([]);
  await ws.run("/help", bob);
  for (const line of SET_UP.slice(1)) expectOk(await ws.run(line));
  expectOk(await ws.run("/campaign update Spring approval:on review-channel:here approval-days:2"));
  return ws;
}

const reportOf = async (ws: Awaited<ReturnType<typeof workspace>>) => renderText(expectOk(await ws.run("/report Spring")));

describe("content approval, typed", () => {
  it("a submission waits for review, then counts and earns the fee once approved; its buttons are the commands", async () => {
    const ws = await workspace();
    const submitted = expectOk(await ws.run(`/post submit ${URL1} note:"first cut"`, bob));
    const text = renderText(submitted);
    expect(text).toContain("Submitted for review: @kate's TikTok post in \"Spring\"");
    expect(submitted.deliveries).toHaveLength(1);
    expect(submitted.deliveries![0]!.to).toEqual({ channelId: "C1" });
    const review = renderText(submitted.deliveries![0]!.reply);
    expect(review).toContain("Terms:");
    expect(review).toContain("fee $300.00");
    expect(review).toContain("Note:");
    expect(review).toContain(`→ /post approve ${URL1}   (Approve)`);
    expect(review).toContain(`→ /post request-changes ${URL1} note:"…"   (Request changes)`);

    const before = await reportOf(ws);
    expect(before).toMatch(/Posts:\s+0/);
    expect(before).toContain("$0.00 spent, $300.00 committed");

    const approved = expectOk(await ws.run(`/post approve ${URL1}`));
    expect(renderText(approved)).toContain("Approved: @kate's TikTok post in \"Spring\"");
    expect(renderText(approved)).toMatch(/approved by alice at \d\d:\d\d/);
    // bob owns kate (she is not linked): he is told privately.
    expect(approved.deliveries?.map((d) => d.to)).toEqual([{ userId: "bob" }]);
    expect(renderText(approved.deliveries![0]!.reply)).toContain("@kate's post in \"Spring\": approved");

    const after = await reportOf(ws);
    expect(after).toMatch(/Posts:\s+1/);
    expect(after).toContain("$300.00 spent, $0.00 committed");

    // Twice: nothing changes, and the answer says what was decided.
    const again = expectOk(await ws.run(`/post approve ${URL1}`, bob));
    expect(renderText(again)).toMatch(/Already decided.*approved by alice/s);
    expect(again.deliveries ?? []).toHaveLength(0);
    const activity = await bot.db.activity.findMany({ where: { workspaceId: ws.id, command: "/post approve" } });
    expect(activity).toHaveLength(1);
  });

  it("changes requested: the note goes to the owner, the post does not count, and a new submission waits again", async () => {
    const ws = await workspace();
    expectOk(await ws.run(`/post submit ${URL1}`, bob));
    const sentBack = expectOk(await ws.run(`/post request-changes ${URL1} note:"Add #ad in the first line"`));
    expect(renderText(sentBack)).toContain("changes requested by alice");
    expect(renderText(sentBack.deliveries![0]!.reply)).toContain("Add #ad in the first line");
    expect(renderText(expectOk(await ws.run(`/post approve ${URL1}`)))).toContain("Already decided");
    expect(await reportOf(ws)).toMatch(/Posts:\s+0/);

    expectOk(await ws.run(`/post submit ${URL1} note:"fixed"`, bob));
    const post = await bot.db.post.findFirstOrThrow({ where: { workspaceId: ws.id } });
    expect(post).toMatchObject({ review: "pending", counts: false, submitNote: "fixed", decisionNote: null });
  });

  it("a note is needed to request changes; a campaign without approval refuses submissions; nothing is written", async () => {
    const ws = await workspace();
    expectOk(await ws.run(`/post submit ${URL1}`, bob));
    const noNote = await ws.run(`/post request-changes ${URL1}`);
    expect(noNote.status).toBe("error");
    expect(renderText(noNote)).toContain("note");
    expectOk(await ws.run("/campaign new Autumn"));
    expectOk(await ws.run("/campaign enroll Autumn kate fee:$10"));
    expectOk(await ws.run("/campaign update Autumn approval:off"));
    const refused = await ws.run("/post submit https://www.tiktok.com/@kate/video/9 kate Autumn");
    expect(renderText(refused)).toContain('"Autumn" does not ask for approval');
    expect(await bot.db.post.count({ where: { workspaceId: ws.id } })).toBe(1);
  });

  it("turning approval off counts the waiting posts; on again, only approved ones", async () => {
    const ws = await workspace();
    expectOk(await ws.run(`/post submit ${URL1}`, bob));
    expectOk(await ws.run("/campaign update Spring approval:off"));
    expect(await reportOf(ws)).toMatch(/Posts:\s+1/);
    expectOk(await ws.run("/campaign update Spring approval:on"));
    expect(await reportOf(ws)).toMatch(/Posts:\s+0/);
  });
});

/** The workspace whose posts the next poster keeps (other tests' submissions are approved too). */
let only = "";
/** A poster that keeps what it was given for `only`'s workspace, as a platform's would send it. */
function recordingPoster() {
  const posts: Array<{ target: DigestTarget; reply: Reply }> = [];
  const told: Array<{ target: PersonTarget; reply: Reply }> = [];
  const poster: ChannelPoster = {
    post: async (target, reply) => void (target.workspaceExternalId === only && posts.push({ target, reply })),
    sendPrivately: async (target, reply) => void (target.workspaceExternalId === only && told.push({ target, reply })),
  };
  return { poster, posts, told };
}

describe("automatic approval", () => {
  it("approves a submission nobody decided within approval-days, says so in the review channel once, across two runners and a restart", async () => {
    const ws = await workspace();
    only = (await bot.db.workspace.findUniqueOrThrow({ where: { id: ws.id } })).externalId;
    expectOk(await ws.run(`/post submit ${URL1}`, bob));
    const post = await bot.db.post.findFirstOrThrow({ where: { workspaceId: ws.id } });
    const due = new Date(post.reviewDueAt!.getTime() + 1000);
    expect(post.reviewDueAt!.getTime() - post.submittedAt!.getTime()).toBe(2 * 86_400_000);

    // Not yet due: nothing.
    const early = recordingPoster();
    await createApprovalRunner({ db: bot.db, log: silentLogger(), posters: { local: early.poster } }).runDue(new Date(post.reviewDueAt!.getTime() - 1000));
    expect(early.posts).toHaveLength(0);

    // A runner that claimed it and died before saying it (its lease runs out): taken over once.
    const dead = createApprovalRunner({ db: bot.db, log: silentLogger(), posters: {}, runnerId: "dead", leaseMs: 60_000 });
    const claimed = await bot.db.post.updateMany({ where: { id: post.id }, data: { autoClaimedBy: "dead", autoLeaseUntil: new Date(due.getTime() + 60_000) } });
    expect(claimed.count).toBe(1);
    expect(dead.runnerId).toBe("dead");
    const a = recordingPoster();
    const b = recordingPoster();
    const one = createApprovalRunner({ db: bot.db, log: silentLogger(), posters: { local: a.poster } });
    const two = createApprovalRunner({ db: bot.db, log: silentLogger(), posters: { local: b.poster } });
    // Within the dead runner's lease: nobody.
    await Promise.all([one.runDue(due), two.runDue(due)]);
    expect(a.posts.length + b.posts.length).toBe(0);
    // After it: exactly one of the two, even both at once.
    const later = new Date(due.getTime() + 120_000);
    await Promise.all([one.runDue(later), two.runDue(later)]);
    const posted = [...a.posts, ...b.posts];
    expect(posted).toHaveLength(1);
    expect(posted[0]!.target.channelId).toBe("C1");
    expect(renderText(posted[0]!.reply)).toContain("approved automatically");
    expect([...a.told, ...b.told].map((t) => t.target.userId)).toEqual(["bob"]);
    // A restart (new runners) finds nothing more to do.
    const c = recordingPoster();
    await createApprovalRunner({ db: bot.db, log: silentLogger(), posters: { local: c.poster } }).runDue(new Date(later.getTime() + 86_400_000));
    expect(c.posts).toHaveLength(0);
    expect(await bot.db.post.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ review: "approved", counts: true, decidedByName: null });
    expect(await reportOf(ws)).toMatch(/Posts:\s+1/);
  });

  it("a submission decided before its day is left alone", async () => {
    const ws = await workspace();
    only = (await bot.db.workspace.findUniqueOrThrow({ where: { id: ws.id } })).externalId;
    expectOk(await ws.run(`/post submit ${URL1}`, bob));
    expectOk(await ws.run(`/post request-changes ${URL1} note:"no"`));
    const rec = recordingPoster();
    await createApprovalRunner({ db: bot.db, log: silentLogger(), posters: { local: rec.poster } }).runDue(new Date(Date.now() + 10 * 86_400_000));
    expect(rec.posts).toHaveLength(0);
    expect(await bot.db.post.findFirstOrThrow({ where: { workspaceId: ws.id } })).toMatchObject({ review: "changes_requested", counts: false });
  });
});
