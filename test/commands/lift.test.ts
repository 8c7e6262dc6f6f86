// Lift (docs/reports.md "Lift"): the shop's total sales a day during the campaign, recorded with
// /campaign sales, against the baseline's a day. Campaign days run from the start to the end, or
// to yesterday while it runs; an order before the start does not move it; code sales are never
// compared with the shop's total sales.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderText } from "../../src/render/text.ts";
import { expectOk, startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;
let clock = new Date("2026-12-20T12:00:00Z");

beforeAll(async () => {
  bot = await startTestBot({ now: () => clock });
});
afterAll(() => bot.close());

const SETUP = [
  "/creator add kate tiktok 48k",
  '/campaign new "Spring Launch" objective:sales start:2026-12-01 end:2026-12-10',
  '/campaign enroll "Spring Launch" kate fee:$300',
  '/code add kate "Spring Launch" code:KATE10',
  "/post log https://www.tiktok.com/@kate/video/1 kate views:10k likes:800 posted:2026-12-02",
  "/code redeem KATE10 $59.90 orders:7 date:2026-12-03",
  // The shop sold 1 order and $50 a day before the campaign.
  '/campaign baseline "Spring Launch" orders:40 revenue:$2,000 days:40',
];

const liftLine = (text: string) => /Lift vs baseline:[^\n]*/.exec(text)?.[0];
const at = (iso: string) => {
  clock = new Date(iso);
};

describe("lift", () => {
  it("reads n/a with the way to record the shop's sales, never code sales against total sales", async () => {
    at("2026-12-20T12:00:00Z");
    const ws = await bot.workspace(SETUP);
    const text = renderText(expectOk(await ws.run('/report "Spring Launch"')));
    expect(liftLine(text)).toBe(
      `Lift vs baseline: n/a: the shop's total sales during the campaign are not recorded; record each day with /campaign sales "Spring Launch" <date> orders:<n> revenue:<money>`,
    );
  });

  it("covers the days to yesterday while the campaign runs, then to its end, the same day after day", async () => {
    at("2026-12-05T12:00:00Z");
    const ws = await bot.workspace(SETUP);
    // Two orders and $75 a day: twice the baseline's orders, one and a half times its revenue.
    for (const day of ["2026-12-01", "2026-12-02", "2026-12-03", "2026-12-04"]) expectOk(await ws.run(`/campaign sales "Spring Launch" ${day} orders:2 revenue:$75`));
    // Today's sales are not over: recorded, but not in lift yet.
    expectOk(await ws.run('/campaign sales "Spring Launch" today orders:50 revenue:$5,000'));
    expect(liftLine(await ws.text('/report "Spring Launch"'))).toBe("Lift vs baseline: orders +100%, revenue +50% a day (shop's total sales, 4 days, 2026-12-01..2026-12-04)");

    at("2026-12-11T09:00:00Z");
    expectOk(await ws.run('/campaign sales "Spring Launch" 2026-12-05 orders:2 revenue:$75'));
    for (const day of ["2026-12-06", "2026-12-07", "2026-12-08", "2026-12-09", "2026-12-10"]) expectOk(await ws.run(`/campaign sales "Spring Launch" ${day} orders:2 revenue:$75`));
    const afterEnd = "Lift vs baseline: orders +100%, revenue +50% a day (shop's total sales, 10 days, 2026-12-01..2026-12-10)";
    expect(liftLine(await ws.text('/report "Spring Launch"'))).toBe(afterEnd);
    for (const later of ["2026-12-20T12:00:00Z", "2027-01-15T12:00:00Z", "2027-06-01T12:00:00Z"]) {
      at(later);
      expect(liftLine(await ws.text('/report "Spring Launch"')), later).toBe(afterEnd);
    }
  });

  it("does not move the start for an order dated before it, and says how many days are recorded", async () => {
    at("2026-12-20T12:00:00Z");
    const ws = await bot.workspace(SETUP);
    const early = await ws.run("/code redeem KATE10 $30 order:9001 date:2026-11-20 force:yes");
    if (early.status !== "ok") expectOk(await ws.run("/code redeem KATE10 $30 order:9001 date:2026-11-20"));
    for (const day of ["2026-12-01", "2026-12-02", "2026-12-03"]) expectOk(await ws.run(`/campaign sales "Spring Launch" ${day} orders:3 revenue:$50`));
    expect(liftLine(await ws.text('/report "Spring Launch"'))).toBe("Lift vs baseline: orders +200%, revenue +0% a day (shop's total sales, 3 of 10 days recorded, 2026-12-01..2026-12-10)");
    // A period covers its own campaign days.
    expect(liftLine(await ws.text('/report "Spring Launch" period:2026-11-25..2026-12-02'))).toBe(
      "Lift vs baseline: orders +200%, revenue +0% a day (shop's total sales, 2 days, 2026-12-01..2026-12-02)",
    );
  });
});

describe("/campaign sales", () => {
  it("records a day's total, replaces it when typed again, and refuses days outside the campaign", async () => {
    at("2026-12-20T12:00:00Z");
    const ws = await bot.workspace(SETUP);
    expect(await ws.text('/campaign sales "Spring Launch" 2026-12-04 orders:14 revenue:$840')).toMatch(/Shop sales of "Spring Launch" on 2026-12-04[\s\S]*Orders:\s+14[\s\S]*Revenue:\s+\$840\.00/);
    expect(await ws.text('/campaign sales "spring launch" 2026-12-04 orders:15 revenue:$900')).toMatch(/Replaces 14 orders, \$840\.00 recorded before for that day\./);
    const rows = await bot.db.shopSalesDay.findMany({ where: { workspaceId: ws.id } });
    expect(rows.map((r) => ({ day: r.day, orders: r.orders, revenue: r.revenue }))).toEqual([{ day: "2026-12-04", orders: 15, revenue: 90000 }]);

    const before = await ws.run('/campaign sales "Spring Launch" 2026-11-30 orders:1 revenue:$10');
    expect(before.status).not.toBe("ok");
    expect(renderText(before)).toMatch(/2026-11-30 is before "Spring Launch" started \(2026-12-01\)[\s\S]*\/campaign baseline "Spring Launch"/);
    expect(renderText(await ws.run('/campaign sales "Spring Launch" 2026-12-11 orders:1 revenue:$10'))).toMatch(/2026-12-11 is after "Spring Launch" ended \(2026-12-10\)/);
    expect(renderText(await ws.run('/campaign sales "Spring Launch" 2026-12-21 orders:1 revenue:$10'))).toMatch(/2026-12-21 is in the future/);
    expect(await bot.db.shopSalesDay.count({ where: { workspaceId: ws.id } })).toBe(1);
  });

  it("without a baseline, says lift needs one", async () => {
    at("2026-12-20T12:00:00Z");
    const ws = await bot.workspace(SETUP.slice(0, -1));
    expect(await ws.text('/campaign sales "Spring Launch" 2026-12-04 orders:14 revenue:$840')).toMatch(/Lift needs a baseline too/);
    expect(liftLine(await ws.text('/report "Spring Launch"'))).toMatch(/^Lift vs baseline: n\/a: no baseline yet; record the sales before the campaign with \/campaign baseline "Spring Launch"/);
  });
});
