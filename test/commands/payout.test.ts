// /payout (docs/payouts.md): what each creator earned in money by spend's own rules (fee on the
// first post, product in kind unless paid back, commission and per order after refunds), what
// was paid and what is owed, to the cent; recording and undoing payments, by admins only.

import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../../src/core/reply.ts";
import { expectOk, startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-12-05T10:00:00Z") });
});
afterAll(() => bot.close());

const bob = { userId: "bob", userName: "bob" };

/**
 * kate: $300 fee, $45 product (in kind, the default), 10% commission; posted on the 1st, orders
 * of $200 and $100. tom: $100 fee, $20 product paid back in money, 5% and $4 an order; no post
 * yet, one order of $50.10. lee: enrolled, nothing yet.
 */
const SPRING = [
  "/creator add kate tiktok 48k",
  "/creator add tom instagram 9k",
  "/creator add lee tiktok 2k",
  '/campaign new "Spring Launch" start:2026-11-20',
  '/campaign enroll "Spring Launch" kate fee:$300 product:$45 commission:10%',
  '/campaign enroll "Spring Launch" tom fee:$100 product:$20 product-cash:yes commission:5% per-order:$4',
  '/campaign enroll "Spring Launch" lee',
  '/code add kate "Spring Launch" code:KATE10',
  '/code add tom "Spring Launch" code:TOM5',
  "/post log https://www.tiktok.com/@kate/video/1 kate views:1000 posted:2026-12-01",
  "/code redeem KATE10 $200 order:1 date:2026-12-02",
  "/code redeem KATE10 $100 order:2 date:2026-12-03",
  "/code redeem TOM5 $50.10 order:3 date:2026-12-03",
];

const csvOf = (reply: Reply) => String(expectOk(reply).files[0]!.data);
const rowsOf = (reply: Reply) => parse(csvOf(reply), { columns: true }) as Record<string, string>[];
const rowOf = async (ws: { run(line: string): Promise<Reply> }, handle: string, campaign = "Spring Launch") =>
  (await rowsOf(await ws.run("/payout list status:all format:csv"))).find((r) => r.handle === handle && r.campaign === campaign)!;

describe("/payout list", () => {
  it("earned, paid and owed to the cent: fee once posted, product in kind, commission and per order, in CSV columns", async () => {
    const ws = await bot.workspace(SPRING);
    const reply = await ws.run("/payout list status:all format:csv");
    expect(csvOf(reply).split("\n")[0]).toBe("campaign,handle,currency,fees_earned,commission_earned,earned,in_kind,paid,owed,last_payment_date,last_payment_ref");
    expect(rowsOf(reply).map((r) => Object.values(r).join(","))).toEqual([
      // $300 fee + 10% of $300; the $45 product is in kind
      "Spring Launch,kate,USD,300.00,30.00,330.00,45.00,0.00,330.00,,",
      "Spring Launch,lee,USD,0.00,0.00,0.00,0.00,0.00,0.00,,",
      // no post: no fee yet; 5% of $50.10 = $2.505, + $4, rounded half up
      "Spring Launch,tom,USD,0.00,6.51,6.51,0.00,0.00,6.51,,",
    ]);
    // Earned and in kind are the report's spend, split: 330 + 45 = 375.00 for kate.
    const report = parse(csvOf(await ws.run('/report "Spring Launch" format:csv')), { columns: true }) as Record<string, string>[];
    expect(report.find((r) => r.handle === "kate")!.spend).toBe("375.00");
    expect(report.find((r) => r.handle === "tom")!.spend).toBe("6.51");

    // tom posts: his fee and the product he is paid back for are earned now.
    expectOk(await ws.run("/post log https://www.instagram.com/p/Tom1/ tom views:500 posted:2026-12-04"));
    expect(await rowOf(ws, "tom")).toMatchObject({ fees_earned: "120.00", commission_earned: "6.51", earned: "126.51", in_kind: "0.00", owed: "126.51" });

    const chat = await ws.text("/payout list");
    expect(chat).toContain("Payouts (owed), all campaigns");
    expect(chat).toMatch(/@kate\s+Spring Launch\s+\$330\.00\s+\$0\.00\s+\$330\.00\s+none/);
    expect(chat).toMatch(/@tom\s+Spring Launch\s+\$126\.51\s+\$0\.00\s+\$126\.51\s+none/);
    expect(chat).not.toContain("@lee"); // nothing owed: not under status:owed
    expect(chat).toMatch(/Owed:\s+\$456\.51/);
    expect(chat).toContain("Not owed: $45.00 given in kind");
  });

  it("a refund after a payment makes owed negative, and the list says so", async () => {
    const ws = await bot.workspace(SPRING);
    expectOk(await ws.run("/payout record kate $300 ref:INV-1 date:2026-12-04"));
    expect(await rowOf(ws, "kate")).toMatchObject({ earned: "330.00", paid: "300.00", owed: "30.00", last_payment_date: "2026-12-04", last_payment_ref: "INV-1" });
    expectOk(await ws.run("/payout record kate $30 ref:INV-2"));
    expect(await rowOf(ws, "kate")).toMatchObject({ paid: "330.00", owed: "0.00", last_payment_date: "2026-12-05", last_payment_ref: "INV-2" });
    // Order 2 ($100) refunded in full: 10% of it, $10, was paid and is no longer earned.
    expect(await ws.text("/code refund KATE10 $100 order:2")).toContain(
      '@kate was paid more than they earned in "Spring Launch" after this refund: owed -$10.00, to come off what they earn next (/payout list).',
    );
    expect(await rowOf(ws, "kate")).toMatchObject({ commission_earned: "20.00", earned: "320.00", paid: "330.00", owed: "-10.00" });
    const chat = await ws.text('/payout list campaign:"Spring Launch"');
    expect(chat).toMatch(/@kate\s+\$320\.00\s+\$330\.00\s+-\$10\.00/);
    expect(chat).toContain('@kate in "Spring Launch": owed -$10.00, paid more than earned after a refund');
    // Settled rows are under paid, not under owed.
    expectOk(await ws.run("/code redeem KATE10 $100 order:4"));
    expect(await ws.text("/payout list")).not.toContain("@kate");
    expect(await ws.text("/payout list status:paid")).toMatch(/@kate\s+Spring Launch\s+\$330\.00\s+\$330\.00\s+\$0\.00\s+2026-12-05 \(INV-2\)/);
  });

  it("never adds two currencies: totals are one per currency", async () => {
    const ws = await bot.workspace([...SPRING, '/campaign new Berlin currency:EUR', "/campaign enroll Berlin kate fee:€80", "/post log https://www.tiktok.com/@kate/video/2 kate campaign:Berlin posted:2026-12-02"]);
    const chat = await ws.text("/payout list");
    expect(chat).toMatch(/@kate\s+Berlin\s+€80\.00/);
    expect(chat).toMatch(/Owed:\s+€80\.00 · \$336\.51/);
  });
});

