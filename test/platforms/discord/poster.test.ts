// Digests posted into a Discord channel through the REST API: embeds and files in one message,
// only into a channel of the schedule's own server, refusals as permanent or retryable errors.

import { REST } from "discord.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { reply } from "../../../src/core/reply.ts";
import { DeliveryError, type ChannelPoster } from "../../../src/digest/delivery.ts";
import { discordPoster } from "../../../src/platforms/discord/poster.ts";
import { FakeDiscord } from "./fake-discord.ts";

const club = FakeDiscord.guild("Kettlebell Club");
const other = FakeDiscord.guild("Yoga Collective");
const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452", "hex");
const digest = reply("Weekly digest: Spring Launch", "ephemeral")
  .fields([{ label: "Views", value: "12,000" }])
  .file({ name: "views.png", contentType: "image/png", data: PNG, title: "Views by day" })
  .build();

let fake: FakeDiscord;
let poster: ChannelPoster;
beforeAll(async () => {
  fake = await FakeDiscord.start([club, other]);
  poster = discordPoster(new REST({ version: "10", api: fake.apiUrl, rejectOnRateLimit: () => true, retries: 0 }).setToken("poster-token"));
});
afterAll(() => fake.close());

const target = (guildId: string, channelId: string) => ({ platform: "discord" as const, workspaceExternalId: guildId, channelId, slug: "digest-1" });
const posts = (channelId: string) => fake.requests.filter((r) => r.method === "POST" && r.path === `/api/v10/channels/${channelId}/messages`);

async function refusal(promise: Promise<unknown>): Promise<DeliveryError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DeliveryError);
  return error as DeliveryError;
}

describe("Discord digest poster", () => {
  it("posts the reply in the channel as embeds with the chart attached and shown", async () => {
    const channel = fake.channelOf(club);
    await poster.post(target(club.id, channel), digest);
    const [post] = posts(channel);
    expect(post!.authorization).toBe("Bot poster-token");
    expect(post!.json.embeds[0]).toMatchObject({ title: "Weekly digest: Spring Launch", fields: [{ name: "Views", value: "12,000" }], image: { url: "attachment://views.png" } });
    expect(post!.json.allowed_mentions).toEqual({ parse: [] });
    expect(post!.json.attachments).toEqual([{ id: 0, filename: "views.png", description: "Views by day" }]);
    expect(post!.files.map((f) => [f.name, f.contentType, f.data.equals(PNG)])).toEqual([["views.png", "image/png", true]]);
  });

  it("refuses a channel of another server, permanently, and posts nothing", async () => {
    const channel = fake.channelOf(other);
    const error = await refusal(poster.post(target(club.id, channel), digest));
    expect(error.options.permanent).toBe(true);
    expect(error.message).toContain(`is not in server ${club.id}`);
    expect(posts(channel)).toEqual([]);
  });

  it("an unknown channel or missing permissions are permanent; the message says what to grant", async () => {
    const unknown = await refusal(poster.post(target(club.id, "123456789012345678"), digest));
    expect(unknown.options.permanent).toBe(true);
    fake.refusingChannels.set(fake.channelOf(club), "forbidden");
    const forbidden = await refusal(poster.post(target(club.id, fake.channelOf(club)), digest));
    expect(forbidden.options.permanent).toBe(true);
    expect(forbidden.message).toContain("Missing Permissions");
    expect(forbidden.message).toContain("Send Messages, Embed Links and Attach Files");
  });

  it("a rate limit is retryable after the time Discord asks for", async () => {
    fake.refusingChannels.set(fake.channelOf(other), "rate-limited");
    const error = await refusal(poster.post(target(other.id, fake.channelOf(other)), digest));
    expect(error.options.permanent).toBeFalsy();
    expect(error.options.retryAfterMs).toBeGreaterThan(0);
  });

  it("sends a reminder to a person in their DM: the DM channel opened, then the message posted there", async () => {
    const reminder = reply("Reminder: @kate's post for \"Spring Launch\" is due in 2 days, 2026-12-10")
      .text("Not posted yet.")
      .action({ label: "Mark ghosted", command: '/campaign ghosted "Spring Launch" @kate', style: "danger", then: "replace" })
      .build();
    await poster.sendPrivately!({ platform: "discord", workspaceExternalId: club.id, userId: "400000000000000001", slug: "reminder-1" }, reminder);
    const open = fake.requests.filter((r) => r.method === "POST" && r.path === "/api/v10/users/@me/channels").at(-1)!;
    expect(open.json).toEqual({ recipient_id: "400000000000000001" });
    const [dm] = [...fake.dmChannels].find(([, user]) => user === "400000000000000001")!;
    const [post] = posts(dm);
    expect(post!.authorization).toBe("Bot poster-token");
    expect(post!.json.embeds[0].title).toBe('Reminder: @kate\'s post for "Spring Launch" is due in 2 days, 2026-12-10');
    expect(post!.json.allowed_mentions).toEqual({ parse: [] });
    // Its button rides along, its custom id carrying the command a click runs.
    expect(post!.json.components[0].components).toMatchObject([{ type: 2, label: "Mark ghosted", custom_id: 'cb:u::/campaign ghosted "Spring Launch" @kate' }]);
  });

  it("a person whose DMs are closed is a permanent refusal", async () => {
    fake.closedDms.add("400000000000000002");
    const error = await refusal(poster.sendPrivately!({ platform: "discord", workspaceExternalId: club.id, userId: "400000000000000002", slug: "reminder-2" }, digest));
    expect(error.options.permanent).toBe(true);
    expect(error.message).toContain("Cannot send messages to this user");
  });
});
