// The shop webhooks on a real HTTP server on 127.0.0.1 (the bot's own, as `npm run serve` and
// the shell start it), with the worker; and a shop that signs its webhooks as Shopify and
// WooCommerce do (base64 HMAC-SHA256 of the raw body with the shop's secret).

import { createHmac, randomUUID } from "node:crypto";
import { readFileSync } from "node:fs";
import { startHttpServer } from "../../src/platforms/shared/http-server.ts";
import { silentLogger } from "../../src/log.ts";
import { startShopService, type ShopService } from "../../src/shop/service.ts";
import type { Core } from "../../src/create-core.ts";

export const fixture = (name: string): Record<string, unknown> =>
  JSON.parse(readFileSync(new URL(`../fixtures/shop/${name}.json`, import.meta.url), "utf8")) as Record<string, unknown>;

export const sign = (body: string, secret: string) => createHmac("sha256", secret).update(body, "utf8").digest("base64");

export interface ShopHarness {
  url: string;
  service: ShopService;
  /** POSTs a webhook as the shop would; `secret: null` sends it unsigned. */
  send(path: string, topic: string, payload: unknown, options?: SendOptions): Promise<{ status: number; text: string }>;
  /** Waits for the worker to attribute what is stored. */
  settled(): Promise<void>;
  stop(): Promise<void>;
}

export interface SendOptions {
  secret?: string | null;
  webhookId?: string;
  domain?: string;
  kind?: "shopify" | "woocommerce";
}

/** `now`: the worker's clock (when orders are attributed, for the order alerts' hours). */
export async function startShopHarness(core: Core, options: { worker?: boolean; now?: () => Date } = {}): Promise<ShopHarness> {
  const service = startShopService({ db: core.db, log: silentLogger(), now: options.now });
  if (options.worker === false) await service.worker.stop();
  const { server, baseUrl } = await startHttpServer({ host: "127.0.0.1", port: 0, routes: service.routes, log: silentLogger() });
  return {
    url: baseUrl,
    service,
    async send(path, topic, payload, o = {}) {
      const body = typeof payload === "string" ? payload : JSON.stringify(payload);
      const kind = o.kind ?? (path.includes("/woocommerce/") ? "woocommerce" : "shopify");
      const headers: Record<string, string> = { "content-type": "application/json" };
      const secret = o.secret === undefined ? "shpss_test_secret" : o.secret;
      if (kind === "shopify") {
        // The headers Shopify sends (shopify-api-js lib/types.ts ShopifyHeader; shopify.dev "Deliver webhooks through HTTPS").
        headers["x-shopify-topic"] = topic;
        headers["x-shopify-shop-domain"] = o.domain ?? "kettle-co.myshopify.com";
        headers["x-shopify-webhook-id"] = o.webhookId ?? randomUUID();
        headers["x-shopify-api-version"] = "2024-04";
        headers["x-shopify-triggered-at"] = "2026-12-03T16:00:01.000000000Z";
        headers["x-shopify-event-id"] = randomUUID();
        if (secret !== null) headers["x-shopify-hmac-sha256"] = sign(body, secret);
      } else {
        // The headers WooCommerce sends (woocommerce-rest-api-docs source/includes/wp-api-v3/_webhooks.md).
        const [resource = "", event = ""] = topic.split(".");
        headers["x-wc-webhook-source"] = "https://shop.example.com/";
        headers["x-wc-webhook-topic"] = topic;
        headers["x-wc-webhook-resource"] = resource;
        headers["x-wc-webhook-event"] = event;
        headers["x-wc-webhook-id"] = "3";
        headers["x-wc-webhook-delivery-id"] = o.webhookId ?? randomUUID().replaceAll("-", "");
        headers["user-agent"] = "WooCommerce/8.9.1 Hookshot (WordPress/6.5.3)";
        if (secret !== null) headers["x-wc-webhook-signature"] = sign(body, secret);
      }
      const response = await fetch(`${baseUrl}${path}`, { method: "POST", headers, body });
      return { status: response.status, text: (await response.text()).trim() };
    },
    settled: () => service.worker.idle(),
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await service.worker.stop();
    },
  };
}

/** The webhook path in a /shop connect reply's text. */
export function webhookPath(replyText: string): string {
  const match = /\/shop\/(shopify|woocommerce)\/[A-Za-z0-9_-]+/.exec(replyText);
  if (!match) throw new Error(`no webhook address in:\n${replyText}`);
  return match[0];
}
