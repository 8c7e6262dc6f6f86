// Bulk inserts for the data generator: multi-row INSERT statements with bound values, a few
// hundred rows each, several statements per transaction. SQLite only.
//
// Why not Prisma's createMany: measured here, it wrote about 2,000 rows a second (and grew the
// process to 1.7 GB) for the Redemption table, so the 2.2 million rows of the 10× campaign
// would take some 18 minutes. These statements write the same tables and columns.

import type { Database, Db } from "../src/db/client.ts";

/** Bound values per statement: far below SQLite's limit (32,766), and small enough that Prisma's statement caches stay small. */
const VALUES_PER_STATEMENT = 4000;
const STATEMENTS_PER_TRANSACTION = 40;

export type SqlValue = string | number | null;

export async function insertRows(db: Database, table: string, columns: readonly string[], rows: readonly SqlValue[][]): Promise<void> {
  if (rows.length === 0) return;
  const perStatement = Math.max(1, Math.floor(VALUES_PER_STATEMENT / columns.length));
  const head = `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(", ")}) VALUES `;
  const tuple = `(${columns.map(() => "?").join(", ")})`;
  const perTransaction = perStatement * STATEMENTS_PER_TRANSACTION;
  for (let start = 0; start < rows.length; start += perTransaction) {
    const slice = rows.slice(start, start + perTransaction);
    await db.$transaction(async (tx) => {
      for (let offset = 0; offset < slice.length; offset += perStatement) {
        const chunk = slice.slice(offset, offset + perStatement);
        await tx.$executeRawUnsafe(head + Array(chunk.length).fill(tuple).join(", "), ...chunk.flat());
      }
    }, LONG_TRANSACTION);
  }
}

/** Runs statements that expand rows inside the database, in one transaction. */
export async function runInTransaction(db: Database, work: (tx: Db) => Promise<void>): Promise<void> {
  await db.$transaction(work, LONG_TRANSACTION);
}

const LONG_TRANSACTION = { maxWait: 60_000, timeout: 600_000 };

/** Fast and unsafe while generating (a crash loses the file, which is only test data); the previous setting is restored after. */
export async function withoutSync<T>(db: Database, work: () => Promise<T>): Promise<T> {
  const [row] = await db.$queryRawUnsafe<Array<{ synchronous: number | bigint }>>("PRAGMA synchronous");
  const previous = Number(row?.synchronous ?? 2);
  await db.$executeRawUnsafe("PRAGMA synchronous = OFF");
  try {
    return await work();
  } finally {
    await db.$executeRawUnsafe(`PRAGMA synchronous = ${previous}`);
  }
}
