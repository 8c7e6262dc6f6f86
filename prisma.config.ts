// Prisma CLI configuration. Prisma 6.19 works offline only with a driver adapter and the
// JavaScript engine (see README, "Database"); .env is not loaded when this file exists, so the
// default database is set here too. The adapter must match the schema's provider: our scripts
// (src/db/cli/) set DATABASE_URL to pick it.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";

process.env.DATABASE_URL ??= "file:./data/campaign-bot.db";
const url = process.env.DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  // The CLI checks this schema's provider against the adapter, so a PostgreSQL diff names the
  // PostgreSQL copy (src/db/schema-diff.ts).
  schema: process.env.PRISMA_SCHEMA_PATH || path.join("prisma", "schema.prisma"),
  adapter: async () =>
    /^postgres(ql)?:\/\//.test(url)
      ? // `migrate diff` for PostgreSQL only asks the server its version. allowExitOnIdle: the
        // CLI never closes the pool, which would otherwise keep it alive for 10 s.
        new PrismaPg({ connectionString: url, allowExitOnIdle: true })
      : // For SQLite the CLI only diffs schemas (npm run db:migration); it never needs a real file.
        new PrismaBetterSQLite3({ url: "file::memory:" }),
});
