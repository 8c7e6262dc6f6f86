// Content approval in Slack, end to end against the fake Slack with the real Bolt: a linked
// creator submits with /post submit; the review channel gets a message with the post, the
// creator, the terms and the buttons; a team member approves with a signed block_actions click
// (the message is replaced by the outcome), the creator is told by direct message
// (conversations.open + chat.postMessage), and the post counts in /report. A double click does
// one thing; the creator clicking Approve is refused privately; Request changes asks its note
// in a modal (view_submission).

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { blockActions, buttonsOf, messageText, postInteraction, startSlackHarness, viewSubmission, type SlackHarness } from "./slack-side.ts";

const TEAM = "T-APPROVE";
const ana = { team: TEAM, user: "UANA", channel: "CREVIEW" };
const sam = { team: TEAM, user: "USAM", channel: "CREVIEW" };
const kate = { team: TEAM, user: "UKATE", channel: "CKATE" };
const URL1 = "https://www.tiktok.com/@kate/video/7001";
const URL2 = "https://www.tiktok.com/@kate/video/7002";
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
  return { text: messageText({ blocks: JSON.parse(call.params.blocks!) }), buttons: buttonsOf({ blocks: JSON.parse(call.params.blocks!) }) };
}

async function click(button: Record<string, any>, who: typeof ana) {
  const id = randomUUID();
  expect((await postInteraction(h.adapter.eventsUrl!, blockActions(button, h.fake.responseUrl(id), who))).status).toBe(200);
  return id;
}
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

    const answer = await answerTo(await click(review.buttons[0]!, sam));
    expect(answer.replace_original).toBe(true);
    expect(messageText(answer)).toMatch(/Approved: @kate's TikTok post in "Spring"[\s\S]*approved by Sam at \d\d:\d\d/);
    expect(buttonsOf(answer)).toHaveLength(0);
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
});
