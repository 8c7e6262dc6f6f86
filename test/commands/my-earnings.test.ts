// A creator's earnings (/my earnings, and the Earnings of /my): fees and commission earned, paid
// so far and owed now, read from the same rows as the team's /payout list, so the two agree to the
// cent; only the caller's own money, never another creator's. On SQLite, and on PostgreSQL with
// TEST_DATABASE_URL.

import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { numberWriter } from "../../src/core/format.ts";
import { expectOk, startTestBot, type TestBot, type TestWorkspace } from "../helpers/core.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-12-05T10:00:00Z") });
});
afterAll(() => bot.close());

const kate = { userId: "kate-chat", userName: "Kate" };
const tom = { userId: "tom-chat", userName: "Tom" };

/** kate ($300 fee, $45 product in kind, 10%) and tom (5% and $4 an order, no post) with orders; kate paid $330, then $100 refunded. */
const SPRING = [
  "/creator add kate tiktok 48k",
  "/creator add tom instagram 9k",
  '/campaign new "Spring Launch" start:2026-11-20',
  '/campaign enroll "Spring Launch" kate fee:$300 product:$45 commission:10%',
  '/campaign enroll "Spring Launch" tom fee:$100 commission:5% per-order:$4',
  '/code add kate "Spring Launch" code:KATE10',
  '/code add tom "Spring Launch" code:TOM5',
  "/post log https://www.tiktok.com/@kate/video/1 kate views:1000 posted:2026-12-01",
  "/code redeem KATE10 $200 order:1 date:2026-12-02",
  "/code redeem KATE10 $100 order:2 date:2026-12-03",
  "/code redeem TOM5 $50.10 order:3 date:2026-12-03",
  "/payout record kate $300 ref:INV-1 date:2026-12-04",
  "/payout record kate $30 ref:INV-2",
  "/code refund KATE10 $100 order:2",
];

/** Links the person `who` to the creator `handle` (their member row made by a first command). */
async function link(ws: TestWorkspace, who: { userId: string; userName: string }, handle: string) {
  expectOk(await ws.run("/help", who));
  const member = await bot.db.member.findFirstOrThrow({ where: { workspaceId: ws.id, externalId: who.userId } });
  const creator = await bot.db.creator.findFirstOrThrow({ where: { workspaceId: ws.id, handleKey: handle } });
  await bot.db.creatorLink.create({ data: { workspaceId: ws.id, memberId: member.id, creatorId: creator.id } });
}

const money = (major: string) => numberWriter().money(Math.round(Number(major) * 100), "USD");

describe("/my earnings", () => {
  it("agrees with /payout list to the cent, says why owed is negative, and shows nothing of another creator", async () => {
    const ws = await bot.workspace(SPRING);
    await link(ws, kate, "kate");
    await link(ws, tom, "tom");
    const team = parse(String(expectOk(await ws.run("/payout list status:all format:csv")).files[0]!.data), { columns: true }) as Record<string, string>[];
    const row = team.find((r) => r.handle === "kate")!;
    expect(row).toMatchObject({ fees_earned: "300.00", commission_earned: "20.00", paid: "330.00", owed: "-10.00" });

    const mine = await ws.text("/my earnings", kate);
    const cells = [row.fees_earned, row.commission_earned, row.paid, row.owed].map((m) => money(m!).replace("$", "\\$"));
    expect(mine).toMatch(new RegExp(`Spring Launch\\s+${cells.join("\\s+")}`));
    expect(mine).toMatch(/Fees earned:\s+\$300\.00\nCommission earned:\s+\$20\.00\nPaid so far:\s+\$330\.00\nOwed now:\s+-\$10\.00/);
    expect(mine).toContain('"Spring Launch": owed -$10.00, you were paid more than you earned after a refund');
    expect(mine).toContain("Not owed: $45.00 given in kind");
    expect(mine).not.toMatch(/tom|6\.51/i);

    // tom sees his own: 5% of $50.10 + $4 = $6.51, nothing of kate's.
    const his = await ws.text("/my earnings", tom);
    expect(his).toMatch(/Owed now:\s+\$6\.51/);
    expect(his).not.toMatch(/kate|330|300\.00/i);
    expect(team.find((r) => r.handle === "tom")!.owed).toBe("6.51");
  });

  it("the whole /my has the same earnings; a payment lowers owed in both views", async () => {
    const ws = await bot.workspace(SPRING);
    await link(ws, tom, "tom");
    expect(await ws.text("/my", tom)).toMatch(/Earnings[\s\S]*Owed now:\s+\$6\.51/);
    expectOk(await ws.run("/payout record tom $6.50 ref:T-1"));
    expect(await ws.text("/my", tom)).toMatch(/Paid so far:\s+\$6\.50\nOwed now:\s+\$0\.01/);
    expect(await ws.text("/payout list")).toMatch(/@tom\s+Spring Launch\s+\$6\.51\s+\$6\.50\s+\$0\.01/);
  });

  it("over a period: what was earned and paid in it, and owed now for all time", async () => {
    const ws = await bot.workspace(SPRING);
    await link(ws, kate, "kate");
    const today = await ws.text("/my earnings period:2026-12-05..2026-12-05", kate);
    expect(today).toContain("Earnings, 2026-12-05..2026-12-05");
    // today: the $100 refund takes back $10 of commission; $30 paid (INV-2); owed is all-time
    expect(today).toMatch(/Spring Launch\s+\$0\.00\s+-\$10\.00\s+\$30\.00\s+-\$10\.00/);
    expect(today).toContain("Owed now is for all time, whatever the period.");
  });

  it("a creator cannot see the team's list, nor record a payment", async () => {
    const ws = await bot.workspace(SPRING);
    await link(ws, kate, "kate");
    expect(await ws.text("/payout list", kate)).toContain("This is for the team");
    expect(await ws.text("/payout record kate $1", kate)).toContain("This is for the team");
  });
});
