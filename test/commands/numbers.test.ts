// Numbers a marketer can trust (issue 20, "Parsing: never guess silently"): every value the issue
// names, typed as people type them, in each number style where it matters. A value that could
// mean two things is refused with both and nothing is stored; a reply shows what was stored.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCampaignDigest } from "../../src/digest/build.ts";
import { renderText } from "../../src/render/text.ts";
import { expectOk, startTestBot, type TestBot, type TestWorkspace } from "../helpers/core.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-12-05T10:00:00Z") });
});
afterAll(() => bot.close());

/** A EUR workspace with dani (Instagram, 5k) enrolled in "Spring" with the code DANI15. */
const springIn = (style: string | null) => [
  ...(style ? [`/settings currency:EUR numbers:"${style}"`] : ["/settings currency:EUR"]),
  "/creator add dani instagram 5000",
  "/campaign new Spring start:2026-12-01 end:2026-12-31",
  "/campaign enroll Spring dani",
  "/code add dani Spring code:DANI15",
];

const stored = async (ws: TestWorkspace) => ({
  campaigns: await bot.db.campaign.findMany({ where: { workspaceId: ws.id }, select: { name: true, budget: true }, orderBy: { id: "asc" } }),
  fees: await bot.db.enrolment.findMany({ where: { workspaceId: ws.id }, select: { fee: true, productCost: true }, orderBy: { id: "asc" } }),
  orders: await bot.db.redemption.findMany({ where: { workspaceId: ws.id }, select: { orders: true, revenue: true } }),
  codes: await bot.db.code.findMany({ where: { workspaceId: ws.id }, select: { orders: true, revenue: true } }),
  followers: await bot.db.account.findMany({ where: { workspaceId: ws.id }, select: { handle: true, followers: true }, orderBy: { id: "asc" } }),
});

