import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;
const bob = { userId: "bob", userName: "bob" };
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.close());

const CREATORS = ["/creator add kate tiktok 48k", "/creator add tom instagram 9k"];
const SPRING_LAUNCH = '/campaign new "Spring Launch" brand:Kettlebell objective:sales budget:$5,000.50 start:2026-12-01 end:2026-12-31';
/** kate and tom, in Spring Launch with kate's fee and product and tom in the second wave. */
const ENROLLED = [
  ...CREATORS,
  SPRING_LAUNCH,
  '/campaign enroll "spring launch" @kate fee:$300 product:$45.50 commission:10% per-order:$2 due:2026-12-10',
  '/campaign enroll “Spring Launch” tom wave:2 fee:100',
];

describe("/campaign", () => {
  it("creates a campaign with budget in minor units and the workspace's currency", async () => {
    const ws = await bot.workspace(CREATORS);
    expectOk(await ws.run(SPRING_LAUNCH));
    const c = await bot.db.campaign.findFirstOrThrow({ where: { workspaceId: ws.id, nameKey: "spring launch" } });
    expect(c).toMatchObject({ name: "Spring Launch", slug: "spring-launch", budget: 500050, currency: "USD", startDate: "2026-12-01", endDate: "2026-12-31", status: "active" });
  });

  it("names are unique case-insensitively; dates must be in order; currencies must match", async () => {
    const ws = await bot.workspace([SPRING_LAUNCH]);
    expect(await ws.text('/campaign new "SPRING launch"')).toMatch(/already exists/);
    expect(await ws.text("/campaign new Winter start:2026-12-10 end:2026-12-01")).toMatch(/before the start/);
    expect(await ws.text("/campaign new Winter budget:€300 currency:USD")).toMatch(/"€300" is in euros \(€\), but this is counted in USD/);
    expect(await bot.db.campaign.count({ where: { workspaceId: ws.id } })).toBe(1);
    // A budget in euros makes a euro campaign.
    expectOk(await ws.run("/campaign new Winter budget:€300"));
    expect(await bot.db.campaign.findFirstOrThrow({ where: { workspaceId: ws.id, nameKey: "winter" } })).toMatchObject({ currency: "EUR", budget: 30000 });
    expect(await ws.text("/campaign new Yen currency:XYZ")).toMatch(/not a currency code/);
  });

  it("enrols with compensation; committed counts fixed costs until the first post", async () => {
    const ws = await bot.workspace([...CREATORS, SPRING_LAUNCH]);
    expectOk(await ws.run('/campaign enroll "spring launch" @kate fee:$300 product:$45.50 commission:10% per-order:$2 due:2026-12-10'));
    expectOk(await ws.run('/campaign enroll “Spring Launch” tom wave:2 fee:100'));
    const kate = await bot.db.enrolment.findFirstOrThrow({ where: { workspaceId: ws.id, creator: { handleKey: "kate" } } });
    expect(kate).toMatchObject({ wave: 1, fee: 30000, productCost: 4550, commissionBps: 1000, perOrder: 200, dueDate: "2026-12-10" });
    const show = await ws.text('/campaign show "Spring Launch"');
    expect(show).toMatch(/Budget:\s+\$5,000\.50/);
    expect(show).toMatch(/Committed:\s+\$445\.50/);
    expect(show).toMatch(/Spent:\s+\$0\.00/);
    expect(show).toMatch(/Remaining:\s+\$4,555\.00/);
    expect(show).toMatch(/Wave 1 \(1 creator\)[\s\S]*@kate[\s\S]*Wave 2 \(1 creator\)[\s\S]*@tom/);
  });

  it("changing the fee of an enrolled creator is for admins; other members may enrol", async () => {
    const ws = await bot.workspace(ENROLLED);
    const kate = { workspaceId: ws.id, creator: { handleKey: "kate" } };
    expect((await ws.run('/campaign enroll "Spring Launch" kate fee:$999', bob)).errorCode).toBe("not_allowed");
    expect((await bot.db.enrolment.findFirstOrThrow({ where: kate })).fee).toBe(30000);
    expectOk(await ws.run('/campaign enroll "Spring Launch" kate due:2026-12-12', bob));
    expectOk(await ws.run('/campaign enroll "Spring Launch" kate fee:$350'));
    expect(await bot.db.enrolment.findFirstOrThrow({ where: kate })).toMatchObject({ fee: 35000, dueDate: "2026-12-12" });
  });

  it("budget changes are for admins", async () => {
    const ws = await bot.workspace([SPRING_LAUNCH]);
    expect((await ws.run('/campaign update "Spring Launch" budget:$1', bob)).errorCode).toBe("not_allowed");
    expectOk(await ws.run('/campaign update "Spring Launch" brand:"Kettlebell Co"', bob));
    expectOk(await ws.run('/campaign update "Spring Launch" budget:$6,000'));
    expect(await bot.db.campaign.findFirstOrThrow({ where: { workspaceId: ws.id, nameKey: "spring launch" } })).toMatchObject({ budget: 600000, brand: "Kettlebell Co" });
  });

  it("baseline stores orders, revenue and days", async () => {
    const ws = await bot.workspace([SPRING_LAUNCH]);
    expectOk(await ws.run('/campaign baseline "Spring Launch" orders:120 revenue:$6,000 days:28'));
    expect(await bot.db.campaign.findFirstOrThrow({ where: { workspaceId: ws.id, nameKey: "spring launch" } })).toMatchObject({ baselineOrders: 120, baselineRevenue: 600000, baselineDays: 28 });
    expect(await ws.text('/campaign baseline "Spring Launch" orders:120 days:28')).toMatch(/needs revenue/);
  });

  it("closing stops new enrolments; list shows both", async () => {
    const ws = await bot.workspace([...CREATORS, SPRING_LAUNCH, "/campaign new Winter budget:€300"]);
    expectOk(await ws.run("/campaign close winter"));
    expect(await ws.text("/campaign enroll winter kate")).toMatch(/is closed/);
    expect(await bot.db.enrolment.count({ where: { workspaceId: ws.id, campaign: { nameKey: "winter" } } })).toBe(0);
    const list = await ws.text("/campaign list");
    expect(list).toMatch(/Spring Launch\s+active/);
    expect(list).toMatch(/Winter\s+closed/);
    expect(await ws.text("/campaign list status:closed")).not.toContain("Spring Launch");
  });

  it("unknown campaigns list what exists", async () => {
    const ws = await bot.workspace([SPRING_LAUNCH]);
    expect(await ws.text("/campaign show Sprung")).toMatch(/No campaign "Sprung"[\s\S]*Campaigns: /);
  });
});

