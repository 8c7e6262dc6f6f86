// What an acknowledgement waits for, written for many requests at once: a request's fingerprint
// in the replay ledger (SeenRequest, before it runs) and, for a command acknowledged "Working on
// it…", its inbox row (InboxCommand, before the acknowledgement goes). The requests that arrive
// in the same turn of the event loop form one group, and those that arrive while a group is
// being written form the next (a group commit, as the shop webhooks do): one transaction a group
// instead of one statement a request. Where they are written is the acknowledgement store
// (acknowledgement-store.ts). On SQLite that is a side file of their own, with its own connection,
// so a group never waits behind a command's transaction on the main file; a request's fingerprint
// and its inbox row go in one commit, and a turn's requests share it (a third less CPU an
// acknowledgement than a commit each: docs/performance.md, "The side file").

import type { Database } from "./client.ts";
import { acknowledgementStore, type AcknowledgementStore, type InboxRowData } from "./acknowledgement-store.ts";

export type { InboxRowData } from "./acknowledgement-store.ts";

/** A request's fingerprint on its way into the ledger, and the ledger's answer: whether this is the first time it came. */
export interface Sighting {
  fingerprint: string;
  first: Promise<boolean>;
}

/** At most this many of each in one group. */
const GROUP = 500;

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
  private readonly store: AcknowledgementStore;

  constructor(db: Database) {
    this.store = acknowledgementStore(db);
  }

  /** Records a request's fingerprint: true when no process had recorded it before. */
  sighting(fingerprint: string, at: Date): Promise<boolean> {
    return new Promise((resolve, reject) => {
      this.sightings.push({ item: { fingerprint, at }, resolve, reject });
      this.start();
    });
  }

  /**
   * Writes an inbox row; a row with its id already there is left as it is. With `sighting`, only if that request is there for the first time (not a
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
    let written: boolean[];
    try {
      ({ recorded, written } = await this.store.write(
        sightings.map((s) => s.item),
        rows.map((r) => r.item),
      ));
    } catch (error) {
      for (const w of [...sightings, ...rows]) w.reject(error);
      return;
    }
    const fresh = new Set(recorded);
    for (const s of sightings) {
      // Twice in one group: the first is the first time.
      s.resolve(fresh.delete(s.item.fingerprint));
    }
    for (const [i, r] of rows.entries()) r.resolve(written[i]!);
  }
}
