// Prisma CLI configuration. Prisma 6.19 works offline only with a driver adapter and the
// JavaScript engine (see README, "Database"); .env is not loaded when this file exists, so the
// default database is set here too.
import path from "node:path";
import { defineConfig } from "prisma/config";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

process.env.DATABASE_URL ??= "file:./data/campaign-bot.db";

export default defineConfig({
  experimental: { adapter: true },
  engine: "js",
  schema: path.join("prisma", "schema.prisma"),
  // The CLI only diffs schemas (npm run db:migration); it never needs a real file.
  adapter: async () => new PrismaBetterSQLite3({ url: "file::memory:" }),
});