describe("/settings", () => {
  it("is for admins; sets zone, currency and tier thresholds that tiers then follow", async () => {
    const ws = await bot.workspace(CREATORS);
    expect((await ws.run("/settings tz:Europe/Berlin", bob)).errorCode).toBe("not_allowed");
    expect(await ws.text("/settings tz:Europe/Berln")).toMatch(/closest: Europe\/Berlin/);
    expect(await ws.text("/settings tiers:10,5,3,1")).toMatch(/thresholds must rise/);
    expectOk(await ws.run("/settings tz:europe/berlin currency:eur tiers:5k,50k,500k,5m"));
    expect(await bot.db.workspace.findUniqueOrThrow({ where: { id: ws.id } })).toMatchObject({
      timeZone: "Europe/Berlin",
      currency: "EUR",
      tierNano: 5000,
      tierMicro: 50000,
    });
    expect(await ws.text("/creator list")).toMatch(/@kate\s+nano\s+48,000/);
  });
});

describe("workspaces", () => {
  it("never see each other's creators or campaigns", async () => {
    const ours = await bot.workspace(ENROLLED);
    // zoe is the first member of theirs, and so its admin; alice is nobody there.
    const theirs = await bot.workspace([], { platform: "slack", userId: "U9", userName: "zoe" });
    expect(await theirs.text("/creator show kate")).toMatch(/No creator @kate/);
    expect(await theirs.text('/campaign show "Spring Launch"')).toMatch(/No campaign/);
    expectOk(await theirs.run("/creator add kate youtube 2m"));
    expectOk(await theirs.run('/campaign new "Spring Launch"'));
    expect(await theirs.text("/creator list")).toMatch(/Creators \(1\)[\s\S]*@kate\s+mega/);
    expect(await ours.text("/creator list")).toMatch(/Creators \(2\)/);
    expect(await theirs.text('/campaign enroll "Spring Launch" tom')).toMatch(/No creator @tom/);
    expect(await bot.db.creator.count({ where: { workspaceId: { in: [ours.id, theirs.id] }, handleKey: "kate" } })).toBe(2);
    expect((await theirs.run("/settings", { userId: "U10", userName: "yan" })).errorCode).toBe("not_allowed");
    expectOk(await theirs.run("/settings"));
  });

  it("counts creators and posts per campaign, only this workspace's", async () => {
    const ours = await bot.workspace([...ENROLLED, "/campaign new Winter budget:€300", "/campaign close winter"]);
    // Another workspace with a campaign of the same name, a creator and posts of its own.
    const theirs = await bot.workspace([], { userId: "zoe", userName: "zoe" });
    expectOk(await theirs.run("/creator add kate tiktok 10k"));
    expectOk(await theirs.run('/campaign new "Spring Launch"'));
    expectOk(await theirs.run('/campaign enroll "Spring Launch" kate'));
    for (const n of [1, 2, 3]) expectOk(await theirs.run(`/post log https://www.tiktok.com/@kate/video/90${n} kate "Spring Launch" views:1k`));
    expectOk(await ours.run('/post log https://www.tiktok.com/@kate/video/100 kate "Spring Launch" views:2k'));

    const list = await ours.text("/campaign list");
    expect(list).toMatch(/Spring Launch\s+active\s+sales\s+2\s+1\s/);
    expect(list).toMatch(/Winter\s+closed\s+sales\s+0\s+0\s/);
    const show = await ours.text('/campaign show "Spring Launch"');
    expect(show).toMatch(/@kate\s.*\s1\n/);
    expect(show).toMatch(/@tom\s.*\s0\n/);
    expect(await theirs.text("/campaign list")).toMatch(/Spring Launch\s+active\s+sales\s+1\s+3\s/);
  });
});
