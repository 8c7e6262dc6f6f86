// Text people typed is shown as they typed it in Discord: a campaign, a brand and a niche written
// with Markdown's marks (*bold* _italic_ ~~strike~~ `code`, a ``` fence) are formatted nowhere,
// titles included, and a fence does not end the table it sits in.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "./fake-discord.ts";
import { startHarness, type Harness, type Who } from "./harness.ts";

const club = FakeDiscord.guild("Kettlebell Club");
const alice = FakeDiscord.user("alice");
const inClub: Who = { guild: club, user: alice };
const CAMPAIGN = "*Launch* _x_ ~~y~~";
const BRAND = "_Kettle_ **bells** `co`";
const NICHE = "*lifting* ```fences```";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ guilds: [club] });
  await h.slash(inClub, "campaign", "new", { name: CAMPAIGN, brand: BRAND });
  await h.slash(inClub, "creator", "add", { handle: "_kate_", platform: "tiktok", followers: 48_000, niche: NICHE });
  await h.slash(inClub, "campaign", "enroll", { campaign: CAMPAIGN, handle: "_kate_", fee: "$300" });
});
afterAll(() => h?.close());

/** Markdown marks Discord would act on: any of them not escaped by a backslash. */
const unescapedMarks = (markdown: string) => markdown.replace(/\\[\s\S]/g, "").match(/[*_~`|]/g) ?? [];
/** What a person reads: Discord drops the backslash of an escape. */
const seen = (markdown: string) => markdown.replace(/\\([^\p{L}\p{N}\s])/gu, "$1");

describe("typed text in Discord", () => {
  it("/campaign show: the title and the brand as typed, not formatted", async () => {
    const show = await h.slash(inClub, "campaign", "show", { name: CAMPAIGN });
    const title = show.embeds[0]!.title!;
    expect(unescapedMarks(title)).toEqual([]);
    expect(seen(title)).toBe(`${CAMPAIGN} (active)`);
    const brand = show.embeds.flatMap((e) => e.fields ?? []).find((f) => f.name === "Brand")!;
    expect(unescapedMarks(brand.value)).toEqual([]);
    expect(seen(brand.value)).toBe(BRAND);
  });

  it("/creator list: a ``` in a niche does not end the table; a filter in the title reads as typed", async () => {
    const list = await h.slash(inClub, "creator", "list", { niche: "*lifting*" });
    const title = list.embeds[0]!.title!;
    expect(unescapedMarks(title)).toEqual([]);
    expect(seen(title)).toBe("Creators (1): niche:*lifting*");
    const table = list.embeds[0]!.description!;
    expect(table.match(/```/g)).toHaveLength(2);
    expect(table).toMatch(/^```\n[\s\S]*\n```$/);
    expect(table).toContain("@_kate_");
    // Inside a code block nothing is formatted; its backticks are shown as look-alikes (ˋ).
    expect(table.replace(/\u02CB/g, "`")).toContain(NICHE);
  });
});
