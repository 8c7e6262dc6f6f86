// Digests posted by the bot on its own: chat.postMessage with Block Kit, files through
// files.uploadV2, and Slack's refusals as DeliveryErrors (permanent, or retry after).

import { afterAll, beforeAll, expect, test } from "vitest";
import { readConfig } from "../../../src/config.ts";
import { reply } from "../../../src/core/reply.ts";
import { DeliveryError, type ChannelPoster } from "../../../src/digest/delivery.ts";
import { silentLogger } from "../../../src/log.ts";
import { createSlackPoster } from "../../../src/platforms/slack/poster.ts";
import { FakeSlack } from "./fake-slack.ts";
import { BOT_TOKEN, SIGNING_SECRET, messageText } from "./slack-side.ts";

let fake: FakeSlack;
let poster: ChannelPoster;
const target = (channelId: string) => ({ platform: "slack" as const, workspaceExternalId: "T1", channelId, slug: "schedule-1-2026-12-01" });

beforeAll(async () => {
  fake = await FakeSlack.start({ botToken: BOT_TOKEN });
  poster = createSlackPoster(readConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl }), silentLogger());
});
afterAll(() => fake.close());

test("a digest goes to the channel as Block Kit through chat.postMessage, its files uploaded there", async () => {
  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
  const digest = reply("Daily digest: Spring Launch").fields([{ label: "Views", value: "12,000" }]).file({ name: "orders.png", contentType: "image/png", data: png }).build();
  await poster.post(target("C-DIGEST"), digest);
  const [post] = fake.callsOf("chat.postMessage");
  expect(post!.params.channel).toBe("C-DIGEST");
  expect(post!.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  expect(post!.params.text).toContain("Daily digest: Spring Launch");
  const blocks = JSON.parse(post!.params.blocks!);
  expect(messageText({ blocks })).toContain("*Views*\n12,000");
  expect(fake.uploads.at(-1)!.bytes.equals(png)).toBe(true);
  expect(fake.callsOf("files.completeUploadExternal").at(-1)!.params.channel_id).toBe("C-DIGEST");
});

test("a long digest is posted as several messages, in order", async () => {
  const before = fake.callsOf("chat.postMessage").length;
  const rows = Array.from({ length: 400 }, (_, i) => [`@c${i}`, "y".repeat(50)]);
  await poster.post(target("C-LONG"), reply("Long").table(["handle", "niche"], rows).build());
  const posts = fake.callsOf("chat.postMessage").slice(before);
  expect(posts.length).toBeGreaterThan(1);
  const text = posts.map((p) => messageText({ blocks: JSON.parse(p.params.blocks!) })).join("\n");
  for (const [h] of rows) expect(text).toContain(`${h} `);
});

test("a channel the bot is not in is a permanent delivery error; rate limiting says when to retry", async () => {
  fake.channelsWithoutBot.add("C-GONE");
  const gone = await poster.post(target("C-GONE"), reply("x").build()).catch((e: unknown) => e);
  expect(gone).toBeInstanceOf(DeliveryError);
  expect((gone as DeliveryError).options.permanent).toBe(true);
  expect((gone as DeliveryError).message).toContain("not_in_channel");

  fake.rateLimitedChannels.add("C-BUSY");
  const busy = await poster.post(target("C-BUSY"), reply("x").build()).catch((e: unknown) => e);
  expect(busy).toBeInstanceOf(DeliveryError);
  expect((busy as DeliveryError).options).toEqual({ retryAfterMs: 7000 });
});

test("a reminder for a person goes to their direct message: conversations.open, then chat.postMessage there", async () => {
  const reminder = reply("Reminder: @kate's post for \"Spring Launch\" is due in 2 days, 2026-12-10")
    .text("Not posted yet.")
    .action({ label: "Mark ghosted", command: '/campaign ghosted "Spring Launch" @kate', style: "danger", then: "replace" })
    .build();
  await poster.sendPrivately!({ platform: "slack", workspaceExternalId: "T1", userId: "U0OWNER", slug: "reminder-1" }, reminder);
  const open = fake.callsOf("conversations.open").at(-1)!;
  expect(open.params.users).toBe("U0OWNER");
  expect(open.authorization).toBe(`Bearer ${BOT_TOKEN}`);
  const post = fake.callsOf("chat.postMessage").at(-1)!;
  expect(post.params.channel).toBe("DU0OWNER");
  expect(messageText({ blocks: JSON.parse(post.params.blocks!) })).toContain("Reminder: @kate's post for \"Spring Launch\" is due in 2 days");
  // Its button rides along, carrying the command a click runs.
  const buttons = (JSON.parse(post.params.blocks!) as Array<{ type: string; elements?: Array<{ type: string; text?: { text: string }; value?: string }> }>).flatMap((b) => (b.type === "actions" ? b.elements ?? [] : []));
  expect(buttons.map((b) => b.text?.text)).toEqual(["Mark ghosted"]);
  expect(JSON.parse(buttons[0]!.value!)).toEqual({ command: '/campaign ghosted "Spring Launch" @kate', ask: [], then: "replace" });
});

test("a person Slack does not know is a permanent delivery error, and nothing is posted", async () => {
  fake.users.U0GONE = { missing: true };
  const before = fake.callsOf("chat.postMessage").length;
  const gone = await poster.sendPrivately!({ platform: "slack", workspaceExternalId: "T1", userId: "U0GONE", slug: "reminder-2" }, reply("x").build()).catch((e: unknown) => e);
  expect(gone).toBeInstanceOf(DeliveryError);
  expect((gone as DeliveryError).options.permanent).toBe(true);
  expect((gone as DeliveryError).message).toContain("user_not_found");
  expect(fake.callsOf("chat.postMessage")).toHaveLength(before);
});
