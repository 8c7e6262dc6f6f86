// Connecting a shop from Slack: the signing secret is asked in a modal (views.open with the
// command's trigger_id), never typed in the command; the submission runs the command as the
// person who sent it, and the answer goes privately through the command's response URL. The
// secret reaches the database and nothing else: no message to Slack, no log line.

import pino from "pino";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { messageText, postInteraction, startSlackHarness, viewSubmission, type SlackHarness } from "./slack-side.ts";

const SECRET = "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";
const admin = { team: "T-SHOP", user: "UADMIN", channel: "C1" };
const member = { team: "T-SHOP", user: "UMEMBER", channel: "C1" };
const logLines: string[] = [];
let h: SlackHarness;

beforeAll(async () => {
  const log = pino({ level: "trace" }, { write: (line: string) => void logLines.push(line) });
  h = await startSlackHarness({ users: { UADMIN: { is_admin: true } }, log, publicUrl: "https://bot.example.com" });
  // Both people exist in the workspace (the first is its admin).
  await h.send("/help", admin);
  await h.send("/help", member);
}, 60_000);
afterAll(() => h?.close());

/** Runs `/shop connect …` as `who`; returns the modal the bot opened. */
async function openForm(line: string, who: typeof admin) {
  const before = h.fake.callsOf("views.open").length;
  const sent = await h.send(line, who);
  expect(sent.status).toBe(200);
  const call = await h.fake.waitFor(() => h.fake.callsOf("views.open")[before], "views.open");
  return { sent, call, view: JSON.parse(call.params.view!) as Record<string, any> };
}

/** Every message the bot sent to Slack so far, as text (Web API calls, acknowledgements, response URL posts). */
const everythingSent = () => JSON.stringify([h.fake.calls.filter((c) => c.method !== "views.open"), h.fake.responses]);

describe("/shop connect in Slack", () => {
  test("opens a modal asking for the secret; its submission connects the shop and answers privately", async () => {
    const { sent, call, view } = await openForm("/shop connect shopify kettle-co brand:Kettle", admin);
    // Acknowledged with no message: the form is the answer.
    expect(sent.ack).toBeNull();
    expect(call.params.trigger_id).toMatch(/\.1\./);
    expect(view.type).toBe("modal");
    expect(view.callback_id).toBe("private-options");
    const input = view.blocks.find((b: any) => b.type === "input");
    expect(input.block_id).toBe("secret");
    expect(input.element.type).toBe("plain_text_input");
    const metadata = JSON.parse(view.private_metadata);
    expect(metadata.line).toBe("/shop connect shopify kettle-co brand:Kettle");

    const answer = await postInteraction(h.adapter.eventsUrl!, viewSubmission(view, { secret: SECRET }, admin));
    expect(answer.status).toBe(200);
    const responseId = metadata.responseUrl.split("/").pop();
    const [reply] = await h.fake.waitFor(() => h.fake.responsesTo(responseId).length > 0 && h.fake.responsesTo(responseId), "the form's answer");
    expect(reply!.response_type).toBe("ephemeral");

    const shops = await h.bot.core.db.shop.findMany();
    expect(shops).toHaveLength(1);
    expect(shops[0]!).toMatchObject({ domain: "kettle-co.myshopify.com", brand: "Kettle", secret: SECRET });
    expect(messageText(reply)).toContain("kettle-co.myshopify.com connected");
    expect(messageText(reply)).toContain(`https://bot.example.com/shop/shopify/${shops[0]!.token}`);
    const activity = await h.bot.core.db.activity.findFirst({ where: { command: { contains: "shop connect" } } });
    expect(activity?.summary).toContain("connected Shopify shop kettle-co.myshopify.com");

    expect(everythingSent()).not.toContain(SECRET);
    expect(logLines.length).toBeGreaterThan(0);
    expect(logLines.join("")).not.toContain(SECRET);
    expect(JSON.stringify(await h.bot.core.db.activity.findMany())).not.toContain(SECRET);
  });

  test("a member who is not an admin gets a private refusal, and nothing is stored", async () => {
    const { view } = await openForm("/shop connect woocommerce https://shop.example.com", member);
    await postInteraction(h.adapter.eventsUrl!, viewSubmission(view, { secret: "woo-secret-member" }, member));
    const responseId = JSON.parse(view.private_metadata).responseUrl.split("/").pop();
    const [reply] = await h.fake.waitFor(() => h.fake.responsesTo(responseId).length > 0 && h.fake.responsesTo(responseId), "the refusal");
    expect(reply!.response_type).toBe("ephemeral");
    expect(messageText(reply)).toContain("Only admins can use /shop connect");
    expect(await h.bot.core.db.shop.count({ where: { domain: "shop.example.com" } })).toBe(0);
    expect(everythingSent()).not.toContain("woo-secret-member");
  });

  test("a secret typed in the command is refused without running or repeating it", async () => {
    const before = h.fake.callsOf("views.open").length;
    const sent = await h.send("/shop connect shopify other-shop secret:typed-secret-123", admin);
    expect(sent.ack?.response_type).toBe("ephemeral");
    expect(messageText(sent.ack)).toContain("secret: is not typed here");
    expect(messageText(sent.ack)).toContain("a private form asks for it");
    expect(h.fake.callsOf("views.open")).toHaveLength(before);
    expect(await h.bot.core.db.shop.count({ where: { domain: "other-shop.myshopify.com" } })).toBe(0);
    expect(everythingSent()).not.toContain("typed-secret-123");
    expect(logLines.join("")).not.toContain("typed-secret-123");
  });

  test("a mistake in another option is answered before any form opens", async () => {
    const before = h.fake.callsOf("views.open").length;
    const sent = await h.send("/shop connect shopify kettle-co currency:euros", admin);
    expect(messageText(sent.ack)).toContain("Invalid currency");
    expect(h.fake.callsOf("views.open")).toHaveLength(before);
  });
});
