// Opens the database named by DATABASE_URL through Prisma's driver adapter, migrated to the
// latest schema. SQLite (a file) is the default; PostgreSQL arrives in a later issue and plugs
// in here behind the same function.

import { mkdirSync } from "node:fs";
import path from "node:path";
import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaClient, type Prisma } from "../generated/prisma/client.ts";
import { applyMigrations, type MigrationReport } from "./migrate.ts";

/** A client or a transaction: what queries and handlers take. */
export type Db = Prisma.TransactionClient;
export type Database = PrismaClient;
export type Provider = "sqlite" | "postgresql";

export const DEFAULT_DATABASE_URL = "file:./data/campaign-bot.db";

export function providerOf(url: string): Provider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must start with file: (SQLite) or postgresql:// (got "${url.split(":")[0]}:…")`);
}

/** The file behind a SQLite URL, for creating its folder. */
export function sqliteFile(url: string): string {
  return url.replace(/^file:/, "").replace(/\?.*$/, "");
}

export interface OpenOptions {
  migrate?: boolean;
  onMigrated?: (report: MigrationReport) => void;
}

export async function openDatabase(url: string, options: OpenOptions = {}): Promise<Database> {
  const provider = providerOf(url);
  if (provider !== "sqlite") throw new Error("PostgreSQL is not supported yet: use a file: DATABASE_URL");
  const file = sqliteFile(url);
  if (file !== ":memory:") mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const adapter = new PrismaBetterSQLite3({ url: `file:${file}`, timeout: 10_000 });
  const prisma = new PrismaClient({ adapter });
  // WAL lets the shell read while the bot writes; foreign keys keep every row in one workspace.
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  await prisma.$executeRawUnsafe("PRAGMA foreign_keys = ON");
  if (options.migrate !== false) {
    try {
      const report = await applyMigrations(prisma, provider);
      options.onMigrated?.(report);
    } catch (error) {
      await prisma.$disconnect();
      throw error;
    }
  }
  return prisma;
}
