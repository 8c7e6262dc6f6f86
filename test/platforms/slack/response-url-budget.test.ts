// Slack accepts five posts to a command's response URL: a 1,000-creator campaign's /campaign show
// and /digest now, typed in a channel the app is not in (so no file can be posted there), stay
// within five, combine their notes about files into one, and say in the last post what is
// missing and how to get it. Always on an SQLite file: the bench's data generator, which makes
// the campaign, writes SQLite's dialect (and what is tested here is Slack's side, not the database).

import { rmSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { generateCampaign } from "../../../bench/generate.ts";
import { tempDir } from "../../helpers/core.ts";
import { RESPONSE_URL_POSTS } from "../../../src/platforms/slack/deliver.ts";
import { messageText, startSlackHarness, type Sent, type SlackHarness } from "./slack-side.ts";

const dir = tempDir("campaign-bot-budget-");
let h: SlackHarness;
const who = { team: "T-BIG", user: "UADMIN", channel: "C-NOBOT" };
let show: Sent;
let digest: Sent;

beforeAll(async () => {
  h = await startSlackHarness({ users: { UADMIN: { is_admin: true } }, databaseUrl: `file:${path.join(dir, "big.db")}` });
  await generateCampaign(h.bot.core, {
    creators: 1_000,
    posts: 1_000,
    redemptions: 1_000,
    campaignName: "Big Launch",
    caller: { platform: "slack", workspaceId: who.team, workspaceName: "t-big", userId: who.user, userName: "uadmin", channelId: who.channel },
  });
  h.fake.channelsWithoutBot.add(who.channel);
  show = await h.send('/campaign show "Big Launch"', who);
  digest = await h.send('/digest now "Big Launch"', who);
  // Stopping finishes the commands in flight: every post either reply will make has been made.
  await h.adapter.stop();
}, 240_000);
afterAll(async () => {
  await h?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Everything the command sent: the acknowledgement (when it carried the reply) and the response URL posts. */
const postsOf = (sent: Sent) => sent.responses();

test("/campaign show of 1,000 creators: at most five response URL posts; the last says the rest is missing and how to get it", () => {
  const posts = postsOf(show);
  expect(posts.length).toBeGreaterThan(1);
  expect(posts.length).toBeLessThanOrEqual(RESPONSE_URL_POSTS);
  expect(messageText(posts.at(-2))).toBe("This reply is longer than Slack allows in messages; the whole of it is attached as a text file.");
  expect(messageText(posts.at(-1))).toBe(
    "Could not post the file reply.txt here (not_in_channel). It held the rest of this reply. To get them, add the app to this channel (type /invite and pick the app) and run the command again; a campaign's figures also come as one CSV file: /report \"&lt;campaign&gt;\" format:csv.",
  );
});

test("/digest now of 1,000 creators: at most five posts; one note names every chart that could not be posted", () => {
  expect(messageText(digest.ack)).toBe("Working on /digest now…");
  const posts = postsOf(digest);
  expect(posts.length).toBeLessThanOrEqual(RESPONSE_URL_POSTS);
  const notes = posts.filter((p) => messageText(p).startsWith("Could not post"));
  expect(notes).toHaveLength(1);
  const last = messageText(posts.at(-1));
  expect(last).toMatch(/^Could not post \d files \(.*\.png, .*\.png, .*\.png.*\) here \(not_in_channel\)\./);
  expect(last).toContain("add the app to this channel (type /invite and pick the app) and run the command again");
});
