// What a shop's order webhooks say, read into one shape for Shopify and WooCommerce: the order
// (its id as people type it, its revenue before shipping and taxes, its discount codes and the
// UTM parameters of its landing page), its cancellation and its refunds. Pure: no database.

import { normaliseOrderId } from "./codes.ts";
import { parseJsonExactly } from "./exact-json.ts";

export type ShopKindName = "shopify" | "woocommerce";

/** The topics the bot subscribes to, per kind, as the shop names them. */
export const SHOP_TOPICS: Record<ShopKindName, readonly string[]> = {
  shopify: ["orders/create", "orders/paid", "orders/cancelled", "refunds/create"],
  woocommerce: ["order.created", "order.updated"],
};

/** What the reply of /shop connect asks people to subscribe to (orders/paid is an alternative to orders/create). */
export const TOPICS_TO_SUBSCRIBE: Record<ShopKindName, readonly string[]> = {
  shopify: ["orders/create", "orders/cancelled", "refunds/create"],
  woocommerce: ["order.created", "order.updated"],
};

export interface RefundFacts {
  refundId: string;
  /** Decimal text in the order's currency ("12.50"): what the refund takes back before shipping and taxes where the shop says so. */
  amount: string;
  /** When it happened (an instant the shop wrote). */
  at: string;
}

export interface OrderFacts {
  /** As people type it in /code redeem order: (Shopify's order number, WooCommerce's number), normalised. */
  orderId: string;
  /** The shop's own id (Shopify's refunds name the order by it). */
  externalId: string;
  at: string;
  currency: string;
  /** Decimal text: the subtotal after discounts, before shipping and taxes. */
  revenue: string;
  codes: string[];
  utm: { campaign: string | null; content: string | null };
  /** A test order (Shopify's test flag): recorded, counted nowhere. */
  test: boolean;
  /** When it was paid, where the shop says so apart from `at` (WooCommerce's date_paid): the day it counts. */
  paidAt?: string | null;
  /** Not (yet) an order that counts: WooCommerce's any status but processing and completed. */
  unpaid: boolean;
  /** When it was cancelled, if it was (WooCommerce: a cancelled, refunded or failed status, at its last change). */
  cancelledAt: string | null;
  refunds: RefundFacts[];
}

export type ShopEvent =
  | { type: "order"; order: OrderFacts }
  | { type: "refund"; externalOrderId: string; refund: RefundFacts }
  | { type: "none"; why: string };


type Json = Record<string, unknown>;
const text = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" ? String(v) : null);
const list = (v: unknown): Json[] => (Array.isArray(v) ? v.filter((x): x is Json => typeof x === "object" && x !== null) : []);

/** A decimal text ("12.5", "-3.00") without its sign, or null. */
function decimal(v: unknown): string | null {
  const t = text(v)?.trim();
  return t && /^-?\d+(\.\d+)?$/.test(t) ? t.replace(/^-/, "") : null;
}

/** utm_campaign and utm_content of a landing page, relative or absolute. */
export function utmOf(landingSite: string | null): OrderFacts["utm"] {
  if (!landingSite) return { campaign: null, content: null };
  try {
    const url = new URL(landingSite, "https://shop.invalid");
    const get = (key: string) => url.searchParams.get(key)?.trim() || null;
    return { campaign: get("utm_campaign"), content: get("utm_content") };
  } catch {
    return { campaign: null, content: null };
  }
}

/**
 * Reads a verified webhook body of `topic`; anything unreadable is a "none" event with why. Ids
 * are read exactly: Shopify's are 64-bit, past what a JavaScript number holds (parseJsonExactly).
 */
export function readShopEvent(kind: ShopKindName, topic: string, body: string): ShopEvent {
  let json: Json;
  try {
    const parsed = parseJsonExactly(body);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return { type: "none", why: "the body is not a JSON object" };
    json = parsed as Json;
  } catch {
    return { type: "none", why: "the body is not JSON" };
  }
  return kind === "shopify" ? readShopify(topic, json) : readWooCommerce(topic, json);
}

function readShopify(topic: string, o: Json): ShopEvent {
  if (topic === "refunds/create") {
    const externalOrderId = text(o.order_id);
    const refundId = text(o.id);
    if (!externalOrderId || !refundId) return { type: "none", why: "a refund without order_id or id" };
    return { type: "refund", externalOrderId, refund: shopifyRefund(o) };
  }
  const externalId = text(o.id);
  const number = text(o.order_number) ?? text(o.name);
  const revenue = decimal(o.subtotal_price);
  const currency = text(o.currency);
  const at = text(o.created_at) ?? text(o.processed_at);
  if (!externalId || !number || revenue === null || !currency || !at) return { type: "none", why: "an order without id, order_number, subtotal_price, currency or created_at" };
  return orderEvent(number, currency, {
    externalId,
    at,
    revenue,
    codes: codesIn(o.discount_codes),
    utm: utmOf(text(o.landing_site)),
    test: o.test === true,
    unpaid: false,
    cancelledAt: text(o.cancelled_at),
    refunds: list(o.refunds).map(shopifyRefund),
  });
}

function orderEvent(number: string, currency: string, facts: Omit<OrderFacts, "orderId" | "currency">): ShopEvent {
  return { type: "order", order: { orderId: normaliseOrderId(number), currency: currency.toUpperCase(), ...facts } };
}

/** The codes of Shopify's discount_codes or WooCommerce's coupon_lines. */
const codesIn = (lines: unknown) => list(lines).flatMap((line) => (text(line.code) ? [text(line.code)!] : []));

