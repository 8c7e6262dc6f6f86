// Where what an acknowledgement waits for is kept: the replay ledger's fingerprints (SeenRequest)
// and the inbox of commands acknowledged "Working on it…" (InboxCommand). On PostgreSQL, the
// database's own tables (a pool has a connection free for them). On SQLite, a side file of their
// own beside the main one (`<main>.requests.db`) with its own better-sqlite3 connection, written
// synchronously: on the main file everything takes turns on one connection, and a command's
// transaction holds it for tens of milliseconds, which an acknowledgement waited for
// (docs/performance.md, "Where the acknowledgement's time goes"). The side file is not migrated by
// Prisma: its tables are created here when missing. Every process on the main file (the bot, the
// shell) opens the same side file, so they share its ledger and inbox as they share the main file.
//
// What cannot be in the side file is the mark that a command's run committed (InboxDone): it is
// written in the command's own transaction, in the main database, whichever store keeps the rows
// (src/db/inbox.ts), so exactly-once does not rest on two files committing together.

import { createRequire } from "node:module";
import { Prisma, type InboxCommand, type PrismaClient } from "../generated/prisma/client.ts";
import { isUniqueViolation } from "./errors.ts";

// As client.ts names them (which opens this store, so this file does not import it).
type Database = PrismaClient;
type Db = Prisma.TransactionClient;

export type InboxRow = InboxCommand;
/** An inbox row as written (src/db/inbox.ts). */
export type InboxRowData = Prisma.InboxCommandCreateManyInput & { state: InboxRow["state"]; attempts: number };

/** A fingerprint for the ledger; a row to keep, `after` a fingerprint recorded for the first time in the same write. */
export interface StoredSighting {
  fingerprint: string;
  at: Date;
}
export interface StoredRow {
  row: InboxRowData;
  after?: string;
}

/** What a row's claim, a test or an upgrade may change of it. */
export type RowChange = Partial<Pick<InboxRow, "state" | "attempts" | "leaseUntil" | "createdAt">>;

export interface AcknowledgementStore {
  /** "side": the SQLite side file; "main": the database's own tables (PostgreSQL). */
  readonly kind: "main" | "side";
  /**
   * Inserts the fingerprints not recorded yet and, together with them, the rows whose `after` is
   * one of those (or that have none); a row whose id is there already is left as it is. Returns
   * the fingerprints inserted and, for each row, whether it was written.
   */
  write(sightings: readonly StoredSighting[], rows: readonly StoredRow[]): Promise<{ recorded: Set<string>; written: boolean[] }>;
  /** Deletes the fingerprints recorded before `before`; returns how many. */
  forgetSightingsBefore(before: Date): Promise<number>;
  /** How many of these fingerprints are recorded. */
  countSightings(fingerprints: readonly string[]): Promise<number>;
  /** A platform's rows whose lease ran out by `now`, oldest first. */
  expired(platform: string, now: Date, limit: number): Promise<InboxRow[]>;
  /** Takes `row` for `change` if it is unchanged since it was read and its lease still ran out at `now`. */
  claim(row: InboxRow, now: Date, change: RowChange): Promise<boolean>;
  /** Gives rows back: claimable at once, the attempt not counted. */
  release(ids: readonly string[]): Promise<void>;
  deleteRows(ids: readonly string[]): Promise<void>;
  /** Every row, or those with these ids. */
  rows(ids?: readonly string[]): Promise<InboxRow[]>;
  update(id: string, change: RowChange): Promise<void>;
}

const STORE = Symbol("campaign-bot:acknowledgement-store");
const prismaStores = new WeakMap<object, AcknowledgementStore>();

/** The store `db` keeps its ledger and inbox in: the side file attached at open (SQLite), else its own tables. */
export function acknowledgementStore(db: Database): AcknowledgementStore {
  const side = (db as unknown as { [STORE]?: AcknowledgementStore })[STORE];
  if (side) return side;
  let store = prismaStores.get(db);
  if (!store) prismaStores.set(db, (store = new PrismaStore(db)));
  return store;
}

/** Gives `db` its side file (src/db/client.ts, at open). */
export function attachSideStore(db: Database, side: SideFileStore): void {
  Object.defineProperty(db, STORE, { value: side });
}

