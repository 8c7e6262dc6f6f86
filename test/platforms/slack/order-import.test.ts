// Importing an orders file from Slack: the message shortcut "Import orders" on a message that
// carries a CSV file (a signed message_action payload on /slack/events), and the file shared with
// the bot in a direct message (a signed message.im event, subtype file_share). The bot downloads
// the file from the fake Slack with its bot token (the fake refuses any other) and answers as
// /code import does; a member who is not an admin is refused; a file that is not a CSV is named.

import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { messageText, postInteraction, SIGNING_SECRET, startSlackHarness, type SlackHarness } from "./slack-side.ts";
import { signedHeaders } from "./slack-request.ts";

let h: SlackHarness;
beforeAll(async () => {
  h = await startSlackHarness({ users: { U1: { is_admin: true } } });
  for (const line of ["/creator add kate tiktok 48k", '/campaign new "Spring Launch" currency:USD', '/campaign enroll "Spring Launch" kate', '/code add kate "Spring Launch" code:KATE15']) {
    expect((await h.bot.run(line, { platform: "slack", workspaceId: "T1", userId: "U1", userName: "ann", platformAdmin: true })).status).toBe("ok");
  }
});
afterAll(() => h.close());

/** A file Slack holds, as a message or an event describes it. */
function slackFile(name: string, content: string, filetype = "csv", mimetype = "text/csv") {
  const id = `F${randomUUID().slice(0, 8).toUpperCase()}`;
  h.fake.files.set(id, { name, content, mimetype });
  return { id, name, title: name, filetype, mimetype, size: Buffer.byteLength(content), url_private: h.fake.fileUrl(id, name), url_private_download: h.fake.fileUrl(id, name, true) };
}

/** The message_action Slack sends when `user` picks Import orders on a message carrying `files`. */
function shortcut(files: unknown[], user = "U1", responseId = randomUUID()) {
  return {
    payload: {
      type: "message_action",
      callback_id: "import_orders",
      trigger_id: `${Date.now()}.3.${randomUUID().slice(0, 8)}`,
      message_ts: "1764750000.000100",
      response_url: h.fake.responseUrl(responseId),
      team: { id: "T1", domain: "t1" },
      user: { id: user, name: user.toLowerCase(), team_id: "T1" },
      channel: { id: "C1", name: "marketing" },
      message: { type: "message", user: "U2", ts: "1764750000.000100", text: "Last month's orders", files },
      token: "verification-token-unused",
      action_ts: "1764750001.000200",
      is_enterprise_install: false,
    },
    responseId,
  };
}

