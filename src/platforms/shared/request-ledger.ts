// Requests already run, by fingerprint, so that a request sent again (a replay of a signed
// request within its five minutes, or a platform's retry) runs once. The bot keeps them in the
// database (DatabaseLedger; on SQLite its side file, src/db/acknowledgement-store.ts), so
// replicas on one database share them; each process
// also remembers its own (MemoryLedger), which answers alone when the database is slow or down.

import { AcknowledgementWrites } from "../../db/acknowledgement-writes.ts";
import type { Database } from "../../db/client.ts";
import { acknowledgementStore } from "../../db/acknowledgement-store.ts";
import type { Logger } from "../../log.ts";
import { settlesWithin } from "./reply-deadline.ts";

/** How long a fingerprint is remembered: longer than a signature stays valid (five minutes either way). */
export const REMEMBER_MS = 10 * 60_000;

export interface RequestLedger {
  /** True the first time `fingerprint` is given, false every time after (within REMEMBER_MS). */
  firstTime(fingerprint: string): Promise<boolean>;
}

/** A ledger in this process's memory: what one process has seen. */
export class MemoryLedger implements RequestLedger {
  private readonly seen = new Map<string, number>();

  constructor(private readonly now: () => number = Date.now) {}

  async firstTime(fingerprint: string): Promise<boolean> {
    return this.record(fingerprint);
  }

  /** Synchronous: true when `fingerprint` was not seen yet (it is now). */
  record(fingerprint: string): boolean {
    const now = this.now();
    // Oldest first (a Map keeps insertion order): forget what is past remembering.
    for (const [key, at] of this.seen) {
      if (now - at <= REMEMBER_MS) break;
      this.seen.delete(key);
    }
    if (this.seen.has(fingerprint)) return false;
    this.seen.set(fingerprint, now);
    return true;
  }
}

/** How long a request waits for the database's answer before this process's memory decides alone. */
export const LEDGER_WAIT_MS = 500;
/** A database slow for many requests is logged once in this time, with how many. */
const WARN_EVERY_MS = 10_000;
/** How often fingerprints past REMEMBER_MS are deleted from the database. */
const PRUNE_EVERY_MS = 60_000;

export interface DatabaseLedgerOptions {
  waitMs?: number;
  now?: () => number;
  /** Where fingerprints are written with the other requests' (shared with the inbox); one of its own by default. */
  writes?: Pick<AcknowledgementWrites, "sighting">;
}

/**
 * The database's ledger (SeenRequest rows), behind this process's memory: a request this process
 * has seen is refused at once; another is recorded in the database (with the other requests
 * waiting, in one statement), which refuses a request any replica recorded. When the database has not answered within `waitMs` (or fails), the memory's
 * answer stands and the request runs: a replay sent to another replica meanwhile could run
 * there too, which is logged. stop() ends the pruning.
 */
export class DatabaseLedger implements RequestLedger {
  private readonly memory: MemoryLedger;
  private readonly waitMs: number;
  private readonly now: () => number;
  private readonly pruning: NodeJS.Timeout;
  private readonly writes: Pick<AcknowledgementWrites, "sighting">;
  private lastWarning = -Infinity;
  private unlogged = 0;

  constructor(
    private readonly db: Database,
    private readonly log: Logger,
    options: DatabaseLedgerOptions = {},
  ) {
    this.writes = options.writes ?? new AcknowledgementWrites(db);
    this.now = options.now ?? Date.now;
    this.waitMs = options.waitMs ?? LEDGER_WAIT_MS;
    this.memory = new MemoryLedger(this.now);
    this.pruning = setInterval(() => void this.prune(), PRUNE_EVERY_MS).unref();
  }

  async firstTime(fingerprint: string): Promise<boolean> {
    if (!this.memory.record(fingerprint)) return false;
    const write = this.writes.sighting(fingerprint, new Date(this.now()));
    try {
      const answer = await settlesWithin(write, this.waitMs);
      if (answer.settled) return answer.value;
      this.memoryDecided(`the database did not answer within ${this.waitMs} ms`);
      write.then(
        (first) => {
          if (!first) this.log.warn("request ledger: a request run while the database was slow had been run by another replica");
        },
        () => undefined, // counted above: the memory decided
      );
    } catch (error) {
      this.memoryDecided("the database could not record the request", error);
    }
    return true;
  }

  /** Logs that the memory decided alone: at once, then at most every WARN_EVERY_MS with how many times since. */
  private memoryDecided(reason: string, error?: unknown): void {
    this.unlogged += 1;
    const now = this.now();
    if (now - this.lastWarning < WARN_EVERY_MS) return;
    this.log.warn({ reason, err: error, requests: this.unlogged }, "request ledger: this process's memory decided");
    this.lastWarning = now;
    this.unlogged = 0;
  }

  /** Deletes the fingerprints past remembering (also run every minute). */
  async prune(): Promise<void> {
    try {
      await acknowledgementStore(this.db).forgetSightingsBefore(new Date(this.now() - REMEMBER_MS));
    } catch (error) {
      this.log.warn({ err: error }, "request ledger: old fingerprints could not be deleted; trying again in a minute");
    }
  }

  stop(): void {
    clearInterval(this.pruning);
  }
}
