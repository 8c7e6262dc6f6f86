// `npm run jobs -- --once --at …` as a team with an external scheduler runs it: a real process,
// digests for a Slack team (to the fake Slack) and for the local workspace (to files).

import { existsSync } from "node:fs";
import path from "node:path";
import { DAILY_DIGEST_SETUP, jobsOnce as runJobsOnce } from "../helpers/jobs.ts";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, startTestBot, type TestBot } from "../helpers/core.ts";
import { FakeSlack } from "../platforms/slack/fake-slack.ts";
import { BOT_TOKEN, SIGNING_SECRET } from "../platforms/slack/slack-side.ts";

let bot: TestBot;
let fake: FakeSlack;
const slack = { platform: "slack" as const, workspaceId: "T-JOBS", userId: "U1", userName: "ula", channelId: "C-DIGESTS" };

beforeAll(async () => {
  fake = await FakeSlack.start({ botToken: BOT_TOKEN });
  bot = await startTestBot({ now: () => new Date("2026-11-20T12:00:00Z") });
  for (const who of [slack, {}]) {
    for (const line of DAILY_DIGEST_SETUP) expectOk(await bot.run(line, who));
  }
});
afterAll(async () => {
  await bot.close();
  await fake.close();
});

const jobsOnce = (at: string) => runJobsOnce(bot, at, { SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl });

describe("npm run jobs -- --once", { timeout: 120_000 }, () => {
  it("posts what is due, one line per digest, then says they were already posted", async () => {
    const first = await jobsOnce("2026-11-21T09:00:30Z");
    expect(first).toEqual([
      expect.stringMatching(/^posted\s+#1 "Spring Launch" 2026-11-20 \(slack:T-JOBS\): 1 digest to C-DIGESTS$/),
      expect.stringMatching(/^posted\s+#2 "Spring Launch" 2026-11-20 \(local:local\): 1 digest to C1$/),
    ]);
    const posts = fake.callsOf("chat.postMessage");
    expect(posts).toHaveLength(1);
    expect(posts[0]!.params).toMatchObject({ channel: "C-DIGESTS", text: expect.stringContaining("Spring Launch: daily digest, Fri 20 Nov 2026") });
    const completed = fake.callsOf("files.completeUploadExternal");
    expect(completed.map((c) => c.params.channel_id)).toEqual(["C-DIGESTS", "C-DIGESTS", "C-DIGESTS"]);
    expect(fake.uploads.slice(-3).every((u) => u.bytes.subarray(1, 4).toString() === "PNG")).toBe(true);
    expect(existsSync(path.join(bot.dir, "out", "digests", "local", "schedule-2-2026-11-20.txt"))).toBe(true);

    expect(await jobsOnce("2026-11-21T09:05:00Z")).toEqual([
      expect.stringMatching(/^already posted\s+#1 /),
      expect.stringMatching(/^already posted\s+#2 /),
    ]);
    expect(fake.callsOf("chat.postMessage")).toHaveLength(1);
  });

  it("says when nothing is due, and refuses a bad --at", async () => {
    expect(await jobsOnce("2026-11-20T08:00:00Z")).toEqual(["nothing due at 2026-11-20T08:00:00.000Z"]);
    await expect(jobsOnce("tomorrow-ish")).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining('--at: "tomorrow-ish" is not a date and time') });
  });
});
