// PostgreSQL hands Prisma a BIGINT column (the `// int64` fields, COUNT(*)) as a 64-bit value,
// and SQLite an aggregate (COUNT(*), SUM) of its 64-bit INTEGER, which a raw query ($queryRaw)
// would give back as a bigint. Both adapters (pg-adapter.ts, sqlite-adapter.ts) pass every result
// through here: such a column becomes a number when every value in it is exact as one (up to
// 2^53; the limits of src/domain/limits.ts keep values far below), so raw queries read numbers
// on both databases. Model queries read numbers either way: the
// PostgreSQL client has these fields as Int (src/db/schema-diff.ts, postgresqlClientSchema).

/** The part of a driver adapter's result that matters here (SqlResultSet of @prisma/driver-adapter-utils). */
export interface ResultColumns {
  columnTypes: number[];
  rows: unknown[][];
}

// ColumnTypeEnum of @prisma/driver-adapter-utils 6.19.
const INT32 = 0;
const INT64 = 1;

const exact = (value: unknown) => value === null || Number.isSafeInteger(typeof value === "string" || typeof value === "bigint" ? Number(value) : value);

/** The result with its 64-bit integer columns as numbers (each column whose values all fit; others stay as they are). */
export function int64ColumnsAsNumbers<R extends ResultColumns>(result: R): R {
  for (let column = 0; column < result.columnTypes.length; column++) {
    if (result.columnTypes[column] !== INT64) continue;
    if (!result.rows.every((row) => exact(row[column]))) continue;
    for (const row of result.rows) if (row[column] !== null) row[column] = Number(row[column]);
    result.columnTypes[column] = INT32;
  }
  return result;
}
