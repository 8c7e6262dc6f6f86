// Slash commands through the real discord.js client and the fake Discord: typed options reach
// the commands, replies come back as embeds, mistakes are ephemeral, guilds stay apart.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DM_REPLY } from "../../../src/platforms/discord/interactions.ts";
import { FakeDiscord } from "./fake-discord.ts";
import { startHarness, type Harness, type Who } from "./harness.ts";

const club = FakeDiscord.guild("Kettlebell Club");
const other = FakeDiscord.guild("Yoga Collective");
const alice = { ...FakeDiscord.user("alice"), globalName: "Alice A." };
const bob = FakeDiscord.user("bob");
const carol = FakeDiscord.user("carol");
const dave = FakeDiscord.user("dave");
const sam = FakeDiscord.user("sam");
const zoe = FakeDiscord.user("zoe");

// alice has Manage Server in the club, and so is its admin; bob is a plain member.
const inClub: Who = { guild: club, user: alice, manageServer: true };
const bobInClub: Who = { guild: club, user: bob };

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ guilds: [club, other] });
});
afterAll(() => h?.close());

const clubWorkspace = () => h.db.workspace.findUniqueOrThrow({ where: { platform_externalId: { platform: "discord", externalId: club.id } } });

describe("slash commands", () => {
  it("/creator add with typed options registers the creator in the guild's workspace and answers with an embed", async () => {
    const answer = await h.slash(inClub, "creator", "add", { handle: "@kate", platform: "tiktok", followers: 48_000, niche: "kettlebell training", owner: sam });
    expect(answer.callback.json.type).toBe(4);
    expect(answer.ephemeral).toBe(false);
    expect(answer.embeds[0]).toMatchObject({
      title: "Registered @kate: micro",
      description: "48,000 followers on TikTok, so @kate is a micro creator.",
      fields: expect.arrayContaining([{ name: "Niche", value: "kettlebell training", inline: true }, { name: "Owner", value: "sam", inline: true }]),
    });
    const workspace = await clubWorkspace();
    expect(workspace.name).toBe("Kettlebell Club");
    const kate = await h.db.creator.findFirstOrThrow({ where: { workspaceId: workspace.id, handleKey: "kate" }, include: { accounts: true, owner: true } });
    expect(kate.accounts).toMatchObject([{ platform: "tiktok", followers: 48_000 }]);
    // A USER option arrives as a mention of the Discord user, with their name.
    expect(kate.owner).toMatchObject({ externalId: sam.id, displayName: "sam" });
    const first = await h.db.member.findFirstOrThrow({ where: { workspaceId: workspace.id, externalId: alice.id } });
    expect(first).toMatchObject({ displayName: "Alice A.", role: "admin" });
  });

  it("/creator show and /creator list answer with fields and a table in a code block", async () => {
    await h.slash(bobInClub, "creator", "add", { handle: "tom_lifts", platform: "instagram", followers: 9_000 });
    const show = await h.slash(bobInClub, "creator", "show", { handle: "kate" });
    expect(show.ephemeral).toBe(true);
    expect(show.embeds[0]).toMatchObject({ title: "@kate: micro", fields: expect.arrayContaining([{ name: "Status", value: "active", inline: true }]) });
    expect(show.text).toMatch(/```\nplatform +account +followers\n[- ]+\nTikTok +@kate +48,000\n```/);
    const list = await h.slash(bobInClub, "creator", "list", {});
    expect(list.embeds[0]!.title).toBe("Creators (2)");
    expect(list.embeds[0]!.description).toMatch(/^```\nhandle +tier[\s\S]*@kate +micro[\s\S]*@tom_lifts +nano[\s\S]*```$/);
  });

  it("/campaign new, enroll (per-order, commission as a number) and show", async () => {
    const created = await h.slash(inClub, "campaign", "new", { name: "Spring Launch", budget: "$5,000", start: "2026-12-01", end: "2026-12-31" });
    expect(created.embeds[0]).toMatchObject({ title: 'Created campaign "Spring Launch"', fields: expect.arrayContaining([{ name: "Budget", value: "$5,000.00", inline: true }]) });
    expect(created.embeds[0]!.footer?.text).toContain("Enrol creators with /campaign enroll");
    const enrolled = await h.slash(inClub, "campaign", "enroll", { campaign: "spring launch", handle: "kate", fee: "$300", commission: 12.5, "per-order": "$2", wave: 2 });
    expect(enrolled.embeds[0]!.title).toBe('Enrolled @kate in "Spring Launch"');
    expect(enrolled.text).toContain("Commission: 12.5%");
    const enrolment = await h.db.enrolment.findFirstOrThrow({ where: { creator: { handleKey: "kate" } } });
    expect(enrolment).toMatchObject({ fee: 30_000, commissionBps: 1250, perOrder: 200, wave: 2 });
    const show = await h.slash(bobInClub, "campaign", "show", { name: "Spring Launch" });
    expect(show.embeds[0]!.title).toBe("Spring Launch (active)");
    expect(show.text).toContain("Committed: $300.00");
    expect(show.text).toContain("**Wave 2 (1 creator)**");
  });

  it("/post, /code, /settings and /help answer through Discord too", async () => {
    const logged = await h.slash(bobInClub, "post", "log", { url: "https://www.tiktok.com/@kate/video/1", handle: "kate", views: 12_000, likes: 900, disclosed: true });
    expect(logged.embeds[0]!.title).toBe(`Logged @kate's TikTok post in "Spring Launch"`);
    const code = await h.slash(bobInClub, "code", "add", { handle: "kate", campaign: "Spring Launch", discount: 15 });
    expect(code.embeds[0]!.title).toBe('KATE15 is @kate\'s code for "Spring Launch"');
    const settings = await h.slash(inClub, "settings", "", { tz: "Europe/Berlin" });
    expect(settings.embeds[0]).toMatchObject({ title: "Settings updated", fields: expect.arrayContaining([{ name: "Time zone", value: "Europe/Berlin", inline: true }]) });
    expect((await clubWorkspace()).timeZone).toBe("Europe/Berlin");
    const help = await h.slash(bobInClub, "help", "", { command: "creator" });
    expect(help.embeds[0]!.title).toMatch(/^\/creator: /);
    expect(help.ephemeral).toBe(true);
  });

  it("/report is slow work: deferred first, then the original edited with the report embed", async () => {
    const answer = await h.slash(bobInClub, "report", "", { campaign: "spring launch" });
    expect(answer.callback.json.type).toBe(5);
    expect(answer.message.method).toBe("PATCH");
    expect(answer.embeds[0]!.title).toMatch(/^Report: Spring Launch, /);
    expect(answer.text).toContain("Views: 12,000");
  });

  it("/report format:csv arrives as a CSV attachment of the edited reply", async () => {
    const answer = await h.slash(bobInClub, "report", "", { campaign: "Spring Launch", format: "csv" });
    expect(answer.callback.json.type).toBe(5);
    expect(answer.embeds[0]!.title).toMatch(/^Spring Launch: CSV report/);
    expect(answer.message.files).toHaveLength(1);
    const [file] = answer.message.files;
    expect(file!.field).toBe("files[0]");
    expect(file!.name).toMatch(/^report-spring-launch-.*\.csv$/);
    const [header, kate] = file!.data.toString("utf8").split(/\r?\n/);
    expect(header).toMatch(/^handle,tier,followers,posts,views,/);
    expect(kate).toMatch(/^@?kate,micro,48000,1,12000,/);
  });

  it("every command group answers a dispatched interaction (with a result, a clear ephemeral message, or a form for what is missing)", async () => {
    for (const command of h.commands) {
      const action = command.actions[0]!;
      const answer = await h.slash(bobInClub, command.name, action.name, {});
      if (action.formWhenMissing) {
        expect(answer.callback.json.type, `/${command.name} ${action.name}`).toBe(9);
        continue;
      }
      expect([4, 5], `/${command.name} ${action.name}`).toContain(answer.callback.json.type);
      expect(answer.embeds.length, `/${command.name} ${action.name}`).toBeGreaterThan(0);
    }
  });
});

