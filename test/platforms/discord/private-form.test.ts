// Connecting a shop from Discord: /shop connect is registered without a secret option; running
// it answers with a modal (interaction response type 9), and the modal's submission connects the
// shop and answers ephemerally. The secret reaches the database only: not a message, not a log.

import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildRegistration } from "../../../src/platforms/discord/registration.ts";
import { embedText, startHarness, type Harness, type Who } from "./harness.ts";
import { FakeDiscord } from "./fake-discord.ts";

const SECRET = "woo_ck_5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b";
const club = FakeDiscord.guild("Kettlebell Club");
const alice = FakeDiscord.user("alice");
const bob = FakeDiscord.user("bob");
const admin: Who = { guild: club, user: alice, manageServer: true };
const member: Who = { guild: club, user: bob };
const logLines: string[] = [];
let h: Harness;

beforeAll(async () => {
  h = await startHarness({ guilds: [club], log: pino({ level: "trace" }, { write: (line: string) => void logLines.push(line) }) });
  // alice has Manage Server (an admin); bob is a plain member.
  await h.slash(admin, "help", "", {});
  await h.slash(member, "help", "", {});
}, 60_000);
afterAll(() => h?.close());

/** Submits the modal `answer` showed, as `who`; returns what Discord received for the submission. */
async function submit(modal: { custom_id: string }, who: Who, secret: string) {
  const interaction = h.fake.modalSubmit({ guild: who.guild, user: who.user, manageServer: who.manageServer, customId: modal.custom_id, fields: { secret } });
  const callback = await h.fake.callbackOf(interaction);
  const message = callback.json.type === 5 ? await h.fake.followUpOf(interaction) : callback;
  const data = message === callback ? callback.json.data : message.json;
  // What a person reads: Discord shows \_ as _.
  const text = [data?.content ?? "", ...(data?.embeds ?? []).map(embedText)].join("\n").replace(/\\([_*~`|\\])/g, "$1");
  return { callback, data, text, ephemeral: ((data?.flags ?? 0) & 64) === 64 };
}

const everythingSent = () => JSON.stringify(h.fake.requests.map((r) => r.json));

describe("/shop connect in Discord", () => {
  it("is registered without a secret option", () => {
    const shop = buildRegistration(h.commands).find((c) => c.name === "shop")!;
    const connect = shop.options!.find((o) => o.name === "connect") as { options: Array<{ name: string }> };
    expect(connect.options.map((o) => o.name)).toEqual(expect.arrayContaining(["kind", "address", "brand"]));
    expect(connect.options.map((o) => o.name)).not.toContain("secret");
  });

  it("answers with a modal asking for the secret; its submission connects the shop, ephemerally", async () => {
    const answer = await h.slash(admin, "shop", "connect", { kind: "woocommerce", address: "https://shop.example.com", brand: "Kettle" });
    expect(answer.callback.json.type).toBe(9);
    const modal = answer.callback.json.data;
    expect(modal.title).toBe("/shop connect");
    expect(modal.components[0]).toMatchObject({ type: 18, label: "secret", component: { type: 4, custom_id: "secret", required: true } });

    const sent = await submit(modal, admin, SECRET);
    expect(sent.ephemeral).toBe(true);
    const shop = await h.db.shop.findFirstOrThrow({ where: { domain: "shop.example.com" } });
    expect(shop).toMatchObject({ kind: "woocommerce", brand: "Kettle", secret: SECRET });
    expect(sent.text).toContain("shop.example.com connected");
    expect(sent.text).toContain(`/shop/woocommerce/${shop.token}`);
    expect(await h.db.activity.count({ where: { command: { contains: "shop connect" } } })).toBe(1);

    expect(everythingSent()).not.toContain(SECRET);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join("")).not.toContain(SECRET);
    expect(JSON.stringify(await h.db.activity.findMany())).not.toContain(SECRET);
  });

  it("a member who is not an admin gets an ephemeral refusal and nothing is stored", async () => {
    const answer = await h.slash(member, "shop", "connect", { kind: "shopify", address: "bobs-shop" });
    expect(answer.callback.json.type).toBe(9);
    const sent = await submit(answer.callback.json.data, member, "bobs-secret-value");
    expect(sent.ephemeral).toBe(true);
    expect(sent.text).toContain("Only admins can use /shop connect");
    expect(await h.db.shop.count({ where: { domain: "bobs-shop.myshopify.com" } })).toBe(0);
  });

  it("a modal is answered once, by the person it was shown to", async () => {
    const answer = await h.slash(admin, "shop", "connect", { kind: "shopify", address: "twice-shop" });
    const modal = answer.callback.json.data;
    const stranger = await submit(modal, member, "someone-elses");
    expect(stranger.text).toContain("already sent, or is not yours");
    const own = await submit(modal, admin, "first-secret");
    expect(own.text).toContain("twice-shop.myshopify.com connected");
    const again = await submit(modal, admin, "second-secret");
    expect(again.text).toContain("already sent, or is not yours");
    expect(await h.db.shop.findMany({ where: { domain: "twice-shop.myshopify.com" } })).toMatchObject([{ secret: "first-secret" }]);
  });
});
