// The inbox of acknowledged commands: a command the bot answered "Working on it…" (Discord:
// "thinking…") is written here before or with that acknowledgement, and deleted once answered.
// The rows are kept in the acknowledgement store (acknowledgement-store.ts: on SQLite a side file
// beside the main one); that a command's run committed is a done mark (InboxDone) in the main
// database, inserted in the command's own transaction, so a second run that finds it there rolls
// back: a command's writes happen once. A process that starts claims the rows whose lease ran
// out (their process died) and runs or answers them (src/platforms/shared/inbox-recovery.ts);
// a row with a done mark is only answered.

import { randomUUID } from "node:crypto";
import { Prisma } from "../generated/prisma/client.ts";
import { AcknowledgementWrites, type Sighting } from "./acknowledgement-writes.ts";
import { acknowledgementStore, type AcknowledgementStore, type InboxRow } from "./acknowledgement-store.ts";
import type { Database, Db } from "./client.ts";
import { queryRows } from "./raw.ts";

export type { InboxRow } from "./acknowledgement-store.ts";

/** What a platform records of an acknowledged command: who, where, what, and where to answer. */
export type InboxEntry = Omit<InboxRow, "id" | "state" | "attempts" | "leaseUntil" | "createdAt">;

/**
 * A command's link to its inbox row, handed to the dispatcher with the command. `recorded`:
 * "before": the row was written before the run, which inserts its done mark or finds one there
 * already (another run did the command first); "during": the row is being written while the
 * command runs, whose done mark then says it ran whichever is first; "no": not written (yet).
 */
export class InboxTicket {
  /** The command's statements have run and only its commit is left: too late to write its row in its transaction. */
  passed = false;
  /** Another run did this command first: this run's transaction was rolled back, and it is not answered. */
  alreadyDone = false;
  /** The row's fields, once the platform records it. */
  entry: InboxEntry | null = null;
  createdAt = new Date();
  leaseUntil = new Date();

  constructor(
    public recorded: "before" | "during" | "no" = "no",
    readonly id: string = randomUUID(),
  ) {}
}

/** Thrown inside a transaction whose command another run already did: the transaction rolls back. */
export class InboxAlreadyDone extends Error {
  constructor() {
    super("the command was already done by another run");
  }
}

/**
 * The last statement of a command's transaction: inserts its done mark. Throws InboxAlreadyDone
 * when another run's mark is there. Deciding and marking `passed` happen in one turn, so a
 * platform recording the row meanwhile either is seen here or sees `passed`.
 */
export async function sealInTransaction(tx: Db, ticket: InboxTicket): Promise<void> {
  if (ticket.recorded === "no") {
    ticket.passed = true;
    return;
  }
  // Raw SQL (raw.ts): on SQLite a kept statement, without Prisma's planning, on every command.
  const inserted = await queryRows<{ id: string }>(
    tx,
    Prisma.sql`INSERT INTO "InboxDone" ("id", "doneAt") VALUES (${ticket.id}, ${new Date()})
    ON CONFLICT DO NOTHING
    RETURNING "id"`,
  );
  if (inserted.length === 0) throw new InboxAlreadyDone();
}

/** The ids among `ids` whose command's run committed (a done mark). */
export async function doneMarks(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const found = await db.$queryRaw<Array<{ id: string }>>`SELECT "id" FROM "InboxDone" WHERE "id" IN (${Prisma.join(ids)})`;
  return new Set(found.map((r) => r.id));
}

/** Done marks older than this have no row left (a row is dropped unanswered after 30 minutes): deleted by age too. */
const DONE_MARK_KEPT_MS = 24 * 60 * 60_000;

function rowOf(ticket: InboxTicket, state: InboxRow["state"]) {
  if (!ticket.entry) throw new Error("inbox ticket without its entry");
  return { ...ticket.entry, id: ticket.id, state, attempts: 0, leaseUntil: ticket.leaseUntil, createdAt: ticket.createdAt };
}

export interface InboxOptions {
  /** How long a row stays its writer's before a starting process may claim it (INBOX_LEASE_SECONDS). */
  leaseMs: number;
  now?: () => Date;
  /** Where rows are written with the other requests' (shared with the request ledger); one of its own by default. */
  writes?: Pick<AcknowledgementWrites, "keep">;
}

/** Rows deleted together in one statement: the commands answered in one burst. */
class Batch<T> {
  private items: Array<{ item: T; resolve: () => void; reject: (error: unknown) => void }> = [];

  constructor(private readonly write: (items: T[]) => Promise<void>) {}

  add(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      if (this.items.length === 0) setImmediate(() => void this.flush());
      this.items.push({ item, resolve, reject });
    });
  }

  private async flush() {
    const items = this.items;
    this.items = [];
    try {
      await this.write(items.map((i) => i.item));
      for (const i of items) i.resolve();
    } catch (error) {
      for (const i of items) i.reject(error);
    }
  }
}

