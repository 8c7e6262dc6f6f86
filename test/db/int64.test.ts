// Money and counts are 64-bit on both databases (the fields marked `// int64` in
// prisma/schema.prisma): BIGINT columns on PostgreSQL, read as numbers by model and raw queries
// alike. The commands' side (a $30,000,000 budget, 3 billion views, a $21,474,836.48 order) is in
// test/commands/input-checks.test.ts.

import { readFileSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { int64ColumnsAsNumbers } from "../../src/db/bigints.ts";
import { int64Shape, postgresqlClientSchema, postgresqlSchema, SCHEMA_PATH } from "../../src/db/schema-diff.ts";
import { expectOk, onPostgres, startTestBot, testProvider, type TestBot } from "../helpers/core.ts";

const schema = readFileSync(SCHEMA_PATH, "utf8");

/** Int fields that hold ids, basis points or small numbers: never money or a count that may pass 2^31. */
const SMALL_INTS = /^(id|\w+Id|\w+Bps|wave|weekday|attempts|baselineDays|adviceGraceHours|remindDays|ghostDays|approvalDays)$/;

describe("the // int64 marks", () => {
  it("every Int field that is not an id, basis points or a small number is marked // int64 (mark a new money or count column so)", () => {
    const unmarked: string[] = [];
    for (const [, model, body] of schema.matchAll(/^model\s+(\w+)\s*\{([^}]*)\}/gm)) {
      for (const [, field, rest] of body!.matchAll(/^\s*(\w+)\s+Int\??(.*)$/gm)) {
        if (!SMALL_INTS.test(field!) && !/\/\/\s*int64\b/.test(rest!)) unmarked.push(`${model}.${field}`);
      }
    }
    expect(unmarked).toEqual([]);
  });

  it("the database's PostgreSQL schema has them as BigInt, the client's as Int, so code reads numbers", () => {
    expect(postgresqlSchema(schema)).toMatch(/^\s*budget\s+BigInt\? \/\/ int64/m);
    expect(postgresqlSchema(schema)).toMatch(/^\s*revenue\s+BigInt\s+@default\(0\) \/\/ int64/m);
    expect(postgresqlSchema(schema)).toMatch(/^\s*wave\s+Int\s/m);
    expect(postgresqlClientSchema(schema, "./out")).not.toMatch(/BigInt/);
    expect(JSON.parse(int64Shape(schema))).toContain("Redemption.revenue");
  });

  it("a 64-bit column of a raw result becomes a number when every value fits, and stays as it is otherwise", () => {
    const result = { columnTypes: [1, 1, 0], rows: [["3000000000", "9007199254740993", 5], [null, "1", 6]] };
    expect(int64ColumnsAsNumbers(result)).toEqual({ columnTypes: [0, 1, 0], rows: [[3_000_000_000, "9007199254740993", 5], [null, "1", 6]] });
  });
});

describe(`64-bit columns on ${testProvider}`, () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot({ now: () => new Date("2026-12-05T10:00:00Z") });
  });
  afterAll(() => bot.close());

  it("raw queries read values past 2^31, and counts, as numbers", async () => {
    const ws = await bot.workspace(["/creator add kate tiktok 3,000,000,000", "/campaign new Big budget:$30,000,000", "/campaign enroll Big kate", "/code add kate Big code:KATE"]);
    expectOk(await ws.run("/code redeem KATE $21,474,836.48 order:1"));
    const rows = await bot.db.$queryRaw<Array<{ revenue: unknown; followers: unknown; n: unknown }>>`
      SELECT r."revenue" AS "revenue", a."followers" AS "followers", (SELECT COUNT(*) FROM "Redemption" x WHERE x."workspaceId" = ${ws.id}) AS "n"
      FROM "Redemption" r JOIN "Account" a ON a."creatorId" = r."creatorId" WHERE r."workspaceId" = ${ws.id}`;
    expect(rows).toEqual([{ revenue: 2_147_483_648, followers: 3_000_000_000, n: 1 }]);
  });

  it.runIf(onPostgres)("on PostgreSQL the marked columns are BIGINT", async () => {
    const columns = await bot.db.$queryRawUnsafe<Array<{ column: string; type: string }>>(
      `SELECT table_name || '.' || column_name AS "column", data_type AS "type" FROM information_schema.columns
       WHERE table_schema = current_schema() AND column_name IN ('revenue', 'budget', 'views', 'followers', 'wave') ORDER BY 1`,
    );
    expect(Object.fromEntries(columns.map((c) => [c.column, c.type]))).toMatchObject({
      "Redemption.revenue": "bigint",
      "Campaign.budget": "bigint",
      "Post.views": "bigint",
      "Account.followers": "bigint",
      "Enrolment.wave": "integer",
    });
  });
});
