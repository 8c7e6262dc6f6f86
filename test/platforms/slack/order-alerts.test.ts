// Order alerts in Slack: `/campaign update … alerts:#orders` takes the channel Slack marked in
// the command (looked up with conversations.info, never the typed name), and an order the shop
// sends is posted into that channel of the fake Slack by the alert runner, through the adapter's
// own poster.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createAlertRunner } from "../../../jobs/alert-runner.ts";
import { silentLogger } from "../../../src/log.ts";
import { fixture, startShopHarness, webhookPath, type ShopHarness } from "../../shop/harness.ts";
import { messageText, startSlackHarness, type SlackHarness } from "./slack-side.ts";

let h: SlackHarness;
let shop: ShopHarness;
beforeAll(async () => {
  h = await startSlackHarness({ users: { U1: { is_admin: true } }, channels: { C1: "marketing", C0ALERTS: "orders" } });
  shop = await startShopHarness(h.bot.core);
});
afterAll(async () => {
  await shop.stop();
  await h.close();
});

const asSlackAdmin = { platform: "slack", workspaceId: "T1", userId: "U1", userName: "ann", platformAdmin: true } as const;

describe("order alerts into Slack", () => {
  it("alerts:<#C…> is the channel Slack names; the shop's order reaches it as 'KATE15: $59.90, 1st order'", async () => {
    for (const line of [
      "/creator add kate tiktok 48k",
      '/campaign new "Spring Launch" currency:USD',
      '/campaign enroll "Spring Launch" kate',
      '/code add kate "Spring Launch" discount:15%',
    ]) {
      expect((await h.bot.run(line, asSlackAdmin)).status).toBe("ok");
    }
    // The shop itself: connected as the shell would (in Slack the secret is asked in a form).
    const connect = await h.bot.text('/shop connect shopify kettle-slack campaigns:"Spring Launch" secret:shpss_test_secret', asSlackAdmin);
    const path = webhookPath(connect);

    // A name typed as text is not a channel Slack named.
    const typed = await h.send('/campaign update "Spring Launch" alerts:#orders');
    expect(messageText(typed.ack)).toContain("is a channel name typed as text");
    // An id Slack does not know in this team.
    const unknown = await h.send('/campaign update "Spring Launch" alerts:<#C0NOPE|orders>', { markup: true });
    expect(messageText(unknown.ack)).toContain("this workspace has no channel with the id C0NOPE");
    // As Slack sends a channel picked after #: its id, looked up.
    const set = await h.send('/campaign update "Spring Launch" alerts:<#C0ALERTS|orders>', { markup: true });
    expect(messageText(set.ack)).toMatch(/\*Order alerts\*\s+#orders/);
    expect(h.fake.callsOf("conversations.info").map((c) => c.params.channel)).toEqual(["C0NOPE", "C0ALERTS"]);

    const body = { ...fixture("shopify-order"), created_at: new Date().toISOString(), subtotal_price: "59.90", discount_codes: [{ code: "KATE15", amount: "9.00", type: "percentage" }] };
    expect((await shop.send(path, "orders/create", body, { domain: "kettle-slack.myshopify.com" })).status).toBe(200);
    await shop.settled();
    await createAlertRunner({ db: h.bot.db, log: silentLogger(), posters: { slack: h.adapter.poster! } }).runDue(new Date());

    const posted = h.fake.callsOf("chat.postMessage");
    expect(posted.map((c) => c.params.channel)).toEqual(["C0ALERTS"]);
    const blocks = JSON.parse(posted[0]!.params.blocks ?? "[]") as Array<Record<string, any>>;
    const text = messageText({ blocks });
    expect(text).toContain('New order for "Spring Launch"');
    expect(text).toContain("KATE15: $59.90, 1st order");
  });
});