/** The side file of a main SQLite file: `data/campaign-bot.db` → `data/campaign-bot.requests.db`; in memory for `:memory:`. */
export function sideFileOf(mainFile: string): string {
  if (mainFile === ":memory:" || mainFile === "") return ":memory:";
  return mainFile.replace(/\.(db|sqlite3?)$/i, "") + ".requests.db";
}

/** Inserts the fingerprints not recorded yet into the database's own table, in one statement; returns those it inserted. */
export function insertSightings(db: Pick<Db, "$queryRaw">, sightings: readonly StoredSighting[]) {
  return db.$queryRaw<Array<{ fingerprint: string }>>`
    INSERT INTO "SeenRequest" ("fingerprint", "seenAt")
    VALUES ${Prisma.join(sightings.map((s) => Prisma.sql`(${s.fingerprint}, ${s.at})`))}
    ON CONFLICT DO NOTHING
    RETURNING "fingerprint"`;
}

/** The database's own tables, through Prisma. */
class PrismaStore implements AcknowledgementStore {
  readonly kind = "main";
  /** As a command's transaction (src/core/dispatch.ts): a group may wait behind a long one. */
  private static readonly TRANSACTION = { maxWait: 20_000, timeout: 60_000 };

  constructor(private readonly db: Database) {}

  async write(sightings: readonly StoredSighting[], rows: readonly StoredRow[]) {
    const eligible = (recorded: Set<string>) => rows.map((r) => r.after === undefined || recorded.has(r.after));
    if (rows.length === 0) return { recorded: await this.record(this.db, sightings), written: [] };
    try {
      return await this.db.$transaction(async (tx) => {
        const recorded = await this.record(tx, sightings);
        const written = eligible(recorded);
        const data = rows.filter((_, i) => written[i]).map((r) => r.row);
        if (data.length > 0) await tx.inboxCommand.createMany({ data });
        return { recorded, written };
      }, PrismaStore.TRANSACTION);
    } catch (error) {
      if (!isUniqueViolation(error)) throw error;
      // A row of the group was there already: the fingerprints, then the rows one by one.
      const recorded = await this.record(this.db, sightings);
      const written = eligible(recorded);
      for (const [i, r] of rows.entries()) {
        if (written[i]) await this.db.inboxCommand.create({ data: r.row }).catch((e: unknown) => (isUniqueViolation(e) ? undefined : Promise.reject(e)));
      }
      return { recorded, written };
    }
  }

  private async record(db: Db, sightings: readonly StoredSighting[]): Promise<Set<string>> {
    if (sightings.length === 0) return new Set();
    return new Set((await insertSightings(db, sightings)).map((r) => r.fingerprint));
  }

  async forgetSightingsBefore(before: Date) {
    return (await this.db.seenRequest.deleteMany({ where: { seenAt: { lt: before } } })).count;
  }

  countSightings(fingerprints: readonly string[]) {
    return this.db.seenRequest.count({ where: { fingerprint: { in: [...fingerprints] } } });
  }

  expired(platform: string, now: Date, limit: number) {
    return this.db.inboxCommand.findMany({ where: { platform, leaseUntil: { lt: now } }, orderBy: { createdAt: "asc" }, take: limit });
  }

  async claim(row: InboxRow, now: Date, change: RowChange) {
    const { count } = await this.db.inboxCommand.updateMany({ where: { id: row.id, state: row.state, attempts: row.attempts, leaseUntil: { lt: now } }, data: change });
    return count === 1;
  }

  async release(ids: readonly string[]) {
    await this.db.inboxCommand.updateMany({ where: { id: { in: [...ids] } }, data: { leaseUntil: new Date(0), attempts: { decrement: 1 } } });
  }

  async deleteRows(ids: readonly string[]) {
    await this.db.inboxCommand.deleteMany({ where: { id: { in: [...ids] } } });
  }

  rows(ids?: readonly string[]) {
    return this.db.inboxCommand.findMany({ where: ids ? { id: { in: [...ids] } } : {}, orderBy: { createdAt: "asc" } });
  }

  async update(id: string, change: RowChange) {
    await this.db.inboxCommand.update({ where: { id }, data: change });
  }
}

