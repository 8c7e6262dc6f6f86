import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { expectOk, startTestBot, type TestBot } from "../helpers/core.ts";

let bot: TestBot;
beforeAll(async () => {
  bot = await startTestBot();
});
afterAll(() => bot.close());

const KATE = '/creator add @kate tiktok 48k niche:"kettlebell training"';
const TOM = "/creator add tom instagram 9,999 owner:alice";

describe("/creator", () => {
  it("/creator add @kate tiktok 48k registers a micro creator with her TikTok account", async () => {
    const ws = await bot.workspace();
    const reply = expectOk(await ws.run(KATE));
    expect(reply.title).toBe("Registered @kate: micro");
    const kate = await bot.db.creator.findFirstOrThrow({ where: { workspaceId: ws.id, handleKey: "kate" }, include: { accounts: true } });
    expect(kate).toMatchObject({ handle: "kate", niche: "kettlebell training", status: "active" });
    expect(kate.accounts).toMatchObject([{ platform: "tiktok", handle: "kate", followers: 48_000 }]);
  });

  it("/creator add @bad tiktok lots names followers and stores nothing", async () => {
    const ws = await bot.workspace([KATE]);
    const reply = await ws.run("/creator add @bad tiktok lots");
    expect(reply.status).toBe("error");
    expect(await ws.text("/creator add @bad tiktok lots")).toContain('Invalid followers: "lots" is not a number');
    expect(await bot.db.creator.count({ where: { workspaceId: ws.id } })).toBe(1);
  });

  it("handles are unique case-insensitively", async () => {
    const ws = await bot.workspace([KATE]);
    const reply = await ws.run("/creator add @KATE instagram 5k");
    expect(reply.status).toBe("error");
    expect(await ws.text("/creator add @KATE instagram 5k")).toMatch(/@kate is already registered/);
    expect(await bot.db.creator.count({ where: { workspaceId: ws.id, handleKey: "kate" } })).toBe(1);
  });

  it("a second account that is larger moves the creator up a tier", async () => {
    const ws = await bot.workspace([KATE]);
    const text = await ws.text("/creator account kate youtube 120k account:katelifts");
    expect(text).toContain("Tier micro → macro");
    const accounts = await bot.db.account.findMany({ where: { workspaceId: ws.id, creator: { handleKey: "kate" } }, orderBy: { platform: "asc" } });
    expect(accounts.map((a) => [a.platform, a.handle, a.followers])).toEqual([
      ["tiktok", "kate", 48_000],
      ["youtube", "katelifts", 120_000],
    ]);
    expect(await ws.text("/creator account kate youtube 130k")).toContain("120,000 → 130,000");
    expect(await bot.db.account.count({ where: { workspaceId: ws.id, creator: { handleKey: "kate" } } })).toBe(2);
  });

  it("update changes only what is given, and owner resolves to a member", async () => {
    const ws = await bot.workspace([KATE]);
    expectOk(await ws.run("/creator update kate status:paused owner:alice"));
    const kate = await bot.db.creator.findFirstOrThrow({ where: { workspaceId: ws.id, handleKey: "kate" }, include: { owner: true } });
    expect(kate.status).toBe("paused");
    expect(kate.niche).toBe("kettlebell training");
    expect(kate.owner?.displayName).toBe("alice");
    expect(await ws.text("/creator update kate")).toMatch(/Nothing to change/);
    expect(await ws.text("/creator update kate owner:nobody-here")).toMatch(/No member called nobody-here/);
    expect(await ws.text("/creator update kate email:not-an-email")).toMatch(/not an email address/);
  });

  it("a mention's typed label renames nobody; a mention nobody can look up is refused", async () => {
    const ws = await bot.workspace();
    expectOk(await ws.run('/creator add tom instagram 9,999 owner:"<@alice|Evil-Twin>"'));
    const tom = await bot.db.creator.findFirstOrThrow({ where: { workspaceId: ws.id, handleKey: "tom" }, include: { owner: true } });
    expect(tom.owner).toMatchObject({ externalId: "alice", displayName: "alice" });
    expect(await ws.text("/creator update tom owner:<@U024BE7LH|sam>")).toMatch(/No member with the id U024BE7LH/);
    expect(await bot.db.member.count({ where: { workspaceId: ws.id, externalId: "U024BE7LH" } })).toBe(0);
  });

  it("list shows the roster with tiers and filters by tier", async () => {
    const ws = await bot.workspace([KATE, "/creator account kate youtube 130k account:katelifts", TOM]);
    const all = await ws.text("/creator list");
    expect(all).toMatch(/@kate\s+macro\s+130,000/);
    expect(all).toMatch(/@tom\s+nano\s+9,999/);
    const nano = await ws.text("/creator list tier:nano");
    expect(nano).toContain("@tom");
    expect(nano).not.toContain("@kate");
  });

  it("show lists accounts, status and owner", async () => {
    const ws = await bot.workspace([KATE, "/creator account kate youtube 130k account:katelifts", "/creator update kate status:paused owner:alice"]);
    const text = await ws.text("/creator show @Kate");
    expect(text).toContain("@kate: macro");
    expect(text).toMatch(/YouTube\s+@katelifts\s+130,000/);
    expect(text).toMatch(/Status:\s+paused/);
  });

  it("unknown handles get a hint", async () => {
    const ws = await bot.workspace([KATE]);
    expect(await ws.text("/creator show katie")).toMatch(/No creator @katie.*\n.*Did you mean @kate/);
  });

  it("remove is for admins only, and refuses while codes exist unless force:yes", async () => {
    const ws = await bot.workspace([TOM, "/campaign new C", "/campaign enroll C tom", "/code add tom C code:TOM10"]);
    const bob = { userId: "bob", userName: "bob" };
    const refused = await ws.run("/creator remove tom", bob);
    expect(refused.status).toBe("error");
    expect(refused.errorCode).toBe("not_allowed");
    expect(await bot.db.creator.count({ where: { workspaceId: ws.id, handleKey: "tom" } })).toBe(1);

    expect(await ws.text("/creator remove tom")).toMatch(/has 0 post\(s\) and 1 code/);
    expect(await bot.db.creator.count({ where: { workspaceId: ws.id, handleKey: "tom" } })).toBe(1);
    expectOk(await ws.run("/creator remove tom force:yes"));
    expect(await bot.db.creator.count({ where: { workspaceId: ws.id, handleKey: "tom" } })).toBe(0);
    expect(await bot.db.code.count({ where: { workspaceId: ws.id, code: "TOM10" } })).toBe(0);
  });

  it("records who changed what in the activity log", async () => {
    const ws = await bot.workspace([KATE, "/creator list", TOM]);
    const activity = await bot.db.activity.findMany({ where: { workspaceId: ws.id }, include: { member: true }, orderBy: { id: "asc" } });
    const adds = activity.filter((a) => a.command === "/creator add");
    expect(adds.map((a) => a.summary)).toEqual([KATE, TOM]);
    expect(adds[0]!.member?.displayName).toBe("alice");
    expect(activity.some((a) => a.command === "/creator list")).toBe(false);
  });
});
