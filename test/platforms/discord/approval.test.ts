// Content approval in Discord, end to end against the fake Discord with the real discord.js: a
// linked creator submits with /post submit; the review channel gets an embed with the post, the
// creator, the terms and the buttons; a team member approves with a component interaction (the
// message is updated to the outcome), the creator gets a DM, and the post counts in /report.
// A double click does one thing; the creator clicking Approve is refused ephemerally; Request
// changes asks its note in a modal. A decision typed as a command (or taken by the automatic
// approval) edits the review message too: it shows the outcome and its buttons go.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApprovalRunner } from "../../../jobs/approval-runner.ts";
import { silentLogger } from "../../../src/log.ts";
import { FakeDiscord } from "./fake-discord.ts";
import { embedText, startHarness, type Harness, type Who } from "./harness.ts";

const guild = FakeDiscord.guild("Kettle Crew");
const ana: Who = { guild, user: FakeDiscord.user("ana"), manageServer: true };
const sam: Who = { guild, user: FakeDiscord.user("sam") };
const kate: Who = { guild, user: FakeDiscord.user("kate") };
const URL1 = "https://www.tiktok.com/@kate/video/7001";
const URL2 = "https://www.tiktok.com/@kate/video/7002";
const URL3 = "https://www.tiktok.com/@kate/video/7003";
const URL4 = "https://www.tiktok.com/@kate/video/7004";
let h: Harness;

