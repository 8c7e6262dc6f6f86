// /home in Discord (issue 23, a home view): Discord has no home tab, so /home answers privately
// with the same content and buttons as Slack's Home tab: a team member's view (due this week with
// a Remind button, money owed, latest figures), a linked creator's own /my. The real discord.js
// client against the fake Discord. A creator's /my and /home carry the same buttons: I posted it
// for each deliverable due without a post, as their reminders do.

import { afterAll, beforeAll, expect, it } from "vitest";
import { COLORS } from "../../../src/platforms/discord/embeds.ts";
import { FakeDiscord } from "./fake-discord.ts";
import { embedText, startHarness, type Answer, type Harness, type Who } from "./harness.ts";

const guild = FakeDiscord.guild("Home");
const carol = FakeDiscord.user("carol");
const kate = { ...FakeDiscord.user("kate"), nick: "Kate Lifts" };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ guilds: [guild] });
}, 60_000);
afterAll(() => h?.close());

const admin: Who = { guild, user: carol, manageServer: true };
const creator: Who = { guild, user: kate };

/** The buttons of the message the person sees. */
const buttonsOf = (answer: Answer) => {
  const data = (answer.message.json.data ?? answer.message.json) as { components?: Array<{ components: Array<Record<string, any>> }> };
  return (data.components ?? []).flatMap((row) => row.components);
};

it("/home answers a team member privately with due this week and its Remind button, money owed and latest figures; a linked creator gets their /my", async () => {
  for (const [command, sub, values] of [
    ["creator", "add", { handle: "kate", platform: "tiktok", followers: 48_000 }],
    ["creator", "add", { handle: "tom", platform: "tiktok", followers: 9_000 }],
    ["campaign", "new", { name: "Spring Launch" }],
    ["campaign", "enroll", { campaign: "Spring Launch", handle: "kate", fee: "$300", due: "today" }],
    ["campaign", "enroll", { campaign: "Spring Launch", handle: "tom", fee: "$777" }],
    ["code", "add", { handle: "kate", campaign: "Spring Launch", code: "KATE10" }],
    ["post", "log", { url: "https://www.tiktok.com/@tom/video/1", handle: "tom", views: 1000 }],
    ["creator", "link", { handle: "kate", person: kate }],
  ] as const) {
    const answer = await h.slash(admin, command, sub, values);
    expect(answer.embeds[0]?.color, `${command} ${sub}: ${answer.text}`).toBe(COLORS.ok);
  }
  const home = await h.slash(admin, "home", "", {});
  expect(home.ephemeral).toBe(true);
  expect(home.text).toContain("Deliverables due this week (1)");
  expect(home.text).toContain('@kate, "Spring Launch": due today');
  expect(home.text).toContain("Money owed");
  expect(home.text).toMatch(/@tom[\s\S]*\$777\.00/);
  expect(home.text).toContain("Latest figures, last seven days");
  const remind = buttonsOf(home).find((b) => b.label === "Remind @kate");
  expect(remind?.custom_id).toContain('/campaign remind "Spring Launch" @kate');

  const mine = await h.slash(creator, "home", "", {});
  expect(mine.ephemeral).toBe(true);
  expect(mine.text).toContain("@kate: your campaigns");
  expect(mine.text).toContain("KATE10");
  for (const other of ["Money owed", "@tom", "$777"]) expect(mine.text).not.toContain(other);
});

it("a linked creator's /my carries I posted it, as /home does; a click asks the address in a modal and logs the post", async () => {
  const mine = await h.slash(creator, "my", "", {});
  const posted = buttonsOf(mine).find((b) => b.label === "I posted it");
  expect(posted?.custom_id).toContain('/post log handle:kate campaign:"Spring Launch"');
  const home = await h.slash(creator, "home", "", {});
  expect(buttonsOf(home).map((b) => b.custom_id)).toEqual(buttonsOf(mine).map((b) => b.custom_id));

  const data = (mine.message.json.data ?? mine.message.json) as Record<string, unknown>;
  const message = { embeds: data.embeds, components: data.components };
  const opened = await h.fake.callbackOf(h.fake.click({ guild, user: kate, customId: posted!.custom_id, message }));
  expect(opened.json.type).toBe(9);
  const modal = opened.json.data;
  expect(JSON.stringify(modal.components)).toContain('"custom_id":"url"');
  const url = "https://www.tiktok.com/@kate/video/77";
  const callback = await h.fake.callbackOf(h.fake.modalSubmitFromMessage({ guild, user: kate, customId: modal.custom_id, fields: { url }, message }));
  expect((callback.json.data?.embeds ?? []).map(embedText).join("\n")).toContain("kate");
  const stored = await h.db.post.findFirst({ where: { url }, include: { creator: true, campaign: true } });
  expect(stored?.creator.handle).toBe("kate");
  expect(stored?.campaign.name).toBe("Spring Launch");

  const after = await h.slash(creator, "my", "", {});
  expect(buttonsOf(after).find((b) => b.label === "I posted it")).toBeUndefined();
  expect(after.text).toContain("Nothing due");
});
