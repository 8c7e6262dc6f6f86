// The same rules on SQLite and PostgreSQL (run with TEST_DATABASE_URL for the latter):
// case-insensitive uniqueness comes from normalised columns (handleKey, nameKey, upper-case
// codes) with plain unique indexes, not from a collation only one database has.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isUniqueViolation, uniqueFields } from "../../src/db/errors.ts";
import { expectOk, startTestBot, testProvider, type TestBot } from "../helpers/core.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.close());

describe(`case-insensitive uniqueness on ${testProvider}`, () => {
  it("a handle in another case is the same creator", async () => {
    expectOk(await bot.run("/creator add @Kate tiktok 48k"));
    expect(await bot.text("/creator add @KATE instagram 5k")).toMatch(/@Kate is already registered/);
    expect(expectOk(await bot.run("/creator show kATe")).title).toMatch(/@Kate/);
    expect(await bot.db.creator.count()).toBe(1);
  });

  it("a campaign name in another case is the same campaign", async () => {
    expectOk(await bot.run('/campaign new "Spring Launch"'));
    expect((await bot.run('/campaign new "SPRING launch"')).status).toBe("error");
    expectOk(await bot.run('/campaign enroll "spring LAUNCH" kate'));
    expect(await bot.db.campaign.count()).toBe(1);
  });

  it("a code in another case is the same code", async () => {
    expectOk(await bot.run('/code add kate "Spring Launch" code:kate-Spring'));
    expect(await bot.text('/code add kate "Spring Launch" code:KATE-spring')).toMatch(/KATE-SPRING is already held by @Kate/);
    expectOk(await bot.run("/code redeem kate-spring $10 order:A1"));
    expect(await bot.text("/code redeem KATE-SPRING $10 order:A1")).toMatch(/Order A1 was already counted/);
    expect(await bot.db.code.findMany({ select: { code: true } })).toEqual([{ code: "KATE-SPRING" }]);
  });

  it("the database itself refuses a second row with the same key, and says which columns", async () => {
    const kate = await bot.db.creator.findFirstOrThrow();
    const error = await bot.db.creator.create({ data: { workspaceId: kate.workspaceId, handle: "KATE", handleKey: "kate" } }).catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    expect(uniqueFields(error)).toEqual(["workspaceId", "handleKey"]);
  });
});
