// Slack's side of a slash command in tests: the payload as Slack sends it, signed as Slack signs
// it (v0 HMAC-SHA256 of `v0:<timestamp>:<body>`), posted to the bot or sent over Socket Mode;
// plus a harness that runs the real adapter against the fake Slack.

import { randomUUID } from "node:crypto";
import { readConfig } from "../../../src/config.ts";
import type { CommandSpec } from "../../../src/core/spec.ts";
import { startSlackAdapter, type SlackAdapter } from "../../../src/platforms/slack/start.ts";
import { startTestBot, type TestBot } from "../../helpers/core.ts";
import { createCore } from "../../../src/create-core.ts";
import { silentLogger, type Logger } from "../../../src/log.ts";
import { FakeSlack, type FakeSlackOptions, type SlackMessageBody } from "./fake-slack.ts";
import { commandPayload, slackSignature, type Who } from "./slack-request.ts";

export { commandPayload, slackSignature, type Who } from "./slack-request.ts";

export const SIGNING_SECRET = "test-signing-secret-0123456789abcdef";
export const BOT_TOKEN = "xoxb-test-bot-token";
export const APP_TOKEN = "xapp-1-test-app-token";

/** The environment of a bot process in Slack's HTTP mode against the fake Slack at `apiUrl`, on any free port. */
export function slackBotEnv(apiUrl: string, databaseUrl: string): Record<string, string> {
  return {
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: apiUrl,
    HOST: "127.0.0.1",
    PORT: "0",
    DATABASE_URL: databaseUrl,
    LOG_LEVEL: "info",
  };
}

export interface PostOptions {
  secret?: string;
  timestamp?: string;
  signature?: string;
  omit?: Array<"timestamp" | "signature">;
}

/** Posts a form body to the bot with Slack's headers; returns the status and the parsed answer. */
export async function postSigned(url: string, body: string, options: PostOptions = {}) {
  const timestamp = options.timestamp ?? String(Math.floor(Date.now() / 1000));
  const headers: Record<string, string> = { "Content-Type": "application/x-www-form-urlencoded" };
  if (!options.omit?.includes("timestamp")) headers["X-Slack-Request-Timestamp"] = timestamp;
  if (!options.omit?.includes("signature")) headers["X-Slack-Signature"] = options.signature ?? slackSignature(options.secret ?? SIGNING_SECRET, timestamp, body);
  const res = await fetch(url, { method: "POST", headers, body });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as SlackMessageBody) : null };
}

export interface Sent {
  /** The acknowledgement: the HTTP answer's body, or the payload acked over the socket. */
  ack: SlackMessageBody | null;
  status: number;
  /** Posts the bot made to this command's response_url so far. */
  responses(): SlackMessageBody[];
  /** Waits until at least `n` posts reached the response_url. */
  waitForResponses(n: number): Promise<SlackMessageBody[]>;
}

export interface SlackHarness {
  bot: TestBot;
  fake: FakeSlack;
  adapter: SlackAdapter;
  send(line: string, who?: Who): Promise<Sent>;
  close(): Promise<void>;
}

export interface HarnessOptions extends FakeSlackOptions {
  socketMode?: boolean;
  commands?: readonly CommandSpec[];
  quickDeadlineMs?: number;
  /** SLACK_COMMAND_PREFIX. */
  commandPrefix?: string;
  /** A database of the test's own (kept when the harness closes), instead of a fresh one. */
  databaseUrl?: string;
  /** The clock of the adapter's people cache (users.info answers are kept five minutes by it). */
  clock?: () => number;
  /** ADMINS, as `platform:user id`. */
  admins?: readonly string[];
  /** The bot's logger (a test capturing what is logged), instead of a silent one. */
  log?: Logger;
  /** PUBLIC_URL. */
  publicUrl?: string;
}

