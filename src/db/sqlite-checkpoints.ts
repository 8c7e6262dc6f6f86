// WAL checkpoints for the bot's SQLite file, off the main thread.
//
// In WAL mode SQLite copies the log back into the database file every 1,000 pages, inside the
// COMMIT that crosses the mark; better-sqlite3 is synchronous, so that commit held the event
// loop for some 30 ms (every hundred or so logged posts, measured by `npm run bench`), and every
// Slack and Discord request waited. Here a worker thread with its own connection checkpoints
// every second (PASSIVE: it never blocks the bot's readers and writers, and does what it can),
// and the bot's connection checkpoints by itself only if the log grows far past that (the worker
// stopped, or could not keep up).

import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** Pages the bot's own connection lets the log grow to before it checkpoints in a commit. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
const INTERVAL_MS = 1_000;

const WORKER_SOURCE = `
const { workerData, parentPort } = require("node:worker_threads");
const Database = require(workerData.driver);
const db = new Database(workerData.file, { timeout: 0 });
const checkpoint = () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // Busy or locked: the next turn tries again.
  }
};
const timer = setInterval(checkpoint, workerData.intervalMs);
parentPort.on("message", () => {
  clearInterval(timer);
  checkpoint();
  db.close();
  parentPort.close();
});
`;

export interface Checkpointer {
  stop(): Promise<void>;
}

export function startCheckpointer(file: string): Checkpointer {
  const driver = createRequire(import.meta.url).resolve("better-sqlite3");
  const worker = new Worker(WORKER_SOURCE, {
    eval: true,
    workerData: { file, driver, intervalMs: INTERVAL_MS },
    // Plain CommonJS: not the process's loader flags (tsx), and a small heap.
    execArgv: [],
    resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 4 },
  });
  // It must not keep the process alive, and its failure costs only the fallback.
  worker.unref();
  worker.on("error", () => undefined);
  let exited = false;
  worker.once("exit", () => (exited = true));
  let stopped: Promise<void> | null = null;
  return {
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        if (exited) return resolve();
        worker.once("exit", () => resolve());
        // Held by it until it has closed its connection: the process does not end before.
        worker.ref();
        worker.postMessage("stop");
      });
      return stopped;
    },
  };
}
