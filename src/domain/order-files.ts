// Orders files as shops export them, read into one record per order: Shopify's order export
// (one row per line item, the order's own columns on its first row), the WooCommerce order export
// of the "Import Export Suite for WooCommerce" (woocommerce.com/document/import-and-export-of-woocommerce-orders/),
// and a plain `code,order,revenue,date` file. The format is recognised from the header. Pure:
// amounts stay decimal text as the file writes them; the caller turns them into minor units.

import { parse } from "csv-parse/sync";
import { normaliseOrderId } from "./codes.ts";
import { WOO_PAID, WOO_REVERSED } from "./shop-orders.ts";

export type OrderFileFormat = "shopify" | "woocommerce" | "plain";

export interface FileOrder {
  /** Normalised as /code redeem normalises it (#1001 is 1001). */
  orderId: string;
  /** The shop's own id of the order (Shopify's `Id`, WooCommerce's `order_id`), by which its refund webhooks name it; null when the file has none. */
  externalId: string | null;
  codes: string[];
  /** Decimal text (the subtotal after discounts, before shipping and taxes); "plain" files: as typed, maybe with a symbol. */
  revenue: string;
  /** Less what this decimal says (WooCommerce: taxes and shipping), as decimal texts. */
  minus: string[];
  currency: string | null;
  /** When it was placed: an instant with its offset (Shopify), or a calendar day as written (WooCommerce, plain). */
  at: { instant: string } | { day: string };
  cancelledAt: { instant: string } | { day: string } | null;
  /** Decimal text, "" when none; "all" when the file says refunded without an amount (WooCommerce's refunded status). */
  refunded: string;
  unpaid: boolean;
  /** The file's line (1 is the header) of its first row, for messages. */
  line: number;
}

export type ReadFile = { ok: true; format: OrderFileFormat; orders: FileOrder[] } | { ok: false; reason: string };

export const ACCEPTED_FORMATS = [
  "Shopify's order export (Orders → Export, CSV for Excel or plain CSV): Name, Financial Status, Currency, Subtotal, Discount Code, Created at, … Cancelled at, Refunded Amount",
  "the WooCommerce order export of Import Export Suite for WooCommerce: order_number, order_date, status, order_total, order_currency, tax_total, shipping_total, coupon_items",
  "a plain file with the header code,order,revenue,date",
];

const SHOPIFY_NEEDS = ["Name", "Financial Status", "Currency", "Subtotal", "Discount Code", "Created at"];
const WOO_NEEDS = ["order_number", "order_date", "status", "order_total", "order_currency"];
const PLAIN = ["code", "order", "revenue", "date"];

export function readOrderFile(text: string): ReadFile {
  let rows: string[][];
  try {
    rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  } catch (error) {
    return { ok: false, reason: `it is not a CSV file the bot can read (${(error as Error).message})` };
  }
  const [header, ...body] = rows;
  if (!header) return { ok: false, reason: "it is empty" };
  const index = new Map(header.map((name, i) => [name.trim(), i] as const));
  const has = (names: string[]) => names.every((n) => index.has(n));
  const cell = (row: string[], name: string) => {
    const i = index.get(name);
    return i === undefined ? "" : (row[i] ?? "").trim();
  };
  if (has(SHOPIFY_NEEDS)) return { ok: true, format: "shopify", orders: readShopify(body, cell) };
  if (has(WOO_NEEDS)) return { ok: true, format: "woocommerce", orders: readWoo(body, cell) };
  const lower = header.map((h) => h.trim().toLowerCase());
  if (PLAIN.every((n) => lower.includes(n))) {
    const plainCell = (row: string[], name: string) => (row[lower.indexOf(name)] ?? "").trim();
    return { ok: true, format: "plain", orders: readPlain(body, plainCell) };
  }
  return { ok: false, reason: `its header is none of the three the bot reads (it begins ${JSON.stringify(header.slice(0, 4).join(","))})` };
}

