// An interaction from a server the bot is not in (a user-installed app, or a server that removed
// the bot) is refused privately: nothing runs and no workspace is made for that server.

import { afterAll, beforeAll, expect, test } from "vitest";
import { UNKNOWN_GUILD_REPLY } from "../../../src/platforms/discord/known-guild.ts";
import { FakeDiscord } from "./fake-discord.ts";
import { startHarness, type Harness } from "./harness.ts";

const club = FakeDiscord.guild("Kettlebell Club");
// Not among the fake's guilds: the bot's gateway never announced it, and Discord refuses to show it.
const stranger = FakeDiscord.guild("Somebody Else's Server");
const alice = FakeDiscord.user("alice");

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ guilds: [club] });
});
afterAll(() => h?.close());

const workspaceOf = (guildId: string) => h.db.workspace.findUnique({ where: { platform_externalId: { platform: "discord", externalId: guildId } } });

test("a command from a server the bot is not in is refused privately and makes no workspace", async () => {
  const answer = await h.slash({ guild: stranger, user: alice, manageServer: true }, "creator", "add", { handle: "@kate", platform: "tiktok", followers: 48_000 });
  expect(answer.callback.json.type).toBe(4);
  expect(answer.ephemeral).toBe(true);
  expect(answer.text).toContain(UNKNOWN_GUILD_REPLY);
  expect(await workspaceOf(stranger.id)).toBeNull();
  expect(await h.db.workspace.count()).toBe(0);
  expect(await h.db.creator.count()).toBe(0);
  expect(await h.db.member.count()).toBe(0);
  // The bot asked Discord before refusing (the server was not in its cache).
  expect(h.fake.requests.some((r) => r.method === "GET" && r.path === `/api/v10/guilds/${stranger.id}`)).toBe(true);
});

test("autocomplete from a server the bot is not in offers nothing", async () => {
  expect(await h.suggest({ guild: stranger, user: alice }, "creator", "show", "handle", "ka")).toEqual([]);
  expect(await h.db.workspace.count()).toBe(0);
});

test("the same command in a server the bot is in runs and makes its workspace", async () => {
  const answer = await h.slash({ guild: club, user: alice }, "creator", "add", { handle: "@kate", platform: "tiktok", followers: 48_000 });
  expect(answer.ephemeral).toBe(false);
  expect(answer.text).toContain("Registered @kate");
  expect(await workspaceOf(club.id)).not.toBeNull();
  expect(await workspaceOf(stranger.id)).toBeNull();
});
