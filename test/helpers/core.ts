// A fresh core (its own database, migrated: an SQLite file, or a PostgreSQL schema when
// TEST_DATABASE_URL is set, see database.ts) for one test file, helpers to type commands as a
// given person in a given workspace, and a new workspace per test, set up by the commands it needs.

import { rmSync } from "node:fs";
import { createCore, type Core } from "../../src/create-core.ts";
import type { Caller } from "../../src/core/dispatch.ts";
import type { Reply } from "../../src/core/reply.ts";
import { silentLogger } from "../../src/log.ts";
import { renderText } from "../../src/render/text.ts";
import { dropDatabase, freshDatabaseUrl, tempDir } from "./database.ts";

export { dropDatabase, freshDatabaseUrl, onPostgres, tempDir, testProvider } from "./database.ts";

export interface TestBot {
  core: Core;
  db: Core["db"];
  dir: string;
  url: string;
  /** Runs a line as `as` (default: alice, the first member and so an admin) in workspace `in`. */
  run(line: string, who?: Partial<Caller>): Promise<Reply>;
  /** The reply as the shell prints it. */
  text(line: string, who?: Partial<Caller>): Promise<string>;
  /**
   * A workspace nobody has used yet, on this bot's database, after `setUp` has run there (each
   * line must succeed). Workspaces never see each other's rows, so a test that makes its own
   * passes alone and in any order, without the cost of a database of its own.
   */
  workspace(setUp?: readonly string[], first?: FirstMember): Promise<TestWorkspace>;
  close(): Promise<void>;
}

/** Who types a workspace's first command, and so becomes its admin; default alice, on the shell. */
export interface FirstMember {
  platform?: Caller["platform"];
  userId?: string;
  userName?: string;
}

/** Someone typing in a TestWorkspace (the workspace itself is fixed). */
export type Member = Partial<Omit<Caller, "platform" | "workspaceId">>;

export interface TestWorkspace {
  /** The workspace's row id: direct reads of the database filter on it to see only this test's rows. */
  id: number;
  /** Runs a line in this workspace as its first member (its admin), or as `who`. */
  run(line: string, who?: Member): Promise<Reply>;
  /** The reply as the shell prints it. */
  text(line: string, who?: Member): Promise<string>;
}

export interface TestBotOptions {
  now?: () => Date;
  /**
   * Another bot's database (its `url`), to run a second core on the same data, as a second
   * replica would; that database then stays when this bot closes. Default: a fresh one.
   */
  url?: string;
  /** PostgreSQL pool size (DATABASE_POOL_SIZE). */
  poolSize?: number;
  /** PostgreSQL statement timeout (DATABASE_STATEMENT_TIMEOUT_MS). */
  statementTimeoutMs?: number;
  /** People named admins (ADMINS), as `platform:user id`. */
  admins?: readonly string[];
}

/** Workspaces handed out by TestBot.workspace in this file, so that bots sharing a database never pick the same. */
let workspaces = 0;

export async function startTestBot(options: TestBotOptions = {}): Promise<TestBot> {
  const dir = tempDir();
  const ownsDatabase = options.url === undefined;
  const url = options.url ?? freshDatabaseUrl();
  const core = await createCore({ databaseUrl: url, log: silentLogger(), now: options.now, poolSize: options.poolSize, statementTimeoutMs: options.statementTimeoutMs, admins: options.admins });
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
    async workspace(setUp = [], first = {}) {
      const where = { platform: first.platform ?? "local", workspaceId: `W${++workspaces}` };
      const as = (who: Member = {}) => caller({ ...first, ...who, ...where });
      // The first command makes the workspace, and its caller the admin.
      for (const line of ["/help", ...setUp]) {
        const reply = await core.dispatcher.runLine(as(), line);
        if (reply.status !== "ok") throw new Error(`set-up line failed: ${line}\n${renderText(reply)}`);
      }
      const row = await core.db.workspace.findUniqueOrThrow({ where: { platform_externalId: { platform: where.platform, externalId: where.workspaceId } } });
      return {
        id: row.id,
        run: (line, who) => core.dispatcher.runLine(as(who), line),
        text: async (line, who) => renderText(await core.dispatcher.runLine(as(who), line)),
      };
    },
    async close() {
      await core.close();
      rmSync(dir, { recursive: true, force: true });
      if (ownsDatabase) await dropDatabase(url);
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