describe("/payout record", () => {
  it("records a payment with its ref and date; the same ref twice is refused, whatever its case", async () => {
    const ws = await bot.workspace(SPRING);
    const text = await ws.text("/payout record @kate $100 ref:INV-7 date:2026-12-03");
    expect(text).toContain('Recorded $100.00 paid to @kate for "Spring Launch"');
    expect(text).toMatch(/Owed now:\s+\$230\.00/);
    // A ref already used is refused first, even for an amount that would be refused too.
    expect(await ws.text("/payout record kate $1000 ref:INV-7")).toContain("Ref INV-7 is already recorded");
    expect(await ws.text("/payout record tom $5 ref:inv-7")).toContain('Ref INV-7 is already recorded: $100.00 to @kate for "Spring Launch" on 2026-12-03. A payment is recorded once.');
    const payments = await bot.db.payment.findMany({ where: { workspaceId: ws.id } });
    expect(payments.map((p) => [p.amount, p.currency, p.ref, p.day])).toEqual([[10000, "USD", "INV-7", "2026-12-03"]]);
    // Without ref: one is made up, and a second on the same day gets another.
    expectOk(await ws.run("/payout record kate $10"));
    expectOk(await ws.run("/payout record kate $10"));
    expect((await bot.db.payment.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } })).map((p) => p.ref)).toEqual(["INV-7", "KATE-20261205", "KATE-20261205-2"]);
  });

  it("refuses more than is owed unless force:yes, which records an advance", async () => {
    const ws = await bot.workspace(SPRING);
    expect(await ws.text("/payout record kate $330.01")).toContain('@kate is owed $330.00 in "Spring Launch"; $330.01 would pay $0.01 more than that.');
    expect(await bot.db.payment.count({ where: { workspaceId: ws.id } })).toBe(0);
    const forced = await ws.text("/payout record kate $400 force:yes ref:ADV-1");
    expect(forced).toMatch(/Owed now:\s+-\$70\.00/);
    expect(forced).toContain("Paid $70.00 more than earned with force:yes");
    expect(await rowOf(ws, "kate")).toMatchObject({ paid: "400.00", owed: "-70.00" });
  });

  it("reads the amount in the workspace's number style and refuses one that could mean two things", async () => {
    const ws = await bot.workspace([...SPRING, "/settings numbers:1.234,56"]);
    expect(await ws.text("/payout record kate 1,000")).toContain("Invalid amount: \"1,000\" could be $1,00 or $1.000,00");
    expectOk(await ws.run("/payout record kate 12,50 ref:A"));
    expect((await bot.db.payment.findFirstOrThrow({ where: { workspaceId: ws.id } })).amount).toBe(1250);
    expect(await ws.text("/payout record kate €5")).toContain("Invalid amount: \"€5\" is in euros (€), but this is counted in USD");
    expect(await ws.text("/payout record kate 0")).toContain("Invalid amount: a payment is more than");
    expect(await ws.text("/payout record kate 5 date:2026-12-06")).toContain("Invalid date: 2026-12-06 is in the future");
    expect(await bot.db.payment.count({ where: { workspaceId: ws.id } })).toBe(1);
  });

  it("asks which campaign when a creator is owed in several, and never guesses", async () => {
    const ws = await bot.workspace([...SPRING, "/campaign new Summer", "/campaign enroll Summer kate fee:$50", "/post log https://www.tiktok.com/@kate/video/3 kate campaign:Summer posted:2026-12-03"]);
    const asked = await ws.text("/payout record kate $50");
    expect(asked).toContain('Which campaign is this payment for? @kate is owed money in "Spring Launch" (owed $330.00), "Summer" (owed $50.00).');
    expect(await bot.db.payment.count({ where: { workspaceId: ws.id } })).toBe(0);
    expectOk(await ws.run("/payout record kate $50 campaign:Summer"));
    // Only Spring Launch is owed now: that is the one.
    expect(await ws.text("/payout record kate $30")).toContain('Recorded $30.00 paid to @kate for "Spring Launch"');
    expect(await ws.text("/payout record lee $1 campaign:Summer")).toContain('@lee is not enrolled in "Summer"');
  });

  it("is for admins: a member may list but not record or undo", async () => {
    const ws = await bot.workspace(SPRING);
    expectOk(await ws.run("/payout list", bob));
    expect(await ws.text("/payout record kate $10", bob)).toContain("Only admins can use /payout record.");
    expectOk(await ws.run("/payout record kate $10 ref:X1"));
    expect(await ws.text("/payout undo kate ref:X1", bob)).toContain("Only admins can use /payout undo.");
    expect(await ws.text('/campaign enroll "Spring Launch" kate product-cash:yes', bob)).toContain("Only admins can set or change a creator's compensation");
    expect(await bot.db.payment.count({ where: { workspaceId: ws.id } })).toBe(1);
  });
});