/** What is used of better-sqlite3 (a pinned dependency of @prisma/adapter-better-sqlite3). */
interface Connection {
  pragma(source: string): unknown;
  exec(sql: string): void;
  prepare(sql: string): Statement;
  transaction<A extends unknown[], R>(fn: (...args: A) => R): { immediate(...args: A): R };
  close(): void;
}
interface Statement {
  run(...values: unknown[]): { changes: number };
  all(...values: unknown[]): unknown[];
  get(...values: unknown[]): unknown;
}
type OpenConnection = new (file: string, options: { timeout: number }) => Connection;

/** The inbox row's columns, in the side file's order. Dates are kept as milliseconds since 1970, booleans as 0/1. */
const COLUMNS = [
  "id",
  "platform",
  "workspaceExternalId",
  "workspaceName",
  "userExternalId",
  "userName",
  "platformAdmin",
  "channelId",
  "line",
  "command",
  "action",
  "options",
  "replyTo",
  "applicationId",
  "state",
  "attempts",
  "leaseUntil",
  "createdAt",
  "platformRoles",
] as const satisfies ReadonlyArray<keyof InboxRow>;

/** The side file's tables: version 1 (PRAGMA user_version). */
const SCHEMA = `
CREATE TABLE IF NOT EXISTS "SeenRequest" ("fingerprint" TEXT NOT NULL PRIMARY KEY, "seenAt" INTEGER NOT NULL);
CREATE INDEX IF NOT EXISTS "SeenRequest_seenAt_idx" ON "SeenRequest" ("seenAt");
CREATE TABLE IF NOT EXISTS "InboxCommand" (
  "id" TEXT NOT NULL PRIMARY KEY, "platform" TEXT NOT NULL, "workspaceExternalId" TEXT NOT NULL, "workspaceName" TEXT,
  "userExternalId" TEXT NOT NULL, "userName" TEXT NOT NULL, "platformAdmin" INTEGER, "channelId" TEXT, "line" TEXT NOT NULL,
  "command" TEXT, "action" TEXT, "options" TEXT, "replyTo" TEXT NOT NULL, "applicationId" TEXT,
  "state" TEXT NOT NULL DEFAULT 'pending', "attempts" INTEGER NOT NULL DEFAULT 0, "leaseUntil" INTEGER NOT NULL,
  "createdAt" INTEGER NOT NULL, "platformRoles" TEXT);
CREATE INDEX IF NOT EXISTS "InboxCommand_platform_leaseUntil_idx" ON "InboxCommand" ("platform", "leaseUntil");
PRAGMA user_version = 1;
`;

/** SQLite's own wait for the side file's lock held by another process: its transactions last well under a millisecond. */
const SIDE_BUSY_TIMEOUT_MS = 2_000;

const ms = (date: Date | string | number) => new Date(date).getTime();

/**
 * The SQLite side file: a connection of its own, statements run synchronously (a group of
 * fingerprints and inbox rows in one transaction), so nothing here waits for the main file's connection.
 */
export class SideFileStore implements AcknowledgementStore {
  readonly kind = "side";
  private readonly connection: Connection;
  private readonly statements = new Map<string, Statement>();
  /** One group in one transaction, synchronously. */
  private readonly writeGroup: (sightings: readonly StoredSighting[], rows: readonly StoredRow[]) => { recorded: Set<string>; written: boolean[] };

