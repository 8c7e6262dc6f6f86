// The database a test uses: a fresh SQLite file by default, or, when TEST_DATABASE_URL names a
// PostgreSQL server, a fresh schema in it (`?schema=`), created on first open and dropped
// afterwards. Tests that start the bot as a process pass `freshDatabaseUrl()` as its
// DATABASE_URL; the bot creates the schema and migrates it.

import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { openDatabase, providerOf, type Database, type Provider } from "../../src/db/client.ts";

/** Set by test/helpers/global-setup.ts: one id for every schema of this run. */
const RUN = process.env.CAMPAIGN_BOT_TEST_RUN ?? testRunId();
export const SCHEMA_PREFIX = "cbt_";

/** The PostgreSQL server (database) the suite runs on, or null for SQLite. */
export const TEST_DATABASE_URL = readTestDatabaseUrl();
export const testProvider: Provider = TEST_DATABASE_URL ? "postgresql" : "sqlite";
export const onPostgres = testProvider === "postgresql";

function readTestDatabaseUrl(): string | null {
  const url = process.env.TEST_DATABASE_URL?.trim();
  if (!url) return null;
  if (providerOf(url) !== "postgresql") throw new Error("TEST_DATABASE_URL must be a postgresql:// URL (SQLite is the default without it)");
  if (new URL(url).searchParams.has("schema")) throw new Error("TEST_DATABASE_URL must not name a schema: every test file gets its own");
  return url;
}

/** A run id that sorts by time, so the global teardown can also sweep schemas of killed runs. */
export function testRunId(): string {
  return `${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
}

/** The time a schema of this suite was made, from its name (null: not one of ours). */
export function schemaCreatedAt(schema: string): number | null {
  const match = new RegExp(`^${SCHEMA_PREFIX}([0-9a-z]+)_`).exec(schema);
  return match ? parseInt(match[1]!, 36) : null;
}

export function tempDir(prefix = "campaign-bot-test-"): string {
  return mkdtempSync(path.join(os.tmpdir(), prefix));
}

const dirsOf = new Map<string, string>();

/**
 * A database nobody else uses, for the current mode (or the provider given): `file:<temp
 * dir>/<name>.db`, or TEST_DATABASE_URL with a new `?schema=`. Nothing is created until the bot
 * opens it.
 */
export function freshDatabaseUrl(name = "test", provider: Provider = testProvider): string {
  if (provider === "sqlite") {
    const dir = tempDir();
    const url = `file:${path.join(dir, `${name}.db`)}`;
    dirsOf.set(url, dir);
    return url;
  }
  if (!TEST_DATABASE_URL) throw new Error("a PostgreSQL database needs TEST_DATABASE_URL");
  const url = new URL(TEST_DATABASE_URL);
  url.searchParams.set("schema", `${SCHEMA_PREFIX}${RUN}_${randomBytes(4).toString("hex")}`);
  return url.toString();
}

/** The schema a PostgreSQL URL from freshDatabaseUrl points into. */
export const schemaOf = (url: string) => new URL(url).searchParams.get("schema");

/** Removes what freshDatabaseUrl handed out: the SQLite file's folder, or the schema with its tables. */
export async function dropDatabase(url: string): Promise<void> {
  if (providerOf(url) === "sqlite") {
    const dir = dirsOf.get(url);
    if (dir) rmSync(dir, { recursive: true, force: true });
    dirsOf.delete(url);
    return;
  }
  const schema = schemaOf(url);
  if (!schema?.startsWith(SCHEMA_PREFIX)) throw new Error(`refusing to drop a schema this suite did not make: ${schema}`);
  await withServer((db) => db.$executeRawUnsafe(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`));
}

/** A short-lived connection to TEST_DATABASE_URL's database itself (no schema of ours). */
export async function withServer<T>(use: (db: Database) => Promise<T>): Promise<T> {
  if (!TEST_DATABASE_URL) throw new Error("no TEST_DATABASE_URL");
  const db = await openDatabase(TEST_DATABASE_URL, { migrate: false, poolSize: 1 });
  try {
    return await use(db);
  } finally {
    await db.$disconnect();
  }
}