const shown = (data: any) => [data?.content ?? "", ...(data?.embeds ?? []).map(embedText)].join("\n").replace(/\\([_*~`|\\#@-])/g, "$1");

beforeAll(async () => {
  h = await startHarness({ guilds: [guild] });
  for (const who of [ana, sam, kate]) await h.slash(who, "help", "", {});
  await h.slash(ana, "creator", "add", { handle: "kate", platform: "tiktok", followers: "48k" });
  await h.slash(ana, "campaign", "new", { name: "Spring" });
  await h.slash(ana, "campaign", "enroll", { campaign: "Spring", handle: "kate", fee: "$300" });
  const updated = await h.slash(ana, "campaign", "update", { name: "Spring", approval: "on", "review-channel": "here" });
  expect(updated.text).toContain("Approval");
  const workspace = await h.db.workspace.findUniqueOrThrow({ where: { platform_externalId: { platform: "discord", externalId: guild.id } } });
  const member = await h.db.member.findFirstOrThrow({ where: { workspaceId: workspace.id, externalId: kate.user.id } });
  const creator = await h.db.creator.findFirstOrThrow({ where: { workspaceId: workspace.id, handleKey: "kate" } });
  await h.db.creatorLink.create({ data: { workspaceId: workspace.id, memberId: member.id, creatorId: creator.id } });
}, 60_000);
afterAll(() => h?.close());

async function submit(url: string) {
  const channel = h.fake.channelOf(guild);
  const before = h.fake.messagesIn(channel).length;
  const answer = await h.slash(kate, "post", "submit", { url, note: "first cut" });
  expect(answer.ephemeral).toBe(true);
  expect(shown(answer.callback.json.data ?? answer.message.json)).toContain("Submitted for review");
  const posted = h.fake.messagesIn(channel)[before]!;
  // Its id, as Discord gave it, stored by the bot as channel/message.
  const id = [...h.fake.postedMessages].filter(([, c]) => c === channel).at(-1)![0];
  expect((await h.db.post.findFirstOrThrow({ where: { url } })).reviewMessageRef).toBe(`${channel}/${id}`);
  const message = { id, embeds: posted.json.embeds, components: posted.json.components };
  return { id, message, text: shown(posted.json), buttons: posted.json.components.flatMap((row: any) => row.components) as Array<Record<string, any>> };
}

/** The edits the bot made to a message of the review channel (not through an interaction). */
const editsOf = (id: string) => h.fake.requests.filter((r) => r.method === "PATCH" && r.path === `/api/v10/channels/${h.fake.channelOf(guild)}/messages/${id}`);

async function click(button: Record<string, any>, message: Record<string, unknown>, who: Who) {
  const interaction = h.fake.click({ guild: who.guild, user: who.user, manageServer: who.manageServer, customId: button.custom_id, message });
  const callback = await h.fake.callbackOf(interaction);
  return { type: callback.json.type as number, data: callback.json.data, text: shown(callback.json.data), ephemeral: ((callback.json.data?.flags ?? 0) & 64) === 64 };
}

const dms = () => h.fake.messagesIn(h.fake.dmChannelOf(kate.user.id)).map((r) => shown(r.json));
const posts = async () => (await h.slash(ana, "report", "", { campaign: "Spring" })).text.match(/Posts: (\d+)/)?.[1];

describe("content approval in Discord", () => {
  it("a creator submits, a team member approves by button, the creator is told by DM, the post counts; a second click does nothing", async () => {
    const review = await submit(URL1);
    expect(review.text).toContain(URL1);
    expect(review.text).toContain("fee $300.00");
    expect(review.buttons.map((b) => b.label)).toEqual(["Approve", "Request changes"]);
    expect(await posts()).toBe("0");

    const approved = await click(review.buttons[0]!, review.message, sam);
    expect(approved.type).toBe(7);
    expect(approved.text).toMatch(/approved by sam at \d\d:\d\d/);
    expect(approved.data.components).toEqual([]);
    // The click's update was the edit: the message is not edited a second time.
    expect(editsOf(review.id)).toHaveLength(0);
    await h.fake.waitForRequest((r) => r.method === "POST" && r.path === `/api/v10/channels/${h.fake.dmChannelOf(kate.user.id)}/messages`);
    expect(dms()[0]).toContain('Your post in "Spring": approved');
    expect(await posts()).toBe("1");

    const again = await click(review.buttons[0]!, review.message, sam);
    expect(again.text).toMatch(/Already decided[\s\S]*approved by sam/);
    expect(dms()).toHaveLength(1);
    expect(await h.db.activity.count({ where: { command: "/post approve" } })).toBe(1);
  });

  it("the creator clicking Approve is refused ephemerally; Request changes asks a note in a modal", async () => {
    const review = await submit(URL2);
    const refused = await click(review.buttons[0]!, review.message, kate);
    expect(refused.type).toBe(4);
    expect(refused.ephemeral).toBe(true);
    expect(refused.text).toContain("This is for the team");

    const opened = await click(review.buttons[1]!, review.message, sam);
    expect(opened.type).toBe(9);
    const interaction = h.fake.modalSubmitFromMessage({ guild, user: sam.user, customId: opened.data.custom_id, fields: { note: "Add #ad first" }, message: review.message });
    const callback = await h.fake.callbackOf(interaction);
    expect(callback.json.type).toBe(7);
    expect(shown(callback.json.data)).toContain("changes requested by sam");
    expect((await h.db.post.findFirstOrThrow({ where: { url: URL2 } })).review).toBe("changes_requested");
    expect(await posts()).toBe("1");
  });

  it("a decision typed as a command edits the review message: the outcome shows and its buttons go; the automatic approval too", async () => {
    const review = await submit(URL3);
    const typed = await h.slash(sam, "post", "approve", { url: URL3 });
    expect(typed.text).toContain("Approved: @kate");
    const [edit] = editsOf(review.id);
    expect(shown(edit!.json)).toMatch(/Approved: @kate's TikTok post in "Spring"[\s\S]*approved by sam at \d\d:\d\d/);
    expect(edit!.json.components).toEqual([]);

    const waiting = await submit(URL4);
    const post = await h.db.post.findFirstOrThrow({ where: { url: URL4 } });
    const before = h.fake.messagesIn(h.fake.channelOf(guild)).length;
    const outcomes = await createApprovalRunner({ db: h.db, log: silentLogger(), posters: { discord: h.adapter.poster } }).runDue(new Date(post.reviewDueAt!.getTime() + 1000));
    expect(outcomes.find((o) => o.postId === post.id)?.status).toBe("approved");
    const [auto] = editsOf(waiting.id);
    expect(shown(auto!.json)).toMatch(/approved automatically/);
    expect(auto!.json.components).toEqual([]);
    expect(h.fake.messagesIn(h.fake.channelOf(guild))).toHaveLength(before);
  });
});
