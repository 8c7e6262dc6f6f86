// The bot's own process (`node --import tsx src/main.ts`, as containers run it) against the fake
// Slack: SIGTERM stops accepting commands, finishes the one in flight, closes the database and
// exits 0.

import { rmSync } from "node:fs";
import { afterAll, beforeAll, expect, onTestFinished, test } from "vitest";
import { createCore } from "../../../src/create-core.ts";
import { silentLogger } from "../../../src/log.ts";
import { spawnBot } from "../../helpers/bot-process.ts";
import { dropDatabase, freshDatabaseUrl, tempDir } from "../../helpers/core.ts";
import { FakeSlack } from "./fake-slack.ts";
import { BOT_TOKEN, SIGNING_SECRET, commandPayload, messageText, postSigned, slackBotEnv } from "./slack-side.ts";

let fake: FakeSlack;
let dir: string;

beforeAll(async () => {
  fake = await FakeSlack.start({ botToken: BOT_TOKEN });
  dir = tempDir();
});
afterAll(async () => {
  await fake.close();
  rmSync(dir, { recursive: true, force: true });
});

test("SIGTERM to the bot process: no new commands, the one in flight answered, database closed, exit 0", async () => {
  const databaseUrl = freshDatabaseUrl("sigterm");
  onTestFinished(() => dropDatabase(databaseUrl));
  const bot = spawnBot(slackBotEnv(fake.apiUrl, databaseUrl));
  const { child, logs } = bot;
  try {
    const started = await logs.waitFor("slack adapter started");
    const url = started.url as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/slack\/events$/);

    let release!: () => void;
    fake.usersInfoGate = new Promise((resolve) => (release = resolve));
    const payload = commandPayload("/creator add @kate tiktok 48k", { team: "T-SIG", user: "U1" }, fake.responseUrl("sig"));
    const inFlight = postSigned(url, new URLSearchParams(payload).toString());
    await fake.waitFor(() => fake.callsOf("users.info").length > 0, "users.info");

    child.kill("SIGTERM");
    await logs.waitFor("stopping: finishing commands in flight");
    const late = commandPayload("/creator add @zoe tiktok 1k", { team: "T-SIG", user: "U2" }, fake.responseUrl("late"));
    await expect(postSigned(url, new URLSearchParams(late).toString())).rejects.toThrow();

    fake.usersInfoGate = null;
    release();
    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect((await bot.exited).code).toBe(0);
    expect(logs.lines.some((l) => l.msg === "stopped")).toBe(true);
    expect(messageText(answer.body) + fake.responsesTo("sig").map(messageText).join("\n")).toContain("Registered @kate");
    expect(fake.responsesTo("late")).toEqual([]);
    // Nothing secret reached the logs.
    const logText = logs.lines.map((l) => JSON.stringify(l)).join("\n");
    expect(logText).not.toContain(BOT_TOKEN);
    expect(logText).not.toContain(SIGNING_SECRET);
    expect(logText).not.toContain("/respond/");
  } finally {
    if (child.exitCode === null) child.kill("SIGKILL");
  }

  const core = await createCore({ databaseUrl, log: silentLogger() });
  try {
    expect((await core.db.creator.findMany()).map((c) => c.handle)).toEqual(["kate"]);
  } finally {
    await core.close();
  }
});