  constructor(readonly file: string) {
    const Open = createRequire(import.meta.url)("better-sqlite3") as OpenConnection;
    this.connection = new Open(file, { timeout: SIDE_BUSY_TIMEOUT_MS });
    try {
      // WAL: one writer and readers in other processes at once; NORMAL: durable through the bot's crash, as the main file.
      this.connection.pragma("journal_mode = WAL");
      this.connection.pragma("synchronous = NORMAL");
      // SQLite's own checkpoints (every 1,000 pages of log): its tables are a few pages, so each copies little.
      this.connection.exec(SCHEMA);
    } catch (error) {
      this.connection.close();
      throw error;
    }
    const insertSighting = this.statement(`INSERT INTO "SeenRequest" ("fingerprint", "seenAt") VALUES (?, ?) ON CONFLICT DO NOTHING`);
    const insertRow = this.statement(`INSERT INTO "InboxCommand" (${COLUMNS.map((c) => `"${c}"`).join(", ")}) VALUES (${COLUMNS.map(() => "?").join(", ")}) ON CONFLICT DO NOTHING`);
    this.writeGroup = this.connection.transaction((sightings: readonly StoredSighting[], rows: readonly StoredRow[]) => {
      const recorded = new Set<string>();
      for (const s of sightings) if (insertSighting.run(s.fingerprint, ms(s.at)).changes === 1) recorded.add(s.fingerprint);
      const written = rows.map((r) => r.after === undefined || recorded.has(r.after));
      for (const [i, r] of rows.entries()) if (written[i]) insertRow.run(...toColumns(r.row));
      return { recorded, written };
    }).immediate;
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) this.statements.set(sql, (statement = this.connection.prepare(sql)));
    return statement;
  }

  async write(sightings: readonly StoredSighting[], rows: readonly StoredRow[]) {
    return this.writeGroup(sightings, rows);
  }

  async forgetSightingsBefore(before: Date) {
    return this.statement(`DELETE FROM "SeenRequest" WHERE "seenAt" < ?`).run(ms(before)).changes;
  }

  async countSightings(fingerprints: readonly string[]) {
    const select = this.statement(`SELECT 1 FROM "SeenRequest" WHERE "fingerprint" = ?`);
    return fingerprints.filter((f) => select.get(f) !== undefined).length;
  }

  async expired(platform: string, now: Date, limit: number) {
    const found = this.statement(`SELECT * FROM "InboxCommand" WHERE "platform" = ? AND "leaseUntil" < ? ORDER BY "createdAt" LIMIT ?`).all(platform, ms(now), limit);
    return found.map(fromColumns);
  }

  async claim(row: InboxRow, now: Date, change: RowChange) {
    const [set, values] = assignments(change);
    const sql = `UPDATE "InboxCommand" SET ${set} WHERE "id" = ? AND "state" = ? AND "attempts" = ? AND "leaseUntil" < ?`;
    return this.statement(sql).run(...values, row.id, row.state, row.attempts, ms(now)).changes === 1;
  }

  async release(ids: readonly string[]) {
    const give = this.statement(`UPDATE "InboxCommand" SET "leaseUntil" = 0, "attempts" = "attempts" - 1 WHERE "id" = ?`);
    this.connection.transaction(() => ids.forEach((id) => give.run(id))).immediate();
  }

  async deleteRows(ids: readonly string[]) {
    const remove = this.statement(`DELETE FROM "InboxCommand" WHERE "id" = ?`);
    this.connection.transaction(() => ids.forEach((id) => remove.run(id))).immediate();
  }

  async rows(ids?: readonly string[]) {
    const all = this.statement(`SELECT * FROM "InboxCommand" ORDER BY "createdAt"`).all().map(fromColumns);
    return ids ? all.filter((r) => ids.includes(r.id)) : all;
  }

  async update(id: string, change: RowChange) {
    const [set, values] = assignments(change);
    this.statement(`UPDATE "InboxCommand" SET ${set} WHERE "id" = ?`).run(...values, id);
  }

  /** Rows and fingerprints an older version kept in the main file (before the side file), moved here. */
  async adopt(rows: readonly InboxRow[], sightings: readonly StoredSighting[]): Promise<void> {
    await this.write(sightings, rows.map((row) => ({ row })));
  }

  close(): void {
    this.connection.close();
  }
}

function toColumns(row: InboxRowData): unknown[] {
  return COLUMNS.map((c) => {
    const value = (row as Record<string, unknown>)[c];
    if (c === "leaseUntil" || c === "createdAt") return ms(value as Date);
    if (c === "platformAdmin") return value === null || value === undefined ? null : value ? 1 : 0;
    return value ?? null;
  });
}

function fromColumns(stored: unknown): InboxRow {
  const r = stored as Record<string, unknown>;
  return {
    ...(r as unknown as InboxRow),
    platformAdmin: r.platformAdmin === null ? null : r.platformAdmin === 1,
    leaseUntil: new Date(r.leaseUntil as number),
    createdAt: new Date(r.createdAt as number),
  };
}

function assignments(change: RowChange): [string, unknown[]] {
  const entries = Object.entries(change).filter(([, v]) => v !== undefined);
  if (entries.length === 0) throw new Error("nothing to change");
  return [entries.map(([k]) => `"${k}" = ?`).join(", "), entries.map(([, v]) => (v instanceof Date ? v.getTime() : v))];
}
