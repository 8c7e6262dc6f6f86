// Discount codes and tracking links: how codes are written and proposed, and how a tracking
// link carries its UTM parameters; how order ids compare.

import type { Parsed } from "./parsed.ts";

/** Codes are compared and stored in upper case. */
export const normaliseCode = (code: string) => code.trim().toUpperCase();

/**
 * An order id as people mean it: the shop's "#1001" and a typed "1001" are one order. Leading
 * "#" and spaces go; the rest is kept as written (shop ids such as pi_3Nx… are case-sensitive).
 */
export const normaliseOrderId = (orderId: string) => orderId.trim().replace(/^[#\s]+/, "");

/** An order id typed in an option: normalised, and not empty once the "#" is gone. */
export function parseOrderId(raw: string): Parsed<string> {
  const id = normaliseOrderId(raw);
  if (id.length === 0) return { ok: false, reason: `"${raw}" has no order number` };
  if (id.length > 100) return { ok: false, reason: `it is ${id.length} characters long` };
  return { ok: true, value: id };
}

export const CODE_PATTERN = /^[A-Z0-9][A-Z0-9_-]{2,31}$/;

/** KATE15 from @kate and 15%: letters and digits of the handle, then the discount. */
export function proposedCode(handle: string, discountBps: number | undefined): string {
  const base = handle.replace(/[^\p{L}\p{N}]/gu, "").normalize("NFKD").replace(/[^A-Za-z0-9]/g, "").toUpperCase().slice(0, 20) || "CREATOR";
  const discount = discountBps ? String(Math.round(discountBps / 100)) : "";
  const code = `${base}${discount}`;
  return code.length >= 3 ? code : `${code}CODE`;
}

/** The proposal, then with 2, 3, … added until one is free. */
export function firstFreeCode(proposal: string, taken: Set<string>): string {
  if (!taken.has(proposal)) return proposal;
  for (let n = 2; ; n++) {
    const candidate = `${proposal}${n}`;
    if (!taken.has(candidate)) return candidate;
  }
}

export interface UtmParts {
  source: string;
  campaign: string;
  content: string;
}

/** The URL with utm_source, utm_medium=influencer, utm_campaign and utm_content set; its own parameters kept. */
export function trackingLink(url: string, utm: UtmParts): string {
  const u = new URL(url);
  u.searchParams.set("utm_source", utm.source);
  u.searchParams.set("utm_medium", "influencer");
  u.searchParams.set("utm_campaign", utm.campaign);
  u.searchParams.set("utm_content", utm.content);
  return u.toString();
}
