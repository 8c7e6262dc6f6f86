// /digest now: today so far against yesterday up to the same time, as it stood then (the orders
// and refunds logged by then, each post's metrics as last updated by then), not against all of
// yesterday, and the last seven days so far against the seven before up to the same time;
// changes of rates in percentage points beside the rate.

import { afterAll, beforeAll, expect, it } from "vitest";
import { expectOk, startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;
let clock = new Date("2026-12-19T09:00:00Z");
const at = (iso: string) => {
  clock = new Date(iso);
};

beforeAll(async () => {
  bot = await startTestBot({ now: () => clock });
});
afterAll(() => bot.close());

it("compares today so far with yesterday up to the same time, refunds included", async () => {
  at("2026-12-19T09:00:00Z");
  const ws = await bot.workspace([
    "/settings tz:Europe/Berlin",
    "/creator add kate tiktok 50k",
    '/campaign new "Spring Launch" objective:sales start:2026-12-01',
    '/campaign enroll "Spring Launch" kate fee:$100',
    '/code add kate "Spring Launch" code:KATE10',
    // Yesterday, 10:00 Berlin: an order and a post (1,000 views, 10 clicks).
    "/code redeem KATE10 $100 order:A1",
    "/post log https://www.tiktok.com/@kate/video/1 kate views:1000 likes:50 clicks:10",
  ]);
  // 11:00: $40 of that order refunded.
  at("2026-12-19T10:00:00Z");
  expectOk(await ws.run("/code refund KATE10 $40 order:A1"));
  // 21:00 and 23:00, after the time of today's digest: another order, and the post's views grow.
  at("2026-12-19T20:00:00Z");
  expectOk(await ws.run("/code redeem KATE10 $300 order:A2"));
  at("2026-12-19T22:00:00Z");
  expectOk(await ws.run("/post update https://www.tiktok.com/@kate/video/1 views:5000 likes:250 clicks:100"));

  // Today, 10:00: an order and a post (2,000 views, 40 clicks); the digest at 13:00.
  at("2026-12-20T09:00:00Z");
  expectOk(await ws.run("/code redeem KATE10 $150 order:B1"));
  expectOk(await ws.run("/post log https://www.tiktok.com/@kate/video/2 kate views:2000 likes:100 clicks:40"));
  at("2026-12-20T12:00:00Z");
  const text = await ws.text('/digest now "Spring Launch" frequency:daily');
  // Yesterday up to 13:00: 1 order of $100 less $40 refunded; 1 post of 1,000 views, 10 clicks.
  // (All of yesterday: 2 orders, $360, 5,000 views, 100 clicks.)
  expect(text).toMatch(/Posts:\s+1 \(\+0%\)\n/);
  expect(text).toMatch(/Views:\s+2,000 \(\+100%\)\n/);
  expect(text).toMatch(/Orders:\s+1 \(\+0%\)\n/);
  expect(text).toMatch(/Revenue:\s+\$150\.00 \(\+150%\)\n/);
  // CTR 2.00% against 1.00%; engagement rate 100 ÷ 50,000 = 0.20% against 50 ÷ 50,000 = 0.10%.
  expect(text).toMatch(/Clicks:\s+40 \(\+300%\), CTR 2\.00% \(\+1\.0 pp\)\n/);
  expect(text).toMatch(/Engagement rate:\s+0\.20% \(\+0\.1 pp\)\n/);
  expect(text).toMatch(/Changes compare with 2026-12-19 up to 13:00\./);
});

it("a weekly digest now compares the last seven days so far with the seven before up to the same time", async () => {
  at("2026-12-08T09:00:00Z");
  const ws = await bot.workspace([
    "/settings tz:Europe/Berlin",
    "/creator add kate tiktok 50k",
    '/campaign new "Spring Launch" objective:sales start:2026-12-01',
    '/campaign enroll "Spring Launch" kate fee:$100',
    '/code add kate "Spring Launch" code:KATE10',
    "/code redeem KATE10 $100 order:W1",
  ]);
  // A week before today, 10:00 Berlin (before the digest's 13:00) and 21:00 (after it).
  at("2026-12-13T09:00:00Z");
  expectOk(await ws.run("/code redeem KATE10 $50 order:W2"));
  at("2026-12-13T20:00:00Z");
  expectOk(await ws.run("/code redeem KATE10 $300 order:W3"));
  // Today: an order of today, and one of 2026-12-10 logged late (the days before the last count whole).
  at("2026-12-20T09:00:00Z");
  expectOk(await ws.run("/code redeem KATE10 $150 order:X1"));
  expectOk(await ws.run("/code redeem KATE10 $20 order:W4 date:2026-12-10"));
  at("2026-12-20T12:00:00Z");
  const text = await ws.text('/digest now "Spring Launch" frequency:weekly');
  // 2026-12-14..20 up to Sunday 13:00 against 2026-12-07..13 up to Sunday 13:00: W1, W4 and W2, not
  // W3 (the seven whole days before would be 4 orders, $470: -75% and -68%).
  expect(text).toMatch(/Orders:\s+1 \(-67%\)\n/);
  expect(text).toMatch(/Revenue:\s+\$150\.00 \(-12%\)\n/);
  expect(text).toMatch(/Changes compare with 2026-12-07\.\.2026-12-13 up to 13:00\./);
});
