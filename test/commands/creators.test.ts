// Creators in the room (issue 22): a person linked to a creator profile who is not an admin acts
// as a creator; a creator runs only what creators may (the specs' `creators: "allowed"`), every
// other command is refused with nothing written, and /help lists only what they may run. On
// SQLite, and on PostgreSQL with TEST_DATABASE_URL.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../../commands/index.ts";
import { actionPath } from "../../src/core/spec.ts";
import { renderText } from "../../src/render/text.ts";
import { expectOk, startTestBot, type TestBot, type TestWorkspace } from "../helpers/core.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-12-05T10:00:00Z") });
});
afterAll(() => bot.close());

const kate = { userId: "Kate", userName: "Kate" };
const tomsPerson = { userId: "Tom", userName: "Tom" };
const bob = { userId: "bob", userName: "bob" };
const SETUP = ["/creator add kate tiktok 48k email:kate@example.com", "/creator add tom tiktok 9k email:tom@example.com", '/campaign new "Spring Launch"'];
/** kate and tom in Spring Launch with terms, a code each, orders on both, a post each. */
const CAMPAIGN = [
  "/creator add kate tiktok 48k email:kate@example.com",
  "/creator add tom tiktok 9k email:tom@example.com",
  '/campaign new "Spring Launch" start:2026-12-01 end:2026-12-31',
  '/campaign new Winter start:2026-12-01 end:2027-01-31',
  '/campaign enroll "Spring Launch" kate fee:$300 product:$45 commission:10% per-order:$2 due:2026-12-10',
  '/campaign enroll "Spring Launch" tom fee:$777 commission:25% due:2026-12-01',
  "/campaign enroll Winter kate due:2026-12-01",
  '/code add kate "Spring Launch" code:KATE15 discount:15%',
  '/code add tom "Spring Launch" code:TOM25 discount:25%',
  "/code redeem KATE15 $59.90 order:1001",
  "/code redeem KATE15 $40.10 order:1002",
  "/code redeem TOM25 $999 order:2001",
  '/post log https://www.tiktok.com/@tom/video/9001 tom "Spring Launch" views:50k likes:4k',
];

/** Links the person `who` (a --user name in the shell) to the creator `handle`, as a team member does. */
async function link(ws: TestWorkspace, who: { userId: string; userName: string }, handle: string) {
  expectOk(await ws.run(`/creator link ${handle} ${who.userName}`, { userId: "bob", userName: "bob" }));
}

/** Every row count of the workspace a command could change. */
async function counts(workspaceId: number) {
  const where = { workspaceId };
  return {
    activities: await bot.db.activity.count({ where }),
    creators: await bot.db.creator.count({ where }),
    campaigns: await bot.db.campaign.count({ where }),
    enrolments: await bot.db.enrolment.count({ where }),
    posts: await bot.db.post.count({ where }),
    codes: await bot.db.code.count({ where }),
    schedules: await bot.db.digestSchedule.count({ where }),
    shops: await bot.db.shop.count({ where }),
    links: await bot.db.creatorLink.count({ where }),
  };
}