/** A money set's amount in the shop's currency (Shopify's `*_set.shop_money.amount`). */
const shopMoney = (set: unknown): string | null =>
  typeof set === "object" && set !== null && typeof (set as Json).shop_money === "object" && (set as Json).shop_money !== null ? decimal(((set as Json).shop_money as Json).amount) : null;

const tenThousandths = (values: Array<string | null>) => values.reduce((sum, v) => sum + (v ? Math.round(Number(v) * 10_000) : 0), 0);

/**
 * A Shopify refund: its line items' subtotals (before taxes, in the shop's currency); a refund
 * without them (shipping refunded, an amount given back) takes back what its refund
 * transactions paid back less the shipping it refunds, which was never part of the revenue.
 */
function shopifyRefund(r: Json): RefundFacts {
  const lines = list(r.refund_line_items);
  let total = tenThousandths(lines.map((l) => shopMoney(l.subtotal_set) ?? decimal(l.subtotal)));
  if (total === 0) {
    const paid = tenThousandths(list(r.transactions).filter((t) => t.kind === "refund" && t.status !== "failure" && t.status !== "error").map((t) => decimal(t.amount)));
    // Older versions list shipping refunds as order adjustments, newer ones (also) as refund_shipping_lines: one or the other.
    const adjusted = tenThousandths(list(r.order_adjustments).filter((a) => a.kind === "shipping_refund").flatMap((a) => [decimal(a.amount), decimal(a.tax_amount)]));
    const shippingLines = tenThousandths(list(r.refund_shipping_lines).map((l) => shopMoney(l.subtotal_amount_set)));
    total = Math.max(0, paid - Math.max(adjusted, shippingLines));
  }
  return { refundId: text(r.id) ?? "", amount: fromTenThousandths(total), at: text(r.processed_at) ?? text(r.created_at) ?? "" };
}

const fromTenThousandths = (n: number) => `${Math.trunc(n / 10_000)}.${String(n % 10_000).padStart(4, "0")}`;

/**
 * WooCommerce statuses of a paid order, a sale (WooCommerce's own paid statuses,
 * wc_get_is_paid_statuses). Any other is not a sale yet: pending, on-hold (a bank transfer or a
 * cheque awaited), failed, checkout-draft, a plugin's own.
 */
export const WOO_PAID = new Set(["processing", "completed"]);
/** WooCommerce statuses that take back an order already counted, on the day of the change. */
export const WOO_REVERSED = new Set(["cancelled", "refunded", "failed"]);

function readWooCommerce(topic: string, o: Json): ShopEvent {
  const externalId = text(o.id);
  const number = text(o.number) ?? externalId;
  const currency = text(o.currency);
  const total = decimal(o.total);
  const at = wooInstant(o.date_created_gmt) ?? text(o.date_created);
  if (!externalId || !number || !currency || total === null || !at) return { type: "none", why: `an order (${topic}) without id, currency, total or date_created` };
  const minus = (a: string, b: string | null) => subtractDecimals(a, b ?? "0");
  const revenue = minus(minus(total, decimal(o.total_tax)), decimal(o.shipping_total));
  const status = text(o.status) ?? "";
  const changedAt = wooInstant(o.date_modified_gmt) ?? text(o.date_modified) ?? at;
  const meta = new Map(list(o.meta_data).map((m) => [text(m.key) ?? "", text(m.value)]));
  // WooCommerce's order attribution (8.5+) keeps the visit's UTM parameters with the order.
  const landing = utmOf(meta.get("_wc_order_attribution_session_entry") ?? null);
  return orderEvent(number, currency, {
    externalId,
    at,
    revenue,
    codes: codesIn(o.coupon_lines),
    utm: {
      campaign: meta.get("_wc_order_attribution_utm_campaign") || landing.campaign,
      content: meta.get("_wc_order_attribution_utm_content") || landing.content,
    },
    test: false,
    paidAt: wooInstant(o.date_paid_gmt),
    unpaid: !WOO_PAID.has(status),
    cancelledAt: WOO_REVERSED.has(status) ? changedAt : null,
    // WooCommerce lists an order's refunds without their dates: they count on the day of the change that brought them.
    refunds: list(o.refunds).flatMap((r) => (text(r.id) && decimal(r.total) ? [{ refundId: text(r.id)!, amount: decimal(r.total)!, at: changedAt }] : [])),
  });
}

/** WooCommerce's *_gmt dates have no zone: they are UTC. */
function wooInstant(v: unknown): string | null {
  const t = text(v);
  if (!t) return null;
  return /[zZ]|[+-]\d\d:\d\d$/.test(t) ? t : `${t}Z`;
}

/** a − b for non-negative decimal texts, never below zero. */
export function subtractDecimals(a: string, b: string): string {
  const scale = (s: string) => Math.round(Number(s) * 10_000);
  const result = Math.max(0, scale(a) - scale(b));
  return fromTenThousandths(result);
}

/** What a reversal takes back now, given what the order brought and what was already taken back. */
export function reversalStep(
  order: { revenue: number; reversedRevenue: number; reversedOrder: boolean },
  change: { revenue: number } | "all",
): { revenue: number; orders: number } {
  const left = Math.max(0, order.revenue - order.reversedRevenue);
  const revenue = change === "all" ? left : Math.min(left, Math.max(0, change.revenue));
  const fully = change === "all" || order.reversedRevenue + revenue >= order.revenue;
  return { revenue, orders: fully && !order.reversedOrder ? 1 : 0 };
}
