// Runs `prisma migrate diff` between two schema files (or from empty) for either provider, and
// derives the PostgreSQL copies of prisma/schema.prisma (the database's and the client's). SQLite diffs run offline on an in-memory
// database; PostgreSQL diffs need a reachable server (Prisma asks it for its version), nothing
// is written to it.

import { execFileSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { redactUrl, type Provider } from "./url.ts";

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SCHEMA_PATH = path.join(ROOT, "prisma", "schema.prisma");
export const PRISMA_BIN = path.join(ROOT, "node_modules", "prisma", "build", "index.js");
/** The server `npm run db:migration` diffs PostgreSQL schemas on, unless POSTGRES_DIFF_URL says otherwise. */
export const DEFAULT_POSTGRES_DIFF_URL = "postgresql://postgres@127.0.0.1:5432/postgres";

/** No PostgreSQL server answered, so no PostgreSQL SQL could be produced. */
export class PostgresUnreachableError extends Error {
  override name = "PostgresUnreachableError";
}

/** A field line typed `Int` or `Int?` whose comment starts with `int64`: money or a count that may pass 2^31. */
const INT64_FIELD = /^([ \t]*\w+[ \t]+)Int(\??)(?=[ \t@]|$)([^\n]*\/\/[ \t]*int64\b[^\n]*)$/gm;

/**
 * prisma/schema.prisma as the PostgreSQL database has it: the datasource provider swapped to
 * postgresql, and every field marked `// int64` a BigInt, so its column is a BIGINT rather than
 * an INTEGER (int4, which stops at 2^31). The migrations are diffed from this.
 */
export function postgresqlSchema(schema: string): string {
  return withPostgresqlProvider(schema).replace(INT64_FIELD, "$1BigInt$2$3");
}

function withPostgresqlProvider(schema: string): string {
  const swapped = schema.replace(/(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/, '$1"postgresql"');
  if (swapped === schema) throw new Error('The schema has no datasource with provider = "sqlite" to swap.');
  return swapped;
}

/**
 * The schema the PostgreSQL client is generated from (into `output`): the provider swapped, the
 * `// int64` fields left Int. The client then reads a BIGINT column as a number, as the SQLite
 * client reads SQLite's 64-bit INTEGER, so both clients have the same types and the code never
 * sees a bigint; a number is exact up to 2^53, far above src/domain/limits.ts.
 */
export function postgresqlClientSchema(schema: string, output: string): string {
  const swapped = withPostgresqlProvider(schema);
  const moved = swapped.replace(/(generator\s+client\s*\{[^}]*?output\s*=\s*)"[^"]*"/, `$1"${output}"`);
  if (moved === swapped) throw new Error("The schema's generator has no output to move.");
  return moved;
}

/**
 * The fields marked `// int64` (Model.field), as text to compare: SQLite's INTEGER is 64-bit
 * either way, so marking one gives an empty SQLite diff, while PostgreSQL needs a migration.
 */
export function int64Shape(schema: string): string {
  const fields: string[] = [];
  for (const [, name, body] of schema.matchAll(/^\s*model\s+(\w+)\s*\{([^}]*)\}/gm)) {
    for (const match of body!.matchAll(INT64_FIELD)) fields.push(`${name}.${match[1]!.trim()}`);
  }
  return JSON.stringify(fields.sort());
}

/** The PostgreSQL copy of a SQLite-provider schema file, in a temporary file. */
export function postgresqlSchemaFile(sqliteSchemaPath: string): string {
  const file = path.join(os.tmpdir(), `campaign-bot-schema-${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2)}.prisma`);
  writeFileSync(file, postgresqlSchema(readFileSync(sqliteSchemaPath, "utf8")));
  return file;
}

/**
 * What a SQLite diff cannot see of a schema: its enums (values in order) and the fields typed
 * by one, as text to compare. SQLite keeps an enum as TEXT, so changing only these gives an
 * empty SQLite diff, while PostgreSQL has a type for each enum and needs a migration.
 */
export function enumShape(schema: string): string {
  const text = schema.replace(/("(?:[^"\\\n]|\\.)*")|\/\/.*$/gm, (_, quoted: string | undefined) => quoted ?? "");
  const blocks = [...text.matchAll(/^\s*(model|enum)\s+(\w+)\s*\{([^}]*)\}/gm)].map(([, kind, name, body]) => ({
    kind,
    name: name!,
    lines: body!.split("\n").map((line) => line.trim().replace(/\s+/g, " ")).filter((line) => line !== "" && !line.startsWith("@@")),
  }));
  const enums = blocks.filter((b) => b.kind === "enum").sort((a, b) => a.name.localeCompare(b.name));
  const names = new Set(enums.map((e) => e.name));
  const fields = blocks
    .filter((b) => b.kind === "model")
    .flatMap((model) => model.lines.filter((line) => names.has(line.split(" ")[1]?.replace(/[?[\]]/g, "") ?? "")).map((line) => `${model.name}.${line}`))
    .sort();
  return JSON.stringify({ enums: enums.map((e) => [e.name, e.lines]), fields });
}

export interface DiffOptions {
  /** PostgreSQL only: the server to diff on. */
  postgresUrl?: string;
}

/**
 * The SQL from one schema to another; null when they describe the same database. Both files
 * must have `provider` set to `provider`.
 */
export function diffSchemas(from: string | null, to: string, provider: Provider, options: DiffOptions = {}): string | null {
  const databaseUrl = provider === "sqlite" ? "file::memory:" : (options.postgresUrl ?? DEFAULT_POSTGRES_DIFF_URL);
  const args = [PRISMA_BIN, "migrate", "diff", ...(from ? ["--from-schema-datamodel", from] : ["--from-empty"]), "--to-schema-datamodel", to, "--script"];
  let sql: string;
  try {
    sql = execFileSync(process.execPath, args, {
      cwd: ROOT,
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        // prisma.config.ts: the CLI checks that schema's provider against the adapter.
        PRISMA_SCHEMA_PATH: provider === "sqlite" ? SCHEMA_PATH : to,
        PRISMA_HIDE_UPDATE_MESSAGE: "1",
        CHECKPOINT_DISABLE: "1",
      },
      encoding: "utf8",
      stdio: ["ignore", "pipe", "pipe"],
    });
  } catch (error) {
    const output = `${(error as { stdout?: string }).stdout ?? ""}\n${(error as { stderr?: string }).stderr ?? ""}`;
    if (provider === "postgresql") {
      const reason = output.match(/^Error: (.+)$/m)?.[1] ?? output.trim().split("\n").at(-1) ?? "no answer";
      throw new PostgresUnreachableError(`PostgreSQL at ${redactUrl(databaseUrl)} could not be used to diff the schema: ${reason}`);
    }
    throw new Error(`prisma migrate diff failed:\n${output.trim()}`);
  }
  if (/^-- This is an empty migration\.\s*$/.test(sql.trim())) return null;
  // Prisma names the schema the diff ran in ("public"); the tables belong in whatever schema
  // the bot is pointed at (search_path), and CREATE SCHEMA needs a privilege a bot may lack.
  return provider === "postgresql" ? sql.replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "[^"]*";\n+/m, "") : sql;
}
