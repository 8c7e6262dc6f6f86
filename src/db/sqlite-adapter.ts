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

import { PrismaBetterSQLite3 } from "@prisma/adapter-better-sqlite3";

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

function fairTransaction(tx: Transaction, leave: () => void): Transaction {
  let ended = false;
  const end = () => {
    if (!ended) {
      ended = true;
      leave();
    }
  };
  return new Proxy(tx, {
    get(target, property, receiver) {
      if (property === "queryRaw" || property === "executeRaw") {
        return (query: Parameters<Transaction["queryRaw"]>[0]) => afterATurn(() => target[property](query) as Promise<never>);
      }
      if (property === "commit" || property === "rollback") {
        return async () => {
          try {
            await target[property]();
          } finally {
            end();
          }
        };
      }
      return passThrough(target, property, receiver);
    },
  });
}

function fairAdapter(adapter: Adapter): Adapter {
  const turnstile = new Turnstile();
  return new Proxy(adapter, {
    get(target, property, receiver) {
      if (property === "queryRaw" || property === "executeRaw") {
        return (query: Parameters<Adapter["queryRaw"]>[0]) => turnstile.around(() => afterATurn(() => target[property](query) as Promise<never>));
      }
      if (property === "executeScript") {
        return (script: string) => turnstile.around(() => afterATurn(() => target.executeScript(script)));
      }
      if (property === "startTransaction") {
        return async (isolationLevel?: Parameters<Adapter["startTransaction"]>[0]) => {
          const leave = await turnstile.enter();
          try {
            return fairTransaction(await afterATurn(() => target.startTransaction(isolationLevel)), leave);
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

/** PrismaBetterSQLite3 whose connections take turns with the event loop and with transactions. */
export function fairSqliteAdapter(...args: ConstructorParameters<typeof PrismaBetterSQLite3>): PrismaBetterSQLite3 {
  const factory = new PrismaBetterSQLite3(...args);
  return new Proxy(factory, {
    get(target, property, receiver) {
      if (property === "connect" || property === "connectToShadowDb") {
        return async () => fairAdapter(await target[property]());
      }
      return passThrough(target, property, receiver);
    },
  });
}
