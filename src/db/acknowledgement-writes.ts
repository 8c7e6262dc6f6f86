// What an acknowledgement waits for, written for many requests at once: a request's fingerprint
// in the replay ledger (SeenRequest, before it runs) and, for a command acknowledged "Working on
// it…", its inbox row (InboxCommand, before the acknowledgement goes). The requests that arrive
// in the same turn of the event loop form one group, and those that arrive while a group is
// being written form the next (a group commit, as the shop webhooks do): one transaction a group
// instead of one statement a request. On SQLite, where everything takes turns on one connection,
// a burst of twenty commands then waits for one turn instead of forty
// (docs/performance.md, "What the latency machinery buys").

import { Prisma } from "../generated/prisma/client.ts";
import type { Database, Db } from "./client.ts";
import { isUniqueViolation } from "./errors.ts";
import { insertSightings } from "./seen-requests.ts";

/** An inbox row as written (src/db/inbox.ts). */
export type InboxRowData = Prisma.InboxCommandCreateManyInput;

/** A request's fingerprint on its way into the ledger, and the ledger's answer: whether this is the first time it came. */
export interface Sighting {
  fingerprint: string;
  first: Promise<boolean>;
}

/** At most this many of each in one group. */
const GROUP = 500;
/** As a command's transaction (src/core/dispatch.ts): a group may wait behind a long one. */
const TRANSACTION = { maxWait: 20_000, timeout: 60_000 };

interface Waiting<T, R> {
  item: T;
  resolve(result: R): void;
  reject(error: unknown): void;
}

type Sightings = Array<Waiting<{ fingerprint: string; at: Date }, boolean>>;
/** `after`: written only if this fingerprint, in the same group, is recorded for the first time. */
type Rows = Array<Waiting<{ row: InboxRowData; after?: string }, boolean>>;

export class AcknowledgementWrites {
  private sightings: Sightings = [];
  private rows: Rows = [];
  private writing = false;

  constructor(private readonly db: Database) {}

  /** Records a request's fingerprint: true when no process had recorded it before. */
  sighting(fingerprint: string, at: Date): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.sightings.push({ item: { fingerprint, at }, resolve, reject });
      this.start();
    });
  }

  /**
   * Writes an inbox row; a row with its id already there (written done by its own command) is
   * left as it is. With `sighting`, only if that request is there for the first time (not a
   * replay): written with its fingerprint when that is still waiting, else once the ledger has
   * answered. False when not written for that reason.
   */
  async keep(row: InboxRowData, sighting?: Sighting): Promise<boolean> {
    let after: string | undefined;
    if (sighting) {
      if (this.sightings.some((s) => s.item.fingerprint === sighting.fingerprint)) after = sighting.fingerprint;
      else if (!(await sighting.first)) return false;
    }
    return new Promise((resolve, reject) => {
      this.rows.push({ item: { row, after }, resolve, reject });
      this.start();
    });
  }

  private start(): void {
    if (this.writing) return;
    this.writing = true;
    // The first group waits for the rest of this turn's arrivals.
    setImmediate(() => void this.writeGroups());
  }

  private async writeGroups(): Promise<void> {
    try {
      while (this.sightings.length + this.rows.length > 0) {
        const sightings = this.sightings.splice(0, GROUP);
        // A row goes with its fingerprint's group.
        const taken = new Set(sightings.map((s) => s.item.fingerprint));
        const rows: Rows = [];
        const left: Rows = [];
        for (const r of this.rows) (rows.length < GROUP && (r.item.after === undefined || taken.has(r.item.after)) ? rows : left).push(r);
        this.rows = left;
        await this.writeGroup(sightings, rows);
      }
    } finally {
      this.writing = false;
    }
  }

  private async writeGroup(sightings: Sightings, rows: Rows): Promise<void> {
    let recorded: Set<string>;
    let written: Rows;
    try {
      if (rows.length === 0) {
        recorded = await this.recordSightings(this.db, sightings);
        written = [];
      } else {
        [recorded, written] = await this.db.$transaction(async (tx) => {
          const recorded = await this.recordSightings(tx, sightings);
          const written = rows.filter((r) => r.item.after === undefined || recorded.has(r.item.after));
          if (written.length > 0) await tx.inboxCommand.createMany({ data: written.map((r) => r.item.row) });
          return [recorded, written] as const;
        }, TRANSACTION);
      }
    } catch (error) {
      if (!isUniqueViolation(error) || rows.length === 0) {
        for (const w of [...sightings, ...rows]) w.reject(error);
        return;
      }
      // An inbox row of the group was there already (written done by its own command): the
      // fingerprints, then the rows one by one.
      try {
        recorded = await this.recordSightings(this.db, sightings);
        written = rows.filter((r) => r.item.after === undefined || recorded.has(r.item.after));
        for (const r of written) await this.db.inboxCommand.create({ data: r.item.row }).catch((e: unknown) => (isUniqueViolation(e) ? undefined : Promise.reject(e)));
      } catch (again) {
        for (const w of [...sightings, ...rows]) w.reject(again);
        return;
      }
    }
    const fresh = new Set(recorded);
    for (const s of sightings) {
      // Twice in one group: the first is the first time.
      s.resolve(fresh.delete(s.item.fingerprint));
    }
    const kept = new Set(written);
    for (const r of rows) r.resolve(kept.has(r));
  }

  private async recordSightings(db: Db, sightings: Sightings): Promise<Set<string>> {
    if (sightings.length === 0) return new Set();
    const returned = await insertSightings(db, sightings.map((s) => s.item));
    return new Set(returned.map((r) => r.fingerprint));
  }
}
