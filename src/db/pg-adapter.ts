// The PostgreSQL driver adapter, with two repairs. Prisma 6.19 ends an interactive transaction
// with `executeRaw("ROLLBACK" | "COMMIT")` and only then releases the pooled connection; when
// the connection was lost (a restart, a failover, a killed backend) that statement throws and
// the connection is never released: each lost connection leaks a pool slot until the pool runs
// dry, and shutting down waits forever. Here a failed COMMIT or ROLLBACK releases the connection
// with the error, so pg drops it and opens a fresh one when needed. And the statements of one
// transaction are sent one after another (see inTurn). Every result reads its BIGINT columns as
// numbers, as on SQLite (src/db/bigints.ts).

import { PrismaPg } from "@prisma/adapter-pg";
import { int64ColumnsAsNumbers } from "./bigints.ts";

type PgAdapter = Awaited<ReturnType<PrismaPg["connect"]>>;
type PgTransaction = Awaited<ReturnType<PgAdapter["startTransaction"]>>;
type PgQuery = Parameters<PgTransaction["executeRaw"]>[0];

/** What adapter-pg 6.19.3 keeps on its transaction object (not public API; pinned version). */
interface TransactionInternals {
  client?: { release?: (error?: Error | boolean) => void };
  cleanup?: () => void;
}

function releaseBroken(tx: PgTransaction, error: unknown): void {
  const internals = tx as unknown as TransactionInternals;
  internals.cleanup?.();
  try {
    // With an error, pg closes the connection instead of pooling it.
    internals.client?.release?.(error instanceof Error ? error : new Error(String(error)));
  } catch {
    // Already released: nothing leaked.
  }
}

function repairTransaction(tx: PgTransaction): PgTransaction {
  let released = false;
  // One connection runs one statement at a time. Handlers may start several queries at once
  // inside a transaction (Promise.all); pg 8 queues them itself but warns that this is
  // deprecated (and pg 9 refuses), so they are queued here.
  let queue: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(run: () => Promise<T>): Promise<T> => {
    const result = queue.then(run);
    queue = result.catch(() => undefined);
    return result;
  };
  return new Proxy(tx, {
    get(target, property) {
      if (property === "queryRaw") return async (query: PgQuery) => int64ColumnsAsNumbers(await inTurn(() => target.queryRaw(query)));
      if (property === "executeRaw") {
        return async (query: PgQuery) => {
          try {
            return await inTurn(() => target.executeRaw(query));
          } catch (error) {
            if (/^\s*(COMMIT|ROLLBACK)\s*$/i.test(query.sql) && !released) {
              released = true;
              releaseBroken(target, error);
            }
            throw error;
          }
        };
      }
      if (property === "commit" || property === "rollback") {
        return async () => {
          if (released) return;
          released = true;
          await target[property]();
        };
      }
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

function repairAdapter(adapter: PgAdapter): PgAdapter {
  return new Proxy(adapter, {
    get(target, property) {
      if (property === "startTransaction") {
        return async (...args: Parameters<PgAdapter["startTransaction"]>) => repairTransaction(await target.startTransaction(...args));
      }
      if (property === "queryRaw") return async (query: PgQuery) => int64ColumnsAsNumbers(await target.queryRaw(query));
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}

/** `new PrismaPg(...)` whose transactions release a broken connection instead of leaking it, and whose BIGINT columns read as numbers. */
export function pgAdapter(...args: ConstructorParameters<typeof PrismaPg>): PrismaPg {
  const factory = new PrismaPg(...args);
  return new Proxy(factory, {
    get(target, property) {
      if (property === "connect") return async () => repairAdapter(await target.connect());
      const value = Reflect.get(target, property, target);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
