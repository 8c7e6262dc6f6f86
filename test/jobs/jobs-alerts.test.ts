// `npm run jobs -- --once` posts the order alerts waiting (/campaign update alerts:), as the
// long-running bot does every 15 seconds: a real process, after an order came by webhook. A local
// workspace's alerts go to files, as its digests do.

import { readFileSync, readdirSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { jobsOnce } from "../helpers/jobs.ts";
import { expectOk, startTestBot, type TestBot } from "../helpers/core.ts";
import { fixture, startShopHarness, webhookPath, type ShopHarness } from "../shop/harness.ts";

let bot: TestBot;
let shop: ShopHarness;
beforeAll(async () => {
  bot = await startTestBot({ now: () => new Date("2026-12-03T16:00:00Z") });
  shop = await startShopHarness(bot.core);
});
afterAll(async () => {
  await shop.stop();
  await bot.close();
});

describe("npm run jobs -- --once and order alerts", { timeout: 120_000 }, () => {
  it("posts the alerts waiting, one line per message, once", async () => {
    for (const line of ["/creator add kate tiktok 48k", '/campaign new "Spring Launch" currency:USD', '/campaign enroll "Spring Launch" kate', '/code add kate "Spring Launch" code:KATE15', '/campaign update "Spring Launch" alerts:#orders']) {
      expectOk(await bot.run(line));
    }
    const text = expectOk(await bot.run('/shop connect shopify kettle-co campaigns:"Spring Launch" secret:shpss_test_secret'));
    const hook = webhookPath(JSON.stringify(text));
    const order = { ...fixture("shopify-order"), discount_codes: [{ code: "KATE15", amount: "10.00", type: "fixed_amount" }] };
    expect((await shop.send(hook, "orders/create", order)).status).toBe(200);
    await shop.settled();

    const lines = await jobsOnce(bot, "2026-12-03T16:01:10Z", {});
    expect(lines).toContain('posted           order alerts "Spring Launch" (local:local): 1 alert to orders');
    const dir = path.join(bot.dir, "out", "digests", "local");
    const posted = readdirSync(dir).filter((f) => f.startsWith("alerts-"));
    expect(posted).toHaveLength(1);
    const message = readFileSync(path.join(dir, posted[0]!), "utf8");
    expect(message).toContain('New order for "Spring Launch"');
    expect(message).toContain("KATE15: $587.00, 1st order");
    // Posted: the next run has nothing more to say about it.
    expect(await jobsOnce(bot, "2026-12-03T16:02:10Z", {})).toEqual(["nothing due at 2026-12-03T16:02:10.000Z"]);
    expect(readdirSync(dir).filter((f) => f.startsWith("alerts-"))).toHaveLength(1);
  });
});
