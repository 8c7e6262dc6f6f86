// Two processes writing one database at once, as an operator's shell beside the serving bot:
// two shell processes each pipe a run of order redemptions into the same SQLite file (or
// PostgreSQL schema with TEST_DATABASE_URL). Every order is stored once and every line gets the
// success reply: a process waiting for the other's write lock waits, it does not fail.

import { spawn, spawnSync } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { dropDatabase, freshDatabaseUrl, tempDir, testProvider } from "../helpers/database.ts";

const ROOT = path.resolve(import.meta.dirname, "../..");
/** Lines each process sends; enough that their transactions interleave for many seconds. */
const ORDERS = 100;

const url = freshDatabaseUrl("two-writers");
const env = {
  PATH: process.env.PATH,
  HOME: process.env.HOME,
  DATABASE_URL: url,
  OUT_DIR: path.join(tempDir(), "out"),
  LOG_LEVEL: "warn",
  SLACK_BOT_TOKEN: "",
  SLACK_SIGNING_SECRET: "",
  DISCORD_TOKEN: "",
  DISCORD_APPLICATION_ID: "",
};
const shellArgs = ["--import", "tsx", "src/platforms/shell/main.ts"];

/** A shell process reading `lines` from a pipe; its output and exit status. */
function pipeShell(lines: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, shellArgs, { cwd: ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout.on("data", (chunk: Buffer) => (out += chunk.toString("utf8")));
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString("utf8")));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, out, err }));
    child.stdin.end(`${lines.join("\n")}\n`);
  });
}

let db: Database | undefined;

beforeAll(() => {
  // Set-up in one process first (it also migrates the new database).
  const setup = spawnSync(process.execPath, shellArgs, {
    cwd: ROOT,
    env,
    encoding: "utf8",
    input: ["/creator add @kate tiktok 48k", '/campaign new "Spring Launch"', '/campaign enroll "Spring Launch" @kate', '/code add @kate "Spring Launch" code:KATE15'].join("\n"),
  });
  expect(setup.status, setup.stdout + setup.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  await db?.$disconnect();
  await dropDatabase(url);
});

describe(`two processes writing one ${testProvider === "sqlite" ? "SQLite file" : "PostgreSQL schema"} at once`, () => {
  it("every order redeemed in two shells at once is stored once, and every line is answered with success", async () => {
    const orders = (prefix: string) => Array.from({ length: ORDERS }, (_, i) => `${prefix}-${i}`);
    const redeem = (id: string) => `/code redeem KATE15 $1 order:${id}`;
    const [a, b] = await Promise.all([pipeShell(orders("A").map(redeem)), pipeShell(orders("B").map(redeem))]);

    for (const [name, run] of [["A", a], ["B", b]] as const) {
      const errors = run.out.split("\n").filter((line) => line.startsWith("Error:"));
      expect(errors.slice(0, 3), `shell ${name}: ${errors.length} of ${ORDERS} lines failed; stderr: ${run.err.slice(0, 500)}`).toEqual([]);
      const answered = [...run.out.matchAll(/^KATE15: 1 order, \$1\.00 on \d{4}-\d\d-\d\d \(order ([AB]-\d+)\)$/gm)].map((m) => m[1]);
      expect(answered).toEqual(orders(name));
      expect(run.code).toBe(0);
    }

    db = await openDatabase(url, { migrate: false, poolSize: 1 });
    const stored = await db.redemption.findMany({ select: { orderId: true } });
    expect(stored.map((r) => r.orderId).sort()).toEqual([...orders("A"), ...orders("B")].sort());
    // The code's running totals count every order once.
    expect(await db.code.findFirstOrThrow({ where: { code: "KATE15" }, select: { orders: true, revenue: true } })).toEqual({ orders: 2 * ORDERS, revenue: 2 * ORDERS * 100 });
  }, 120_000);
});
