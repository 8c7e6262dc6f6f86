// The SQLite driver adapter, made fair to the rest of the process and to other commands.
//
// better-sqlite3 answers synchronously and Prisma 6.19 plans each query on the main thread, so a
// command is one unbroken run of microtasks: twenty commands at once kept the event loop from
// Slack's and Discord's sockets (and from every timer) for the whole burst, which is how a bot
// misses the 3 seconds it has to acknowledge a command. Here each statement first waits one turn
// of the event loop (setImmediate), so sockets and timers are served between statements.
//
// The adapter also keeps one connection for everything, and a transaction is a BEGIN on it: a
// statement from outside the transaction that ran meanwhile would read its uncommitted rows, or
// write into it and be rolled back with it. Here statements from outside wait until the open
// transaction has ended (transactions already waited for each other). So code inside a
// transaction must use the transaction's client (`ctx.db` in a handler): a statement on the
// outer client would wait for the very transaction it runs in, until that times out.
//
// And it waits for other processes on the same file (the shell beside the bot): a transaction
// begins with BEGIN IMMEDIATE, taking the file's write lock before its first statement, and a
// lock held by another process is waited for between tries (sqlite-busy.ts), not in SQLite's
// synchronous busy handler. The adapter's own BEGIN is deferred: the lock was taken at the
// first write, after the transaction's reads, and when another process had written meanwhile
// SQLite could only end the transaction (SQLITE_BUSY_SNAPSHOT) with nothing left to retry but
// the whole command. A transaction that only reads takes the lock too, as it waits its turn in
// this process already; reads outside transactions take none (WAL). A result's 64-bit columns
// (COUNT(*), SUM) read as numbers, as on PostgreSQL (bigints.ts).

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";
import { int64ColumnsAsNumbers } from "./bigints.ts";
import { retryWhileBusy } from "./sqlite-busy.ts";
import { SqliteDirect, type SqliteConnection } from "./sqlite-direct.ts";

type Adapter = Awaited<ReturnType<PrismaBetterSQLite3["connect"]>>;
type Transaction = Awaited<ReturnType<Adapter["startTransaction"]>>;

/** Waits one turn of the event loop (I/O, timers, requests waiting for their acknowledgement are served), then runs `work`. */
const afterATurn = <T>(work: () => Promise<T>): Promise<T> => new Promise<void>((resolve) => setImmediate(resolve)).then(work);

/** One holder at a time, in the order asked. */
class Turnstile {
  private tail: Promise<void> = Promise.resolve();

  /** Resolves when it is the caller's turn, with the function that ends it. */
  enter(): Promise<() => void> {
    let leave!: () => void;
    const turn = new Promise<void>((resolve) => (leave = resolve));
    const entered = this.tail.then(() => leave);
    this.tail = this.tail.then(() => turn);
    return entered;
  }

  async around<T>(work: () => Promise<T>): Promise<T> {
    const leave = await this.enter();
    try {
      return await work();
    } finally {
      leave();
    }
  }
}

/** What a proxy leaves as it is: the target's own value, methods bound to the target. */
function passThrough(target: object, property: string | symbol, receiver: unknown): unknown {
  const value: unknown = Reflect.get(target, property, receiver);
  return typeof value === "function" ? value.bind(target) : value;
}

type Query = Parameters<Adapter["queryRaw"]>[0];
const statement = (sql: string): Query => ({ sql, args: [], argTypes: [] });
const ENDS_TRANSACTION = /^\s*(COMMIT|ROLLBACK)\s*$/i;

/**
 * The transaction `adapter`'s connection is in (after BEGIN IMMEDIATE); `leave` ends its turn.
 * Prisma ends it by sending COMMIT or ROLLBACK, then calls commit() or rollback().
 */
function fairTransaction(adapter: Adapter, leave: () => void): Transaction {
  let ended = false;
  const end = () => {
    if (!ended) {
      ended = true;
      leave();
    }
  };
  return {
    provider: adapter.provider,
    adapterName: adapter.adapterName,
    options: { usePhantomQuery: false },
    queryRaw: async (query) => int64ColumnsAsNumbers(await afterATurn(() => adapter.queryRaw(query))),
    async executeRaw(query) {
      try {
        return await afterATurn(() => adapter.executeRaw(query));
      } catch (error) {
        if (ENDS_TRANSACTION.test(query.sql)) {
          // Prisma calls neither commit() nor rollback() after a failed COMMIT: the connection
          // must not stay in the transaction, nor this process wait for its end forever.
          await adapter.executeRaw(statement("ROLLBACK")).catch(() => undefined);
          end();
        }
        throw error;
      }
    },
    commit: async () => end(),
    rollback: async () => end(),
  };
}

function fairAdapter(adapter: Adapter, turnstile: Turnstile): Adapter {
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property === "queryRaw" || property === "executeRaw") {
        // A statement outside a transaction that found the file locked did nothing: it can be tried again.
        const run = (query: Query) => turnstile.around(() => retryWhileBusy(() => afterATurn(() => target[property](query) as Promise<never>)));
        return property === "queryRaw" ? async (query: Query) => int64ColumnsAsNumbers(await run(query)) : run;
      }
      if (property === "executeScript") {
        return (script: string) => turnstile.around(() => afterATurn(() => target.executeScript(script)));
      }
      if (property === "startTransaction") {
        return async (isolationLevel?: Parameters<Adapter["startTransaction"]>[0]) => {
          // SQLite's transactions are serializable; the adapter refuses any other level, in its own words.
          if (isolationLevel !== undefined && isolationLevel !== "SERIALIZABLE") return target.startTransaction(isolationLevel);
          const leave = await turnstile.enter();
          try {
            await retryWhileBusy(() => afterATurn(() => target.executeRaw(statement("BEGIN IMMEDIATE"))));
            return fairTransaction(target, leave);
          } catch (error) {
            leave();
            throw error;
          }
        };
      }
      return passThrough(target, property, receiver);
    },
  });
}

/**
 * PrismaBetterSQLite3 whose connections take turns with the event loop and with transactions,
 * and raw SQL straight on its connection, in the same turns (sqlite-direct.ts).
 */
export function fairSqliteAdapter(...args: ConstructorParameters<typeof PrismaBetterSQLite3>): { adapter: PrismaBetterSQLite3; direct: SqliteDirect } {
  const factory = new PrismaBetterSQLite3(...args);
  // Prisma connects once; the shadow database (migrations' diffs) has its own connection and turns.
  const turnstile = new Turnstile();
  let connection: SqliteConnection | null = null;
  const adapter = new Proxy(factory, {
    get(target, property, receiver) {
      if (property === "connect") {
        return async () => {
          const connected = await target.connect();
          connection = (connected as unknown as { client: SqliteConnection }).client;
          return fairAdapter(connected, turnstile);
        };
      }
      if (property === "connectToShadowDb") return async () => fairAdapter(await target.connectToShadowDb(), new Turnstile());
      return passThrough(target, property, receiver);
    },
  });
  const direct = new SqliteDirect(
    () => {
      if (!connection) throw new Error("the SQLite database is not connected yet");
      return connection;
    },
    (work) => turnstile.around(() => retryWhileBusy(() => afterATurn(async () => work()))),
  );
  return { adapter, direct };
}
