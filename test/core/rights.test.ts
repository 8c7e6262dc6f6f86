// Rights around money (issue 20): compensation and budgets are set by admins only, on a first
// enrolment too; admins are who the platform says now (both ways), people named in ADMINS, and
// people an admin made one with /settings admin:; the first person is an admin only where the
// platform cannot say (the shell). On SQLite, and on PostgreSQL with TEST_DATABASE_URL.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError, readConfig } from "../../src/config.ts";
import type { PeopleDirectory, PlatformPerson } from "../../src/core/people.ts";
import { expectOk, startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot({ admins: ["slack:UNAMED"] });
});
afterAll(() => bot?.close());

const bob = { userId: "bob", userName: "bob" };
const SETUP = ["/creator add kate tiktok 48k", '/campaign new "Spring Launch" start:2026-12-01 end:2026-12-31'];
const enrolmentOf = (workspaceId: number) => bot.db.enrolment.findFirst({ where: { workspaceId, creator: { handleKey: "kate" } } });
const campaignOf = (workspaceId: number) => bot.db.campaign.findFirstOrThrow({ where: { workspaceId, nameKey: "spring launch" } });

/** A Slack team's people as a fake users.info would tell them. */
function directory(people: Record<string, Omit<PlatformPerson, "id">>): PeopleDirectory {
  return { find: async (id) => (people[id] ? { id, ...people[id]! } : null) };
}

describe("a member", () => {
  it("cannot set a fee, product, commission or per-order amount, even on a first enrolment; an admin can", async () => {
    const ws = await bot.workspace(SETUP);
    for (const terms of ["fee:$900", "product:$50", "commission:50%", "per-order:$2"]) {
      const refused = await ws.text(`/campaign enroll "Spring Launch" kate ${terms}`, bob);
      expect(refused).toContain("Only admins can set or change a creator's compensation (fee, product, commission, per order).");
    }
    expect(await enrolmentOf(ws.id)).toBeNull();
    // Enrolling without money is a member's to do; the terms are then the admin's.
    expectOk(await ws.run('/campaign enroll "Spring Launch" kate due:2026-12-10', bob));
    expectOk(await ws.run('/campaign enroll "Spring Launch" kate fee:$300 commission:10%'));
    expect(await enrolmentOf(ws.id)).toMatchObject({ fee: 30000, commissionBps: 1000, dueDate: "2026-12-10" });
  });

  it("cannot set a budget on a new campaign or change one; an admin can", async () => {
    const ws = await bot.workspace(SETUP);
    expect(await ws.text("/campaign new Winter budget:$5,000", bob)).toContain("Only admins can set or change a campaign's budget.");
    expect(await bot.db.campaign.count({ where: { workspaceId: ws.id, nameKey: "winter" } })).toBe(0);
    expectOk(await ws.run("/campaign new Winter", bob));
    expect(await ws.text('/campaign update "Spring Launch" budget:$1', bob)).toContain("Only admins can set or change a campaign's budget.");
    expect((await campaignOf(ws.id)).budget).toBeNull();
    expectOk(await ws.run('/campaign update "Spring Launch" budget:$6,000'));
    expect((await campaignOf(ws.id)).budget).toBe(600000);
  });
});