describe("mistakes and permissions", () => {
  it("an invalid value is refused ephemerally, naming the option, and nothing is stored", async () => {
    const creators = await h.db.creator.count();
    const activities = await h.db.activity.count();
    const answer = await h.slash(bobInClub, "creator", "add", { handle: "bad handle!", platform: "tiktok", followers: 100 });
    expect(answer.ephemeral).toBe(true);
    expect(answer.embeds[0]!.color).toBe(0xed4245);
    expect(answer.text).toContain('Invalid handle: "bad handle!" is not a handle');
    expect(answer.text).toContain("Usage: /creator add <handle> <platform> <followers>");
    const money = await h.slash(bobInClub, "campaign", "new", { name: "Summer", budget: "lots" });
    expect(money.ephemeral).toBe(true);
    expect(money.text).toContain('Invalid budget: "lots" is not an amount of money');
    // Discord enforces min/max in its client, but the bot checks again.
    const negative = await h.slash(bobInClub, "creator", "add", { handle: "neg", platform: "tiktok", followers: -5 });
    expect(negative.ephemeral).toBe(true);
    expect(negative.text).toContain("Invalid followers");
    expect(await h.db.creator.count()).toBe(creators);
    expect(await h.db.campaign.count({ where: { nameKey: "summer" } })).toBe(0);
    expect(await h.db.activity.count()).toBe(activities);
  });

  it("a member without Manage Server is refused admin commands; Manage Server or Administrator is enough", async () => {
    const refused = await h.slash(bobInClub, "creator", "remove", { handle: "tom_lifts" });
    expect(refused.ephemeral).toBe(true);
    expect(refused.text).toContain("Only admins can use /creator remove.");
    expect(refused.text).toContain("Members with Manage Server or Administrator");
    expect(await h.db.creator.count({ where: { handleKey: "tom_lifts" } })).toBe(1);
    const settings = await h.slash(bobInClub, "settings", "", { currency: "EUR" });
    expect(settings.text).toContain("Only admins can use /settings.");
    expect((await clubWorkspace()).currency).toBe("USD");

    const removed = await h.slash({ guild: club, user: carol, manageServer: true }, "creator", "remove", { handle: "tom_lifts" });
    expect(removed.embeds[0]!.title).toBe("Removed @tom\\_lifts");  // shown as @tom_lifts
    expect(await h.db.creator.count({ where: { handleKey: "tom_lifts" } })).toBe(0);
    const byAdministrator = await h.slash({ guild: club, user: dave, administrator: true }, "settings", "", { currency: "EUR" });
    expect(byAdministrator.embeds[0]!.title).toBe("Settings updated");
    expect((await clubWorkspace()).currency).toBe("EUR");
  });

  it("a DM gets a polite 'use me in a server' and nothing is stored", async () => {
    const workspaces = await h.db.workspace.count();
    const answer = await h.slash({ guild: null, user: zoe }, "creator", "list", {});
    expect(answer.ephemeral).toBe(true);
    expect(answer.text).toBe(DM_REPLY);
    expect(await h.db.workspace.count()).toBe(workspaces);
    expect(await h.suggest({ guild: null, user: zoe }, "creator", "show", "handle", "k")).toEqual([]);
  });
});

