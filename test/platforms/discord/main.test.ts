// `npm start` with DISCORD_* set, end to end: the bot's own process logs in to the fake Discord,
// answers a slash command, and on SIGTERM disconnects cleanly (close code 1000) and exits 0.

import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, expect, it } from "vitest";
import { createCore } from "../../../src/create-core.ts";
import { silentLogger } from "../../../src/log.ts";
import { dropDatabase, freshDatabaseUrl } from "../../helpers/core.ts";
import { FakeDiscord } from "./fake-discord.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
const url = freshDatabaseUrl("bot");
const guild = FakeDiscord.guild("Kettlebell Club");

let fake: FakeDiscord;
let child: ChildProcess | undefined;
let stderr = "";

beforeAll(async () => {
  fake = await FakeDiscord.start([guild]);
});
afterAll(async () => {
  if (child && child.exitCode === null) child.kill("SIGKILL");
  await fake.close();
  await dropDatabase(url);
});

function waitFor(test: () => boolean, what: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const check = () => {
      if (test()) return resolve();
      if (child?.exitCode !== null) return reject(new Error(`the bot exited before ${what}:\n${stderr}`));
      setTimeout(check, 20);
    };
    check();
  });
}

it("starts with DISCORD_* set, answers a command, and stops cleanly on SIGTERM", async () => {
  child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: url,
      LOG_LEVEL: "info",
      DISCORD_TOKEN: "main-test-token",
      DISCORD_APPLICATION_ID: fake.applicationId,
      DISCORD_API_URL: fake.apiUrl,
      SLACK_BOT_TOKEN: "",
      SLACK_SIGNING_SECRET: "",
      SLACK_APP_TOKEN: "",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  child.stderr!.on("data", (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child!.on("exit", (code) => resolve(code)));

  await waitFor(() => stderr.includes('"msg":"bot started"'), "it started");
  expect(stderr).toContain('"adapters":["discord"]');
  expect(stderr).not.toContain("main-test-token");
  expect(fake.identifies).toBe(1);

  const interaction = fake.slash({
    guild,
    user: FakeDiscord.user("alice"),
    command: "creator",
    options: [{ name: "add", type: 1, options: [{ name: "handle", type: 3, value: "kate" }, { name: "platform", type: 3, value: "tiktok" }, { name: "followers", type: 4, value: 48_000 }] }],
  });
  const callback = await fake.callbackOf(interaction);
  expect(callback.json.data.embeds[0].title).toBe("Registered @kate: micro");

  child.kill("SIGTERM");
  expect(await exited).toBe(0);
  expect(fake.closeCodes).toEqual([1000]);
  expect(stderr).toContain('"msg":"stopped"');

  const core = await createCore({ databaseUrl: url, log: silentLogger() });
  try {
    expect(await core.db.creator.count({ where: { handleKey: "kate", workspace: { platform: "discord", externalId: guild.id } } })).toBe(1);
  } finally {
    await core.close();
  }
});