type Cell = (row: string[], name: string) => string;

function readShopify(body: string[][], cell: Cell): FileOrder[] {
  const orders = new Map<string, FileOrder>();
  body.forEach((row, i) => {
    const orderId = normaliseOrderId(cell(row, "Name"));
    if (!orderId || orders.has(orderId)) return; // a further line item of an order: its order-level columns are empty
    const cancelled = cell(row, "Cancelled at");
    orders.set(orderId, {
      orderId,
      externalId: cell(row, "Id") || null,
      codes: splitCodes(cell(row, "Discount Code")),
      revenue: cell(row, "Subtotal"),
      minus: [],
      currency: cell(row, "Currency").toUpperCase() || null,
      at: { instant: cell(row, "Created at") },
      cancelledAt: cancelled ? { instant: cancelled } : null,
      refunded: cell(row, "Refunded Amount"),
      unpaid: false,
      line: i + 2,
    });
  });
  return [...orders.values()];
}

function readWoo(body: string[][], cell: Cell): FileOrder[] {
  const orders = new Map<string, FileOrder>();
  body.forEach((row, i) => {
    const orderId = normaliseOrderId(cell(row, "order_number") || cell(row, "order_id"));
    if (!orderId || orders.has(orderId)) return;
    const status = cell(row, "status").toLowerCase().replace(/^wc-/, "");
    // Counted on the day it was paid (as a webhook counts it), else the day it was placed.
    const day = calendarDay(cell(row, "paid_date") || cell(row, "order_date"));
    orders.set(orderId, {
      orderId,
      externalId: cell(row, "order_id") || null,
      codes: wooCoupons(cell(row, "coupon_items")),
      revenue: cell(row, "order_total"),
      minus: [cell(row, "tax_total"), cell(row, "shipping_total")].filter(Boolean),
      currency: cell(row, "order_currency").toUpperCase() || null,
      at: { day },
      // Cancelled, refunded or failed: taken back if counted (the export has no date of the change: the order's day).
      cancelledAt: WOO_REVERSED.has(status) ? { day } : null,
      refunded: "",
      // Not paid yet (on-hold, pending, a draft…): skipped. A reversed status is not "not paid": it may take back an order counted before.
      unpaid: !WOO_PAID.has(status) && !WOO_REVERSED.has(status),
      line: i + 2,
    });
  });
  return [...orders.values()];
}

function readPlain(body: string[][], cell: Cell): FileOrder[] {
  return body.map((row, i) => ({
    orderId: normaliseOrderId(cell(row, "order")),
    externalId: null,
    codes: splitCodes(cell(row, "code")),
    revenue: cell(row, "revenue"),
    minus: [],
    currency: null,
    at: { day: cell(row, "date") },
    cancelledAt: null,
    refunded: "",
    unpaid: false,
    line: i + 2,
  }));
}

const splitCodes = (text: string) => text.split(/[,;]/).map((c) => c.trim()).filter(Boolean);

/** "code:KATE15|amount:5.00;code:FREESHIP|amount:0" → KATE15, FREESHIP; a bare list of codes as it is. */
function wooCoupons(text: string): string[] {
  return text
    .split(";")
    .map((item) => (/(?:^|\|)code:([^|]*)/.exec(item)?.[1] ?? (item.includes(":") ? "" : item)).trim())
    .filter(Boolean);
}

/** "2026-11-20 14:03:11", "2026-11-20T14:03:11" or the documented "11/20/2026 14:03:11" (month first) → 2026-11-20; else as written. */
function calendarDay(text: string): string {
  const iso = /^(\d{4}-\d{2}-\d{2})/.exec(text);
  if (iso) return iso[1]!;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})/.exec(text);
  if (us) return `${us[3]}-${us[1]!.padStart(2, "0")}-${us[2]!.padStart(2, "0")}`;
  return text;
}
