// A digest scheduled from a Discord channel is posted into that channel by the running adapter's
// poster, with its charts attached: /digest schedule through Discord, then the digest job.

import { afterAll, beforeAll, expect, it } from "vitest";
import { createDigestRunner } from "../../../jobs/digest-runner.ts";
import { silentLogger } from "../../../src/log.ts";
import { FakeDiscord } from "./fake-discord.ts";
import { startHarness, type Harness, type Who } from "./harness.ts";

const club = FakeDiscord.guild("Kettlebell Club");
const who: Who = { guild: club, user: FakeDiscord.user("alice"), manageServer: true };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ guilds: [club] });
});
afterAll(() => h?.close());

it("/digest schedule in a channel, then the digest job posts embeds and chart PNGs into that channel", async () => {
  await h.slash(who, "creator", "add", { handle: "kate", platform: "tiktok", followers: 48_000 });
  await h.slash(who, "campaign", "new", { name: "Spring Launch" });
  await h.slash(who, "campaign", "enroll", { campaign: "Spring Launch", handle: "kate", fee: "$300" });
  await h.slash(who, "post", "log", { url: "https://www.tiktok.com/@kate/video/1", views: 12_000, likes: 900 });
  const scheduled = await h.slash(who, "digest", "schedule", { campaign: "Spring Launch", frequency: "daily", time: "09:00" });
  expect(scheduled.embeds[0]!.title).toMatch(/^Scheduled digest #\d+: "Spring Launch"/);
  const channel = h.fake.channelOf(club);
  expect(await h.db.digestSchedule.findFirstOrThrow()).toMatchObject({ channelId: channel });

  const runner = createDigestRunner({ db: h.db, log: silentLogger(), posters: { discord: h.adapter.poster! }, charts: { mode: "local" }, chartProcess: h.core.chartProcess, retryDelaysMs: [0, 0] });
  const outcomes = await runner.runDue(new Date(Date.now() + 2 * 86_400_000));
  expect(outcomes.map((o) => o.status)).toEqual(["posted"]);

  const posts = h.fake.requests.filter((r) => r.method === "POST" && r.path === `/api/v10/channels/${channel}/messages`);
  expect(posts.length).toBeGreaterThan(0);
  expect(posts[0]!.authorization).toBe("Bot test-bot-token");
  expect(posts[0]!.json.embeds[0].title).toContain("Spring Launch");
  const pngs = posts.flatMap((p) => p.files).filter((f) => f.contentType === "image/png");
  expect(pngs.length).toBeGreaterThan(0);
  for (const png of pngs) expect(png.data.subarray(0, 4).toString("hex")).toBe("89504e47");
  const shown = posts[0]!.json.embeds.map((e: { image?: { url: string } }) => e.image?.url).filter(Boolean);
  expect(shown).toContain(`attachment://${pngs[0]!.name}`);
});
