// Opens the database named by DATABASE_URL through Prisma's driver adapter, migrated to the
// latest schema: an SQLite file (the default, better-sqlite3) or PostgreSQL (pg, a pool).
// Each provider has its own generated client, because an adapter must match the provider its
// client was generated for; both come from the same models and are chosen here, once, at start.
// The PostgreSQL client and its driver are imported only when the URL names PostgreSQL: a bot on
// SQLite never loads them (docs/performance.md, "Memory at rest").

import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaClient, type Prisma } from "../generated/prisma/client.ts";
import { acknowledgementStore, attachSideStore, SideFileStore, sideFileOf } from "./acknowledgement-store.ts";
import { applyMigrations, type MigrationReport } from "./migrate.ts";
import { SQLITE_DIRECT } from "./raw.ts";
import { fairSqliteAdapter } from "./sqlite-adapter.ts";
import { BUSY_TIMEOUT_MS } from "./sqlite-busy.ts";
import { FALLBACK_AUTOCHECKPOINT_PAGES, startCheckpointer } from "./sqlite-checkpoints.ts";
import { postgresTarget, providerOf, redactUrl, type Provider } from "./url.ts";

export { providerOf, redactUrl, type Provider } from "./url.ts";

/** A client or a transaction: what queries and handlers take. */
export type Db = Prisma.TransactionClient;
export type Database = PrismaClient;

/**
 * Which database a client (or a transaction's client) talks to, for the few statements whose
 * SQL differs. Prisma keeps it on the client as `_activeProvider` (not public API; pinned 6.19.3).
 */
export function providerOfClient(db: Db): Provider {
  return (db as unknown as { _activeProvider?: string })._activeProvider === "postgresql" ? "postgresql" : "sqlite";
}

export const DEFAULT_DATABASE_URL = "file:./data/campaign-bot.db";
export const DEFAULT_POOL_SIZE = 10;
export const DEFAULT_STATEMENT_TIMEOUT_MS = 30_000;

/** The file behind a SQLite URL, for creating its folder. */
export function sqliteFile(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}

export interface OpenOptions {
  migrate?: boolean;
  onMigrated?: (report: MigrationReport) => void;
  /** PostgreSQL: connections in the pool of this process (each replica has its own). */
  poolSize?: number;
  /** PostgreSQL: a statement running longer is cancelled (0: no limit). */
  statementTimeoutMs?: number;
  /** PostgreSQL: an idle connection the server dropped; the pool replaces it on next use. */
  onConnectionError?: (error: Error) => void;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const provider = providerOf(url);
  const prisma = provider === "sqlite" ? await openSqlite(url) : await openPostgres(url, options);
  if (options.migrate !== false) {
    try {
      const report = await applyMigrations(prisma, provider);
      options.onMigrated?.(report);
      if (provider === "sqlite") await adoptMainFileInbox(prisma);
    } catch (error) {
      await prisma.$disconnect();
      throw error;
    }
  }
  return prisma;
}

async function openSqlite(url: string): Promise<Database> {
  const file = sqliteFile(url);
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  // `timeout`: SQLite's own wait for a lock another process holds, short because it holds the
  // event loop; the adapter waits longer between tries (sqlite-busy.ts).
  const { adapter, direct } = fairSqliteAdapter({ url: `file:${file}`, timeout: BUSY_TIMEOUT_MS });
  const prisma = new PrismaClient({ adapter });
  // Its transactions' clients see it too (src/db/raw.ts).
  Object.defineProperty(prisma, SQLITE_DIRECT, { value: direct });
  // WAL lets the shell read while the bot writes; foreign keys keep every row in one workspace.
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  // In WAL mode NORMAL keeps the database consistent through any crash, and a commit durable
  // through the bot's crash; only a power cut or OS crash may lose the last commits. FULL would
  // wait for the disk (fsync) on the event loop in every command that writes.
  await prisma.$executeRawUnsafe("PRAGMA synchronous = NORMAL");
  // The replay ledger and the inbox: a side file with its own connection (acknowledgement-store.ts).
  let side: SideFileStore;
  try {
    side = new SideFileStore(sideFileOf(file));
  } catch (error) {
    await prisma.$disconnect();
    throw error;
  }
  attachSideStore(prisma, side);
  // The log is copied back into the file by a worker thread (see sqlite-checkpoints.ts).
  if (file !== ":memory:") await prisma.$queryRawUnsafe(`PRAGMA wal_autocheckpoint = ${FALLBACK_AUTOCHECKPOINT_PAGES}`);
  const checkpointer = file === ":memory:" ? null : startCheckpointer(path.resolve(file));
  const disconnect = prisma.$disconnect.bind(prisma);
  prisma.$disconnect = async () => {
    await checkpointer?.stop();
    await disconnect();
    side.close();
  };
  return prisma;
}