describe("a linked creator", () => {
  it("is refused every team command (every spec's action), with what they may use instead; nothing is written", async () => {
    const ws = await bot.workspace(SETUP);
    await link(ws, kate, "kate");
    const before = await counts(ws.id);
    const team = commands.flatMap((c) => c.actions.filter((a) => a.creators !== "allowed").map((a) => actionPath(c, a)));
    const creators = commands.flatMap((c) => c.actions.filter((a) => a.creators === "allowed").map((a) => actionPath(c, a)));
    expect(creators.sort()).toEqual(["/help", "/home", "/leaderboard", "/my", "/post log", "/post submit", "/post update"]);
    expect(team).toContain("/campaign new");
    expect(team).toContain("/settings");
    for (const line of team) {
      // Bare, its required options missing: who may run it is said first.
      const reply = await ws.run(line, kate);
      expect(reply.status, line).toBe("error");
      expect(renderText(reply), line).toContain("This is for the team; as a creator you can use /post log, /post update, /post submit, /leaderboard, /my, /home, /help.");
    }
    // With its options, as a team member would write it.
    expect(await ws.text('/campaign enroll "Spring Launch" kate fee:$100', kate)).toContain("This is for the team");
    expect(await ws.text("/creator update kate email:new@example.com", kate)).toContain("This is for the team");
    expect(await counts(ws.id)).toEqual(before);
    // The stored role follows what they are, with the next command that runs.
    expectOk(await ws.run("/help", kate));
    const row = await bot.db.member.findFirstOrThrow({ where: { workspaceId: ws.id, externalId: kate.userId } });
    expect(row.role).toBe("creator");
  });

  it("/help lists only what a creator may run; a team command's help says it is for the team", async () => {
    const ws = await bot.workspace(SETUP);
    await link(ws, kate, "kate");
    const text = await ws.text("/help", kate);
    for (const name of ["/help", "/my", "/post", "/leaderboard"]) expect(text).toContain(name);
    for (const c of commands.filter((c) => c.actions.every((a) => a.creators !== "allowed"))) expect(text).not.toContain(`/${c.name} `);
    expect(await ws.text("/help campaign", kate)).toContain("/campaign is for the team.");
    const post = await ws.text("/help post", kate);
    expect(post).toContain("/post log <url>");
    expect(post).not.toContain("/post remove");
  });

  it("an admin linked to a creator profile stays an admin", async () => {
    const ws = await bot.workspace(SETUP);
    expectOk(await ws.run("/creator link kate alice"));
    expectOk(await ws.run("/campaign new Winter budget:$100"));
    const row = await bot.db.member.findFirstOrThrow({ where: { workspaceId: ws.id, externalId: "alice" } });
    expect(row.role).toBe("admin");
  });
});

describe("linking", () => {
  it("/creator link <handle> <person> links a --user name; the person is then a creator; /creator show says who", async () => {
    const ws = await bot.workspace(SETUP);
    const linked = await ws.text("/creator link @kate Kate", bob);
    expect(linked).toContain("Linked Kate to @kate");
    expect(linked).toContain("Kate now uses the bot as @kate: /post log, /post update, /post submit, /leaderboard, /my, /home, /help.");
    const row = await bot.db.member.findFirstOrThrow({ where: { workspaceId: ws.id, externalId: "Kate" }, include: { creatorLink: { include: { creator: true } } } });
    expect(row).toMatchObject({ role: "creator", creatorLink: { creator: { handle: "kate" } } });
    expect(await ws.text("/creator show kate", bob)).toMatch(/Linked to:\s+Kate/);
    expect(await ws.text("/creator add ann tiktok 1k", kate)).toContain("This is for the team");
    // The same link again changes nothing; a second person, or a second profile, is refused.
    expect(await ws.text("/creator link kate Kate", bob)).toContain("Kate is already @kate");
    expect(await ws.text("/creator link kate Tom", bob)).toContain("@kate is already linked to Kate.");
    expect(await ws.text("/creator link tom Kate", bob)).toContain("Kate is already linked to @kate: a person is one creator.");
    expect(await bot.db.creatorLink.count({ where: { workspaceId: ws.id } })).toBe(1);
  });

  it("/creator unlink <handle> takes the link away: the person is no creator any more", async () => {
    const ws = await bot.workspace(SETUP);
    await link(ws, kate, "kate");
    expect(await ws.text("/creator unlink kate", bob)).toContain("Unlinked Kate from @kate");
    expect(await bot.db.creatorLink.count({ where: { workspaceId: ws.id } })).toBe(0);
    expect((await bot.db.member.findFirstOrThrow({ where: { workspaceId: ws.id, externalId: "Kate" } })).role).toBe("member");
    expect(await ws.text("/my", kate)).toContain("You are not linked to a creator profile here.");
    expect(await ws.text("/creator unlink kate", bob)).toContain("@kate is not linked to anyone.");
  });

  it("/my claim <handle> records a pending claim the team sees in /creator list, and /creator link answers it", async () => {
    const ws = await bot.workspace(SETUP);
    const claimed = await ws.run("/my claim @kate", kate);
    expect(claimed.visibility).toBe("ephemeral");
    expect(renderText(claimed)).toContain("A team member must accept it: /creator link @kate <you>.");
    // Asking is not being: nothing of @kate's yet.
    expect(await ws.text("/my", kate)).toContain("You asked to be linked to @kate");
    expect(await bot.db.creatorLink.count({ where: { workspaceId: ws.id } })).toBe(0);
    expectOk(await ws.run("/my claim tom", tomsPerson));
    const list = await ws.text("/creator list", bob);
    expect(list).toContain("Waiting to be linked (2)");
    expect(list).toContain("Kate asks to be @kate: /creator link @kate Kate");
    expect(list).toContain("Tom asks to be @tom: /creator link @tom Tom");
    expectOk(await ws.run("/creator link @kate Kate", bob));
    expect(await bot.db.creatorClaim.count({ where: { workspaceId: ws.id } })).toBe(1);
    expect(await ws.text("/creator list", bob)).not.toContain("Kate asks");
    // Claims of a linked profile, an unknown one, or by a linked person are refused.
    expect(await ws.text("/my claim kate", tomsPerson)).toContain("@kate is already linked to someone.");
    expect(await ws.text("/my claim nobody", tomsPerson)).toContain("No creator @nobody");
    expect(await ws.text("/my claim tom", kate)).toContain("You are already linked to @kate.");
  });
});

