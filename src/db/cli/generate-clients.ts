// `postinstall`: generates the two Prisma clients, offline. The SQLite one from
// prisma/schema.prisma; the PostgreSQL one from a copy with the provider swapped
// (src/generated/postgresql.prisma, regenerated here every time, never edited), because a
// driver adapter must match the provider its client was generated for. Its `// int64` fields
// stay Int, so both clients read numbers (see postgresqlClientSchema).

import { execFile } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { postgresqlClientSchema, PRISMA_BIN, SCHEMA_PATH } from "../schema-diff.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..", "..");
export const POSTGRESQL_SCHEMA_PATH = path.join(ROOT, "src", "generated", "postgresql.prisma");

const header = "// GENERATED from prisma/schema.prisma by src/db/cli/generate-clients.ts (npm install): do not edit.\n";
mkdirSync(path.dirname(POSTGRESQL_SCHEMA_PATH), { recursive: true });
writeFileSync(POSTGRESQL_SCHEMA_PATH, header + postgresqlClientSchema(readFileSync(SCHEMA_PATH, "utf8"), "./prisma-postgresql"));

// `generate` never connects; DATABASE_URL only has to match the provider, or the CLI tries
// to download a query engine.
const generate = (schema: string, databaseUrl: string) =>
  promisify(execFile)(process.execPath, [PRISMA_BIN, "generate", "--schema", schema], {
    cwd: ROOT,
    env: { ...process.env, DATABASE_URL: databaseUrl, PRISMA_HIDE_UPDATE_MESSAGE: "1", CHECKPOINT_DISABLE: "1" },
  });

const results = await Promise.allSettled([
  generate(SCHEMA_PATH, "file::memory:"),
  generate(POSTGRESQL_SCHEMA_PATH, "postgresql://generate@127.0.0.1:5432/none"),
]);
let failed = false;
for (const [i, result] of results.entries()) {
  const which = i === 0 ? "SQLite" : "PostgreSQL";
  if (result.status === "fulfilled") {
    console.log(`Generated the ${which} Prisma client (${i === 0 ? "src/generated/prisma" : "src/generated/prisma-postgresql"}).`);
  } else {
    failed = true;
    const e = result.reason as { stdout?: string; stderr?: string; message: string };
    console.error(`Could not generate the ${which} Prisma client:\n${e.stdout ?? ""}${e.stderr ?? e.message}`);
  }
}
if (failed) process.exit(1);
