// Starting the Slack adapter with something wrong says what, in one sentence, instead of a
// stack trace: a refused bot token, a refused app-level token, a port already taken.

import { createServer } from "node:net";
import { afterAll, beforeAll, expect, test } from "vitest";
import { readConfig } from "../../../src/config.ts";
import { startSlackAdapter } from "../../../src/platforms/slack/start.ts";
import { startTestBot, type TestBot } from "../../helpers/core.ts";
import { FakeSlack } from "./fake-slack.ts";
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET } from "./slack-side.ts";

let fake: FakeSlack;
let bot: TestBot;

beforeAll(async () => {
  fake = await FakeSlack.start({ botToken: BOT_TOKEN, appToken: APP_TOKEN });
  bot = await startTestBot();
});
afterAll(async () => {
  await fake.close();
  await bot.close();
});

const config = (env: Record<string, string>) =>
  readConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, HOST: "127.0.0.1", PORT: "0", ...env });

test("a bot token Slack refuses", async () => {
  await expect(startSlackAdapter({ core: bot.core, config: config({ SLACK_BOT_TOKEN: "xoxb-wrong" }) })).rejects.toThrow(
    "Slack refused SLACK_BOT_TOKEN (invalid_auth): copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page.",
  );
});

test("an app-level token Slack refuses", async () => {
  await expect(startSlackAdapter({ core: bot.core, config: config({ SLACK_APP_TOKEN: "xapp-wrong" }) })).rejects.toThrow(
    "Slack Socket Mode could not connect (invalid_auth): check SLACK_APP_TOKEN (an app-level token with connections:write).",
  );
});

test("a port already in use", async () => {
  const taken = createServer();
  await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
  const port = (taken.address() as { port: number }).port;
  try {
    await expect(startSlackAdapter({ core: bot.core, config: config({ PORT: String(port) }) })).rejects.toThrow(
      `Slack HTTP mode could not listen on 127.0.0.1:${port} (EADDRINUSE).`,
    );
  } finally {
    taken.close();
  }
});