/**
 * Rows an older version wrote to the main file's InboxCommand and SeenRequest (before the side
 * file) are moved to the side file: copied, then deleted, so a crash between leaves them in both
 * and the next start copies them again (a copy keeps a row already there).
 */
async function adoptMainFileInbox(prisma: Database): Promise<void> {
  const rows = await prisma.inboxCommand.findMany();
  const sightings = await prisma.seenRequest.findMany();
  if (rows.length + sightings.length === 0) return;
  const side = acknowledgementStore(prisma);
  if (!(side instanceof SideFileStore)) return;
  await side.adopt(rows, sightings.map((s) => ({ fingerprint: s.fingerprint, at: s.seenAt })));
  await prisma.inboxCommand.deleteMany({ where: { id: { in: rows.map((r) => r.id) } } });
  await prisma.seenRequest.deleteMany({ where: { fingerprint: { in: sightings.map((s) => s.fingerprint) } } });
}

async function openPostgres(url: string, options: OpenOptions): Promise<Database> {
  const { connectionString, schema } = postgresTarget(url);
  const [{ PrismaClient: PostgresPrismaClient }, { pgAdapter }] = await Promise.all([import("../generated/prisma-postgresql/client.ts"), import("./pg-adapter.ts")]).catch((error: unknown) => {
    throw new DatabaseOpenError(`the PostgreSQL client could not be loaded (npm install generates it): ${reasonOf(error)}`, { cause: error });
  });
  const adapter = pgAdapter(
    {
      connectionString,
      max: options.poolSize ?? DEFAULT_POOL_SIZE,
      statement_timeout: options.statementTimeoutMs ?? DEFAULT_STATEMENT_TIMEOUT_MS,
      connectionTimeoutMillis: 10_000,
    },
    // pg's Pool drops a connection that failed and opens a new one on the next query, so a
    // restarted or failed-over server costs the commands in flight, not the process.
    { schema, onPoolError: options.onConnectionError, onConnectionError: options.onConnectionError },
  );
  const postgres = new PostgresPrismaClient({ adapter });
  // Both clients are generated from the same models with no native types, so their model
  // API, argument and result types are the same; only the provider (SQL dialect) differs.
  // The rest of the code is typed against the SQLite client, and this cast is the one place
  // where that is assumed.
  const prisma = postgres as unknown as Database;
  try {
    // A schema named in the URL is created on first start, as Prisma's own tools do; asking
    // first spares a bot without CREATE on the database an error for a schema that exists.
    const exists = async () => (await prisma.$queryRawUnsafe<unknown[]>(`SELECT 1 FROM pg_namespace WHERE nspname = $1`, schema)).length > 0;
    if (!(await exists())) {
      // Replicas starting together may race to create it; one wins, and that is enough.
      await prisma.$executeRawUnsafe(`CREATE SCHEMA IF NOT EXISTS "${schema}"`).catch(async (error: unknown) => {
        if (!(await exists())) throw error;
      });
    }
  } catch (error) {
    await prisma.$disconnect();
    throw new DatabaseOpenError(`PostgreSQL at ${redactUrl(url)} cannot be used: ${reasonOf(error)}`, { cause: error });
  }
  return prisma;
}

/** The database could not be opened at start (unreachable, refused, no such database). */
export class DatabaseOpenError extends Error {
  override name = "DatabaseOpenError";
}

/** The one line of a Prisma or driver error that says what went wrong. */
function reasonOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.match(/Message: `([^`]*)`/)?.[1] ?? message.trim().split("\n").filter(Boolean).at(-1) ?? "unknown error";
}
