// A fresh core (SQLite file of its own, migrated) for one test file, and helpers to type
// commands as a given person in a given workspace.

import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { createCore, type Core } from "../../src/app.ts";
import type { Caller } from "../../src/core/dispatch.ts";
import type { Reply } from "../../src/core/reply.ts";
import { silentLogger } from "../../src/log.ts";
import { renderText } from "../../src/render/text.ts";

export interface TestBot {
  core: Core;
  db: Core["db"];
  dir: string;
  url: string;
  /** Runs a line as `as` (default: alice, the first member and so an admin) in workspace `in`. */
  run(line: string, who?: Partial<Caller>): Promise<Reply>;
  /** The reply as the shell prints it. */
  text(line: string, who?: Partial<Caller>): Promise<string>;
  close(): Promise<void>;
}

export function tempDir(prefix = "campaign-bot-test-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

export async function startTestBot(options: { now?: () => Date } = {}): Promise<TestBot> {
  const dir = tempDir();
  const url = `file:${path.join(dir, "test.db")}`;
  const core = await createCore({ databaseUrl: url, log: silentLogger(), now: options.now });
  const caller = (who: Partial<Caller> = {}): Caller => ({
    platform: "local",
    workspaceId: "local",
    userId: "alice",
    userName: "alice",
    channelId: "C1",
    ...who,
  });
  const bot: TestBot = {
    core,
    db: core.db,
    dir,
    url,
    run: (line, who) => core.dispatcher.runLine(caller(who), line),
    text: async (line, who) => renderText(await core.dispatcher.runLine(caller(who), line)),
    async close() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
  // alice is the first member of the local workspace, and so its admin.
  await bot.run("/help");
  return bot;
}

/** Fails the test with the reply's text unless it succeeded. */
export function expectOk(reply: Reply): Reply {
  if (reply.status !== "ok") throw new Error(`expected success, got: ${renderText(reply)}`);
  return reply;
}
