// Order alerts in Discord, end to end: a channel picked in /campaign update alerts: (Discord sends
// it as a channel mention, the bot checks it is one of the server's), a shop connected through
// its modal, an order sent by the shop's signed webhook, and the alert runner (as `npm run serve`
// wires it, with the Discord adapter's poster) posting the message into that channel of the fake Discord.

import { afterAll, beforeAll, expect, it } from "vitest";
import { createAlertRunner } from "../../../jobs/alert-runner.ts";
import { silentLogger } from "../../../src/log.ts";
import { fixture, startShopHarness, webhookPath, type ShopHarness } from "../../shop/harness.ts";
import { FakeDiscord } from "./fake-discord.ts";
import { embedText, startHarness, type Harness, type Who } from "./harness.ts";

const guild = FakeDiscord.guild("Kettle Crew");
const ana: Who = { guild, user: FakeDiscord.user("ana"), manageServer: true };
let h: Harness;
let shop: ShopHarness;
/** What a person reads: Discord shows \# as #. */
const shown = (text: string) => text.replace(/\\([_*~`|\\#@-])/g, "$1");

beforeAll(async () => {
  h = await startHarness({ guilds: [guild] });
  shop = await startShopHarness(h.core);
  await h.slash(ana, "help", "", {});
  await h.slash(ana, "creator", "add", { handle: "kate", platform: "tiktok", followers: "48k" });
  await h.slash(ana, "campaign", "new", { name: "Spring", currency: "USD" });
  await h.slash(ana, "campaign", "enroll", { campaign: "Spring", handle: "kate" });
  await h.slash(ana, "code", "add", { handle: "kate", campaign: "Spring", code: "KATE15" });
}, 60_000);
afterAll(async () => {
  await shop?.stop();
  await h?.close();
});

it("a channel picked in /campaign update alerts: gets the order a shop's webhook brings", async () => {
  const channel = h.fake.channelOf(guild);
  // Typing # and picking the channel sends its mention.
  const updated = await h.slash(ana, "campaign", "update", { name: "Spring", alerts: `<#${channel}>` });
  expect(shown(updated.text)).toContain("Order alerts: #general");
  expect((await h.db.campaign.findFirstOrThrow({ where: { name: "Spring" } })).alertsChannelId).toBe(channel);

  // The shop, connected through the modal that asks its secret.
  const connect = await h.slash(ana, "shop", "connect", { kind: "shopify", address: "kettle-crew", campaigns: "Spring" });
  const submitted = h.fake.modalSubmit({ guild, user: ana.user, manageServer: true, customId: connect.callback.json.data.custom_id, fields: { secret: "shpss_test_secret" } });
  const callback = await h.fake.callbackOf(submitted);
  const answer = callback.json.type === 5 ? (await h.fake.followUpOf(submitted)).json : callback.json.data;
  const path = webhookPath(shown([answer.content ?? "", ...(answer.embeds ?? []).map(embedText)].join("\n")));

  const before = h.fake.messagesIn(channel).length;
  const order = { ...fixture("shopify-order"), discount_codes: [{ code: "KATE15", amount: "10.00", type: "fixed_amount" }] };
  expect((await shop.send(path, "orders/create", order, { domain: "kettle-crew.myshopify.com" })).status).toBe(200);
  await shop.settled();
  const outcomes = await createAlertRunner({ db: h.db, log: silentLogger(), posters: { discord: h.adapter.poster! } }).runDue(new Date());
  expect(outcomes.map((o) => o.status)).toEqual(["posted"]);

  const posted = h.fake.messagesIn(channel).slice(before);
  expect(posted).toHaveLength(1);
  expect(posted[0]!.authorization).toBe("Bot test-bot-token");
  const text = shown([posted[0]!.json.content ?? "", ...(posted[0]!.json.embeds ?? []).map(embedText)].join("\n"));
  expect(text).toContain('New order for "Spring"');
  expect(text).toContain("KATE15: $587.00, 1st order");
});
