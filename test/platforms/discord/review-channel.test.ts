// review-channel:#channel in Discord: a channel mention (<#id>, what Discord puts in the text when
// one picks a channel after #) is asked of Discord (the server's channels) and must be a channel
// of this server; it becomes the campaign's review channel, and a submission's review message is
// posted there. A name typed as text, or a channel of another server, is refused.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FakeDiscord } from "./fake-discord.ts";
import { startHarness, type Harness, type Who } from "./harness.ts";

const guild = FakeDiscord.guild("Kettle Crew");
const other = FakeDiscord.guild("Elsewhere");
const ana: Who = { guild, user: FakeDiscord.user("ana"), manageServer: true };
let h: Harness;
let reviews: string;

beforeAll(async () => {
  h = await startHarness({ guilds: [guild, other] });
  reviews = h.fake.addChannel(guild, "reviews");
  await h.slash(ana, "creator", "add", { handle: "kate", platform: "tiktok", followers: "48k" });
  await h.slash(ana, "campaign", "new", { name: "Spring" });
  await h.slash(ana, "campaign", "enroll", { campaign: "Spring", handle: "kate", fee: "$300" });
  await h.slash(ana, "campaign", "update", { name: "Spring", approval: "on" });
}, 60_000);
afterAll(() => h?.close());

const reviewChannel = async () => (await h.db.campaign.findFirstOrThrow({ where: { nameKey: "spring" } })).reviewChannelId;

describe("review-channel:#channel in Discord", () => {
  it("takes a channel of this server that Discord confirms; submissions are reviewed there", async () => {
    const typed = await h.slash(ana, "campaign", "update", { name: "Spring", "review-channel": "#reviews" });
    expect(typed.text).toContain("is a channel name typed as text");
    const foreign = await h.slash(ana, "campaign", "update", { name: "Spring", "review-channel": `<#${h.fake.channelOf(other)}>` });
    expect(foreign.text).toContain("this workspace has no channel with the id");
    expect(await reviewChannel()).toBeNull();

    const set = await h.slash(ana, "campaign", "update", { name: "Spring", "review-channel": `<#${reviews}>` });
    expect(set.text).toContain("submissions are reviewed in #reviews");
    expect(await reviewChannel()).toBe(reviews);

    const submitted = await h.slash(ana, "post", "submit", { url: "https://www.tiktok.com/@kate/video/9001", handle: "kate" });
    expect(submitted.text).toContain("The team reviews it in the review channel");
    const [posted] = h.fake.messagesIn(reviews);
    expect(JSON.stringify(posted!.json.embeds)).toContain("Review: @kate");
    expect(h.fake.messagesIn(h.fake.channelOf(guild))).toHaveLength(0);
  });
});