/** Sends a signed Events API callback (JSON) to the bot. */
async function sendEvent(event: Record<string, unknown>) {
  const body = JSON.stringify({
    token: "verification-token-unused",
    team_id: "T1",
    api_app_id: "A0FAKE",
    type: "event_callback",
    event_id: `Ev${randomUUID().slice(0, 8)}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: "T1", user_id: "U0BOT", is_bot: true }],
    event,
  });
  const res = await fetch(h.adapter.eventsUrl!, { method: "POST", headers: { ...signedHeaders(SIGNING_SECRET, body), "Content-Type": "application/json" }, body });
  return res.status;
}

const PLAIN = "code,order,revenue,date\nKATE15,2001,59.90,2026-11-20\nKATE15,2002,40.00,2026-11-21\nNOPE10,2003,10.00,2026-11-21\n";

describe("Import orders from Slack", () => {
  it("the message shortcut downloads the message's CSV with the bot token and imports it, answering as /code import does", async () => {
    const file = slackFile("orders-november.csv", PLAIN);
    const { payload, responseId } = shortcut([file]);
    const sent = await postInteraction(h.adapter.eventsUrl!, payload);
    expect(sent.status).toBe(200);
    const [answer] = await h.fake.waitFor(() => h.fake.responsesTo(responseId).length > 0 && h.fake.responsesTo(responseId), "the import's answer");
    const text = messageText(answer);
    expect(text).toContain("Imported orders-november.csv");
    expect(text).toContain("2 orders added");
    expect(text).toMatch(/Without a known code\*?\s+1/);
    // Downloaded once, with the bot's token.
    expect(h.fake.downloads.filter((d) => d.id === file.id).map((d) => d.authorization)).toEqual(["Bearer xoxb-test-bot-token"]);
    const ws = await h.bot.db.workspace.findFirstOrThrow({ where: { platform: "slack", externalId: "T1" } });
    const orders = await h.bot.db.redemption.findMany({ where: { workspaceId: ws.id }, orderBy: { orderId: "asc" }, select: { orderId: true, revenue: true } });
    expect(orders).toEqual([
      { orderId: "2001", revenue: 5990 },
      { orderId: "2002", revenue: 4000 },
    ]);
    // The activity log says who imported what.
    const activity = await h.bot.db.activity.findFirstOrThrow({ where: { workspaceId: ws.id, command: "/code import" } });
    expect(activity.summary).toContain("imported orders-november.csv");
  });

  it("a file shared with the bot in a direct message is imported, and the answer is posted in that direct message", async () => {
    const file = slackFile("december.csv", "code,order,revenue,date\nKATE15,3001,25.00,2026-12-01\nKATE15,2001,59.90,2026-11-20\n");
    const status = await sendEvent({ type: "message", subtype: "file_share", channel: "D0ANN", channel_type: "im", user: "U1", text: "", ts: "1764750100.000300", files: [file] });
    expect(status).toBe(200);
    const posted = await h.fake.waitFor(() => h.fake.callsOf("chat.postMessage").find((c) => c.params.channel === "D0ANN"), "the answer in the direct message");
    const text = messageText({ blocks: JSON.parse(posted.params.blocks ?? "[]"), text: posted.params.text });
    expect(text).toContain("Imported december.csv");
    expect(text).toContain("1 order added");
    expect(text).toMatch(/Already there\*?\s+1/);
    expect(h.fake.downloads.filter((d) => d.id === file.id).map((d) => d.authorization)).toEqual(["Bearer xoxb-test-bot-token"]);
  });

  it("a file that is not a CSV gets a clear message, and nothing is downloaded or imported", async () => {
    const file = slackFile("orders.pdf", "%PDF-1.7 …", "pdf", "application/pdf");
    const { payload, responseId } = shortcut([file]);
    await postInteraction(h.adapter.eventsUrl!, payload);
    const [answer] = await h.fake.waitFor(() => h.fake.responsesTo(responseId).length > 0 && h.fake.responsesTo(responseId), "the answer");
    expect(messageText(answer)).toContain("Import orders reads a CSV file (Shopify's or WooCommerce's order export, or code,order,revenue,date); orders.pdf is not one.");
    expect(h.fake.downloads.filter((d) => d.id === file.id)).toEqual([]);
    // A message without any file.
    const none = shortcut([]);
    await postInteraction(h.adapter.eventsUrl!, none.payload);
    const [empty] = await h.fake.waitFor(() => h.fake.responsesTo(none.responseId).length > 0 && h.fake.responsesTo(none.responseId), "the answer");
    expect(messageText(empty)).toContain("This message carries no file.");
  });

  it("a member who is not an admin is refused as /code import refuses them, and nothing is imported", async () => {
    const file = slackFile("sneaky.csv", "code,order,revenue,date\nKATE15,9001,999.00,2026-11-20\n");
    const { payload, responseId } = shortcut([file], "U7");
    await postInteraction(h.adapter.eventsUrl!, payload);
    const [answer] = await h.fake.waitFor(() => h.fake.responsesTo(responseId).length > 0 && h.fake.responsesTo(responseId), "the refusal");
    expect(messageText(answer)).toContain("Only admins can use /code import.");
    expect(await h.bot.db.redemption.count({ where: { orderId: "9001" } })).toBe(0);
  });

  it("/code import typed in Slack says how to import a file there", async () => {
    const sent = await h.send("/code import file:orders.csv");
    // A slow command: acknowledged first, answered through its response URL.
    const [answer] = await sent.waitForResponses(1);
    expect(messageText(answer)).toContain("share the orders file (CSV) with the bot in a direct message, or use the message shortcut Import orders");
  });
});
