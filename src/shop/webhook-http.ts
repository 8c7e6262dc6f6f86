// POST /shop/<kind>/<token>: a shop's order webhook. The shop is the one whose token the address
// carries (and, for Shopify, whose domain X-Shopify-Shop-Domain names); the body must be signed
// with its secret (base64 HMAC-SHA256 of the raw body), or it is refused with 401 and nothing is
// stored. A verified webhook of a topic the bot uses is stored whole, once per webhook id (with
// the webhooks arriving beside it, webhook-store.ts), and only then answered 200; the worker
// attributes it after (worker.ts).

import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders, ServerResponse } from "node:http";
import type { Database } from "../db/client.ts";
import { SHOP_TOPICS, type ShopKindName } from "../domain/shop-orders.ts";
import type { Logger } from "../log.ts";
import { readBody, type HttpRoute } from "../platforms/shared/http-server.ts";
import { WebhookIntake, type Decision } from "./webhook-store.ts";
import type { ShopForIntake } from "../db/shop-webhooks.ts";

/** POST /shop/<kind>/<token>. */
export const SHOP_WEBHOOK_PATH = "/shop/*";
/** Shopify's order bodies stay well under this; a bigger one is refused. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;

export interface ShopWebhookOptions {
  db: Database;
  log: Logger;
  /** Told once webhooks are stored (how many are new), so the worker picks them up. */
  stored(count: number): void;
}

/** base64 HMAC-SHA256 of the body, compared in constant time. */
export function signatureMatches(body: Buffer, secret: string, signature: string | undefined): boolean {
  if (!signature) return false;
  const expected = createHmac("sha256", secret).update(body).digest();
  let given: Buffer;
  try {
    given = Buffer.from(signature.trim(), "base64");
  } catch {
    return false;
  }
  return given.length === expected.length && timingSafeEqual(given, expected);
}

function answer(res: ServerResponse, status: number, text: string): void {
  res.writeHead(status, { "content-type": "text/plain; charset=utf-8" });
  res.end(`${text}\n`);
}

const header = (headers: IncomingHttpHeaders, name: string) => {
  const v = headers[name];
  return Array.isArray(v) ? v[0] : v;
};

export function shopWebhookRoute(options: ShopWebhookOptions): HttpRoute {
  const { db, log } = options;
  const intake = new WebhookIntake(db, options.stored);

  /** Given the shop the address names: refuse the webhook, ignore it, or store it. */
  function decide(kind: ShopKindName, shop: ShopForIntake | null, headers: IncomingHttpHeaders, body: Buffer): Decision {
    const refuse = (status: number, text: string): Decision => ({ answer: { status, text } });
    if (!shop || shop.kind !== kind) return refuse(404, "unknown shop");
    if (kind === "shopify") {
      const domain = header(headers, "x-shopify-shop-domain")?.trim().toLowerCase();
      if (domain && domain !== shop.domain) return refuse(404, "unknown shop");
    }
    // WooCommerce pings a new webhook's address with a form body and may not sign it: nothing to store.
    if (kind === "woocommerce" && /^webhook_id=\d+$/.test(body.toString("utf8").trim())) return refuse(200, "ok");
    const signature = header(headers, kind === "shopify" ? "x-shopify-hmac-sha256" : "x-wc-webhook-signature");
    if (!signatureMatches(body, shop.secret, signature)) {
      log.warn({ shop: shop.id, kind }, "shop webhook with a bad or missing signature refused");
      return refuse(401, "bad signature");
    }
    const topic = header(headers, kind === "shopify" ? "x-shopify-topic" : "x-wc-webhook-topic")?.trim() ?? "";
    if (!SHOP_TOPICS[kind].includes(topic)) return refuse(200, "ignored");
    // Shopify retries with the same webhook id; WooCommerce's identical deliveries have identical bodies.
    const webhookId =
      (kind === "shopify" ? header(headers, "x-shopify-webhook-id")?.trim() : undefined) || `sha256:${createHash("sha256").update(topic).update("\n").update(body).digest("hex")}`;
    return { store: { workspaceId: shop.workspaceId, shopId: shop.id, webhookId, topic, body: body.toString("utf8") } };
  }

  return {
    method: "POST",
    path: SHOP_WEBHOOK_PATH,
    async handle(req, res) {
      // Read whole first: nothing is looked up for a request that has not arrived (a body too large is answered 413).
      const body = await readBody(req, MAX_BODY_BYTES);
      const [, , kindText = "", token = "", ...rest] = new URL(req.url ?? "/", "http://localhost").pathname.split("/");
      const kind = kindText as ShopKindName;
      if ((kind !== "shopify" && kind !== "woocommerce") || !token || rest.length > 0) return answer(res, 404, "unknown shop");
      const { status, text } = await intake.take({ token, decide: (shop) => decide(kind, shop, req.headers, body) });
      answer(res, status, text);
    },
  };
}