describe("/payout undo", () => {
  it("takes a payment back by its ref, and the activity log keeps both", async () => {
    const ws = await bot.workspace(SPRING);
    expectOk(await ws.run("/payout record kate $300 ref:INV-9 date:2026-12-04"));
    expect(await ws.text("/payout undo tom ref:INV-9")).toContain("Ref INV-9 is a payment to @kate, not @tom; nothing was undone.");
    expect(await ws.text("/payout undo kate ref:NOPE")).toContain("No payment with ref NOPE");
    const undone = await ws.text("/payout undo kate ref:inv-9");
    expect(undone).toContain('Undone: $300.00 paid to @kate for "Spring Launch" on 2026-12-04 (ref INV-9)');
    expect(undone).toMatch(/Owed now:\s+\$330\.00/);
    expect(await bot.db.payment.count({ where: { workspaceId: ws.id } })).toBe(0);
    const log = await ws.text('/activity campaign:"Spring Launch"');
    expect(log).toContain('Undid the payment ref INV-9: $300.00 to @kate for "Spring Launch" on 2026-12-04');
    expect(log).toContain('Paid @kate $300.00 for "Spring Launch" on 2026-12-04, ref INV-9');
    // The ref is free again.
    expectOk(await ws.run("/payout record kate $300 ref:INV-9"));
  });
});

describe("/campaign enroll … cash parts", () => {
  it("says what is paid in kind, and changing it changes what is owed", async () => {
    const ws = await bot.workspace(SPRING);
    expect(await ws.text('/campaign enroll "Spring Launch" kate product-cash:yes')).toMatch(/Fee:\s+\$300\.00\nProduct:\s+\$45\.00\nCommission:\s+10%\n/);
    expect(await rowOf(ws, "kate")).toMatchObject({ fees_earned: "345.00", earned: "375.00", in_kind: "0.00" });
    expect(await ws.text('/campaign enroll "Spring Launch" kate commission-cash:no product-cash:no')).toMatch(/Product:\s+\$45\.00 \(in kind\)\nCommission:\s+10% \(in kind\)\n/);
    expect(await rowOf(ws, "kate")).toMatchObject({ fees_earned: "300.00", commission_earned: "0.00", earned: "300.00", in_kind: "75.00" });
  });
});
