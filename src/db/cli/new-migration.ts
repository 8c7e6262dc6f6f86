// `npm run db:migration -- <name>`: writes the SQL that takes the database from the schema of
// the last migration to prisma/schema.prisma, as a new folder in Prisma's layout, with a copy
// of the schema it leads to (the next migration diffs from there); once for SQLite
// (prisma/migrations/) and once for PostgreSQL (prisma/migrations-postgresql/, same folder
// name, same models with the provider swapped). Prisma 6.19 diffs two schemas; it cannot
// diff against migration history here (see docs/database.md, "Migrations"). SQLite keeps an
// enum as TEXT and any INTEGER in 64 bits, so a change to enums or `// int64` marks alone writes
// a SQLite migration with nothing to do, for its PostgreSQL twin (which changes the enum types
// or makes the columns BIGINT) to stand beside. The PostgreSQL diff needs a
// reachable server (POSTGRES_DIFF_URL, default the local one); without one, the SQLite
// migration is still written and this says, and exits 1, that the PostgreSQL one is missing:
// running it again later writes only what is missing.

import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { MIGRATION_DIRS, readMigrations } from "../migrate.ts";
import { DEFAULT_POSTGRES_DIFF_URL, diffSchemas, enumShape, int64Shape, postgresqlSchema, postgresqlSchemaFile, PostgresUnreachableError, SCHEMA_PATH } from "../schema-diff.ts";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]+$/i.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (letters, digits and _; e.g. add_creator_timezone)");
  process.exit(2);
}

const sqliteDir = MIGRATION_DIRS.sqlite;
const postgresDir = MIGRATION_DIRS.postgresql;
const show = (folder: string) => path.relative(process.cwd(), folder);

// SQLite: from the last migration's schema to prisma/schema.prisma.
const previous = readMigrations(sqliteDir).at(-1);
const fromSchema = previous ? path.join(sqliteDir, previous.name, "schema.prisma") : null;
if (previous && !existsSync(fromSchema!)) {
  console.error(`The last migration (${previous.name}) has no schema.prisma beside it, so there is nothing to diff from.`);
  process.exit(1);
}
let sql = diffSchemas(fromSchema, SCHEMA_PATH, "sqlite");
if (sql === null && fromSchema) {
  const [before, after] = [readFileSync(fromSchema, "utf8"), readFileSync(SCHEMA_PATH, "utf8")];
  if (enumShape(before) !== enumShape(after)) {
    sql = "-- SQLite keeps enums as TEXT: nothing changes here. The PostgreSQL twin of this migration changes the enum types.\n";
  } else if (int64Shape(before) !== int64Shape(after)) {
    sql = "-- SQLite's INTEGER holds 64 bits: nothing changes here. The PostgreSQL twin of this migration makes the `// int64` columns BIGINT.\n";
  }
}
if (sql === null) {
  console.log("prisma/schema.prisma has not changed since the last migration: no new SQLite migration.");
} else {
  const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
  const folder = path.join(sqliteDir, `${stamp}_${name}`);
  mkdirSync(folder, { recursive: true });
  writeFileSync(path.join(folder, "migration.sql"), sql);
  copyFileSync(SCHEMA_PATH, path.join(folder, "schema.prisma"));
  console.log(`Wrote ${show(folder)}/migration.sql (SQLite); it is applied when the bot or the shell starts.`);
  if (/DROP TABLE/i.test(sql)) {
    // Migrations run in a transaction, where SQLite ignores PRAGMA foreign_keys = OFF.
    console.error(
      "WARNING: this SQLite migration rebuilds a table (CREATE new_…, DROP, RENAME). Migrations run inside a transaction, where SQLite " +
        "ignores PRAGMA foreign_keys = OFF, so the DROP deletes the rows of every table that references it with ON DELETE CASCADE. " +
        "To add columns, put them at the end of the model and write ALTER TABLE … ADD COLUMN instead; read the SQL before committing it.",
    );
  }
}

// PostgreSQL: every SQLite migration gets a twin of the same name, diffed between the same
// two schemas with the provider swapped.
const missing = readMigrations(sqliteDir).filter((m) => !existsSync(path.join(postgresDir, m.name, "migration.sql")));
const postgresUrl = process.env.POSTGRES_DIFF_URL || (/^postgres(ql)?:\/\//.test(process.env.DATABASE_URL ?? "") ? process.env.DATABASE_URL! : DEFAULT_POSTGRES_DIFF_URL);
const temporary: string[] = [];
try {
  for (const migration of missing) {
    const before = readMigrations(postgresDir).filter((m) => m.name < migration.name).at(-1);
    const target = path.join(sqliteDir, migration.name, "schema.prisma");
    if (!existsSync(target)) throw new Error(`${show(path.join(sqliteDir, migration.name))} has no schema.prisma beside it, so its PostgreSQL twin cannot be made.`);
    const to = postgresqlSchemaFile(target);
    temporary.push(to);
    const from = before ? path.join(postgresDir, before.name, "schema.prisma") : null;
    const pgSql = diffSchemas(from, to, "postgresql", { postgresUrl }) ?? "-- The PostgreSQL schema did not change in this migration.\n";
    const folder = path.join(postgresDir, migration.name);
    mkdirSync(folder, { recursive: true });
    writeFileSync(path.join(folder, "migration.sql"), pgSql);
    writeFileSync(path.join(folder, "schema.prisma"), postgresqlSchema(readFileSync(target, "utf8")));
    console.log(`Wrote ${show(folder)}/migration.sql (PostgreSQL).`);
    if (/DROP COLUMN/i.test(pgSql)) {
      console.error(
        "WARNING: this PostgreSQL migration drops a column (Prisma changes a column's type, to an enum for one, by dropping it and adding it back " +
          "empty): its values would be lost. Change the type in place instead, ALTER TABLE … ALTER COLUMN … TYPE … USING …, as the migration " +
          "closed_vocabularies does; read the SQL before committing it.",
      );
    }
  }
} catch (error) {
  if (!(error instanceof PostgresUnreachableError)) throw error;
  const still = readMigrations(sqliteDir).filter((m) => !existsSync(path.join(postgresDir, m.name, "migration.sql")));
  console.error(
    `\nThe PostgreSQL migration could NOT be written: ${error.message}\n` +
      `Missing in ${show(postgresDir)}: ${still.map((m) => m.name).join(", ")}.\n` +
      `Prisma needs a PostgreSQL server to produce PostgreSQL SQL (nothing is written to it). Start one, or set ` +
      `POSTGRES_DIFF_URL=postgresql://user@host:5432/db, and run npm run db:migration -- ${name} again: it writes only the missing ` +
      `PostgreSQL migrations. Do not commit the SQLite migration without its PostgreSQL twin: the test suite fails on it.`,
  );
  process.exitCode = 1;
} finally {
  for (const file of temporary) rmSync(file, { force: true });
}
if (missing.length === 0 && sql !== null) console.log("(PostgreSQL was already up to date; this should not happen for a new SQLite migration.)");
