// Slack's people (issue 19 item 8, issue 20 rights): a person's name comes from users.info, never
// from text a member typed, and admin rights follow Slack both ways within the five-minute cache.
// The real adapter against the fake Slack, with the people cache on a clock of the test's own.

import { afterAll, beforeAll, expect, test } from "vitest";
import { messageText, startSlackHarness, type SlackHarness } from "./slack-side.ts";

let h: SlackHarness;
let now = Date.now();
const MINUTE = 60_000;

beforeAll(async () => {
  h = await startSlackHarness({
    clock: () => now,
    users: {
      UADA: { is_admin: true, profile: { display_name: "Ada Admin" } },
      UMEL: { real_name: "Mel Marketing" },
      UGONE: { missing: true },
    },
  });
});
afterAll(() => h?.close());

const memberOf = async (team: string, externalId: string) => {
  const ws = await h.bot.db.workspace.findUniqueOrThrow({ where: { platform_externalId: { platform: "slack", externalId: team } } });
  return h.bot.db.member.findUnique({ where: { workspaceId_externalId: { workspaceId: ws.id, externalId } } });
};

test('a member\'s owner:"<@UADA|Evil-Twin>" renames nobody: the owner is who Slack says, by the name Slack gives', async () => {
  const ada = { team: "T-PEOPLE-1", user: "UADA", userName: "ada" };
  const mel = { team: "T-PEOPLE-1", user: "UMEL", userName: "mel" };
  await h.send("/help", ada);
  expect(await memberOf("T-PEOPLE-1", "UADA")).toMatchObject({ displayName: "Ada Admin", role: "admin" });

  // Typed as text (Slack escapes the brackets), and as a mention Slack made with a label.
  const typed = await h.send('/creator add @tom tiktok 1k owner:"<@UADA|Evil-Twin>"', mel);
  expect(messageText(typed.ack)).toContain("Ada Admin");
  const marked = await h.send("/creator add @zoe tiktok 1k owner:<@UADA|Evil-Twin>", { ...mel, markup: true });
  expect(messageText(marked.ack)).not.toContain("Evil-Twin");
  expect(await memberOf("T-PEOPLE-1", "UADA")).toMatchObject({ displayName: "Ada Admin", role: "admin" });
  expect(await memberOf("T-PEOPLE-1", "UMEL")).toMatchObject({ displayName: "Mel Marketing", role: "member" });
  const ws = await h.bot.db.workspace.findUniqueOrThrow({ where: { platform_externalId: { platform: "slack", externalId: "T-PEOPLE-1" } } });
  const owners = await h.bot.db.creator.findMany({ where: { workspaceId: ws.id }, include: { owner: true }, orderBy: { handleKey: "asc" } });
  expect(owners.map((c) => [c.handle, c.owner?.externalId, c.owner?.displayName])).toEqual([
    ["tom", "UADA", "Ada Admin"],
    ["zoe", "UADA", "Ada Admin"],
  ]);
  const asked = h.fake.callsOf("users.info").map((c) => c.params.user);
  expect(asked).toContain("UADA");

  // A name typed as text, or an id Slack does not know, names nobody.
  expect(messageText((await h.send("/creator update tom owner:ada", mel)).ack)).toContain('"ada" is a name typed as text');
  expect(messageText((await h.send("/creator update tom owner:<@UGONE>", { ...mel, markup: true })).ack)).toContain("nobody in this workspace has the id UGONE");
  expect(await memberOf("T-PEOPLE-1", "UGONE")).toBeNull();
});

test("a Slack admin demoted in Slack loses the bot's admin rights once the five minutes pass; one promoted gains them", async () => {
  const ada = { team: "T-PEOPLE-2", user: "UADA" };
  const mel = { team: "T-PEOPLE-2", user: "UMEL" };
  // mel speaks first: in Slack that makes nobody an admin.
  expect(messageText((await h.send('/campaign new "Spring" budget:$100', mel)).ack)).toContain("Only admins can set or change a campaign's budget.");
  expect(messageText((await h.send('/campaign new "Spring" budget:$100', ada)).ack)).toContain('Created campaign "Spring"');

  h.fake.users.UADA = { ...h.fake.users.UADA, is_admin: false };
  h.fake.users.UMEL = { ...h.fake.users.UMEL, is_admin: true };
  now += 4 * MINUTE; // Slack's answers of the last five minutes still stand
  expect(messageText((await h.send('/campaign update "Spring" budget:$200', ada)).ack)).toContain("Updated");
  now += 2 * MINUTE;
  expect(messageText((await h.send('/campaign update "Spring" budget:$300', ada)).ack)).toContain("Only admins can set or change a campaign's budget.");
  expect(messageText((await h.send("/settings", ada)).ack)).toContain("Only admins can use /settings.");
  expect(messageText((await h.send('/campaign update "Spring" budget:$400', mel)).ack)).toContain("Updated");
  await h.send("/campaign list", ada); // the stored role follows with the next command that runs
  expect(await memberOf("T-PEOPLE-2", "UADA")).toMatchObject({ role: "member" });
  expect(await memberOf("T-PEOPLE-2", "UMEL")).toMatchObject({ role: "admin" });
  const ws = await h.bot.db.workspace.findUniqueOrThrow({ where: { platform_externalId: { platform: "slack", externalId: "T-PEOPLE-2" } } });
  expect((await h.bot.db.campaign.findFirstOrThrow({ where: { workspaceId: ws.id } })).budget).toBe(40000);
});
