// Content approval in Slack, end to end against the fake Slack with the real Bolt: a linked
// creator submits with /post submit; the review channel gets a message with the post, the
// creator, the terms and the buttons; a team member approves with a signed block_actions click
// (the message is replaced by the outcome), the creator is told by direct message
// (conversations.open + chat.postMessage), and the post counts in /report. A double click does
// one thing; the creator clicking Approve is refused privately; Request changes asks its note
// in a modal (view_submission). A decision typed as a command (or taken by the automatic
// approval) updates the review message too (chat.update on its channel and ts): it shows the
// outcome and its buttons go, as when a button on it is clicked.

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApprovalRunner } from "../../../jobs/approval-runner.ts";
import { silentLogger } from "../../../src/log.ts";
import { blockActions, buttonsOf, messageText, postInteraction, startSlackHarness, viewSubmission, type SlackHarness } from "./slack-side.ts";

const TEAM = "T-APPROVE";
const ana = { team: TEAM, user: "UANA", channel: "CREVIEW" };
const sam = { team: TEAM, user: "USAM", channel: "CREVIEW" };
const kate = { team: TEAM, user: "UKATE", channel: "CKATE" };
const URL1 = "https://www.tiktok.com/@kate/video/7001";
const URL2 = "https://www.tiktok.com/@kate/video/7002";
const URL3 = "https://www.tiktok.com/@kate/video/7003";
const URL4 = "https://www.tiktok.com/@kate/video/7004";
const URL5 = "https://www.tiktok.com/@kate/video/7005";
let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness({
    users: { UANA: { is_admin: true, profile: { display_name: "Ana" } }, USAM: { profile: { display_name: "Sam" } }, UKATE: { profile: { display_name: "Kate" } } },
  });
  for (const who of [ana, sam, kate]) await h.send("/help", who);
  for (const line of ["/creator add kate tiktok 48k", "/campaign new Spring", "/campaign enroll Spring kate fee:$300", "/campaign update Spring approval:on review-channel:here"]) {
    const sent = await h.send(line, ana);
    expect(messageText(sent.ack)).not.toContain(":warning:");
  }
  // kate's Slack account is her creator profile (/creator link).
  const db = h.bot.core.db;
  const workspace = await db.workspace.findUniqueOrThrow({ where: { platform_externalId: { platform: "slack", externalId: TEAM } } });
  const member = await db.member.findFirstOrThrow({ where: { workspaceId: workspace.id, externalId: "UKATE" } });
  const creator = await db.creator.findFirstOrThrow({ where: { workspaceId: workspace.id, handleKey: "kate" } });
  await db.creatorLink.create({ data: { workspaceId: workspace.id, memberId: member.id, creatorId: creator.id } });
}, 60_000);
afterAll(() => h?.close());

/** kate submits `url`; returns the review message the bot posted into CREVIEW. */
async function submit(url: string) {
  const before = h.fake.callsOf("chat.postMessage").length;
  const sent = await h.send(`/post submit ${url} note:"first cut"`, kate);
  expect(sent.ack?.response_type).toBe("ephemeral");
  expect(messageText(sent.ack)).toContain("Submitted for review: @kate's TikTok post in \"Spring\"");
  const call = await h.fake.waitFor(() => h.fake.callsOf("chat.postMessage").slice(before).find((c) => c.params.channel === "CREVIEW"), "the review message");
  // Where Slack put it (channel/ts), as the bot stored it once posted.
  const ref = [...h.fake.postedMessages].find(([, m]) => m.blocks === call.params.blocks)![0];
  // Sent before the submitter's answer, and stored with it.
  expect((await h.bot.core.db.post.findFirstOrThrow({ where: { url } })).reviewMessageRef).toBe(ref);
  return { ref, ts: ref.split("/")[1]!, text: messageText({ blocks: JSON.parse(call.params.blocks!) }), buttons: buttonsOf({ blocks: JSON.parse(call.params.blocks!) }) };
}

/** Clicks `button` on the review message (at `ts` in CREVIEW) as `who`; returns the response URL's id. */
async function click(button: Record<string, any>, who: typeof ana, ts?: string) {
  const id = randomUUID();
  expect((await postInteraction(h.adapter.eventsUrl!, blockActions(button, h.fake.responseUrl(id), who, ts))).status).toBe(200);
  return id;
}
const updatesOf = (ref: string) => h.fake.callsOf("chat.update").filter((c) => `${c.params.channel}/${c.params.ts}` === ref);
/** The review message as Slack now shows it. */
const shownNow = (ref: string) => {
  const m = h.fake.postedMessages.get(ref)!;
  const body = { text: m.text, blocks: JSON.parse(m.blocks ?? "[]") };
  return { text: messageText(body), buttons: buttonsOf(body) };
};
const answerTo = (id: string) => h.fake.waitFor(() => h.fake.responsesTo(id)[0], "the click's answer");
const dmsTo = (user: string) => h.fake.callsOf("chat.postMessage").filter((c) => c.params.channel === `D${user}`).map((c) => messageText({ blocks: JSON.parse(c.params.blocks!) }));

async function reportText() {
  const sent = await h.send("/report Spring", ana);
  const body = messageText(sent.ack).startsWith("Working on") ? (await sent.waitForResponses(1))[0] : sent.ack;
  return messageText(body);
}

