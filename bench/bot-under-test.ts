// The bot as it runs in production, in its own process: Slack in HTTP mode on 127.0.0.1 and
// Discord, both connected to the fakes the tests use (run here, in the benchmark's process),
// on a given database. Plus the bare Bolt app beside it.

import path from "node:path";
import { FakeDiscord } from "../test/platforms/discord/fake-discord.ts";
import { FakeSlack } from "../test/platforms/slack/fake-slack.ts";
import type { SlackTarget } from "./load.ts";
import { botNodeFlags, freePort, ROOT, startNode, waitForLog, type Child } from "./processes.ts";

export const BENCH_SIGNING_SECRET = "bench-signing-secret-0123456789abcdef";
const BOT_TOKEN = "xoxb-bench-bot-token";

export interface BotUnderTest {
  child: Child;
  slack: SlackTarget;
  fakeSlack: FakeSlack;
  fakeDiscord: FakeDiscord;
  stop(): Promise<void>;
}

/**
 * The bot as `npm start` runs it, with node's flags from that checkout's start script; `nodeArgs`:
 * --expose-gc or not (--without-gc leaves it out), and any other flag for node itself;
 * `root`: another checkout of the bot to run instead of this one (`name` tells them apart).
 */
export async function startBotUnderTest(databaseUrl: string, dir: string, nodeArgs: string[], other?: { root: string; name: string }): Promise<BotUnderTest> {
  const fakeSlack = await FakeSlack.start({ botToken: BOT_TOKEN });
  const fakeDiscord = await FakeDiscord.start([FakeDiscord.guild("Bench guild")]);
  const port = await freePort();
  const child = startNode(
    "src/main.ts",
    [],
    {
      DATABASE_URL: databaseUrl,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
      SLACK_API_URL: fakeSlack.apiUrl,
      DISCORD_TOKEN: "bench-discord-token",
      DISCORD_APPLICATION_ID: fakeDiscord.applicationId,
      DISCORD_API_URL: fakeDiscord.apiUrl,
      HOST: "127.0.0.1",
      PORT: String(port),
      OUT_DIR: path.join(dir, "out"),
      CHARTS: "local",
      LOG_LEVEL: "info",
    },
    path.join(dir, other ? `bot-${other.name}.log` : "bot.log"),
    { nodeArgs: withScriptFlags("start", nodeArgs, other?.root), root: other?.root },
  );
  try {
    await waitForLog(child, /"msg":"bot started"/, 120_000);
  } catch (error) {
    await child.stop();
    await Promise.all([fakeSlack.close(), fakeDiscord.close()]);
    throw error;
  }
  return {
    child,
    slack: { name: other?.name ?? "bot", url: `http://127.0.0.1:${port}/slack/events`, signingSecret: BENCH_SIGNING_SECRET },
    fakeSlack,
    fakeDiscord,
    async stop() {
      await child.stop();
      await Promise.all([fakeSlack.close(), fakeDiscord.close()]);
    },
  };
}

export interface BareBolt {
  child: Child;
  slack: SlackTarget;
}

export async function startBareBolt(dir: string): Promise<BareBolt> {
  const child = startNode("bench/bare-bolt.ts", [], { SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET }, path.join(dir, "bare-bolt.log"), { stdout: "pipe" });
  const url = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.process.stdout!.on("data", (chunk: Buffer) => {
      out += chunk.toString("utf8");
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (line) resolve((JSON.parse(line) as { url: string }).url);
    });
    void child.exited.then(() => reject(new Error("the bare Bolt app exited before listening (see bare-bolt.log)")));
  });
  return { child, slack: { name: "bare Bolt", url, signingSecret: BENCH_SIGNING_SECRET } };
}

/** Node's flags of an npm script of `root` (this checkout by default), --expose-gc as `nodeArgs` says, then `nodeArgs`' others. */
export function withScriptFlags(script: string, nodeArgs: readonly string[], root = ROOT): string[] {
  return [...botNodeFlags(script, nodeArgs.includes("--expose-gc"), root), ...nodeArgs.filter((flag) => flag !== "--expose-gc")];
}
