// /home (issue 23, a home view) as the shell prints it: a team member sees what is due this week
// (with a Remind button, printed as the line to type), money owed as /payout counts it, and the
// last seven days of each active campaign; a linked creator sees their own /my and nothing of the
// team's. On SQLite, and on PostgreSQL with TEST_DATABASE_URL.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderText } from "../../src/render/text.ts";
import { expectOk, startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-12-05T10:00:00Z") });
});
afterAll(() => bot.close());

const bob = { userId: "bob", userName: "bob" };
const kate = { userId: "Kate", userName: "Kate" };
export const HOME_SETUP = [
  "/creator add kate tiktok 48k email:kate@example.com",
  "/creator add tom tiktok 9k email:tom@example.com",
  "/creator add lee tiktok 9k email:lee@example.com",
  '/campaign new "Spring Launch" start:2026-12-01 end:2026-12-31',
  '/campaign enroll "Spring Launch" kate fee:$300 due:2026-12-08',
  '/campaign enroll "Spring Launch" tom fee:$777 due:2026-12-01',
  '/campaign enroll "Spring Launch" lee fee:$50 due:2026-12-20',
  '/code add tom "Spring Launch" code:TOM25 discount:25%',
  "/code redeem TOM25 $999 order:2001 date:2026-12-03",
  '/post log https://www.tiktok.com/@tom/video/9001 tom "Spring Launch" views:50k likes:4k posted:2026-12-02',
];

describe("/home", () => {
  it("lists the posts awaiting approval with an Approve button, once the campaign asks for approval", async () => {
    const ws = await bot.workspace(HOME_SETUP, bob);
    expect(renderText(await ws.run("/home", bob))).not.toContain("awaiting approval");
    expectOk(await ws.run('/campaign update "Spring Launch" approval:on', bob));
    expectOk(await ws.run("/creator link kate Kate", bob));
    expectOk(await ws.run("/post submit https://www.tiktok.com/@kate/video/77 draft:yes", kate));
    const home = await ws.run("/home", bob);
    expect(renderText(home)).toContain("Posts awaiting approval (1)");
    expect(renderText(home)).toContain('@kate, "Spring Launch": https://www.tiktok.com/@kate/video/77 (draft)');
    expect(home.actions?.map((a) => a.command)).toContain("/post approve https://www.tiktok.com/@kate/video/77");
    expectOk(await ws.run("/post approve https://www.tiktok.com/@kate/video/77", bob));
    expect(renderText(await ws.run("/home", bob))).toContain("Posts awaiting approval (0)");
  });

  it("shows a team member what is due this week, money owed and the latest figures, with the Remind line", async () => {
    const ws = await bot.workspace(HOME_SETUP, bob);
    const reply = await ws.run("/home", bob);
    expectOk(reply);
    const text = renderText(reply);
    expect(reply.visibility).toBe("ephemeral");
    // kate is due on the 8th (within seven days of the 5th), lee on the 20th is not; tom has posted.
    expect(text).toContain("Deliverables due this week (1)");
    expect(text).toContain('@kate, "Spring Launch": due 2026-12-08');
    expect(text).not.toContain("@lee,");
    expect(reply.actions?.map((a) => a.command)).toContain('/campaign remind "Spring Launch" @kate');
    // Money owed as /payout list counts it: tom's fee, once posted.
    const payout = await ws.text("/payout list", bob);
    expect(payout).toContain("$777.00");
    expect(text).toContain("Money owed");
    expect(text).toMatch(/@tom.*Spring Launch.*\$777\.00/);
    expect(text).not.toMatch(/@kate.*\$300\.00/);
    // The last seven days, with the order and the post of the week.
    expect(text).toContain("Latest figures, last seven days");
    expect(text).toContain('"Spring Launch", 2026-11-29..2026-12-05');
    expect(text).toContain("$999.00");
  });

  it("shows a linked creator their own /my, nothing of the team's", async () => {
    const ws = await bot.workspace(HOME_SETUP, bob);
    expectOk(await ws.run("/creator link kate Kate", bob));
    const home = await ws.run("/home", kate);
    expectOk(home);
    const my = await ws.run("/my", kate);
    expect(renderText(home)).toBe(renderText(my));
    expect(renderText(home)).toContain("@kate: your campaigns");
    expect(renderText(home)).not.toContain("Money owed");
    expect(renderText(home)).not.toContain("@tom");
  });
});