describe("a creator's own posts", () => {
  it("logs their own post without naming themselves, and updates it", async () => {
    const ws = await bot.workspace(CAMPAIGN);
    await link(ws, kate, "kate");
    const logged = await ws.text('/post log https://www.tiktok.com/@kate/video/7301 campaign:"Spring Launch" views:12k likes:900', kate);
    expect(logged).toContain(`Logged @kate's TikTok post in "Spring Launch"`);
    const post = await bot.db.post.findFirstOrThrow({ where: { workspaceId: ws.id, urlKey: { contains: "7301" } }, include: { creator: true } });
    expect(post.creator.handle).toBe("kate");
    expect(post.views).toBe(12000);
    expectOk(await ws.run("/post update https://www.tiktok.com/@kate/video/7301 views:20k", kate));
    expect((await bot.db.post.findUniqueOrThrow({ where: { id: post.id } })).views).toBe(20000);
  });

  it("is refused another creator's handle, address or post, with nothing written", async () => {
    const ws = await bot.workspace(CAMPAIGN);
    await link(ws, kate, "kate");
    const before = await counts(ws.id);
    const refusals = [
      ['/post log https://www.tiktok.com/@kate/video/7302 tom "Spring Launch" views:1k', "@tom is not you."],
      ['/post log https://www.tiktok.com/@tom/video/7303 campaign:"Spring Launch" views:1k', "This address is another creator's account (@tom)."],
      ["/post log https://www.tiktok.com/@tom/video/9001 views:1", "This post is already logged, and not as yours."],
      ["/post update https://www.tiktok.com/@tom/video/9001 views:1", "This post is not yours."],
    ] as const;
    for (const [line, message] of refusals) {
      const text = await ws.text(line, kate);
      expect(text, line).toContain(message);
      expect(text, line).toContain("As a creator you log and update only your own posts, as @kate.");
    }
    expect(await counts(ws.id)).toEqual(before);
    expect((await bot.db.post.findFirstOrThrow({ where: { workspaceId: ws.id, creator: { handleKey: "tom" } } })).views).toBe(50000);
  });
});

