// Discord's people (issue 19 item 8, issue 20 rights): names come from the members Discord
// resolves for a USER option, and admin rights follow Manage Server on every interaction, both
// ways; the first person in a guild is no admin for being first. /settings admin: grants rights.

import { afterAll, beforeAll, expect, it } from "vitest";
import { FakeDiscord } from "./fake-discord.ts";
import { startHarness, type Harness, type Who } from "./harness.ts";

const guild = FakeDiscord.guild("Lifting Club");
const nia = FakeDiscord.user("nia");
const carol = FakeDiscord.user("carol");
const sam = { ...FakeDiscord.user("sam"), globalName: "Sam S.", nick: "Sam the Strongman" };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ guilds: [guild] });
});
afterAll(() => h?.close());

const workspaceId = async () => (await h.db.workspace.findUniqueOrThrow({ where: { platform_externalId: { platform: "discord", externalId: guild.id } } })).id;
const budget = async () => (await h.db.campaign.findFirstOrThrow({ where: { workspaceId: await workspaceId(), nameKey: "spring" } })).budget;

it("the first person in a guild is no admin for it; Manage Server makes one, and losing it takes the rights away", async () => {
  const first: Who = { guild, user: nia };
  expect((await h.slash(first, "settings", "", { currency: "EUR" })).text).toContain("Only admins can use /settings.");
  expect((await h.slash(first, "campaign", "new", { name: "Spring", budget: "$100" })).text).toContain("Only admins can set or change a campaign's budget.");

  const manager: Who = { guild, user: carol, manageServer: true };
  expect((await h.slash(manager, "campaign", "new", { name: "Spring", budget: "$100" })).embeds[0]!.title).toBe('Created campaign "Spring"');
  expect((await h.slash(manager, "campaign", "update", { name: "Spring", budget: "$200" })).embeds[0]!.title).toBe('Updated "Spring"');
  // carol lost Manage Server: the next interaction says so.
  const demoted: Who = { guild, user: carol };
  expect((await h.slash(demoted, "campaign", "update", { name: "Spring", budget: "$300" })).text).toContain("Only admins can");
  expect((await h.slash(demoted, "creator", "add", { handle: "kate", platform: "tiktok", followers: 48_000 })).embeds[0]!.title).toContain("Registered @kate");
  expect(await h.db.member.findFirstOrThrow({ where: { workspaceId: await workspaceId(), externalId: carol.id } })).toMatchObject({ role: "member" });
  expect(await budget()).toBe(20000);
});

it("an owner named with a USER option is stored by the name Discord shows in the guild", async () => {
  const answer = await h.slash({ guild, user: nia }, "creator", "add", { handle: "tom", platform: "tiktok", followers: 2_000, owner: sam });
  expect(answer.embeds[0]!.fields).toEqual(expect.arrayContaining([{ name: "Owner", value: "Sam the Strongman", inline: true }]));
  const tom = await h.db.creator.findFirstOrThrow({ where: { workspaceId: await workspaceId(), handleKey: "tom" }, include: { owner: true } });
  expect(tom.owner).toMatchObject({ externalId: sam.id, displayName: "Sam the Strongman" });
});

it("/settings admin:@person makes a member an admin of the bot without Manage Server; admin-remove: takes it back", async () => {
  const manager: Who = { guild, user: carol, manageServer: true };
  const member: Who = { guild, user: nia };
  const granted = await h.slash(manager, "settings", "", { admin: nia });
  expect(granted.text).toContain("nia is now an admin of the bot.");
  expect((await h.slash(member, "campaign", "update", { name: "Spring", budget: "$500" })).embeds[0]!.title).toBe('Updated "Spring"');
  expect((await h.slash(member, "settings", "", { "admin-remove": nia })).text).toContain("nia is no longer an admin of the bot.");
  expect((await h.slash(member, "campaign", "update", { name: "Spring", budget: "$1" })).text).toContain("Only admins can");
  expect(await budget()).toBe(50000);
});
