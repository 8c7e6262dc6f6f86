// Runs `prisma migrate diff` between two schema files (or from empty), offline, through the
// SQLite driver adapter of prisma.config.ts on an in-memory database.

import { execFileSync } from "node:child_process";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { Provider } from "./client.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SCHEMA_PATH = path.join(ROOT, "prisma", "schema.prisma");
const PRISMA_BIN = path.join(ROOT, "node_modules", "prisma", "build", "index.js");

/** The SQL from one schema to another; null when they describe the same database. */
export function diffSchemas(from: string | null, to: string, provider: Provider): string | null {
  if (provider !== "sqlite") throw new Error("PostgreSQL migrations are not generated yet");
  const args = [PRISMA_BIN, "migrate", "diff", ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]), "--to-schema-datamodel", to, "--script"];
  const sql = execFileSync(process.execPath, args, {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: "file::memory:", PRISMA_HIDE_UPDATE_MESSAGE: "1" },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
  return /^-- This is an empty migration\.\s*$/.test(sql.trim()) ? null : sql;
}