export async function startSlackHarness(options: HarnessOptions = {}): Promise<SlackHarness> {
  const bot = await startTestBot({ url: options.databaseUrl, admins: options.admins });
  let core = bot.core;
  if (options.commands || options.log || options.publicUrl) {
    const services = options.publicUrl ? { charts: { mode: "local" as const }, publicUrl: options.publicUrl } : undefined;
    core = await createCore({ databaseUrl: bot.url, log: options.log ?? silentLogger(), commands: options.commands, services, admins: options.admins });
  }
  const fake = await FakeSlack.start({ botToken: BOT_TOKEN, appToken: APP_TOKEN, ...options });
  const config = readConfig({
    SLACK_BOT_TOKEN: BOT_TOKEN,
    SLACK_SIGNING_SECRET: SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    HOST: "127.0.0.1",
    PORT: "0",
    ...(options.socketMode ? { SLACK_APP_TOKEN: APP_TOKEN } : {}),
    ...(options.commandPrefix ? { SLACK_COMMAND_PREFIX: options.commandPrefix } : {}),
  });
  const adapter = await startSlackAdapter({ core, config, quickDeadlineMs: options.quickDeadlineMs, clock: options.clock });

  const send = async (line: string, who: Who = {}): Promise<Sent> => {
    const id = randomUUID();
    const payload = commandPayload(line, who, fake.responseUrl(id));
    let ack: SlackMessageBody | null;
    let status = 200;
    if (options.socketMode) {
      ack = await fake.sendEnvelope(payload);
    } else {
      const answer = await postSigned(adapter.eventsUrl!, new URLSearchParams(payload).toString());
      ack = answer.body;
      status = answer.status;
    }
    return {
      ack,
      status,
      responses: () => fake.responsesTo(id),
      waitForResponses: (n) => fake.waitFor(() => fake.responsesTo(id).length >= n && fake.responsesTo(id), `${n} response_url post(s)`),
    };
  };

  return {
    bot,
    fake,
    adapter,
    send,
    async close() {
      await adapter.stop();
      await fake.close();
      if (core !== bot.core) await core.close();
      await bot.close();
    },
  };
}

/** Every text of a Slack message body, blocks first, for assertions about what a person sees. */
export function messageText(body: SlackMessageBody | null | undefined): string {
  if (!body) return "";
  const parts: string[] = [];
  for (const block of body.blocks ?? []) {
    if (block.text?.text) parts.push(block.text.text);
    for (const field of block.fields ?? []) parts.push(field.text);
    for (const element of block.elements ?? []) if (element.text) parts.push(element.text);
  }
  return parts.length > 0 ? parts.join("\n") : (body.text ?? "");
}

/** Posts an interaction payload (a view_submission, a block action) to the bot as Slack does: form field `payload`, signed. */
export function postInteraction(eventsUrl: string, payload: Record<string, unknown>) {
  return postSigned(eventsUrl, new URLSearchParams({ payload: JSON.stringify(payload) }).toString());
}

/** The view_submission Slack sends when `who` submits `view` (as the bot opened it) with `answers` by block id. */
export function viewSubmission(view: Record<string, any>, answers: Record<string, string>, who: Who = {}): Record<string, unknown> {
  const team = who.team ?? "T1";
  const user = who.user ?? "U1";
  return {
    type: "view_submission",
    team: { id: team, domain: team.toLowerCase() },
    user: { id: user, username: user.toLowerCase(), name: who.userName ?? user.toLowerCase(), team_id: team },
    api_app_id: "A0FAKE",
    token: "verification-token-unused",
    trigger_id: `${Date.now()}.2.${randomUUID().slice(0, 8)}`,
    view: {
      ...view,
      id: "V0FORM",
      team_id: team,
      state: { values: Object.fromEntries(Object.entries(answers).map(([block, value]) => [block, { value: { type: "plain_text_input", value } }])) },
      hash: "1.hash",
      root_view_id: "V0FORM",
      app_id: "A0FAKE",
      bot_id: "B0BOT",
    },
    response_urls: [],
    is_enterprise_install: false,
  };
}

/**
 * The block_actions Slack sends when `who` clicks `button` (an element of an actions block the
 * bot drew) on a message (in `who.channel`, at `messageTs`); its answers go to the response URL `responseUrl`.
 */
export function blockActions(button: Record<string, any>, responseUrl: string, who: Who = {}, messageTs = "1700000000.000100"): Record<string, unknown> {
  const team = who.team ?? "T1";
  const user = who.user ?? "U1";
  return {
    type: "block_actions",
    team: { id: team, domain: team.toLowerCase() },
    user: { id: user, username: user.toLowerCase(), name: who.userName ?? user.toLowerCase(), team_id: team },
    api_app_id: "A0FAKE",
    token: "verification-token-unused",
    container: { type: "message", message_ts: messageTs, channel_id: who.channel ?? "C1", is_ephemeral: false },
    trigger_id: `${Date.now()}.3.${randomUUID().slice(0, 8)}`,
    channel: { id: who.channel ?? "C1", name: "marketing" },
    message: { type: "message", ts: messageTs, text: "", blocks: [] },
    response_url: responseUrl,
    actions: [{ type: "button", action_id: button.action_id, block_id: "b1", value: button.value, text: button.text, style: button.style, action_ts: `${Date.now() / 1000}` }],
    is_enterprise_install: false,
  };
}

/** The buttons of a Slack message body, in order. */
export const buttonsOf = (body: SlackMessageBody | null | undefined): Array<Record<string, any>> =>
  (body?.blocks ?? []).filter((b) => b.type === "actions").flatMap((b) => b.elements as Array<Record<string, any>>);