export class Inbox {
  private readonly now: () => Date;
  private readonly writes: Pick<AcknowledgementWrites, "keep">;
  private readonly store: AcknowledgementStore;
  private readonly deletes: Batch<string>;
  private readonly forgetting = new Set<Promise<void>>();
  /** Rows this process wrote and has not finished: never claimed by its own sweeps, however long they wait. */
  private readonly live = new Set<string>();

  constructor(
    private readonly db: Database,
    private readonly options: InboxOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.writes = options.writes ?? new AcknowledgementWrites(db);
    this.store = acknowledgementStore(db);
    this.deletes = new Batch(async (ids) => {
      // The rows first: a mark left by a crash in between is deleted by age; a row left without its mark would run again.
      await this.store.deleteRows(ids);
      // With them, marks a crash left behind (deleted here, with a write that happens anyway, not by a timer: a bot at rest writes nothing).
      await db.inboxDone.deleteMany({ where: { OR: [{ id: { in: ids } }, { doneAt: { lt: new Date(this.now().getTime() - DONE_MARK_KEPT_MS) } }] } });
    });
  }

  /**
   * Writes an acknowledged command's row, owned by this process for the lease. Call it before
   * the acknowledgement; `ticket.recorded` is set at once (the command may be running already).
   * When it fails, the ticket is no longer recorded (the command can still run, unkept).
   * `sighting`: the request's fingerprint on its way into the replay ledger; the row is written
   * with it, and only if the request is not a replay (false then: nothing was written).
   */
  async record(ticket: InboxTicket, entry: InboxEntry, recorded: "before" | "during" = "before", sighting?: Sighting): Promise<boolean> {
    const now = this.now();
    ticket.entry = entry;
    ticket.createdAt = now;
    ticket.leaseUntil = new Date(now.getTime() + this.options.leaseMs);
    const state = ticket.passed ? "done" : "pending";
    if (!ticket.passed) ticket.recorded = recorded;
    this.live.add(ticket.id);
    try {
      const written = await this.writes.keep(rowOf(ticket, state), sighting);
      if (written) return true;
      // A replay: it is not run.
      ticket.recorded = "no";
      this.live.delete(ticket.id);
      return false;
    } catch (error) {
      // Not written: the command runs without its row (as before the inbox), and is not kept.
      if (!ticket.passed) ticket.recorded = "no";
      this.live.delete(ticket.id);
      throw error;
    }
  }

  /** A command this process recorded is answered (or another run answers it): its row goes. */
  finish(ticket: InboxTicket, onError: (error: unknown) => void): void {
    if (!ticket.entry) return;
    this.live.delete(ticket.id);
    // Another run did it: that run answers it and deletes the row.
    if (!ticket.alreadyDone) this.forget(ticket.id, onError);
  }

  /**
   * Deletes an answered command's row, in the background: the command is finished (the next
   * one is not kept waiting for this), and `idle()` waits for it before the database closes.
   */
  forget(id: string, onError: (error: unknown) => void): void {
    const deleting = this.deletes.add(id).catch(onError);
    this.forgetting.add(deleting);
    void deleting.finally(() => this.forgetting.delete(deleting));
  }

  /** Gives back claimed rows this process will not run after all (it is stopping): the next start takes them, the attempt not counted. */
  async release(ids: string[]): Promise<void> {
    if (ids.length === 0) return;
    await this.store.release(ids);
  }

  /** Resolves once the rows being forgotten are deleted. */
  async idle(): Promise<void> {
    while (this.forgetting.size > 0) await Promise.all(this.forgetting);
  }

  /**
   * Takes over a platform's rows whose lease ran out (their process died or gave up), each
   * for a new lease and one more attempt: `running`, or `done` when the row or its done mark
   * says the command's run committed. Two processes claiming at once each get different rows:
   * a row is claimed only if unchanged since it was read.
   */
  async claim(platform: string, limit = 500): Promise<InboxRow[]> {
    const now = this.now();
    const found = await this.store.expired(platform, now, limit);
    const candidates = found.filter((row) => !this.live.has(row.id));
    const leaseUntil = new Date(now.getTime() + this.options.leaseMs);
    const claimed: InboxRow[] = [];
    for (const row of candidates) {
      const state = row.state === "done" ? "done" : "running";
      if (await this.store.claim(row, now, { state, leaseUntil, attempts: row.attempts + 1 })) claimed.push({ ...row, state, leaseUntil, attempts: row.attempts + 1 });
    }
    // Read after the claim: a mark committed later is found by the run itself, which then rolls back.
    const done = await doneMarks(this.db, claimed.map((row) => row.id));
    return claimed.map((row) => (done.has(row.id) ? { ...row, state: "done" } : row));
  }
}