describe("content approval in Slack", () => {
  test("a creator submits, a team member approves by button, the creator is told, the post counts; a second click does nothing", async () => {
    const review = await submit(URL1);
    expect(review.text).toContain(URL1);
    expect(review.text).toContain("@kate");
    expect(review.text).toContain("fee $300.00");
    expect(review.text).toContain("first cut");
    expect(review.buttons.map((b) => b.text.text)).toEqual(["Approve", "Request changes"]);
    expect(await reportText()).toMatch(/Posts\*\n0/);

    const answer = await answerTo(await click(review.buttons[0]!, sam, review.ts));
    expect(answer.replace_original).toBe(true);
    expect(messageText(answer)).toMatch(/Approved: @kate's TikTok post in "Spring"[\s\S]*approved by Sam at \d\d:\d\d/);
    expect(buttonsOf(answer)).toHaveLength(0);
    // The click's own answer replaced the message: no second update of it.
    expect(updatesOf(review.ref)).toHaveLength(0);
    expect(h.fake.callsOf("conversations.open").map((c) => c.params.users)).toContain("UKATE");
    await h.fake.waitFor(() => dmsTo("UKATE").length > 0, "kate's direct message");
    expect(dmsTo("UKATE")[0]).toContain("Your post in \"Spring\": approved");
    expect(await reportText()).toMatch(/Posts\*\n1/);

    const again = await answerTo(await click(review.buttons[0]!, sam));
    expect(messageText(again)).toMatch(/Already decided[\s\S]*approved by Sam/);
    expect(dmsTo("UKATE")).toHaveLength(1);
    expect(await h.bot.core.db.activity.count({ where: { command: "/post approve" } })).toBe(1);
  });

  test("the creator clicking Approve is refused privately; Request changes asks a note in a modal and tells the creator", async () => {
    const review = await submit(URL2);
    const refused = await answerTo(await click(review.buttons[0]!, kate));
    expect(refused.replace_original).toBe(false);
    expect(refused.response_type).toBe("ephemeral");
    expect(messageText(refused)).toContain("This is for the team");
    expect((await h.bot.core.db.post.findFirstOrThrow({ where: { url: URL2 } })).review).toBe("pending");

    const before = h.fake.callsOf("views.open").length;
    const id = await click(review.buttons[1]!, sam);
    const call = await h.fake.waitFor(() => h.fake.callsOf("views.open")[before], "views.open");
    const view = JSON.parse(call.params.view!) as Record<string, any>;
    await postInteraction(h.adapter.eventsUrl!, viewSubmission(view, { note: "Add #ad in the first line" }, sam));
    const answer = await answerTo(id);
    expect(answer.replace_original).toBe(true);
    expect(messageText(answer)).toContain("changes requested by Sam");
    await h.fake.waitFor(() => dmsTo("UKATE").length > 1, "kate's second direct message");
    expect(dmsTo("UKATE")[1]).toContain("Add #ad in the first line");
    expect(await reportText()).toMatch(/Posts\*\n1/);
  });

  test("a decision typed as a command updates the review message: the outcome shows and its buttons go, as when clicked", async () => {
    const review = await submit(URL3);
    expect(shownNow(review.ref).buttons).toHaveLength(2);
    const sent = await h.send(`/post approve ${URL3}`, sam);
    expect(messageText(sent.ack)).toContain("Approved: @kate's TikTok post");
    expect(messageText(sent.ack)).not.toContain("Could not");
    const [update] = updatesOf(review.ref);
    expect(update).toBeDefined();
    const now = shownNow(review.ref);
    expect(now.text).toMatch(/Approved: @kate's TikTok post in "Spring"[\s\S]*approved by Sam at \d\d:\d\d/);
    expect(now.buttons).toHaveLength(0);
    // A click on the old buttons afterwards (a client that had not refreshed) still only says what was decided.
    const late = await answerTo(await click(review.buttons[0]!, ana, review.ts));
    expect(messageText(late)).toMatch(/Already decided[\s\S]*approved by Sam/);
    expect(updatesOf(review.ref)).toHaveLength(1);

    const other = await submit(URL4);
    await h.send(`/post request-changes ${URL4} note:"Show the code on screen"`, sam);
    const changed = shownNow(other.ref);
    expect(changed.text).toMatch(/Changes requested: @kate's TikTok post[\s\S]*changes requested by Sam at \d\d:\d\d: Show the code on screen/);
    expect(changed.buttons).toHaveLength(0);
  });

  test("the automatic approval updates the review message instead of posting a new one", async () => {
    const review = await submit(URL5);
    const post = await h.bot.core.db.post.findFirstOrThrow({ where: { url: URL5 } });
    const posts = h.fake.callsOf("chat.postMessage").filter((c) => c.params.channel === "CREVIEW").length;
    const runner = createApprovalRunner({ db: h.bot.core.db, log: silentLogger(), posters: { slack: h.adapter.poster } });
    const outcomes = await runner.runDue(new Date(post.reviewDueAt!.getTime() + 1000));
    expect(outcomes.find((o) => o.postId === post.id)?.status).toBe("approved");
    const now = shownNow(review.ref);
    expect(now.text).toMatch(/Approved: @kate's TikTok post[\s\S]*approved automatically/);
    expect(now.buttons).toHaveLength(0);
    expect(h.fake.callsOf("chat.postMessage").filter((c) => c.params.channel === "CREVIEW")).toHaveLength(posts);
  });
});
