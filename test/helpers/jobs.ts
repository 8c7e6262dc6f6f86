// Runs `npm run jobs -- --once --at <time>` as a real process on a test bot's database, with
// the platform variables a test gives; returns its output lines. And a digest to be due.

import { execFile } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import type { TestBot } from "./core.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
const run = promisify(execFile);

/** A campaign with a creator, a post on 2026-11-20 and a daily 09:00 digest: one digest due on the 21st. */
export const DAILY_DIGEST_SETUP = [
  "/creator add kate tiktok 48k",
  '/campaign new "Spring Launch"',
  '/campaign enroll "Spring Launch" kate fee:$100',
  "/post log https://www.tiktok.com/@kate/video/1 views:5k likes:400 posted:2026-11-20",
  '/digest schedule "Spring Launch" daily 09:00',
];

const NO_PLATFORMS = { SLACK_BOT_TOKEN: "", SLACK_SIGNING_SECRET: "", DISCORD_TOKEN: "", DISCORD_APPLICATION_ID: "" };

export async function jobsOnce(bot: TestBot, at: string, platformEnv: Record<string, string>): Promise<string[]> {
  const { stdout } = await run(process.execPath, ["--import", "tsx", "jobs/cli.ts", "--once", "--at", at], {
    cwd: ROOT,
    env: { ...process.env, ...NO_PLATFORMS, DATABASE_URL: bot.url, OUT_DIR: path.join(bot.dir, "out"), LOG_LEVEL: "error", ...platformEnv },
  });
  return stdout.trim().split("\n");
}