describe("who is an admin", () => {
  it("in the shell, the first person; /settings admin: and admin-remove: grant and take rights; the last admin stays", async () => {
    const ws = await bot.workspace(SETUP);
    expectOk(await ws.run("/help", bob));
    expect(await ws.text("/settings admin:bob", bob)).toContain("Only admins can use /settings.");
    const granted = await ws.text("/settings admin:bob");
    expect(granted).toContain("bob is now an admin of the bot.");
    expect(granted).toMatch(/Admins made here:\s+bob/);
    expectOk(await ws.run('/campaign update "Spring Launch" budget:$700', bob));
    // bob takes alice's rights, then may not leave the workspace without an admin.
    expect(await ws.text("/settings admin-remove:alice", bob)).toContain("alice is no longer an admin of the bot.");
    expect(await ws.text('/campaign update "Spring Launch" budget:$1')).toContain("Only admins can");
    expect(await ws.text("/settings admin-remove:bob", bob)).toContain("bob is the only admin here");
    expect((await campaignOf(ws.id)).budget).toBe(70000);
    const members = await bot.db.member.findMany({ where: { workspaceId: ws.id }, orderBy: { externalId: "asc" }, select: { externalId: true, role: true, adminGranted: true } });
    expect(members).toEqual([
      { externalId: "alice", role: "member", adminGranted: false },
      { externalId: "bob", role: "admin", adminGranted: true },
    ]);
  });

  it("where the platform says (Slack, Discord), the first person is not an admin, and a demoted admin loses the rights", async () => {
    const team = { platform: "slack", workspaceId: "T-RIGHTS-1", channelId: "C1" };
    const first = { ...team, userId: "U1", userName: "una", platformAdmin: false };
    expect(await bot.text("/settings tz:Europe/Berlin", first)).toContain("Only admins can use /settings.");
    expect(await bot.text("/campaign new Spring budget:$100", first)).toContain("Only admins can");
    expectOk(await bot.run("/campaign new Spring budget:$100", { ...first, platformAdmin: true }));
    // Demoted in Slack: the next command (once the platform's answer is fresh) has no rights, and the stored role follows.
    expect(await bot.text("/campaign update Spring budget:$200", first)).toContain("Only admins can");
    expectOk(await bot.run("/campaign list", first));
    const row = await bot.db.member.findFirstOrThrow({ where: { externalId: "U1", workspace: { externalId: "T-RIGHTS-1" } } });
    expect(row.role).toBe("member");
  });

  it("people named in ADMINS are admins whatever the platform says", async () => {
    const team = { platform: "slack", workspaceId: "T-RIGHTS-2", channelId: "C1", platformAdmin: false };
    expectOk(await bot.run("/campaign new Spring budget:$100", { ...team, userId: "UNAMED", userName: "nam" }));
    expect(await bot.text("/campaign update Spring budget:$1", { ...team, userId: "UOTHER", userName: "oth" })).toContain("Only admins can");
    // The same id on another platform is somebody else.
    expect(await bot.text("/settings", { platform: "discord", workspaceId: "G-RIGHTS", userId: "UNAMED", userName: "nam", platformAdmin: false })).toContain("Only admins");
  });

  it("in Slack, /settings admin:@person makes a member an admin, named as Slack names them; admin-remove: takes it back", async () => {
    const people = directory({ UADA: { name: "Ada Admin", admin: true }, UMEL: { name: "Mel Marketing", admin: false } });
    const ada = { platform: "slack", workspaceId: "T-RIGHTS-3", channelId: "C1", userId: "UADA", userName: "Ada Admin", platformAdmin: true, people };
    const mel = { ...ada, userId: "UMEL", userName: "Mel Marketing", platformAdmin: false };
    expectOk(await bot.run('/campaign new "Spring Launch"', ada));
    expect(await bot.text('/campaign update "Spring Launch" budget:$1', mel)).toContain("Only admins can");
    // The typed label is not the name: Slack's is.
    expect(await bot.text("/settings admin:<@UMEL|boss>", ada)).toContain("Mel Marketing is now an admin of the bot.");
    expectOk(await bot.run('/campaign update "Spring Launch" budget:$5,000', mel));
    expect(await bot.text("/settings admin-remove:<@UADA>", mel)).toContain("Ada Admin stays an admin: the platform says they administer this workspace.");
    expect(await bot.text("/settings admin-remove:<@UMEL>", ada)).toContain("Mel Marketing is no longer an admin of the bot.");
    expect(await bot.text('/campaign update "Spring Launch" budget:$1', mel)).toContain("Only admins can");
    expect(await bot.text("/settings admin:<@UNOBODY>", ada)).toContain("nobody in this workspace has the id UNOBODY");
    expect(await bot.text("/settings admin:mel", ada)).toContain('"mel" is a name typed as text');
    const workspace = await bot.db.workspace.findFirstOrThrow({ where: { platform: "slack", externalId: "T-RIGHTS-3" } });
    expect((await bot.db.campaign.findFirstOrThrow({ where: { workspaceId: workspace.id } })).budget).toBe(500000);
    expect(await bot.db.member.count({ where: { workspaceId: workspace.id, externalId: "UNOBODY" } })).toBe(0);
  });
});

it("ADMINS is read and checked at start: platform:user id, separated by commas", () => {
  expect(readConfig({ ADMINS: "slack:U123, discord:456" }).ADMINS).toEqual(["slack:U123", "discord:456"]);
  expect(readConfig({}).ADMINS).toEqual([]);
  expect(() => readConfig({ ADMINS: "U123" })).toThrow(new ConfigError('Configuration: ADMINS must list people as platform:user id, like slack:U123,discord:456 (got "U123")'));
  expect(() => readConfig({ ADMINS: "teams:U1" })).toThrow(/ADMINS names "teams:U1", but its platform is none of local, slack, discord/);
});
