// Applies the committed migrations when the bot or the shell starts. Each pending migration
// runs in its own transaction and is recorded in a `_prisma_migrations` table with the same
// columns and checksums as Prisma's own, so `prisma migrate status` still reads it. A migration
// edited after it was applied, one that failed, or one this version does not know stops
// start-up with a clear message and leaves the database as it was.

import { createHash, randomUUID } from "node:crypto";
import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { PrismaClient } from "../generated/prisma/client.ts";
import { splitStatements } from "./sql-statements.ts";
import type { Provider } from "./url.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where each provider's migrations live (Prisma's folder layout). */
export const MIGRATION_DIRS: Record<Provider, string> = {
  sqlite: path.join(ROOT, "prisma", "migrations"),
  postgresql: path.join(ROOT, "prisma", "migrations-postgresql"),
};

export interface MigrationFile {
  name: string;
  sql: string;
  checksum: string;
}

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
}

export class MigrationError extends Error {
  override name = "MigrationError";
}

export const checksumOf = (sql: string) => createHash("sha256").update(sql).digest("hex");

export function readMigrations(dir: string): MigrationFile[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(path.join(dir, name, "migration.sql"), "utf8");
      return { name, sql, checksum: checksumOf(sql) };
    });
}

const TABLE_SQL: Record<Provider, string> = {
  sqlite: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" TEXT PRIMARY KEY NOT NULL,
    "checksum" TEXT NOT NULL,
    "finished_at" DATETIME,
    "migration_name" TEXT NOT NULL,
    "logs" TEXT,
    "rolled_back_at" DATETIME,
    "started_at" DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0
  )`,
  postgresql: `CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
    "id" VARCHAR(36) PRIMARY KEY NOT NULL,
    "checksum" VARCHAR(64) NOT NULL,
    "finished_at" TIMESTAMPTZ,
    "migration_name" VARCHAR(255) NOT NULL,
    "logs" TEXT,
    "rolled_back_at" TIMESTAMPTZ,
    "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(),
    "applied_steps_count" INTEGER NOT NULL DEFAULT 0
  )`,
};

interface AppliedRow {
  migration_name: string;
  checksum: string;
  finished_at: unknown;
  rolled_back_at: unknown;
  logs: string | null;
}

/** Takes the migration lock for the rest of the transaction, so concurrent starts migrate once. */
async function lockForMigration(tx: Pick<PrismaClient, "$executeRawUnsafe" | "$queryRawUnsafe">, provider: Provider) {
  if (provider === "postgresql") {
    // Waiting for another replica's migration, or a long ALTER, is not a stuck command:
    // DATABASE_STATEMENT_TIMEOUT_MS does not apply inside this transaction.
    await tx.$executeRawUnsafe(`SET LOCAL statement_timeout = 0`);
    // executeRaw: the function returns void, a column type a raw query cannot read back.
    await tx.$executeRawUnsafe(`SELECT pg_advisory_xact_lock(72736515)`);
  }
  // SQLite: the transaction's BEGIN IMMEDIATE took the file's write lock (sqlite-adapter.ts).
}

function checkHistory(known: MigrationFile[], rows: AppliedRow[]): void {
  const byName = new Map(known.map((m) => [m.name, m]));
  for (const row of rows) {
    if (row.rolled_back_at) continue;
    if (!row.finished_at) {
      throw new MigrationError(
        `Migration ${row.migration_name} failed earlier and the database may be half-migrated${row.logs ? ` (${row.logs.split("\n")[0]})` : ""}. ` +
          `Repair the database, then delete that row from _prisma_migrations, and start again.`,
      );
    }
    const file = byName.get(row.migration_name);
    if (!file) {
      throw new MigrationError(
        `The database has migration ${row.migration_name}, which this version of the bot does not have. Run the version that created it (or newer).`,
      );
    }
    if (file.checksum !== row.checksum) {
      throw new MigrationError(
        `Migration ${row.migration_name} was edited after it was applied to this database. Restore prisma/migrations/${row.migration_name}/migration.sql ` +
          `and put the change in a new migration (npm run db:migration -- <name>).`,
      );
    }
  }
}

export async function applyMigrations(prisma: PrismaClient, provider: Provider, dir = MIGRATION_DIRS[provider]): Promise<MigrationReport> {
  const migrations = readMigrations(dir);
  // Two PostgreSQL replicas creating the table at once can collide in the catalog even with
  // IF NOT EXISTS, so that too happens under the lock.
  await prisma.$transaction(async (tx) => {
    if (provider === "postgresql") await lockForMigration(tx, provider);
    await tx.$executeRawUnsafe(TABLE_SQL[provider]);
  }, { timeout: 120_000, maxWait: 60_000 });
  const report: MigrationReport = { applied: [], alreadyApplied: 0 };
  const readRows = (db: Pick<PrismaClient, "$queryRawUnsafe">) =>
    db.$queryRawUnsafe<AppliedRow[]>(
      `SELECT "migration_name", "checksum", "finished_at", "rolled_back_at", "logs" FROM "_prisma_migrations" ORDER BY "started_at", "migration_name"`,
    );
  const initial = await readRows(prisma);
  checkHistory(migrations, initial);
  const done = () => new Set(initialDone(initial));
  if (migrations.every((m) => done().has(m.name))) {
    report.alreadyApplied = migrations.length;
    return report;
  }
  for (const migration of migrations) {
    await prisma.$transaction(
      async (tx) => {
        await lockForMigration(tx, provider);
        const rows = await readRows(tx);
        checkHistory(migrations, rows);
        if (initialDone(rows).includes(migration.name)) return;
        const statements = splitStatements(migration.sql);
        try {
          for (const statement of statements) await tx.$executeRawUnsafe(statement);
        } catch (error) {
          const reason = error instanceof Error ? error.message.split("\n").slice(-1)[0] : String(error);
          throw new MigrationError(`Migration ${migration.name} failed and was rolled back; the database is unchanged. ${reason}`);
        }
        const now = new Date().toISOString();
        await tx.$executeRawUnsafe(
          `INSERT INTO "_prisma_migrations" ("id", "checksum", "finished_at", "migration_name", "started_at", "applied_steps_count") VALUES (${params(provider, 6)})`,
          randomUUID(),
          migration.checksum,
          provider === "sqlite" ? now : new Date(now),
          migration.name,
          provider === "sqlite" ? now : new Date(now),
          statements.length > 0 ? 1 : 0,
        );
        report.applied.push(migration.name);
      },
      { timeout: 120_000, maxWait: 60_000 },
    );
  }
  report.alreadyApplied = migrations.length - report.applied.length;
  return report;
}

function initialDone(rows: AppliedRow[]): string[] {
  return rows.filter((r) => r.finished_at && !r.rolled_back_at).map((r) => r.migration_name);
}

/** Positional parameters: "?" for SQLite, "$1" for PostgreSQL. */
function params(provider: Provider, count: number): string {
  return Array.from({ length: count }, (_, i) => (provider === "sqlite" ? "?" : `$${i + 1}`)).join(", ");
}
