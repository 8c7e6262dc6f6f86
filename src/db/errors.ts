// Recognises database errors that mean something to a person: a unique value already taken, a
// database that cannot be reached just now (or an SQLite file another process keeps locked).

/** Prisma's P2002; with driver adapters the fields sit under meta.driverAdapterError. */
export function isUniqueViolation(error: unknown): boolean {
  return typeof error === "object" && error !== null && (error as { code?: unknown }).code === "P2002";
}

/** The columns of the violated unique constraint, when Prisma says which. */
export function uniqueFields(error: unknown): string[] {
  const meta = (error as { meta?: Record<string, any> }).meta ?? {};
  const fields = meta.driverAdapterError?.cause?.constraint?.fields ?? meta.target;
  // PostgreSQL's detail quotes mixed-case columns ("externalId"); SQLite's does not.
  const names: string[] = Array.isArray(fields) ? fields.map(String) : typeof fields === "string" ? [fields] : [];
  return names.map((name) => name.replace(/^"(.*)"$/, "$1"));
}

/** Prisma's codes for a server it cannot reach, a connection it lost, or a pool with no free connection. */
const UNAVAILABLE_PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
const UNAVAILABLE_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
/**
 * SQLSTATEs: 08 connection exceptions, 57P01–57P03 the server shutting down or killing the
 * backend, 57014 a statement cancelled (statement timeout), 53300 too many connections.
 */
const UNAVAILABLE_SQLSTATE = /^(08...|57P0[123]|57014|53300)$/;
/** Socket errors on the way to the server (pg passes them on as they are). */
const UNAVAILABLE_SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
/**
 * pg's own words for a lost connection; "is not queryable": the connection of a transaction
 * broke between its statements (a server restart), and the next statement was refused.
 */
const UNAVAILABLE_MESSAGE =
  /Connection terminated|terminating connection|is not queryable|ECONNREFUSED|ECONNRESET|Can't reach database server|timeout exceeded when trying to connect/i;
/** SQLite: another connection (another process) holds the lock; SQLITE_BUSY and its extended codes. */
const BUSY_CODE = /^SQLITE_BUSY/;

type ErrorLink = { code?: unknown; kind?: unknown; originalCode?: unknown; message?: unknown; meta?: { driverAdapterError?: unknown }; cause?: unknown };

/** Whether `test` holds for the error or anything it wraps (Prisma's error, the adapter's, the driver's). */
function anyInChain(error: unknown, test: (link: ErrorLink) => boolean): boolean {
  const seen = new Set<unknown>();
  let current: unknown = error;
  while (typeof current === "object" && current !== null && !seen.has(current)) {
    seen.add(current);
    const link = current as ErrorLink;
    if (test(link)) return true;
    current = link.meta?.driverAdapterError ?? link.cause;
  }
  return false;
}

/** SQLite answered "database is locked": the write lock is another connection's, nothing was done. */
export function isDatabaseBusy(error: unknown): boolean {
  return anyInChain(error, (e) => (typeof e.code === "string" && BUSY_CODE.test(e.code)) || (typeof e.originalCode === "string" && BUSY_CODE.test(e.originalCode)));
}

/**
 * The database was unreachable or the connection broke (a restart, a failover, a killed
 * backend, a statement timeout), or an SQLite file stayed locked by another process: nothing
 * was committed, and the same command can simply be sent again. Only the connection fails; the
 * pool opens a new one on the next query.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  return (
    isDatabaseBusy(error) ||
    anyInChain(error, (e) => {
      if (typeof e.code === "string" && (UNAVAILABLE_PRISMA_CODES.has(e.code) || UNAVAILABLE_SQLSTATE.test(e.code) || UNAVAILABLE_SOCKET_CODES.has(e.code))) return true;
      if (typeof e.originalCode === "string" && UNAVAILABLE_SQLSTATE.test(e.originalCode)) return true;
      if (typeof e.kind === "string" && UNAVAILABLE_KINDS.has(e.kind)) return true;
      return typeof e.message === "string" && UNAVAILABLE_MESSAGE.test(e.message);
    })
  );
}
