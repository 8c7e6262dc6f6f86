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

const kate = { userId: "kate-chat", userName: "Kate" };
const SETUP = ["/creator add kate tiktok 48k email:kate@example.com", "/creator add tom instagram 9k", '/campaign new "Spring Launch"'];

/** Links the person `who` to the creator `handle` of the workspace (their member row made by a first command). */
async function link(ws: TestWorkspace, who: { userId: string; userName: string }, handle: string) {
  expectOk(await ws.run("/help", who));
  const member = await bot.db.member.findFirstOrThrow({ where: { workspaceId: ws.id, externalId: who.userId } });
  const creator = await bot.db.creator.findFirstOrThrow({ where: { workspaceId: ws.id, handleKey: handle } });
  await bot.db.creatorLink.create({ data: { workspaceId: ws.id, memberId: member.id, creatorId: creator.id } });
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
    expect(team).toContain("/campaign new");
    expect(team).toContain("/settings");
    for (const line of team) {
      // Bare, its required options missing: who may run it is said first.
      const reply = await ws.run(line, kate);
      expect(reply.status, line).toBe("error");
      expect(renderText(reply), line).toContain("This is for the team; as a creator you can use /help");
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
    expect(text).toContain("/help");
    for (const c of commands.filter((c) => c.actions.every((a) => a.creators !== "allowed"))) expect(text).not.toContain(`/${c.name} `);
    expect(await ws.text("/help campaign", kate)).toContain("/campaign is for the team.");
  });

  it("an admin linked to a creator profile stays an admin", async () => {
    const ws = await bot.workspace(SETUP);
    await link(ws, { userId: "alice", userName: "alice" }, "kate");
    expectOk(await ws.run("/campaign new Winter budget:$100"));
    const row = await bot.db.member.findFirstOrThrow({ where: { workspaceId: ws.id, externalId: "alice" } });
    expect(row.role).toBe("admin");
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
