// A slash command as Slack sends it: the form fields, and the v0 signature (HMAC-SHA256 of
// `v0:<timestamp>:<body>` with the signing secret). Shared by the Slack tests and the benchmark
// (bench/), which both play Slack's side.

import { createHmac, randomUUID } from "node:crypto";

export function slackSignature(secret: string, timestamp: string, body: string): string {
  return `v0=${createHmac("sha256", secret).update(`v0:${timestamp}:${body}`).digest("hex")}`;
}

export interface Who {
  team?: string;
  user?: string;
  userName?: string;
  channel?: string;
  /** The text is Slack's own markup, sent as given (mentions Slack made, <@U1>): nothing is escaped. */
  markup?: boolean;
}

/** The form fields of a slash command, as Slack posts them. */
export function commandPayload(line: string, who: Who, responseUrl: string): Record<string, string> {
  const match = /^(\/\S+)\s*([\s\S]*)$/.exec(line.trim());
  if (!match) throw new Error(`not a command line: ${line}`);
  const team = who.team ?? "T1";
  return {
    token: "verification-token-unused",
    team_id: team,
    team_domain: team.toLowerCase(),
    channel_id: who.channel ?? "C1",
    channel_name: "marketing",
    user_id: who.user ?? "U1",
    user_name: who.userName ?? (who.user ?? "U1").toLowerCase(),
    command: match[1]!,
    // Slack escapes these three in the text it sends, whatever the command's escaping setting.
    text: who.markup ? match[2]! : match[2]!.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;"),
    api_app_id: "A0FAKE",
    is_enterprise_install: "false",
    response_url: responseUrl,
    trigger_id: `${Date.now()}.1.${randomUUID().slice(0, 8)}`,
  };
}

/** The headers Slack sends with a body posted at `timestamp` (seconds). */
export function signedHeaders(secret: string, body: string, timestamp = String(Math.floor(Date.now() / 1000))): Record<string, string> {
  return {
    "Content-Type": "application/x-www-form-urlencoded",
    "X-Slack-Request-Timestamp": timestamp,
    "X-Slack-Signature": slackSignature(secret, timestamp, body),
  };
}
