// The bot's process stays responsive while commands run, a transaction on the one SQLite
// connection is not mixed with statements from outside it, checkpoints happen elsewhere, and a
// write lock another process holds is waited for with the event loop free. (On PostgreSQL each
// transaction has a connection of its own and the driver is asynchronous; the first test holds
// there too.)

import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { sqliteFile } from "../../src/db/client.ts";
import { expectOk, onPostgres, startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;

beforeAll(async () => {
  bot = await startTestBot();
  await bot.run("/creator add @kate tiktok 48k");
  await bot.run('/campaign new "Spring Launch" budget:$5,000');
  await bot.run('/campaign enroll "Spring Launch" @kate fee:$300');
});
afterAll(() => bot?.close());

/** Counts the event loop's turns from now until `stop`: a loop blocked by synchronous work counts none. */
function countEventLoopTurns() {
  let turns = 0;
  let running = true;
  const turn = () => {
    turns++;
    if (running) setImmediate(turn);
  };
  setImmediate(turn);
  return { turns: () => turns, stop: () => (running = false) };
}

describe("while commands run", () => {
  test("the event loop still serves sockets and timers between their statements", async () => {
    const loop = countEventLoopTurns();
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        bot.run(`/post log https://www.tiktok.com/@kate/video/7${String(i).padStart(4, "0")} kate "Spring Launch" views:1k`),
      ),
    );
    loop.stop();
    expect(replies.every((r) => r.status === "ok")).toBe(true);
    expect(await bot.db.post.count()).toBe(20);
    // Twenty commands of some ten statements each: the loop turned between them, not once at the end.
    expect(loop.turns()).toBeGreaterThan(20);
  });

  test.skipIf(onPostgres)("a write from outside an open transaction is not rolled back with it", async () => {
    let started!: () => void;
    const inside = new Promise<void>((resolve) => (started = resolve));
    const failed = bot.db
      .$transaction(async (tx) => {
        await tx.creator.updateMany({ data: { niche: "rolled back" } });
        started();
        // Time for the outside write to run, if it could run now.
        await new Promise((resolve) => setTimeout(resolve, 50));
        throw new Error("roll back");
      })
      .catch((error: Error) => error.message);
    await inside;
    // Prisma's queries start when awaited; `then` starts them now, while the transaction is open.
    const outside = bot.db.creator.updateMany({ data: { notes: "kept" } }).then((r) => r.count);
    const read = bot.db.creator.findFirst({ select: { niche: true } }).then((r) => r?.niche);
    expect(await failed).toBe("roll back");
    expect(await outside).toBe(1);
    const kate = await bot.db.creator.findFirstOrThrow();
    expect(kate.notes).toBe("kept");
    expect(kate.niche).not.toBe("rolled back");
    // Nor did a read from outside see the transaction's uncommitted change.
    expect(await read).not.toBe("rolled back");
  });
});

describe.skipIf(onPostgres)("a transaction whose COMMIT fails", () => {
  test("is rolled back, and the next command runs", async () => {
    const failed = await bot.db
      .$transaction(async (tx) => {
        // A foreign key checked only at COMMIT: the COMMIT itself fails, and SQLite keeps the transaction open.
        await tx.$executeRawUnsafe("PRAGMA defer_foreign_keys = ON");
        await tx.creator.create({ data: { workspaceId: 999_999, handle: "orphan", handleKey: "orphan" } });
      })
      .then(
        () => "committed",
        (error: Error) => error.message,
      );
    expect(failed).toMatch(/FOREIGN KEY|ForeignKey/);
    expect(expectOk(await bot.run("/creator add @after-commit-failed tiktok 1k")).title).toMatch(/Registered/);
    expect(await bot.db.creator.count({ where: { handleKey: "orphan" } })).toBe(0);
  });
});

describe.skipIf(onPostgres)("the write-ahead log", () => {
  test("is copied into the database file by the checkpoint worker, not in a command's commit", async () => {
    const file = sqliteFile(bot.url);
    const before = createHash("sha256").update(readFileSync(file)).digest("hex");
    for (let i = 0; i < 5; i++) await bot.run(`/creator add @wal${i} instagram ${i + 2}k`);
    // The bot's own connection would only checkpoint past FALLBACK_AUTOCHECKPOINT_PAGES pages.
    const checkpointed = await new Promise<boolean>((resolve) => {
      const started = Date.now();
      const look = () => {
        if (createHash("sha256").update(readFileSync(file)).digest("hex") !== before) return resolve(true);
        if (Date.now() - started > 15_000) return resolve(false);
        setTimeout(look, 100);
      };
      look();
    });
    expect(checkpointed).toBe(true);
    expect(await bot.db.creator.count({ where: { handle: { startsWith: "wal" } } })).toBe(5);
  });
});

describe.skipIf(onPostgres)("another process holding the file's write lock (the shell beside the bot)", () => {
  test("a command waits for it with the event loop free, then succeeds", async () => {
    const other = await new PrismaBetterSQLite3({ url: `file:${sqliteFile(bot.url)}` }).connect();
    try {
      await other.executeScript("BEGIN IMMEDIATE");
      const loop = countEventLoopTurns();
      const reply = bot.run("/creator add @held tiktok 1k");
      // The other writer ends on a timer, which fires only if the bot's wait leaves the event loop free.
      await new Promise((resolve) => setTimeout(resolve, 300));
      const turnsWhileLocked = loop.turns();
      await other.executeScript("COMMIT");
      loop.stop();
      expect(expectOk(await reply).title).toMatch(/Registered @held/);
      expect(turnsWhileLocked).toBeGreaterThan(10);
      expect(await bot.db.creator.count({ where: { handle: "held" } })).toBe(1);
    } finally {
      await other.dispose();
    }
  });
});
