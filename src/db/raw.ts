// Runs the flash sale's raw SQL (Prisma.sql, the same text on both databases): on SQLite
// straight on the connection with its statements kept prepared (sqlite-direct.ts), elsewhere
// through Prisma ($queryRaw, $executeRaw). Inside an interactive transaction pass the
// transaction's client, as for any query.

import type { Prisma } from "../generated/prisma/client.ts";
import type { SqliteDirect } from "./sqlite-direct.ts";

type Db = Prisma.TransactionClient;

/** Where an SQLite client (and its transactions' clients, which pass it on) keeps its SqliteDirect (client.ts). */
export const SQLITE_DIRECT = Symbol("campaign-bot:sqlite-direct");

/** How SQLite's text and integers read as Prisma reads them: the columns that are booleans and dates. */
export interface Columns {
  booleans?: readonly string[];
  dates?: readonly string[];
}

const directOf = (db: Db) => (db as unknown as { [SQLITE_DIRECT]?: SqliteDirect })[SQLITE_DIRECT];
/** A transaction's client has no $transaction of its own. */
const isTransaction = (db: Db) => typeof (db as unknown as { $transaction?: unknown }).$transaction !== "function";

/** On the connection: in the caller's open transaction at once, else on its own in the adapter's turn. */
const runDirect = async (direct: SqliteDirect, db: Db, query: Prisma.Sql) =>
  isTransaction(db) ? direct.inTransaction(query.sql, query.values) : await direct.alone(query.sql, query.values);

export async function queryRows<T>(db: Db, query: Prisma.Sql, columns: Columns = {}): Promise<T[]> {
  const direct = directOf(db);
  if (!direct) return db.$queryRaw<T[]>(query);
  const { rows } = await runDirect(direct, db, query);
  if (columns.booleans || columns.dates) {
    for (const row of rows) {
      for (const c of columns.booleans ?? []) if (row[c] !== null) row[c] = row[c] === 1;
      for (const c of columns.dates ?? []) if (row[c] !== null) row[c] = sqliteDate(row[c] as string | number);
    }
  }
  return rows as T[];
}

/** Rows changed. */
export async function execute(db: Db, query: Prisma.Sql): Promise<number> {
  const direct = directOf(db);
  if (!direct) return db.$executeRaw(query);
  return (await runDirect(direct, db, query)).changes;
}

/** Prisma writes ISO 8601 with "+00:00"; SQLite's CURRENT_TIMESTAMP is UTC without a zone ("2026-12-03 10:16:37"). */
function sqliteDate(value: string | number): Date {
  if (typeof value === "number") return new Date(value);
  return new Date(/^\d{4}-\d\d-\d\d \d\d:\d\d:\d\d(\.\d+)?$/.test(value) ? `${value.replace(" ", "T")}Z` : value);
}