describe("/my", () => {
  it("shows exactly their campaigns with terms, deliverables, codes with orders and revenue, and posts; nothing of another creator", async () => {
    const ws = await bot.workspace(CAMPAIGN);
    await link(ws, kate, "kate");
    expectOk(await ws.run('/post log https://www.tiktok.com/@kate/video/7301 campaign:"Spring Launch" views:12k likes:900', kate));
    const reply = await ws.run("/my", kate);
    expect(reply.visibility).toBe("ephemeral");
    const text = renderText(reply);
    expect(text).toContain("@kate: your campaigns");
    // Terms: fee, product, commission, per order, due.
    expect(text).toMatch(/Spring Launch\s+1\s+active\s+\$300\.00\s+\$45\.00\s+10(\.00)?%\s+\$2\.00\s+2026-12-10\s+1/);
    // Winter has no post of hers and was due on the 1st: overdue (today is the 5th).
    expect(text).toContain('"Winter": a post due 2026-12-01, OVERDUE');
    expect(text).toMatch(/KATE15\s+Spring Launch\s+15(\.00)?%\s+2\s+\$100\.00/);
    expect(text).toMatch(/Orders and revenue:\s+2 orders, \$100\.00/);
    expect(text).toContain("https://www.tiktok.com/@kate/video/7301");
    expect(text).toMatch(/12,000/);
    for (const other of ["tom", "TOM25", "$777", "25%", "$999", "9001", "tom@example.com", "kate@example.com"]) expect(text, other).not.toContain(other);
  });

  it("/my codes and /my posts are the narrower views; a person not linked is told how to claim", async () => {
    const ws = await bot.workspace(CAMPAIGN);
    await link(ws, kate, "kate");
    const codes = await ws.text("/my codes", kate);
    expect(codes).toContain("KATE15");
    expect(codes).not.toContain("Campaigns");
    expect(codes).not.toContain("Posts (");
    const posts = await ws.text("/my posts", kate);
    expect(posts).toContain("Posts (0)");
    expect(posts).not.toContain("KATE15");
    const stranger = await ws.text("/my", tomsPerson);
    expect(stranger).toContain("You are not linked to a creator profile here.");
    expect(stranger).toContain("/my claim <handle>");
  });
});

describe("the team", () => {
  it("a member's /help leaves out admin-only commands; an admin's has them", async () => {
    const ws = await bot.workspace(SETUP);
    const bob = { userId: "bob", userName: "bob" };
    const member = await ws.text("/help", bob);
    expect(member).toContain("/campaign");
    expect(member).not.toContain("/settings");
    expect(await ws.text("/help settings", bob)).toContain("/settings is for admins.");
    expect(await ws.text("/help")).toContain("/settings");
  });
});

describe("a Discord member with the server's creator role", () => {
  it("who is not linked is pointed to /my claim for a team command; without the role they are the team", async () => {
    const guild = { platform: "discord", workspaceId: "G-CREATORS-1", channelId: "C1" };
    const admin = { ...guild, userId: "D-ADMIN", userName: "Ada", platformAdmin: true, platformRoles: [] };
    expectOk(await bot.run("/creator add kate tiktok 48k", admin));
    await bot.db.workspace.update({ where: { platform_externalId: { platform: "discord", externalId: guild.workspaceId } }, data: { creatorRoleId: "R-CREATORS" } });
    const withRole = { ...guild, userId: "D-KATE", userName: "Kate", platformAdmin: false, platformRoles: ["R-OTHER", "R-CREATORS"] };
    const refused = await bot.text("/creator add ann tiktok 1k", withRole);
    expect(refused).toContain("you are not linked to a creator profile yet");
    expect(refused).toContain("/my claim <handle>");
    expect(await bot.db.creator.count({ where: { workspace: { externalId: guild.workspaceId }, handleKey: "ann" } })).toBe(0);
    expectOk(await bot.run("/creator add ann tiktok 1k", { ...withRole, platformRoles: ["R-OTHER"] }));
  });
});
