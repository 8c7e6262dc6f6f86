// Where the shop webhooks are served: beside /slack/events on Slack's HTTP server (the shared
// server's httpRoutes), and by `npm run serve` (src/serve.ts) without any chat platform.

import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { spawnBot } from "../helpers/bot-process.ts";
import { dropDatabase, expectOk, freshDatabaseUrl, startTestBot, type TestBot } from "../helpers/core.ts";
import { readConfig } from "../../src/config.ts";
import { silentLogger } from "../../src/log.ts";
import { startSlackAdapter } from "../../src/platforms/slack/start.ts";
import { startShopService } from "../../src/shop/service.ts";
import { FakeSlack } from "../platforms/slack/fake-slack.ts";
import { APP_TOKEN, BOT_TOKEN, SIGNING_SECRET } from "../platforms/slack/slack-side.ts";
import { fixture, sign, webhookPath } from "./harness.ts";

const SET_UP = [
  "/creator add kate tiktok 48k",
  '/campaign new "Spring Launch" currency:USD',
  '/campaign enroll "Spring Launch" kate',
  '/code add kate "Spring Launch" discount:15%',
];

/** A Shopify order with KATE15, posted and signed as Shopify does. */
async function postOrder(baseUrl: string, path: string, secret = "shpss_test_secret") {
  const body = JSON.stringify({ ...fixture("shopify-order"), discount_codes: [{ code: "KATE15", amount: "20.00", type: "percentage" }] });
  const response = await fetch(`${baseUrl}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-shopify-topic": "orders/create", "x-shopify-shop-domain": "kettle-co.myshopify.com", "x-shopify-webhook-id": "w-1", "x-shopify-hmac-sha256": sign(body, secret) },
    body,
  });
  return response.status;
}

async function connectShop(bot: TestBot): Promise<string> {
  for (const line of SET_UP) expectOk(await bot.run(line));
  return webhookPath(await bot.text("/shop connect shopify kettle-co.myshopify.com secret:shpss_test_secret"));
}

describe("shop webhooks beside Slack's HTTP mode", () => {
  let bot: TestBot;
  beforeAll(async () => {
    bot = await startTestBot();
  });
  afterAll(() => bot.close());

  it("are served on the adapter's server, beside /slack/events", async () => {
    const path = await connectShop(bot);
    const fake = await FakeSlack.start({ botToken: BOT_TOKEN, appToken: APP_TOKEN });
    const shops = startShopService({ db: bot.db, log: silentLogger() });
    const config = readConfig({ SLACK_BOT_TOKEN: BOT_TOKEN, SLACK_SIGNING_SECRET: SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, HOST: "127.0.0.1", PORT: "0" });
    const adapter = await startSlackAdapter({ core: bot.core, config, httpRoutes: shops.routes });
    try {
      expect(adapter.servesRoutes).toBe(true);
      const origin = new URL(adapter.eventsUrl!).origin;
      expect(await postOrder(origin, path, "forged")).toBe(401);
      expect(await postOrder(origin, path)).toBe(200);
      await shops.worker.idle();
      const rows = await bot.db.redemption.findMany();
      expect(rows.map((r) => [r.orderId, r.revenue])).toEqual([["1001", 58700]]);
    } finally {
      await adapter.stop();
      await shops.worker.stop();
      await fake.close();
    }
  });
});

describe("npm run serve", () => {
  it("runs without chat tokens and serves the webhooks of a connected shop", async () => {
    const url = freshDatabaseUrl();
    const setUp = await startTestBot({ url });
    const path = await connectShop(setUp);
    const bot = spawnBot({ DATABASE_URL: url, HOST: "127.0.0.1", PORT: "0", LOG_LEVEL: "info" }, "src/serve.ts");
    try {
      const serving = await bot.logs.waitFor("serving the shop webhooks");
      expect(await postOrder(serving.url as string, path)).toBe(200);
      // The process attributes it after answering: wait for the row.
      const deadline = Date.now() + 30_000;
      while ((await setUp.db.redemption.count()) === 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
      expect((await setUp.db.redemption.findMany()).map((r) => [r.orderId, r.revenue])).toEqual([["1001", 58700]]);
    } finally {
      await bot.kill("SIGTERM");
      await setUp.close();
      await dropDatabase(url);
    }
  }, 120_000);
});
