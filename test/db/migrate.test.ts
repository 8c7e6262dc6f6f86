import { cpSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { PrismaClient } from "../../src/generated/prisma/client.ts";
import { openDatabase } from "../../src/db/client.ts";
import { applyMigrations, MIGRATION_DIRS, MigrationError, readMigrations } from "../../src/db/migrate.ts";
import { diffSchemas, SCHEMA_PATH } from "../../src/db/schema-diff.ts";
import { splitStatements } from "../../src/db/sql-statements.ts";
import { expectOk, startTestBot, tempDir, type TestBot } from "../helpers/core.ts";

const clients: PrismaClient[] = [];
const rawClient = (file: string) => {
  const client = new PrismaClient({ adapter: new PrismaBetterSQLite3({ url: `file:${file}` }) });
  clients.push(client);
  return client;
};
afterEach(async () => {
  await Promise.all(clients.splice(0).map((c) => c.$disconnect()));
});

const tables = async (db: PrismaClient) =>
  (await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`)).map((t) => t.name);

/** A copy of the committed migrations that a test may change. */
function copyMigrations(): string {
  const dir = path.join(tempDir(), "migrations");
  cpSync(MIGRATION_DIRS.sqlite, dir, { recursive: true });
  return dir;
}

/** A bot on a file of its own that has logged two creators' codes, a tracking link and four orders in "Spring". */
async function botWithOrders(fileName: string): Promise<TestBot> {
  const bot = await startTestBot({ url: `file:${path.join(tempDir(), fileName)}`, now: () => new Date("2026-12-05T10:00:00Z") });
  for (const line of [
    "/creator add kate tiktok 48k",
    "/creator add tom tiktok 9k",
    "/campaign new Spring",
    "/campaign enroll Spring kate",
    "/campaign enroll Spring tom",
    "/code add kate Spring code:KATE15",
    "/code link kate Spring https://shop.example/bells",
    "/code add tom Spring code:TOM10",
    "/code redeem KATE15 $10 order:1 date:2026-12-01",
    "/code redeem KATE15 $20.50 order:2 date:2026-12-01",
    "/code redeem KATE15 $300 orders:4 date:2026-12-02",
    "/code redeem TOM10 $5 order:3 date:2026-12-01",
  ]) {
    expectOk(await bot.run(line));
  }
  return bot;
}

/** Takes the migration whose name ends with `suffix` back (`undo` restores the schema from before it) and applies it again, alone. */
async function replayMigration(bot: TestBot, suffix: string, undo: string[]): Promise<void> {
  const name = readMigrations(MIGRATION_DIRS.sqlite).find((m) => m.name.endsWith(suffix))!.name;
  for (const statement of undo) await bot.db.$executeRawUnsafe(statement);
  await bot.db.$executeRawUnsafe(`DELETE FROM "_prisma_migrations" WHERE "migration_name" = '${name}'`);
  expect(await applyMigrations(bot.db, "sqlite")).toMatchObject({ applied: [name] });
}

describe("migrations on start", () => {
  it("migrate an empty database, and a second start applies nothing", async () => {
    const file = path.join(tempDir(), "a.db");
    const all = readMigrations(MIGRATION_DIRS.sqlite).map((m) => m.name);
    const db = rawClient(file);
    expect(await applyMigrations(db, "sqlite")).toEqual({ applied: all, alreadyApplied: 0 });
    expect(await tables(db)).toEqual(expect.arrayContaining(["Workspace", "Creator", "Redemption", "DigestRun", "_prisma_migrations"]));
    expect(await applyMigrations(db, "sqlite")).toEqual({ applied: [], alreadyApplied: all.length });
    const rows = await db.$queryRawUnsafe<{ migration_name: string; checksum: string; finished_at: unknown }[]>(`SELECT * FROM _prisma_migrations`);
    expect(rows.map((r) => r.migration_name)).toEqual(all);
    expect(rows.every((r) => /^[0-9a-f]{64}$/.test(r.checksum) && r.finished_at)).toBe(true);
  });

  it("sales_days adds up the orders logged before it, per creator and day", async () => {
    const bot = await botWithOrders("sales.db");
    try {
      const salesDays = () => bot.db.salesDay.findMany({ select: { creatorId: true, day: true, orders: true, revenue: true }, orderBy: [{ creatorId: "asc" }, { day: "asc" }] });
      const logged = await salesDays();
      expect(logged.map((d) => [d.day, d.orders, d.revenue])).toEqual([
        ["2026-12-01", 2, 3050],
        ["2026-12-02", 4, 30000],
        ["2026-12-01", 1, 500],
      ]);
      // As a database from before the migration: no SalesDay table.
      await replayMigration(bot, "_sales_days", [`DROP TABLE "SalesDay"`]);
      expect(await salesDays()).toEqual(logged);
    } finally {
      await bot.close();
    }
  });

  it("code_totals adds up each code's orders logged before it, and keeps every order", async () => {
    const bot = await botWithOrders("codes.db");
    try {
      const totals = () => bot.db.code.findMany({ select: { code: true, kind: true, orders: true, revenue: true }, orderBy: { id: "asc" } });
      const logged = await totals();
      expect(logged.map((c) => [c.code ?? c.kind, c.orders, c.revenue])).toEqual([
        ["KATE15", 6, 33050],
        ["link", 0, 0],
        ["TOM10", 1, 500],
      ]);
      // As a database from before the migration: no totals on codes.
      await replayMigration(bot, "_code_totals", [`ALTER TABLE "Code" DROP COLUMN "orders"`, `ALTER TABLE "Code" DROP COLUMN "revenue"`]);
      expect(await totals()).toEqual(logged);
      expect(await bot.db.redemption.count()).toBe(4);
    } finally {
      await bot.close();
    }
  });

  it("openDatabase creates the folder and the file on first start", async () => {
    const file = path.join(tempDir(), "nested", "deeper", "bot.db");
    const db = await openDatabase(`file:${file}`);
    clients.push(db);
    expect(await db.workspace.count()).toBe(0);
  });

  it("an applied migration that was edited stops start-up and changes nothing", async () => {
    const dir = copyMigrations();
    const file = path.join(tempDir(), "b.db");
    const db = rawClient(file);
    await applyMigrations(db, "sqlite", dir);
    const first = readMigrations(dir)[0]!;
    writeFileSync(path.join(dir, first.name, "migration.sql"), `${first.sql}\n-- edited\nCREATE TABLE "Sneaky" ("id" INTEGER);\n`);
    const before = await tables(db);
    await expect(applyMigrations(db, "sqlite", dir)).rejects.toThrow(/was edited after it was applied/);
    expect(await tables(db)).toEqual(before);
  });

  it("a migration that fails is rolled back whole and stops start-up", async () => {
    const dir = copyMigrations();
    mkdirSync(path.join(dir, "29990101000000_broken"));
    writeFileSync(
      path.join(dir, "29990101000000_broken", "migration.sql"),
      `CREATE TABLE "HalfDone" ("id" INTEGER NOT NULL PRIMARY KEY);\nALTER TABLE "NoSuchTable" ADD COLUMN "x" TEXT;\n`,
    );
    const db = rawClient(path.join(tempDir(), "c.db"));
    await expect(applyMigrations(db, "sqlite", dir)).rejects.toThrow(MigrationError);
    await expect(applyMigrations(db, "sqlite", dir)).rejects.toThrow(/29990101000000_broken failed and was rolled back/);
    expect(await tables(db)).not.toContain("HalfDone");
    const names = (await db.$queryRawUnsafe<{ migration_name: string }[]>(`SELECT migration_name FROM _prisma_migrations`)).map((r) => r.migration_name);
    expect(names).not.toContain("29990101000000_broken");
  });

  it("a database migrated by a newer version is refused", async () => {
    const db = rawClient(path.join(tempDir(), "d.db"));
    await applyMigrations(db, "sqlite");
    await db.$executeRawUnsafe(
      `INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ('x', 'y', '2030-01-01', '29990101000000_future', '2030-01-01', 1)`,
    );
    await expect(applyMigrations(db, "sqlite")).rejects.toThrow(/does not have/);
  });
});

describe("drift: schema.prisma and the committed migrations agree", () => {
  it("the last migration's schema is the current schema (else: npm run db:migration -- <name>)", () => {
    const last = readMigrations(MIGRATION_DIRS.sqlite).at(-1)!;
    const diff = diffSchemas(path.join(MIGRATION_DIRS.sqlite, last.name, "schema.prisma"), SCHEMA_PATH, "sqlite");
    expect(diff, "prisma/schema.prisma changed without a migration: run npm run db:migration -- <name>").toBeNull();
  });

  it("replaying every migration builds the database the schema describes", async () => {
    const migrated = rawClient(path.join(tempDir(), "e.db"));
    await applyMigrations(migrated, "sqlite");
    const fresh = rawClient(path.join(tempDir(), "f.db"));
    for (const statement of splitStatements(diffSchemas(null, SCHEMA_PATH, "sqlite")!)) await fresh.$executeRawUnsafe(statement);
    // The SQL text as SQLite keeps it, with its white space evened out (a column added by ALTER
    // TABLE is written into the CREATE statement on the same line as the one before it).
    const shape = async (db: PrismaClient) =>
      (
        await db.$queryRawUnsafe<{ name: string; sql: string }[]>(
          `SELECT name, sql FROM sqlite_master WHERE name NOT LIKE '_prisma%' AND name NOT LIKE 'sqlite_%' ORDER BY name`,
        )
      ).map(({ name, sql }) => ({ name, sql: sql.replace(/\s+/g, " ") }));
    expect(await shape(migrated)).toEqual(await shape(fresh));
  });
});

describe("splitting a migration script", () => {
  it("splits on semicolons outside strings and comments", () => {
    expect(splitStatements(`-- a comment; still a comment\nCREATE TABLE "a;b" (x TEXT DEFAULT ';');\n/* x; y */ INSERT INTO t VALUES ('it''s; fine');`)).toEqual([
      `CREATE TABLE "a;b" (x TEXT DEFAULT ';')`,
      `INSERT INTO t VALUES ('it''s; fine')`,
    ]);
    expect(readFileSync(path.join(MIGRATION_DIRS.sqlite, readMigrations(MIGRATION_DIRS.sqlite)[0]!.name, "migration.sql"), "utf8")).toContain("CREATE TABLE");
  });
});
