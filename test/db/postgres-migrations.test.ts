// PostgreSQL migrations: every SQLite migration has a PostgreSQL twin made from the same schema
// (checked offline, always), and with TEST_DATABASE_URL the applier is proven on a server:
// once, under an advisory lock when replicas start together, each migration in a transaction.

import { cpSync, existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../src/db/client.ts";
import { applyMigrations, MIGRATION_DIRS, MigrationError, readMigrations } from "../../src/db/migrate.ts";
import { diffSchemas, postgresqlSchema, postgresqlSchemaFile, SCHEMA_PATH } from "../../src/db/schema-diff.ts";
import { splitStatements } from "../../src/db/sql-statements.ts";
import { dropDatabase, freshDatabaseUrl, onPostgres, tempDir, TEST_DATABASE_URL } from "../helpers/database.ts";

describe("PostgreSQL migrations beside the SQLite ones", () => {
  const sqlite = readMigrations(MIGRATION_DIRS.sqlite);

  it("every SQLite migration has a PostgreSQL twin of the same name (else: npm run db:migration -- <name> with a PostgreSQL reachable)", () => {
    expect(readMigrations(MIGRATION_DIRS.postgresql).map((m) => m.name)).toEqual(sqlite.map((m) => m.name));
  });

  it("each twin was made from the same models, with only the provider swapped", () => {
    for (const { name } of sqlite) {
      const twin = path.join(MIGRATION_DIRS.postgresql, name, "schema.prisma");
      expect(existsSync(twin), `${twin} is missing`).toBe(true);
      expect(readFileSync(twin, "utf8")).toBe(postgresqlSchema(readFileSync(path.join(MIGRATION_DIRS.sqlite, name, "schema.prisma"), "utf8")));
    }
  });

  it("the PostgreSQL SQL creates no schema of its own: tables go where DATABASE_URL points", () => {
    for (const m of readMigrations(MIGRATION_DIRS.postgresql)) expect(m.sql).not.toMatch(/CREATE SCHEMA/i);
  });
});

const opened: Database[] = [];
const urls: string[] = [];
async function fresh(): Promise<{ url: string; db: Database }> {
  const url = freshDatabaseUrl();
  urls.push(url);
  const db = await openDatabase(url, { migrate: false, poolSize: 2 });
  opened.push(db);
  return { url, db };
}
afterAll(async () => {
  await Promise.all(opened.splice(0).map((db) => db.$disconnect()));
  for (const url of urls.splice(0)) await dropDatabase(url);
});

const tables = async (db: Database) =>
  (await db.$queryRawUnsafe<{ name: string }[]>(`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() ORDER BY 1`)).map(
    (t) => t.name,
  );

/** Columns, indexes and constraints of the current schema, as text. */
async function shape(db: Database) {
  return {
    columns: await db.$queryRawUnsafe(
      `SELECT table_name::text, column_name::text, data_type::text, is_nullable::text, column_default::text FROM information_schema.columns
       WHERE table_schema = current_schema() AND table_name <> '_prisma_migrations' ORDER BY 1, 2`,
    ),
    indexes: await db.$queryRawUnsafe(
      `SELECT indexname::text, replace(indexdef, current_schema() || '.', '') AS def FROM pg_indexes
       WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations' ORDER BY 1`,
    ),
    constraints: await db.$queryRawUnsafe(
      `SELECT conname::text, pg_get_constraintdef(oid) AS def FROM pg_constraint WHERE connamespace = current_schema()::regnamespace AND conname NOT LIKE '_prisma%' ORDER BY 1`,
    ),
  };
}

function copyMigrations(): string {
  const dir = path.join(tempDir(), "migrations-postgresql");
  cpSync(MIGRATION_DIRS.postgresql, dir, { recursive: true });
  return dir;
}

describe.skipIf(!onPostgres)("migrations on a PostgreSQL server (set TEST_DATABASE_URL to run)", () => {
  const all = readMigrations(MIGRATION_DIRS.postgresql).map((m) => m.name);

  it("a new schema is created and migrated on first start; the next start applies nothing", async () => {
    const url = freshDatabaseUrl();
    urls.push(url);
    const first = await openDatabase(url);
    opened.push(first);
    expect(await tables(first)).toEqual(expect.arrayContaining(["Workspace", "Creator", "Redemption", "DigestRun", "_prisma_migrations"]));
    expect(await applyMigrations(first, "postgresql")).toEqual({ applied: [], alreadyApplied: all.length });
    const rows = await first.$queryRawUnsafe<{ migration_name: string; checksum: string }[]>(`SELECT migration_name, checksum FROM _prisma_migrations`);
    expect(rows.map((r) => r.migration_name)).toEqual(all);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum))).toBe(true);
  });

  it("replicas starting together on an empty database migrate it once", async () => {
    const url = freshDatabaseUrl();
    urls.push(url);
    const reports: string[][] = [];
    const dbs = await Promise.all(
      [1, 2, 3].map(() => openDatabase(url, { poolSize: 2, onMigrated: (r) => reports.push(r.applied) })),
    );
    opened.push(...dbs);
    expect(reports.flat().sort()).toEqual(all);
    const rows = await dbs[0]!.$queryRawUnsafe<{ n: number }[]>(`SELECT count(*)::int AS n FROM _prisma_migrations`);
    expect(rows[0]!.n).toBe(all.length);
  });

  it("a migration that fails is rolled back whole, DDL included, and stops start-up", async () => {
    const dir = copyMigrations();
    mkdirSync(path.join(dir, "29990101000000_broken"));
    writeFileSync(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      `CREATE TABLE "HalfDone" ("id" INTEGER NOT NULL PRIMARY KEY);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;\n`,
    );
    const { db } = await fresh();
    await expect(applyMigrations(db, "postgresql", dir)).rejects.toThrow(MigrationError);
    await expect(applyMigrations(db, "postgresql", dir)).rejects.toThrow(/29990101000000_broken failed and was rolled back/);
    expect(await tables(db)).not.toContain("HalfDone");
    expect(await tables(db)).toContain("Workspace");
    const names = (await db.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT migration_name FROM _prisma_migrations`)).map((r) => r.migration_name);
    expect(names).toEqual(all);
  });

  it("an applied migration that was edited stops start-up", async () => {
    const dir = copyMigrations();
    const { db } = await fresh();
    await applyMigrations(db, "postgresql", dir);
    const first = readMigrations(dir)[0]!;
    writeFileSync(path.join(dir, first.name, "migration.sql"), `${first.sql}\n-- edited\n`);
    await expect(applyMigrations(db, "postgresql", dir)).rejects.toThrow(/was edited after it was applied/);
  });

  it("prisma/schema.prisma has no change the last PostgreSQL migration lacks", () => {
    const last = readMigrations(MIGRATION_DIRS.postgresql).at(-1)!;
    const current = postgresqlSchemaFile(SCHEMA_PATH);
    const diff = diffSchemas(path.join(MIGRATION_DIRS.postgresql, last.name, "schema.prisma"), current, "postgresql", { postgresUrl: TEST_DATABASE_URL! });
    expect(diff, "prisma/schema.prisma changed without a migration: run npm run db:migration -- <name>").toBeNull();
  });

  it("replaying every migration builds the database the schema describes", async () => {
    const migrated = await fresh();
    await applyMigrations(migrated.db, "postgresql");
    const direct = await fresh();
    const sql = diffSchemas(null, postgresqlSchemaFile(SCHEMA_PATH), "postgresql", { postgresUrl: TEST_DATABASE_URL! })!;
    for (const statement of splitStatements(sql)) await direct.db.$executeRawUnsafe(statement);
    expect(await shape(migrated.db)).toEqual(await shape(direct.db));
  });
});
