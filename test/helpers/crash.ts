// What the crash tests (test/platforms/*/crash.test.ts) share: a database where KATE15 can be
// redeemed, one redemption per command (its own revenue), the bot process started twice on it,
// and what "stored once and answered once" means for each command acknowledged before the kill.

import { expect, onTestFailed, onTestFinished } from "vitest";
import type { Caller } from "../../src/core/dispatch.ts";
import { createCore } from "../../src/create-core.ts";
import { acknowledgementStore } from "../../src/db/acknowledgement-store.ts";
import { silentLogger } from "../../src/log.ts";
import { spawnBot, type BotProcess, type LogLine } from "./bot-process.ts";
import { dropDatabase, freshDatabaseUrl } from "./database.ts";

/** The lease the crash tests give the bot: its rows are claimable this long after the kill. */
export const CRASH_LEASE_SECONDS = 5;

/**
 * How long the crash tests wait for what they wait for (a start, the answers after the restart,
 * a clean stop): they wait for the event, and only a bot that never gets there uses all of it.
 * The restarted process answered the Slack test's acknowledged commands in 32–38 s at load 8 on
 * two cores and in 73 s at load 12: a fixed two minutes was a guess about the machine.
 */
export const CRASH_WAIT_MS = 480_000;
/** The crash tests' own time limit: their waits, one after another, within it. */
export const CRASH_TEST_MS = 900_000;

/** Command i redeems a revenue of its own ($1.00 + i cents), so each stored order names its command. */
export const cents = (i: number) => 100 + i;
export const dollars = (i: number) => `$${(cents(i) / 100).toFixed(2)}`;

export interface CrashScene {
  databaseUrl: string;
  /** Starts a bot process with `env` on the database; killed with SIGKILL when the test ends. */
  start(env: Record<string, string>): BotProcess;
  /** The revenues of every stored redemption, in cents. */
  stored(): Promise<number[]>;
  /** The reply addresses (response URLs, interaction tokens) of the inbox rows left. */
  leftInInbox(): Promise<Set<string>>;
}

/** A new database where `caller` is the admin of a workspace with kate's code KATE15 in "Spring Launch". */
export async function crashScene(name: string, caller: Caller): Promise<CrashScene> {
  const databaseUrl = freshDatabaseUrl(name);
  onTestFinished(() => dropDatabase(databaseUrl));
  const core = await createCore({ databaseUrl, log: silentLogger() });
  try {
    for (const line of ["/creator add kate tiktok 48k", '/campaign new "Spring Launch"', '/campaign enroll "Spring Launch" kate', '/code add kate "Spring Launch" code:KATE15']) {
      expect((await core.dispatcher.runLine(caller, line)).status).toBe("ok");
    }
  } finally {
    await core.close();
  }
  const read = async <T>(query: (db: Awaited<ReturnType<typeof createCore>>["db"]) => Promise<T>) => {
    const check = await createCore({ databaseUrl, log: silentLogger() });
    try {
      return await query(check.db);
    } finally {
      await check.close();
    }
  };
  return {
    databaseUrl,
    start(env) {
      const bot = spawnBot({ ...env, DATABASE_URL: databaseUrl, INBOX_LEASE_SECONDS: String(CRASH_LEASE_SECONDS), LOG_LEVEL: "info" });
      onTestFinished(() => bot.kill("SIGKILL"));
      // A failure shows what the process warned about (pino: 40 warn, 50 error) and the commands
      // that did not end "ok", each kind once with how many, to tell a fault from a slow machine.
      onTestFailed(() => {
        const kinds = new Map<string, { first: LogLine; count: number }>();
        for (const line of bot.logs.lines) {
          const notable = typeof line.level !== "number" || line.level >= 40 || (line.msg === "command" && line.outcome !== "ok") || line.msg === "acknowledged commands recovered";
          if (!notable) continue;
          const kind = `${line.msg}${line.outcome ? ` (${line.outcome})` : ""}`;
          const seen = kinds.get(kind);
          if (seen) seen.count++;
          else kinds.set(kind, { first: line, count: 1 });
        }
        console.error(`bot process ${bot.pid} (${bot.logs.lines.length} log lines):\n${[...kinds].map(([kind, { first, count }]) => `${count}× ${kind}: ${JSON.stringify(first)}`).join("\n")}`);
      });
      return bot;
    },
    stored: () => read(async (db) => (await db.redemption.findMany({ select: { revenue: true } })).map((r) => r.revenue)),
    leftInInbox: () => read(async (db) => new Set((await acknowledgementStore(db).rows()).map((r) => r.replyTo))),
  };
}

/**
 * Command i's answers, as text: its result once, or a note that it ran (when the kill came
 * between its commit and its answer's bookkeeping), or both; nothing else.
 */
export function expectAnsweredOnce(i: number, answers: string[]): void {
  const result = answers.filter((t) => t.startsWith(`KATE15: 1 order, ${dollars(i)}`));
  const saved = answers.filter((t) => t.startsWith("Done: ") && t.includes("its changes are saved"));
  expect(answers.length, `command ${i}:\n${answers.join("\n")}`).toBe(result.length + saved.length);
  expect(answers.length).toBeGreaterThan(0);
  expect(result.length).toBeLessThanOrEqual(1);
  expect(saved.length).toBeLessThanOrEqual(1);
}

/** Every command in `promised` stored exactly once, and no command stored twice. */
export function expectStoredOnce(stored: number[], promised: number[]): void {
  expect(stored.length).toBe(new Set(stored).size);
  for (const i of promised) expect(stored, `command ${i}`).toContain(cents(i));
}
