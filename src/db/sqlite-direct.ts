// Raw SQL straight on better-sqlite3's connection, with its prepared statements kept, for the
// flash sale's statements (src/db/raw.ts runs them here on SQLite). Through Prisma, each raw
// statement was planned by its query compiler and prepared anew by its adapter, which cost
// more than SQLite running it (docs/performance.md, the flash sale).
//
// The connection is the one Prisma's adapter uses (sqlite-adapter.ts): a statement inside an
// open interactive transaction runs in it at once (that transaction holds the adapter's turn);
// one outside waits its turn like any statement of the adapter, after a turn of the event loop,
// and while another process holds the file's lock.

/** What is used of better-sqlite3's Database and Statement (a pinned dependency of @prisma/adapter-better-sqlite3). */
export interface SqliteConnection {
  readonly inTransaction: boolean;
  prepare(sql: string): SqliteStatement;
}
interface SqliteStatement {
  readonly reader: boolean;
  safeIntegers(on: boolean): SqliteStatement;
  all(...values: unknown[]): unknown[];
  run(...values: unknown[]): { changes: number };
}

export interface DirectResult {
  rows: Array<Record<string, unknown>>;
  changes: number;
}

/** Statements kept prepared at most; a batch's multi-row statements differ by their row count. */
const KEPT_STATEMENTS = 500;

export class SqliteDirect {
  private readonly statements = new Map<string, SqliteStatement>();

  constructor(
    private readonly connection: () => SqliteConnection,
    /** Runs `work` in the adapter's turn, as a statement outside a transaction waits for it. */
    private readonly inTurn: <T>(work: () => T) => Promise<T>,
  ) {}

  /** A statement of the caller's open transaction (a Prisma interactive transaction's client). */
  inTransaction(sql: string, values: readonly unknown[]): DirectResult {
    const connection = this.connection();
    if (!connection.inTransaction) throw new Error("SqliteDirect.inTransaction outside a transaction");
    return this.run(connection, sql, values);
  }

  /** A statement on its own, committed when it returns. */
  alone(sql: string, values: readonly unknown[]): Promise<DirectResult> {
    return this.inTurn(() => this.run(this.connection(), sql, values));
  }

  private run(connection: SqliteConnection, sql: string, values: readonly unknown[]): DirectResult {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= KEPT_STATEMENTS) this.statements.clear();
      statement = connection.prepare(sql).safeIntegers(false);
      this.statements.set(sql, statement);
    }
    const bound = values.map(sqliteValue);
    if (statement.reader) return { rows: statement.all(...bound) as Array<Record<string, unknown>>, changes: 0 };
    return { rows: [], changes: statement.run(...bound).changes };
  }
}

/** A value as Prisma's SQLite adapter writes it: booleans as 1 and 0, dates as ISO 8601 text with "+00:00". */
function sqliteValue(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  return value ?? null;
}
