// Code leaks in the report's figures: only the orders before a creator's first post count, in
// the whole campaign and within a period; a creator who never posted leaks all their orders; a
// creator in two waves (two enrolments) counts once, up to the first post of either wave.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { campaignFigures } from "../../src/db/report-queries.ts";
import { thresholdsOf } from "../../src/db/tier-thresholds.ts";
import { expectOk, startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;
const SETUP = [
  "/creator add kate tiktok 48k",
  "/creator add tom instagram 9k",
  "/creator add ann tiktok 20k",
  '/campaign new "Leaky" start:2026-12-01',
  '/campaign enroll "Leaky" kate fee:$100',
  '/campaign enroll "Leaky" tom fee:$100',
  '/campaign enroll "Leaky" ann fee:$100',
  "/post log https://www.tiktok.com/@kate/video/1 kate views:1k posted:2026-12-05",
  "/post log https://www.tiktok.com/@kate/video/2 kate views:1k posted:2026-12-09",
  "/post log https://www.tiktok.com/@ann/video/1 ann views:1k posted:2026-12-02",
  '/code add kate "Leaky" code:KATE',
  '/code add tom "Leaky" code:TOM',
  '/code add ann "Leaky" code:ANN',
  "/code redeem KATE $10 order:k1 date:2026-12-02",
  "/code redeem KATE $20 order:k2 date:2026-12-04",
  "/code redeem KATE $40 order:k3 date:2026-12-05",
  "/code redeem KATE $80 order:k4 date:2026-12-07",
  "/code redeem TOM $5 order:t1 date:2026-12-03",
  "/code redeem TOM $7 orders:2 date:2026-12-08",
  "/code redeem ANN $9 order:a1 date:2026-12-02",
  // Two waves each: kate posts only in wave 2, tom never.
  '/campaign new "Twice" start:2026-12-01',
  '/campaign enroll "Twice" kate fee:$100',
  '/campaign enroll "Twice" kate wave:2 fee:$50',
  '/campaign enroll "Twice" tom fee:$100',
  '/campaign enroll "Twice" tom wave:2 fee:$100',
  '/post log https://www.tiktok.com/@kate/video/3 kate "Twice" views:1k posted:2026-12-06 wave:2',
  '/code add kate "Twice" code:KATE2',
  '/code add tom "Twice" code:TOM2',
  "/code redeem KATE2 $10 order:k21 date:2026-12-02",
  "/code redeem KATE2 $20 order:k22 date:2026-12-07",
  "/code redeem TOM2 $5 order:t21 date:2026-12-03",
];

beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-12-20T12:00:00Z") });
  for (const line of SETUP) expectOk(await bot.run(line));
});
afterAll(() => bot.close());

async function leaks(from: string | null, to: string | null, name = "Leaky") {
  const campaign = await bot.db.campaign.findFirstOrThrow({ where: { name } });
  const workspace = await bot.db.workspace.findUniqueOrThrow({ where: { id: campaign.workspaceId } });
  return (await campaignFigures(bot.db, campaign, { from, to }, thresholdsOf(workspace))).leaks;
}

describe("code leaks", () => {
  it("counts a poster's orders before the first post, and every order of a creator who never posted", async () => {
    // Largest first; ann's only order is on the day of her first post, so it is not a leak.
    expect(await leaks(null, null)).toEqual([
      { handle: "kate", orders: 2, revenue: 3000, firstDay: "2026-12-02", firstPostDay: "2026-12-05" },
      { handle: "tom", orders: 3, revenue: 1200, firstDay: "2026-12-03", firstPostDay: null },
    ]);
  });

  it("within a period, only that period's orders before the first post", async () => {
    expect(await leaks("2026-12-03", "2026-12-06")).toEqual([
      { handle: "kate", orders: 1, revenue: 2000, firstDay: "2026-12-04", firstPostDay: "2026-12-05" },
      { handle: "tom", orders: 1, revenue: 500, firstDay: "2026-12-03", firstPostDay: null },
    ]);
    expect(await leaks("2026-12-05", "2026-12-07")).toEqual([]);
  });

  it("counts a creator in two waves once, up to the first post of either wave", async () => {
    expect(await leaks(null, null, "Twice")).toEqual([
      { handle: "kate", orders: 1, revenue: 1000, firstDay: "2026-12-02", firstPostDay: "2026-12-06" },
      { handle: "tom", orders: 1, revenue: 500, firstDay: "2026-12-03", firstPostDay: null },
    ]);
  });
});