describe("in 1,234.56 (the default), a decimal comma is asked about, never read as thousands", () => {
  it("fee:€180,50, 1012,50, 23,4k, budget:1,5 and 0,99 are refused with both readings and how to write each; nothing is stored", async () => {
    const ws = await bot.workspace(springIn(null));
    const before = await stored(ws);
    expect(await ws.text("/campaign enroll Spring dani fee:€180,50")).toContain(
      'Invalid fee: "€180,50" could be €180.50 or €18,050.00: write 180.50, or 18050.',
    );
    expect(await ws.text("/code redeem DANI15 1012,50 orders:25")).toContain(
      'Invalid revenue: "1012,50" could be €1,012.50 or €101,250.00: write 1012.50, or 101250.',
    );
    expect(await ws.text("/creator add sara instagram 23,4k")).toContain('Invalid followers: "23,4k" could be 23,400 or 234,000: write 23.4k, or 234k.');
    expect(await ws.text("/campaign new Summer budget:1,5")).toContain('Invalid budget: "1,5" could be €1.50 or €15.00: write 1.50, or 15.');
    expect(await ws.text("/campaign enroll Spring dani product:0,99")).toContain('Invalid product: "0,99" could be €0.99 or €99.00: write 0.99, or 99.');
    expect(await stored(ws)).toEqual(before);
  });

  it("budget:12.000€ (three decimals in a two-decimal currency) is asked about; \"12.000,00 €\" is refused as another style's", async () => {
    const ws = await bot.workspace(springIn(null));
    expect(await ws.text("/campaign update Spring budget:12.000€")).toContain('Invalid budget: "12.000€" could be €12.00 or €12,000.00: write 12, or 12000.');
    expect(await ws.text('/campaign update Spring budget:"12.000,00 €"')).toContain(
      'Invalid budget: "12.000,00 €" is written as in 1.234,56, but this workspace writes numbers as 1,234.56: write 12000.00',
    );
    expect((await stored(ws)).campaigns).toEqual([{ name: "Spring", budget: null }]);
  });

  it("12.000 and 23.400 followers are asked about alike", async () => {
    const ws = await bot.workspace(springIn(null));
    expect(await ws.text("/creator add sara instagram 12.000")).toContain('Invalid followers: "12.000" could be 12 or 12,000: write 12, or 12000.');
    expect(await ws.text("/creator add sara instagram 23.400")).toContain('Invalid followers: "23.400" could be 23.4 (not a whole number) or 23,400: write 23400.');
    expect(await bot.db.creator.count({ where: { workspaceId: ws.id, handleKey: "sara" } })).toBe(0);
  });

  it("trailing zeros mean nothing: 12.0 followers are twelve, likes:45.00 are 45, views:1000.0 are 1,000, 1.2000k is 1,200; each reply shows what was stored", async () => {
    const ws = await bot.workspace(springIn(null));
    expect(await ws.text("/creator add sara instagram 12.0")).toContain("12 followers on Instagram");
    expect(await ws.text("/creator account dani tiktok 1.2000k")).toContain("TikTok added with 1,200 followers.");
    const logged = await ws.text("/post log https://www.instagram.com/p/ABC123/ dani Spring views:1000.0 likes:45.00 posted:2026-12-04");
    expect(logged).toMatch(/Views:\s+1,000\n/);
    expect(logged).toMatch(/Engagements:\s+45 \(45 likes,/);
    const post = await bot.db.post.findFirst({ where: { workspaceId: ws.id }, select: { views: true, likes: true } });
    expect(post).toEqual({ views: 1000, likes: 45 });
    expect((await stored(ws)).followers).toEqual([
      { handle: "dani", followers: 5000 },
      { handle: "sara", followers: 12 },
      { handle: "dani", followers: 1200 },
    ]);
  });

  it("$12,000 on a EUR campaign is refused naming both currencies; €12,000 is stored and shown", async () => {
    const ws = await bot.workspace(springIn(null));
    expect(await ws.text("/campaign update Spring budget:$12,000")).toContain(
      'Invalid budget: "$12,000" is in dollars ($), but this is counted in EUR (€); write the amount in EUR.',
    );
    expect(await ws.text("/campaign update Spring budget:€12,000")).toMatch(/Budget:\s+€12,000\.00/);
    expect((await stored(ws)).campaigns).toEqual([{ name: "Spring", budget: 1_200_000 }]);
  });
});

describe("in 1.234,56, the same values are read the European way and written back so", () => {
  it("fee:€180,50, 1012,50 orders:25, 23,4k, budget:1,5, 0,99, 12.000€ and \"12.000,00 €\" are stored as meant and shown in the style", async () => {
    const ws = await bot.workspace(springIn("1.234,56"));
    expect(await ws.text("/campaign enroll Spring dani fee:€180,50 product:0,99 commission:12,5%")).toMatch(/Fee:\s+€180,50\nProduct:\s+€0,99 \(in kind\)\nCommission:\s+12,5%/);
    expect(await ws.text("/code redeem DANI15 1012,50 orders:25")).toContain("DANI15: 25 orders, €1.012,50 on 2026-12-05");
    expect(await ws.text("/creator add sara instagram 23,4k")).toContain("23.400 followers on Instagram");
    expect(await ws.text("/campaign new Summer budget:1,5")).toMatch(/Budget:\s+€1,50/);
    expect(await ws.text("/campaign new Autumn budget:12.000€")).toMatch(/Budget:\s+€12.000,00/);
    expect(await ws.text('/campaign new Winter budget:"12.000,00 €"')).toMatch(/Budget:\s+€12.000,00/);
    const now = await stored(ws);
    expect(now.fees).toEqual([{ fee: 18050, productCost: 99 }]);
    expect(now.orders).toEqual([{ orders: 25, revenue: 101250 }]);
    expect(now.codes).toEqual([{ orders: 25, revenue: 101250 }]);
    expect(now.campaigns.map((c) => c.budget)).toEqual([null, 150, 1_200_000, 1_200_000]);
    expect(now.followers.find((a) => a.handle === "sara")?.followers).toBe(23_400);
  });

  it("12.000 and 23.400 followers are thousands; 12,000 and 12.0 are asked about; $12,000 is still refused", async () => {
    const ws = await bot.workspace(springIn("1.234,56"));
    expect(await ws.text("/creator add sara instagram 12.000")).toContain("12.000 followers on Instagram");
    expect(await ws.text("/creator add tina instagram 23.400")).toContain("23.400 followers on Instagram");
    expect(await ws.text("/creator add uma instagram 12,000")).toContain('Invalid followers: "12,000" could be 12 or 12.000: write 12, or 12000.');
    expect(await ws.text("/creator add uma instagram 12.0")).toContain('Invalid followers: "12.0" could be 12 or 120: write 12, or 120.');
    expect(await ws.text("/campaign update Spring budget:$12,000")).toContain('"$12,000" is in dollars ($), but this is counted in EUR (€)');
    expect(await ws.text('/campaign update Spring budget:"$12,000.00"')).toContain('Invalid budget: "$12,000.00" is written as in 1,234.56');
    expect((await stored(ws)).campaigns).toEqual([{ name: "Spring", budget: null }]);
  });

  it("option limits, the expected form and the settings speak the style", async () => {
    const ws = await bot.workspace(springIn("1.234,56"));
    expect(await ws.text("/campaign enroll Spring dani wave:1.000")).toContain("Invalid wave: 1.000 must be at most 100. Expected a whole number like 12000, 12.000, 12k or 1,2m.");
    expect(await ws.text("/code redeem DANI15 lots")).toContain('Invalid revenue: "lots" is not an amount of money. Expected an amount like 1200,50, $1.200,50 or €300.');
    expect(await ws.text("/settings")).toMatch(/Numbers:\s+1\.234,56 \(€1\.234,56, 12,5%\)/);
  });

  it("reports, advice and digests write the style; the CSV stays machine-readable", async () => {
    const ws = await bot.workspace([
      ...springIn("1.234,56"),
      "/campaign enroll Spring dani fee:€540,50",
      "/post log https://www.instagram.com/p/ABC123/ dani Spring views:12.000 likes:1.234 posted:2026-12-02",
      "/code redeem DANI15 1012,50 orders:25 date:2026-12-03",
    ]);
    const report = await ws.text("/report Spring");
    expect(report).toMatch(/Revenue:\s+€1\.012,50/);
    expect(report).toMatch(/Spend:\s+€540,50/);
    expect(report).toMatch(/ROAS:\s+1,87/);
    expect(report).toMatch(/Views:\s+12\.000/);
    expect(report).toContain("@dani: ROAS 1,87, CPA €21,62, 25 orders");
    const csv = expectOk(await ws.run("/report Spring format:csv")).files[0]!.data.toString();
    expect(csv.split("\n")[0]).toContain("revenue");
    expect(csv).toContain("1012.50");
    expect(csv).toContain("540.50");
    expect(csv).not.toContain("1.012,50");
    const digest = await ws.text("/digest now Spring");
    expect(digest).toMatch(/Revenue:\s+€/);
    expect(digest).toContain("@dani: ROAS 1,87, CPA €21,62, 25 orders");
  });
});

describe("in 1 234,56, a space groups thousands and the comma is the decimal mark", () => {
  it('budget:"12 000,50 €" and fee:€180,50 are stored as meant and shown with spaces; 12.000 is asked about', async () => {
    const ws = await bot.workspace(springIn("1 234,56"));
    expect(await ws.text('/campaign update Spring budget:"12 000,50 €"')).toMatch(/Budget:\s+€12 000,50/);
    expect(await ws.text("/campaign enroll Spring dani fee:€180,50")).toMatch(/Fee:\s+€180,50/);
    expect(await ws.text("/creator add sara instagram 12.000")).toContain('Invalid followers: "12.000" could be 12 or 12 000: write 12, or 12000.');
    expect(await ws.text("/creator add sara instagram 23,4k")).toContain("23 400 followers on Instagram");
    const now = await stored(ws);
    expect(now.campaigns).toEqual([{ name: "Spring", budget: 1_200_050 }]);
    expect(now.fees).toEqual([{ fee: 18050, productCost: 0 }]);
  });
});

describe("/settings numbers:", () => {
  it("is for admins, takes one of the three styles, and its reply already speaks the new one", async () => {
    const ws = await bot.workspace(["/settings currency:EUR"]);
    expect(await ws.text("/settings numbers:1.234,56", { userId: "bob", userName: "bob" })).toMatch(/Only admins/);
    expect(await ws.text("/settings numbers:1'234.56")).toMatch(/Invalid numbers: "1'234.56" is not one of them. Expected one of 1,234.56, 1.234,56, 1 234,56/);
    expect(await ws.text("/settings numbers:1.234,56")).toMatch(/Numbers:\s+1\.234,56 \(€1\.234,56, 12,5%\)/);
    expect((await bot.db.workspace.findUnique({ where: { id: ws.id } }))?.numberStyle).toBe("1.234,56");
    expect(await ws.text('/settings numbers:"1 234,56"')).toMatch(/Numbers:\s+1 234,56 \(€1 234,56, 12,5%\)/);
  });
});

describe("the check a platform makes before the database (Slack's three seconds)", () => {
  it("leaves a number for the run to read in the workspace's style, and refuses at once only what no style reads", async () => {
    const ws = await bot.workspace(springIn("1.234,56"));
    const { externalId } = await bot.db.workspace.findUniqueOrThrow({ where: { id: ws.id } });
    const run = async (line: string) => {
      const prepared = bot.core.dispatcher.prepareLine(line);
      if ("status" in prepared) throw new Error(`refused before the workspace's style was known: ${prepared.title}`);
      return bot.core.dispatcher.runPrepared({ platform: "local", workspaceId: externalId, userId: "alice", userName: "alice" }, prepared);
    };
    expect(expectOk(await run("/code redeem DANI15 1012,50 orders:25")).title).toBe("DANI15: 25 orders, €1.012,50 on 2026-12-05");
    expect(expectOk(await run("/creator add sara instagram 23.400")).title).toBe("Registered @sara: micro");
    const early = bot.core.dispatcher.prepareLine("/code redeem DANI15 lots");
    expect("status" in early && renderText(early)).toContain('Invalid revenue: "lots" is not an amount of money. Expected an amount like 300, $300 or 300 EUR.');
  });
});

describe("/help and the other texts with numbers speak the workspace's style", () => {
  const STYLES = { "1,234.56": { cents: "59.90", note: "Numbers: 12000, 12,000, 12k, 1.2m. Money: 1200.50, $1,200.50, €300. Percentages: 15%, 12.5%." }, "1.234,56": { cents: "59,90", note: "Numbers: 12000, 12.000, 12k, 1,2m. Money: 1200,50, $1.200,50, €300. Percentages: 15%, 12,5%." }, "1 234,56": { cents: "59,90", note: "Numbers: 12000, 12 000, 12k, 1,2m. Money: 1200,50, $1 200,50, €300. Percentages: 15%, 12,5%." } } as const;

  for (const [style, want] of Object.entries(STYLES)) {
    it(`in ${style}, /help writes its examples and its note in the style, and an example typed as shown is read as meant`, async () => {
      const ws = await bot.workspace([`/settings numbers:"${style}"`, "/creator add kate tiktok 48k", "/campaign new Spring start:2026-12-01", "/campaign enroll Spring kate", "/code add kate Spring code:KATE15"]);
      const help = await ws.text("/help code");
      expect(help).toContain(want.note);
      const example = /e\.g\. (\/code redeem KATE15 \S+ order:1001)/.exec(help)?.[1];
      expect(example).toBe(`/code redeem KATE15 $${want.cents} order:1001`);
      expectOk(await ws.run(example!));
      expect((await bot.db.redemption.findMany({ where: { workspaceId: ws.id }, select: { revenue: true } })).map((r) => r.revenue)).toEqual([5990]);
      // The revenue of a day's shop sales, and the likes of a post, as shown in /help.
      const sales = /e\.g\. (\/campaign sales "Spring Launch" yesterday orders:9 revenue:\S+)/.exec(await ws.text("/help campaign"))?.[1];
      expectOk(await ws.run(sales!.replace('"Spring Launch"', "Spring")));
      expect((await bot.db.shopSalesDay.findMany({ where: { workspaceId: ws.id }, select: { revenue: true } })).map((d) => d.revenue)).toEqual([51240]);
      expect(await ws.text("/help post")).toContain(`likes:1${style === "1,234.56" ? "." : ","}9k`);
    });
  }

  it("an orders file too large to import is refused with its size in the style", async () => {
    const ws = await bot.workspace(["/settings numbers:1.234,56"]);
    const { writeFileSync } = await import("node:fs");
    const big = `${bot.dir}/too-large.csv`;
    writeFileSync(big, "code,order,revenue,date\n" + "KATE15,1,1.00,2026-12-01\n".repeat(430_000));
    expect(await ws.text(`/code import file:${big}`)).toMatch(/^Error: The file is 10,\d MB; the bot imports files up to 10 MB/);
  });
});

describe("what issue 20 left: the charts, the tier limit and large changes follow the style", () => {
  it("a digest's charts are drawn in the workspace's style: their locale, subtitles and ROAS labels", async () => {
    const ws = await bot.workspace([
      ...springIn("1.234,56"),
      "/campaign enroll Spring dani fee:€540,50",
      "/post log https://www.instagram.com/p/ABC123/ dani Spring views:12.000 likes:1.234 posted:2026-12-02",
      "/code redeem DANI15 1012,50 orders:1.250 date:2026-12-03",
    ]);
    const workspace = await bot.db.workspace.findUniqueOrThrow({ where: { id: ws.id } });
    const campaign = await bot.db.campaign.findFirstOrThrow({ where: { workspaceId: ws.id } });
    const digest = await buildCampaignDigest({
      db: bot.db,
      workspace,
      campaign,
      period: { from: "2026-11-29", to: "2026-12-05", key: "2026-11-29..2026-12-05", previous: { from: "2026-11-22", to: "2026-11-28" } },
      frequency: "weekly",
      charts: { mode: "quickchart", maxUrlLength: 1_000_000 },
      chartProcess: bot.core.chartProcess,
      now: new Date("2026-12-05T10:00:00Z"),
    });
    // QuickChart's address carries each chart's configuration.
    const configs = digest.charts.map((c) => new URL(c.url!).searchParams.get("c")!);
    expect(configs).toHaveLength(3);
    for (const config of configs) expect(config).toContain("locale:'en-ID'");
    expect(configs[0]).toContain("1.250 orders · €1.013 revenue · 5 days");
    expect(configs[2]).toContain("Spend €541 · revenue €1.013 · ROAS 1,9×");
  });

  it("the tier thresholds' limit is written in the style", async () => {
    const ws = await bot.workspace(['/settings numbers:"1.234,56"']);
    expect(await ws.text("/settings tiers:1k,10k,100k,2000000000000")).toContain("thresholds go up to 1.000.000.000.000");
  });

  it("a change of 1,000% or more, and a budget share past it, are grouped like every other number", async () => {
    const setUp = (style: string) => [
      `/settings currency:EUR numbers:"${style}"`,
      "/creator add dani instagram 5000",
      "/campaign new Spring budget:10",
      "/campaign enroll Spring dani fee:540 force:yes",
      "/code add dani Spring code:DANI15",
      "/post log https://www.instagram.com/p/ABC123/ dani Spring views:100 posted:2026-12-02",
      "/code redeem DANI15 10 orders:1 date:2026-11-25",
      "/code redeem DANI15 200 orders:20 date:2026-12-03",
    ];
    const european = await (await bot.workspace(setUp("1.234,56"))).text("/report Spring period:7d");
    expect(european).toMatch(/Orders:\s+20 \(\+1\.900%\)/);
    expect(european).toMatch(/Revenue:\s+€200,00 \(\+1\.900%\)/);
    expect(european).toContain("€540,00 spent of €10,00 (5.400%)");
    const english = await (await bot.workspace(setUp("1,234.56"))).text("/report Spring period:7d");
    expect(english).toMatch(/Orders:\s+20 \(\+1,900%\)/);
    expect(english).toContain("€540.00 spent of €10.00 (5,400%)");
  });
});

describe("what issue 20 left: a decimal of 1,000 or more is grouped in the style, the CSV is not", () => {
  const grouped = { "1,234.56": ["1,234.50", "12,345.0"], "1.234,56": ["1.234,50", "12.345,0"], "1 234,56": ["1 234,50", "12 345,0"] } as const;
  for (const [style, [roas, perDay]] of Object.entries(grouped)) {
    it(`in ${style}, a ROAS over 1,000 reads ${roas} in the report, its advice and the leaderboard, and a baseline's orders a day ${perDay}`, async () => {
      const ws = await bot.workspace([
        ...springIn(style),
        "/campaign enroll Spring dani fee:1",
        "/post log https://www.instagram.com/p/ABC123/ dani Spring views:100 posted:2026-12-02",
        "/code redeem DANI15 1234 orders:4 date:2026-12-03",
        `/code redeem DANI15 ${style === "1,234.56" ? "0.5" : "0,5"} orders:1 date:2026-12-04`,
      ]);
      const report = await ws.text("/report Spring");
      expect(report).toMatch(new RegExp(`ROAS:\\s+${roas.replace(/[.]/g, "\\.")}`));
      expect(report).toContain(`ROAS ${roas}`);
      expect(await ws.text("/leaderboard Spring")).toContain(roas);
      const csv = expectOk(await ws.run("/report Spring format:csv")).files[0]!.data.toString();
      expect(csv).toContain("dani,nano,5000,1,100,0,0,0,0,0,0.0000,0.0000,0,0.0000,5,1234.50,1.00,,10.00,0.20,1234.50,1");
      expect(await ws.text("/campaign baseline Spring orders:24690 revenue:6000 days:2")).toContain(`(${perDay} a day)`);
    });
  }
});

describe("what issue 20 left: counts in list headers are grouped in the style", () => {
  const grouped = { "1,234.56": "1,201", "1.234,56": "1.201", "1 234,56": "1 201" } as const;
  for (const [style, count] of Object.entries(grouped)) {
    it(`in ${style}, /creator list of 1,201 creators is headed Creators (${count})`, async () => {
      const ws = await bot.workspace(springIn(style));
      const handles = Array.from({ length: 1200 }, (_, i) => `c${String(i).padStart(4, "0")}`);
      await bot.db.creator.createMany({ data: handles.map((handle) => ({ workspaceId: ws.id, handle, handleKey: handle })) });
      expect(await ws.text("/creator list")).toContain(`Creators (${count})`);
    });
  }
});

describe("what issue 20 left: a campaign's counts of creators are grouped in the style", () => {
  const grouped = { "1,234.56": "1,201", "1.234,56": "1.201", "1 234,56": "1 201" } as const;
  for (const [style, count] of Object.entries(grouped)) {
    it(`in ${style}, a campaign of 1,201 creators without a post says ${count} in its report and its wave`, async () => {
      const ws = await bot.workspace(springIn(style));
      const handles = Array.from({ length: 1200 }, (_, i) => `c${String(i).padStart(4, "0")}`);
      await bot.db.creator.createMany({ data: handles.map((handle) => ({ workspaceId: ws.id, handle, handleKey: handle })) });
      const campaign = await bot.db.campaign.findFirstOrThrow({ where: { workspaceId: ws.id } });
      const creators = await bot.db.creator.findMany({ where: { workspaceId: ws.id, handleKey: { not: "dani" } }, select: { id: true } });
      await bot.db.enrolment.createMany({ data: creators.map((c) => ({ workspaceId: ws.id, campaignId: campaign.id, creatorId: c.id })) });
      expect(await ws.text("/report Spring")).toContain(`Deliverables due (${count} not posted yet)`);
      expect(await ws.text("/campaign show Spring")).toContain(`Wave 1 (${count} creators)`);
    });
  }
});
