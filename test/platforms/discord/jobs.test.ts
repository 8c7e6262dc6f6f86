// `npm run jobs -- --once` with DISCORD_* set posts a Discord server's digest into the channel it
// was scheduled in, through the REST API of the fake Discord, once.

import { DAILY_DIGEST_SETUP, jobsOnce as runJobsOnce } from "../../helpers/jobs.ts";
import { afterAll, beforeAll, expect, it } from "vitest";
import { expectOk, startTestBot, type TestBot } from "../../helpers/core.ts";
import { FakeDiscord } from "./fake-discord.ts";

const guild = FakeDiscord.guild("Kettlebell Club");
let bot: TestBot;
let fake: FakeDiscord;

beforeAll(async () => {
  fake = await FakeDiscord.start([guild]);
  bot = await startTestBot({ now: () => new Date("2026-11-20T12:00:00Z") });
  const who = { platform: "discord" as const, workspaceId: guild.id, userId: "111111111111111111", userName: "alice", channelId: fake.channelOf(guild) };
  for (const line of DAILY_DIGEST_SETUP) expectOk(await bot.run(line, who));
});
afterAll(async () => {
  await bot.close();
  await fake.close();
});

const jobsOnce = (at: string) => runJobsOnce(bot, at, { DISCORD_TOKEN: "jobs-token", DISCORD_APPLICATION_ID: fake.applicationId, DISCORD_API_URL: fake.apiUrl });

it("posts the digest with its three charts into the server's channel, then says it was already posted", async () => {
  const channel = fake.channelOf(guild);
  const first = await jobsOnce("2026-11-21T09:00:30Z");
  expect(first.filter((l) => l.includes(`discord:${guild.id}`))).toEqual([expect.stringMatching(new RegExp(`^posted\\s+#\\d+ "Spring Launch" 2026-11-20 \\(discord:${guild.id}\\): 1 digest to ${channel}$`))]);
  const posts = fake.requests.filter((r) => r.method === "POST" && r.path === `/api/v10/channels/${channel}/messages`);
  expect(posts).toHaveLength(1);
  expect(posts[0]!.authorization).toBe("Bot jobs-token");
  expect(posts[0]!.json.embeds[0].title).toBe("Spring Launch: daily digest, Fri 20 Nov 2026");
  expect(posts[0]!.files.map((f) => f.data.subarray(1, 4).toString())).toEqual(["PNG", "PNG", "PNG"]);

  const again = await jobsOnce("2026-11-21T09:05:00Z");
  expect(again.filter((l) => l.includes(`discord:${guild.id}`))).toEqual([expect.stringMatching(/^already posted\s+#/)]);
  expect(fake.requests.filter((r) => r.method === "POST" && r.path === `/api/v10/channels/${channel}/messages`)).toHaveLength(1);
}, 120_000); // two processes that each start up and draw charts
