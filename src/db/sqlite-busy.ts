// Waiting for another process's write lock on the SQLite file (the shell or `npm run jobs`
// beside the bot): SQLite lets one connection write at a time and answers the others
// SQLITE_BUSY ("database is locked"). better-sqlite3 waits for a lock synchronously, holding the
// whole event loop, so SQLite itself waits only a moment (BUSY_TIMEOUT_MS); the longer wait is
// here, between tries, with the event loop free to serve the process's sockets and timers.

import { isDatabaseBusy } from "./errors.ts";

/** How long SQLite polls for a lock inside one statement (the event loop waits meanwhile). */
export const BUSY_TIMEOUT_MS = 20;
/** How long a statement keeps trying before its SQLITE_BUSY reaches the caller. */
export const LOCK_WAIT_MS = 10_000;
/** Pauses between tries: short at first, a lock is mostly held for one command's milliseconds. */
const FIRST_PAUSE_MS = 5;
const LONGEST_PAUSE_MS = 100;

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Runs `attempt` until it does not fail with SQLITE_BUSY, for LOCK_WAIT_MS at most. Only for
 * work a busy answer leaves undone: one statement outside a transaction, or BEGIN IMMEDIATE.
 */
export async function retryWhileBusy<T>(attempt: () => Promise<T>, waitMs = LOCK_WAIT_MS): Promise<T> {
  const deadline = Date.now() + waitMs;
  for (let pause = FIRST_PAUSE_MS; ; pause = Math.min(2 * pause, LONGEST_PAUSE_MS)) {
    try {
      return await attempt();
    } catch (error) {
      if (!isDatabaseBusy(error) || Date.now() >= deadline) throw error;
      // Jittered, so two processes waiting for each other's lock do not retry in step.
      await sleep(Math.min(pause * (0.5 + Math.random()), Math.max(0, deadline - Date.now())));
    }
  }
}
