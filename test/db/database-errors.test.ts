// Which driver errors a person hears as "the database could not be reached just now; nothing
// was saved; try again" instead of "Something went wrong": the shapes pg, @prisma/adapter-pg,
// better-sqlite3 and Prisma give them (the PostgreSQL and two-process tests meet them for real).

import { describe, expect, it } from "vitest";
import { isDatabaseBusy, isDatabaseUnavailable } from "../../src/db/errors.ts";

const socketError = (code: string, syscall: string) => Object.assign(new Error(`${syscall} ${code} 127.0.0.1:5432`), { code, syscall, errno: -1 });
/** How Prisma wraps an adapter's error: the adapter's error under meta, the driver's facts in its cause. */
const prismaError = (code: string, cause: Record<string, unknown>) =>
  Object.assign(new Error("Invalid invocation"), { code, meta: { driverAdapterError: Object.assign(new Error(String(cause.kind)), { name: "DriverAdapterError", cause }) } });

describe("a database that cannot be reached just now", () => {
  it.each([
    ["pg: a transaction's connection broke between statements", new Error("Client has encountered a connection error and is not queryable")],
    ["pg: a connection closed under a command", new Error("Client was closed and is not queryable")],
    ["pg: the server went away mid-statement", new Error("Connection terminated unexpectedly")],
    ["the server restarting (57P01, admin shutdown)", prismaError("P2010", { kind: "postgres", code: "57P01", originalCode: "57P01", message: "terminating connection due to administrator command" })],
    ["the server starting up (57P03)", prismaError("P2010", { kind: "postgres", code: "57P03", originalCode: "57P03", message: "the database system is starting up" })],
    ["nothing listening (ECONNREFUSED)", prismaError("P1001", { kind: "DatabaseNotReachable", host: "127.0.0.1", port: 5432 })],
    ["a socket error the adapter passes on as it is (EPIPE)", socketError("EPIPE", "write")],
    ["no route to the server (EHOSTUNREACH)", socketError("EHOSTUNREACH", "connect")],
    ["SQLite: the write lock still another process's after the wait", prismaError("P1008", { kind: "SocketTimeout", originalCode: "SQLITE_BUSY", originalMessage: "database is locked" })],
    ["SQLite: an extended busy code, passed on as it is", Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY_SNAPSHOT" })],
  ])("%s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(true);
  });

  it.each([
    ["a unique value already taken", prismaError("P2002", { kind: "UniqueConstraintViolation", constraint: { fields: ["handleKey"] } })],
    ["SQLite's own unique constraint", Object.assign(new Error("UNIQUE constraint failed: Creator.handleKey"), { code: "SQLITE_CONSTRAINT_UNIQUE" })],
    ["a bug", new TypeError("Cannot read properties of undefined (reading 'id')")],
  ])("not: %s", (_, error) => {
    expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("an SQLite file locked by another connection", () => {
  it("is SQLITE_BUSY or one of its extended codes, raw or wrapped by the adapter", () => {
    expect(isDatabaseBusy(prismaError("P1008", { kind: "SocketTimeout", originalCode: "SQLITE_BUSY" }))).toBe(true);
    expect(isDatabaseBusy(Object.assign(new Error("database is locked"), { code: "SQLITE_BUSY_RECOVERY" }))).toBe(true);
    expect(isDatabaseBusy(prismaError("P1001", { kind: "DatabaseNotReachable" }))).toBe(false);
    expect(isDatabaseBusy(new Error("Connection terminated unexpectedly"))).toBe(false);
  });
});
