// review-channel:#channel in Slack: the channel Slack marked in the command (<#C…|name>, looked
// up with conversations.info in the caller's team) becomes the campaign's review channel, and a
// submission's review message is posted there. A name typed as text, or an id Slack does not
// know in this team, is refused and changes nothing; here and digest still work.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageText, startSlackHarness, type SlackHarness } from "./slack-side.ts";

const TEAM = "T-REVIEW";
const ana = { team: TEAM, user: "UANA", channel: "C1" };
let h: SlackHarness;

beforeAll(async () => {
  h = await startSlackHarness({ users: { UANA: { is_admin: true, profile: { display_name: "Ana" } } }, channels: { C1: "marketing", C0REVIEWS: "reviews" } });
  for (const line of ["/creator add kate tiktok 48k", "/campaign new Spring", "/campaign enroll Spring kate fee:$300", "/campaign update Spring approval:on"]) {
    expect(messageText((await h.send(line, ana)).ack)).not.toContain(":warning:");
  }
}, 60_000);
afterAll(() => h?.close());

const reviewChannel = async () => (await h.bot.core.db.campaign.findFirstOrThrow({ where: { nameKey: "spring" } })).reviewChannelId;

describe("review-channel:#channel in Slack", () => {
  it("takes the channel Slack names, never a typed name or an unknown id; submissions are reviewed there", async () => {
    const typed = await h.send("/campaign update Spring review-channel:#reviews", ana);
    expect(messageText(typed.ack)).toContain("is a channel name typed as text");
    const unknown = await h.send("/campaign update Spring review-channel:<#C0NOPE|reviews>", { ...ana, markup: true });
    expect(messageText(unknown.ack)).toContain("this workspace has no channel with the id C0NOPE");
    expect(await reviewChannel()).toBeNull();

    const set = await h.send("/campaign update Spring review-channel:<#C0REVIEWS|whatever-typed>", { ...ana, markup: true });
    expect(messageText(set.ack)).toContain("submissions are reviewed in #reviews");
    expect(messageText(set.ack)).toContain("invite the bot to that channel");
    expect(await reviewChannel()).toBe("C0REVIEWS");
    expect(h.fake.callsOf("conversations.info").map((c) => c.params.channel)).toEqual(["C0NOPE", "C0REVIEWS"]);

    const before = h.fake.callsOf("chat.postMessage").length;
    const submitted = await h.send("/post submit https://www.tiktok.com/@kate/video/9001 @kate", ana);
    expect(messageText(submitted.ack)).toContain("The team reviews it in the review channel");
    const posted = h.fake.callsOf("chat.postMessage").slice(before);
    expect(posted.map((c) => c.params.channel)).toEqual(["C0REVIEWS"]);
    expect(messageText({ blocks: JSON.parse(posted[0]!.params.blocks!) })).toContain("Review: @kate's TikTok post");

    const here = await h.send("/campaign update Spring review-channel:here", ana);
    expect(messageText(here.ack)).toContain("submissions are reviewed in this channel");
    expect(await reviewChannel()).toBe("C1");
    await h.send("/campaign update Spring review-channel:digest", ana);
    expect(await reviewChannel()).toBeNull();
  });
});
