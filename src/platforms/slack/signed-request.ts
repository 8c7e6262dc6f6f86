// What Slack's HTTP requests must prove before anything runs, and how their bodies are read.
// A request is Slack's when its X-Slack-Signature is `v0=` + HMAC-SHA256(signing secret,
// `v0:<timestamp>:<body>`) and its X-Slack-Request-Timestamp is within five minutes of now,
// before or after (a request from "the future" is as replayable as an old one).

import { createHash, createHmac, timingSafeEqual } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";

export const MAX_CLOCK_SKEW_SECONDS = 5 * 60;

export type SignatureCheck = { ok: true; fingerprint: string } | { ok: false; reason: string };

const header = (headers: IncomingHttpHeaders, name: string): string | undefined => {
  const value = headers[name];
  return typeof value === "string" ? value : undefined;
};

/**
 * Checks the signature in constant time. `fingerprint` names this very request (a hash of its
 * signature and timestamp): the same request sent again has the same one.
 */
export function checkSignature(secret: string, headers: IncomingHttpHeaders, body: Buffer, nowSeconds = Date.now() / 1000): SignatureCheck {
  const signature = header(headers, "x-slack-signature");
  const timestamp = header(headers, "x-slack-request-timestamp");
  if (!signature || !timestamp) return { ok: false, reason: "missing signature or timestamp" };
  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: "unreadable timestamp" };
  if (Math.abs(nowSeconds - Number(timestamp)) > MAX_CLOCK_SKEW_SECONDS) return { ok: false, reason: "timestamp more than five minutes from now" };
  const expected = Buffer.from(`v0=${createHmac("sha256", secret).update(`v0:${timestamp}:`).update(body).digest("hex")}`, "utf8");
  const given = Buffer.from(signature, "utf8");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: "signature does not match" };
  return { ok: true, fingerprint: createHash("sha256").update(`${signature}:${timestamp}`).digest("hex") };
}

const isForm = (contentType: string | undefined) => (contentType ?? "").toLowerCase().startsWith("application/x-www-form-urlencoded");

/** Slack's SSL check (`ssl_check=1`), which comes unsigned and is answered 200 without running anything. */
export function isSslCheck(contentType: string | undefined, body: Buffer): boolean {
  return isForm(contentType) && new URLSearchParams(body.toString("utf8")).get("ssl_check") === "1";
}

/**
 * The body as an object: a form's fields (each a string; a field given twice keeps its last
 * value), or the JSON in its `payload` field, or a JSON body. Null when it is not an object
 * (malformed, or `null`, a number, a list): such a request is answered 400.
 */
export function parseBody(contentType: string | undefined, body: Buffer): Record<string, unknown> | null {
  const text = body.toString("utf8");
  let parsed: unknown;
  try {
    if (isForm(contentType)) {
      const fields = Object.fromEntries(new URLSearchParams(text));
      parsed = typeof fields.payload === "string" ? JSON.parse(fields.payload) : fields;
    } else {
      parsed = JSON.parse(text);
    }
  } catch {
    return null;
  }
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : null;
}