describe("autocomplete and guilds", () => {
  it("suggests creator handles of the caller's guild only, prefix matches first, then substring", async () => {
    const yoga: Who = { guild: other, user: zoe };
    for (const handle of ["kaya", "mika", "kai_flow"]) await h.slash(yoga, "creator", "add", { handle, platform: "instagram", followers: 2_000 });
    for (const handle of ["kai", "nikai", "akaix", "kaibo"]) await h.slash(bobInClub, "creator", "add", { handle, platform: "tiktok", followers: 1_500 });

    expect(await h.suggest(bobInClub, "creator", "show", "handle", "ka")).toEqual(
      ["@kai", "@kaibo", "@kate", "@akaix", "@nikai"].map((name) => ({ name, value: name })),
    );
    expect((await h.suggest(yoga, "creator", "show", "handle", "@KA")).map((c) => c.name)).toEqual(["@kai_flow", "@kaya", "@mika"]);
    // "_" is a character to match, not a wildcard.
    expect((await h.suggest(yoga, "creator", "show", "handle", "i_")).map((c) => c.name)).toEqual(["@kai_flow"]);
    // Any option marked for creators, in any command.
    expect((await h.suggest(bobInClub, "campaign", "enroll", "handle", "nik")).map((c) => c.name)).toEqual(["@nikai"]);
  });

  it("suggests campaign names of the caller's guild, at most 25", async () => {
    for (let i = 1; i <= 27; i++) await h.slash(bobInClub, "campaign", "new", { name: `Drop ${String(i).padStart(2, "0")}` });
    await h.slash({ guild: other, user: zoe }, "campaign", "new", { name: "Spring Flow" });
    const drops = await h.suggest(bobInClub, "campaign", "show", "name", "drop");
    expect(drops).toHaveLength(25);
    expect(drops[0]).toEqual({ name: "Drop 01", value: "Drop 01" });
    expect((await h.suggest(bobInClub, "creator", "list", "campaign", "spring")).map((c) => c.name)).toEqual(["Spring Launch"]);
    expect((await h.suggest({ guild: other, user: zoe }, "code", "add", "campaign", "spr")).map((c) => c.name)).toEqual(["Spring Flow"]);
  });

  it("two guilds are separate workspaces: the same handle in both, lists and look-ups stay apart", async () => {
    const yoga: Who = { guild: other, user: zoe };
    const again = await h.slash(yoga, "creator", "add", { handle: "kate", platform: "youtube", followers: 300_000 });
    expect(again.embeds[0]!.title).toBe("Registered @kate: macro");
    const clubKate = await h.slash(bobInClub, "creator", "show", { handle: "kate" });
    expect(clubKate.embeds[0]!.title).toBe("@kate: micro");
    const yogaList = await h.slash(yoga, "creator", "list", {});
    expect(yogaList.embeds[0]!.title).toBe("Creators (4)");
    expect(yogaList.text).not.toContain("@nikai");
    const missing = await h.slash(yoga, "campaign", "show", { name: "Spring Launch" });
    expect(missing.ephemeral).toBe(true);
    expect(missing.text).toContain('No campaign "Spring Launch" in this workspace.');
    const workspaces = await h.db.workspace.findMany({ where: { platform: "discord" }, orderBy: { id: "asc" } });
    expect(workspaces.map((w) => [w.externalId, w.name])).toEqual([
      [club.id, "Kettlebell Club"],
      [other.id, "Yoga Collective"],
    ]);
    // zoe was first in her guild and is its admin; in the club she is nobody yet.
    expect(await h.db.member.count({ where: { externalId: zoe.id } })).toBe(1);
  });
});
