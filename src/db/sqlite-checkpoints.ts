// WAL checkpoints for the bot's SQLite file, off the main thread.
//
// In WAL mode SQLite copies the log back into the database file every 1,000 pages, inside the
// COMMIT that crosses the mark; better-sqlite3 is synchronous, so that commit held the event
// loop for some 30 ms (every hundred or so logged posts, measured by `npm run bench`), and every
// Slack and Discord request waited. Here a worker thread with its own connection checkpoints
// every second (PASSIVE: it never blocks the bot's readers and writers, and does what it can),
// and the bot's connection checkpoints by itself only if the log grows far past that (the worker
// stopped, or could not keep up).
//
// The worker runs only while the bot writes: a thread with its own V8 heap costs some 16 MB
// resident, which a bot at rest need not hold (docs/performance.md, "Memory at rest"). The main
// thread looks at the log file once a second (an asynchronous stat, off the event loop); when it
// changed, the worker is started, and once it has not changed for IDLE_STOP_MS the worker does a
// last checkpoint and ends.

import { stat } from "node:fs/promises";
import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** Pages the bot's own connection lets the log grow to before it checkpoints in a commit. */
export const FALLBACK_AUTOCHECKPOINT_PAGES = 10_000;
const INTERVAL_MS = 1_000;
/** The worker ends once the log has not changed for this long. */
export const IDLE_STOP_MS = 20_000;

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
  /** Whether the worker thread runs now (tests). */
  readonly running: boolean;
  stop(): Promise<void>;
}

interface Running {
  stop(): Promise<void>;
}

function startWorker(file: string, onExit: () => void): Running {
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
  worker.once("exit", () => {
    exited = true;
    onExit();
  });
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

/** `idleStopMs`: how long the log must stay unchanged before the worker ends (tests shorten it). */
export function startCheckpointer(file: string, idleStopMs = IDLE_STOP_MS): Checkpointer {
  const wal = `${file}-wal`;
  let worker: Running | null = null;
  let stopping: Promise<void> | null = null;
  let seen: string | null = null;
  let changedAt = 0;
  let looking = false;
  const look = async () => {
    if (looking || stopping) return;
    looking = true;
    try {
      const now = Date.now();
      const s = await stat(wal).catch(() => null);
      const mark = s ? `${s.size}:${s.mtimeMs}` : "none";
      // The first look only notes the log as the bot found it; a change after it is a write.
      if (seen !== null && mark !== seen) changedAt = now;
      seen = mark;
      if (stopping) return;
      if (!worker && changedAt > 0 && now - changedAt < idleStopMs) {
        const started: Running = startWorker(file, () => {
          if (worker === started) worker = null;
        });
        worker = started;
      } else if (worker && now - changedAt >= idleStopMs) {
        const ending = worker;
        worker = null;
        await ending.stop();
      }
    } finally {
      looking = false;
    }
  };
  void look();
  const timer = setInterval(() => void look(), INTERVAL_MS);
  timer.unref();
  return {
    get running() {
      return worker !== null;
    },
    stop() {
      stopping ??= (async () => {
        clearInterval(timer);
        await worker?.stop();
        worker = null;
      })();
      return stopping;
    },
  };
}
