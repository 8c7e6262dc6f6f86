// PostgreSQL-only test tools: a side connection into a test's schema that can hold a table
// lock, so several transactions provably wait at the same write and then race for it, and
// can terminate the backends of a bot as a failover would.

import { openDatabase, type Database } from "../../src/db/client.ts";

/** A connection of the test's own into the schema of `url` (no migration; two at most). */
export function sideConnection(url: string): Promise<Database> {
  return openDatabase(url, { migrate: false, poolSize: 2 });
}

/** Backends waiting for a lock on `table` (in the side connection's schema). */
export async function lockWaiters(side: Database, table: string): Promise<number[]> {
  const rows = await side.$queryRawUnsafe<{ pid: number }[]>(
    `SELECT pid FROM pg_locks WHERE relation = $1::regclass AND NOT granted ORDER BY pid`,
    `"${table}"`,
  );
  return rows.map((r) => Number(r.pid));
}

/** Polls until `count` backends wait for `table`; fails with what it saw after 20 s. */
export async function waitForLockWaiters(side: Database, table: string, count: number): Promise<number[]> {
  const deadline = Date.now() + 20_000;
  for (;;) {
    const waiting = await lockWaiters(side, table);
    if (waiting.length >= count) return waiting;
    if (Date.now() > deadline) throw new Error(`expected ${count} transactions waiting for "${table}", saw ${waiting.length}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * Runs `start` while `table` is locked against writes (reads still pass), waits until
 * `waiters` transactions are blocked at their write, optionally acts on them, then releases
 * the lock and returns what `start` returned. Every transaction has read the same state
 * before any of them writes: the unique constraints, not the reads, must decide.
 */
export async function raceAtWrite<T>(
  side: Database,
  table: string,
  waiters: number,
  start: () => Promise<T>,
  whileBlocked?: (pids: number[]) => Promise<void>,
): Promise<T> {
  let started!: Promise<T>;
  await side.$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`LOCK TABLE "${table}" IN EXCLUSIVE MODE`);
      started = start();
      // A rejection is awaited below; until then it must not count as unhandled.
      started.catch(() => {});
      const pids = await waitForLockWaiters(side, table, waiters);
      await whileBlocked?.(pids);
    },
    { timeout: 60_000, maxWait: 10_000 },
  );
  return started;
}

/** Terminates backends as a server restart or failover would. */
export async function terminate(side: Database, pids: number[]): Promise<void> {
  for (const pid of pids) await side.$executeRawUnsafe(`SELECT pg_terminate_backend($1)`, pid);
}
