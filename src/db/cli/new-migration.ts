// `npm run db:migration -- <name>`: writes the SQL that takes the database from the schema of
// the last migration to prisma/schema.prisma, as a new folder in Prisma's layout, with a copy
// of the schema it leads to (the next migration diffs from there). Prisma 6.19 diffs two
// schemas offline; it cannot diff against migration history here (see README, "Database").

import { copyFileSync, existsSync, mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { MIGRATION_DIRS, readMigrations } from "../migrate.ts";
import { diffSchemas, SCHEMA_PATH } from "../schema-diff.ts";

const name = (process.argv[2] ?? "").trim();
if (!/^[a-z0-9_]+$/i.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (letters, digits and _; e.g. add_creator_timezone)");
  process.exit(2);
}

const dir = MIGRATION_DIRS.sqlite;
const previous = readMigrations(dir).at(-1);
const fromSchema = previous ? path.join(dir, previous.name, "schema.prisma") : null;
if (previous && !existsSync(fromSchema!)) {
  console.error(`The last migration (${previous.name}) has no schema.prisma beside it, so there is nothing to diff from.`);
  process.exit(1);
}

const sql = diffSchemas(fromSchema, SCHEMA_PATH, "sqlite");
if (sql === null) {
  console.log("prisma/schema.prisma has not changed since the last migration: nothing to write.");
  process.exit(0);
}

const stamp = new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14);
const folder = path.join(dir, `${stamp}_${name}`);
mkdirSync(folder, { recursive: true });
writeFileSync(path.join(folder, "migration.sql"), sql);
copyFileSync(SCHEMA_PATH, path.join(folder, "schema.prisma"));
console.log(`Wrote ${path.relative(process.cwd(), folder)}/migration.sql; it is applied when the bot or the shell starts.`);
