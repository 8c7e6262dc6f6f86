// Creators in Discord (issue 22): an admin maps a server role to creators with /settings
// creator-role: (a Role option, as Discord sends it); a member carrying it who is not linked is
// pointed to /my claim for any team command; once linked, their /my is ephemeral and theirs.
// The real discord.js client against the fake Discord.

import { afterAll, beforeAll, expect, it } from "vitest";
import { acknowledgementStore } from "../../../src/db/acknowledgement-store.ts";
import { COLORS } from "../../../src/platforms/discord/embeds.ts";
import { renderText } from "../../../src/render/text.ts";
import { FakeDiscord } from "./fake-discord.ts";
import { startHarness, type Harness, type Who } from "./harness.ts";

const guild = FakeDiscord.guild("Ambassadors");
const carol = FakeDiscord.user("carol");
const kate = { ...FakeDiscord.user("kate"), nick: "Kate Lifts" };

let h: Harness;
beforeAll(async () => {
  // Sweeps the inbox every five seconds, for the restarted command below.
  h = await startHarness({ guilds: [guild], inboxLeaseSeconds: 5 });
});
afterAll(() => h?.close());

const admin: Who = { guild, user: carol, manageServer: true };
const kateWithRole: Who = { guild, user: kate, roles: [FakeDiscord.creatorsRole(guild)] };

it("a member with the creator role who is not linked is pointed to /my claim; linked, their /my is ephemeral and theirs", async () => {
  for (const [command, sub, values] of [
    ["creator", "add", { handle: "kate", platform: "tiktok", followers: 48_000 }],
    ["creator", "add", { handle: "tom", platform: "tiktok", followers: 9_000 }],
    ["campaign", "new", { name: "Spring Launch" }],
    ["campaign", "enroll", { campaign: "Spring Launch", handle: "kate", fee: "$300" }],
    ["campaign", "enroll", { campaign: "Spring Launch", handle: "tom", fee: "$777" }],
    ["code", "add", { handle: "kate", campaign: "Spring Launch", code: "KATE15" }],
    ["code", "add", { handle: "tom", campaign: "Spring Launch", code: "TOM25" }],
  ] as const) {
    const answer = await h.slash(admin, command, sub, values);
    expect(answer.embeds[0]?.color, `${command} ${sub}: ${answer.text}`).toBe(COLORS.ok);
  }
  // Without the mapping the role means nothing: kate is the team.
  expect((await h.slash(kateWithRole, "creator", "list", {})).text).toContain("Creators (2)");

  const mapped = await h.slash(admin, "settings", "", { "creator-role": FakeDiscord.creatorsRole(guild) });
  expect(mapped.text).toContain(`Creator role: <@&${FakeDiscord.creatorsRole(guild)}>`);
  const ws = await h.db.workspace.findUniqueOrThrow({ where: { platform_externalId: { platform: "discord", externalId: guild.id } } });
  expect(ws.creatorRoleId).toBe(FakeDiscord.creatorsRole(guild));

  const refused = await h.slash(kateWithRole, "creator", "list", {});
  expect(refused.ephemeral).toBe(true);
  expect(refused.text).toContain("you are not linked to a creator profile yet");
  expect(refused.text).toContain("/my claim <handle>");
  expect(refused.text).not.toContain("@tom");

  const claimed = await h.slash(kateWithRole, "my", "", { view: "claim", handle: "kate" });
  expect(claimed.ephemeral).toBe(true);
  expect(claimed.text).toContain("Asked to be linked to @kate");
  expect((await h.slash(admin, "creator", "list", {})).text).toContain(`asks to be @kate: /creator link @kate <@${kate.id}>`);
  expect((await h.slash(admin, "creator", "link", { handle: "kate", person: kate })).text).toContain("Linked Kate Lifts to @kate");

  const mine = await h.slash(kateWithRole, "my", "", {});
  expect(mine.ephemeral).toBe(true);
  expect(mine.text).toContain("@kate: your campaigns");
  expect(mine.text).toContain("KATE15");
  for (const other of ["TOM25", "$777", "@tom"]) expect(mine.text).not.toContain(other);
  expect((await h.slash(kateWithRole, "campaign", "show", { name: "Spring Launch" })).text).toContain("This is for the team; as a creator you can use");
  // Linked, kate is a creator with or without the role.
  expect((await h.slash({ guild, user: kate }, "campaign", "show", { name: "Spring Launch" })).text).toContain("This is for the team");
});

it("a creator role typed as text is refused: only Discord's role option names one; creator-role-remove:yes unmaps it", async () => {
  const typed = await h.core.dispatcher.runLine({ platform: "discord", workspaceId: guild.id, userId: carol.id, userName: "carol", platformAdmin: true }, "/settings creator-role:<@&123>");
  expect(typed.status).toBe("error");
  expect(renderText(typed)).toContain("it cannot be typed here");
  const roleOf = async () => (await h.db.workspace.findUniqueOrThrow({ where: { platform_externalId: { platform: "discord", externalId: guild.id } } })).creatorRoleId;
  expect(await roleOf()).toBe(FakeDiscord.creatorsRole(guild));
  expect((await h.slash(admin, "settings", "", { "creator-role-remove": true })).text).toContain("Creator role: none");
  expect(await roleOf()).toBeNull();
  // An unlinked member with the role is the team again.
  const other: Who = { guild, user: FakeDiscord.user("zed"), roles: [FakeDiscord.creatorsRole(guild)] };
  expect((await h.slash(other, "creator", "list", {})).text).toContain("Creators (2)");
});

it("a command acknowledged before a restart runs after it with the roles its interaction carried", async () => {
  // The creator role is mapped again; zed carries it and is linked to nobody.
  expectOkColor(await h.slash(admin, "settings", "", { "creator-role": FakeDiscord.creatorsRole(guild) }));
  const zed = FakeDiscord.user("zed");
  const token = "token-restarted-creator-list";
  // As a process that deferred `/creator list` from zed and died left it in the inbox.
  const row = {
      id: "restarted-creator-list",
      platform: "discord",
      workspaceExternalId: guild.id,
      workspaceName: guild.name,
      userExternalId: zed.id,
      userName: "zed",
      platformAdmin: false,
      platformRoles: `${FakeDiscord.creatorsRole(guild)}`,
      channelId: null,
      line: "/creator list",
      command: "creator",
      action: "list",
      options: "{}",
      replyTo: token,
      applicationId: h.fake.applicationId,
      leaseUntil: new Date(Date.now() - 1000),
      createdAt: new Date(),
      state: "pending" as const,
      attempts: 0,
  };
  await acknowledgementStore(h.db).write([], [{ row }]);
  // Its answer: the edit of the "thinking…" message, or (a private one) a follow-up.
  const deferred = { id: "0", token };
  const answer = await Promise.race([h.fake.editOf(deferred), h.fake.followUpOf(deferred)]);
  const text = [answer.json?.content ?? "", ...(answer.json?.embeds ?? []).map((e: { description?: string; title?: string }) => `${e.title ?? ""} ${e.description ?? ""}`)].join("\n");
  expect(text).toContain("you are not linked to a creator profile yet");
  expect(text).not.toContain("@tom");
}, 30_000);

function expectOkColor(answer: { embeds: Array<{ color?: number }>; text: string }) {
  expect(answer.embeds[0]?.color, answer.text).toBe(COLORS.ok);
}
