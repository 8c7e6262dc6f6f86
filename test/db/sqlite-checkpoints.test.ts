// The checkpoint worker runs only while the bot writes: it starts when the write-ahead log
// changes, copies the log into the database file, and ends once the log has been quiet a while,
// so a bot at rest holds no second V8 heap (docs/performance.md, "Memory at rest").

import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, test } from "vitest";
import { startCheckpointer, type Checkpointer } from "../../src/db/sqlite-checkpoints.ts";
import { onPostgres } from "../helpers/core.ts";

/** The driver itself (no typings installed): only what this test uses. */
interface Sqlite {
  pragma(statement: string): unknown;
  exec(sql: string): void;
  prepare(sql: string): { run(...values: unknown[]): unknown; get(): unknown };
  close(): void;
}
const Database = createRequire(import.meta.url)("better-sqlite3") as new (file: string, options?: { readonly?: boolean }) => Sqlite;

const dirs: string[] = [];
const open: Array<{ close(): unknown }> = [];
let checkpointer: Checkpointer | null = null;
afterEach(async () => {
  await checkpointer?.stop();
  for (const o of open.splice(0)) o.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

const digest = (file: string) => createHash("sha256").update(readFileSync(file)).digest("hex");

async function until(what: () => boolean, ms: number): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (what()) return true;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return what();
}

describe.skipIf(onPostgres)("the SQLite checkpoint worker", () => {
  test("starts when the log changes, checkpoints it into the file, and ends when the log stays quiet", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "checkpoints-"));
    dirs.push(dir);
    const file = path.join(dir, "bot.db");
    const db = new Database(file);
    open.push(db);
    db.pragma("journal_mode = WAL");
    db.pragma("wal_autocheckpoint = 0");
    db.exec("CREATE TABLE t (x INTEGER)");
    db.pragma("wal_checkpoint(TRUNCATE)");
    checkpointer = startCheckpointer(file, 1_500);
    // At rest: no worker.
    await new Promise((resolve) => setTimeout(resolve, 1_200));
    expect(checkpointer.running).toBe(false);
    const before = digest(file);
    for (let i = 0; i < 50; i++) db.prepare("INSERT INTO t VALUES (?)").run(i);
    expect(await until(() => checkpointer!.running, 3_000)).toBe(true);
    // The rows reach the database file itself, not only the log.
    expect(await until(() => digest(file) !== before, 5_000)).toBe(true);
    // Quiet for longer than idleStopMs: the worker has ended.
    expect(await until(() => !checkpointer!.running, 6_000)).toBe(true);
    const copy = new Database(file, { readonly: true });
    open.push(copy);
    expect((copy.prepare("SELECT count(*) AS n FROM t").get() as { n: number }).n).toBe(50);
    // Another write starts it again.
    db.prepare("INSERT INTO t VALUES (?)").run(50);
    expect(await until(() => checkpointer!.running, 3_000)).toBe(true);
  });
});
