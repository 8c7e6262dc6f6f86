// A fake Slack on 127.0.0.1 for tests: the Web API (every call recorded), the file upload URL
// of files.uploadV2, response URLs, and a Socket Mode WebSocket endpoint.

import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface ApiCall {
  method: string;
  params: Record<string, string>;
  authorization: string | undefined;
}

export interface Upload {
  fileId: string;
  filename: string;
  bytes: Buffer;
}

export interface ResponsePost {
  id: string;
  body: SlackMessageBody;
}

export interface SlackMessageBody {
  response_type?: string;
  replace_original?: boolean;
  text?: string;
  blocks?: Array<Record<string, any>>;
}

export interface FakeUser {
  is_admin?: boolean;
  is_owner?: boolean;
  is_primary_owner?: boolean;
  real_name?: string;
  profile?: { display_name?: string; real_name?: string };
  /** users.info answers user_not_found. */
  missing?: boolean;
}

export interface FakeSlackOptions {
  botToken?: string;
  appToken?: string;
  /** users.info answers by user id; anyone else is a plain member. */
  users?: Record<string, FakeUser>;
  /** conversations.info knows these channels (id → name); any other id is channel_not_found. Default: C1 "marketing". */
  channels?: Record<string, string>;
}

export class FakeSlack {
  readonly calls: ApiCall[] = [];
  readonly uploads: Upload[] = [];
  readonly responses: ResponsePost[] = [];
  /** What the bot sent over the socket (acknowledgements). */
  readonly socketMessages: Array<{ envelope_id: string; payload?: SlackMessageBody }> = [];
  users: Record<string, FakeUser>;
  /** Channels where chat.postMessage and files.completeUploadExternal answer not_in_channel. */
  readonly channelsWithoutBot = new Set<string>();
  /** Channels where chat.postMessage answers 429 with Retry-After: 7. */
  readonly rateLimitedChannels = new Set<string>();
  /** Files Slack holds, by id: served at fileUrl() to a request with the bot token, else Slack's sign-in page. */
  readonly files = new Map<string, { name: string; content: string; mimetype: string }>();
  /** Every request for a file, with the Authorization it carried. */
  readonly downloads: Array<{ id: string; authorization: string | undefined }> = [];
  /** While set, users.info waits for this before answering. */
  usersInfoGate: Promise<void> | null = null;
  /** chat.postMessage calls waiting in a hold (see holdPostMessages); not in `calls` yet. */
  readonly heldCalls: ApiCall[] = [];
  /** Held calls whose caller went away (its process died) before release: never delivered. */
  readonly droppedCalls: ApiCall[] = [];

  /** Messages posted with chat.postMessage, by "channel/ts": chat.update finds them here (message_not_found otherwise). */
  readonly postedMessages = new Map<string, { text?: string; blocks?: string }>();
  private lastTs = 0;

  private readonly pendingFiles = new Map<string, { filename: string; length: number }>();
  private readonly sockets = new Set<WebSocket>();
  private readonly wss = new WebSocketServer({ noServer: true });
  private readonly listeners = new Set<() => void>();
  private readonly holds = new Map<string, Promise<void>>();

  private constructor(
    private readonly server: Server,
    readonly baseUrl: string,
    private readonly options: FakeSlackOptions,
  ) {
    this.users = { ...(options.users ?? {}) };
  }

  static async start(options: FakeSlackOptions = {}): Promise<FakeSlack> {
    let fake: FakeSlack | undefined;
    const server = createServer((req, res) => {
      fake!.handle(req, res).catch((error: unknown) => {
        res.writeHead(500).end(String(error));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    fake = new FakeSlack(server, `http://127.0.0.1:${port}`, options);
    server.on("upgrade", (req, socket, head) => {
      if (!req.url?.startsWith("/socket")) return socket.destroy();
      fake!.wss.handleUpgrade(req, socket, head, (ws) => fake!.accept(ws));
    });
    return fake;
  }

  get apiUrl() {
    return `${this.baseUrl}/api/`;
  }

  /** A file's url_private (or, with `download`, url_private_download) on the fake Slack. */
  fileUrl(id: string, name: string, download = false) {
    return `${this.baseUrl}/files-pri/T1-${id}/${download ? "download/" : ""}${encodeURIComponent(name)}`;
  }

  responseUrl(id: string) {
    return `${this.baseUrl}/respond/${id}`;
  }

  callsOf(method: string) {
    return this.calls.filter((c) => c.method === method);
  }

  responsesTo(id: string) {
    return this.responses.filter((r) => r.id === id).map((r) => r.body);
  }

  /** Resolves with `check()`'s first truthy value, re-checking whenever the fake records something. */
  waitFor<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 15_000): Promise<T> {
    return new Promise((resolve, reject) => {
      const attempt = () => {
        const value = check();
        if (value) {
          cleanup();
          resolve(value);
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`fake Slack: gave up waiting for ${what}`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.listeners.delete(attempt);
      };
      this.listeners.add(attempt);
      attempt();
    });
  }

  /**
   * Holds chat.postMessage into `channel` unanswered (a sender stuck mid-post) until the
   * returned function is called; held calls are then answered and recorded as usual. A held
   * call whose connection closes first is dropped: recorded in `droppedCalls`, never in `calls`.
   */
  holdPostMessages(channel: string): () => void {
    let release!: () => void;
    this.holds.set(channel, new Promise<void>((resolve) => (release = resolve)));
    return () => {
      this.holds.delete(channel);
      release();
    };
  }

  private changed() {
    for (const listener of [...this.listeners]) listener();
  }

  // --- Socket Mode -------------------------------------------------------------------------

  get socketConnected() {
    return [...this.sockets].some((s) => s.readyState === s.OPEN);
  }

  private accept(ws: WebSocket) {
    this.sockets.add(ws);
    ws.on("close", () => {
      this.sockets.delete(ws);
      this.changed();
    });
    ws.on("message", (data) => {
      this.socketMessages.push(JSON.parse(String(data)));
      this.changed();
    });
    ws.send(JSON.stringify({ type: "hello", num_connections: 1, debug_info: { host: "fake" }, connection_info: { app_id: "A0FAKE" } }));
    this.changed();
  }

  /** Sends a slash command envelope over the socket; resolves with the bot's acknowledgement payload. */
  async sendEnvelope(payload: Record<string, string>): Promise<SlackMessageBody> {
    const ws = [...this.sockets].find((s) => s.readyState === s.OPEN);
    if (!ws) throw new Error("fake Slack: no Socket Mode connection");
    const envelopeId = randomUUID();
    ws.send(JSON.stringify({ envelope_id: envelopeId, type: "slash_commands", accepts_response_payload: true, payload }));
    const ack = await this.waitFor(() => this.socketMessages.find((m) => m.envelope_id === envelopeId), `the ack of envelope ${envelopeId}`);
    return ack.payload ?? {};
  }

  /** Sends an Events API envelope (an event_callback body) over the socket; resolves when it is acked. */
  async sendEventEnvelope(body: Record<string, unknown>): Promise<void> {
    const ws = [...this.sockets].find((s) => s.readyState === s.OPEN);
    if (!ws) throw new Error("fake Slack: no Socket Mode connection");
    const envelopeId = randomUUID();
    ws.send(JSON.stringify({ envelope_id: envelopeId, type: "events_api", accepts_response_payload: false, payload: body }));
    await this.waitFor(() => this.socketMessages.find((m) => m.envelope_id === envelopeId), `the ack of envelope ${envelopeId}`);
  }

  /**
   * Sends an interactivity envelope (a block_actions click, a view_submission: the payload Slack
   * would post as form field `payload`) over the socket; resolves with the bot's acknowledgement
   * payload (empty when it acked with none).
   */
  async sendInteractiveEnvelope(payload: Record<string, unknown>): Promise<SlackMessageBody> {
    const ws = [...this.sockets].find((s) => s.readyState === s.OPEN);
    if (!ws) throw new Error("fake Slack: no Socket Mode connection");
    const envelopeId = randomUUID();
    ws.send(JSON.stringify({ envelope_id: envelopeId, type: "interactive", accepts_response_payload: payload.type === "view_submission", payload }));
    const ack = await this.waitFor(() => this.socketMessages.find((m) => m.envelope_id === envelopeId), `the ack of envelope ${envelopeId}`);
    return ack.payload ?? {};
  }

  // --- HTTP ----------------------------------------------------------------------------------

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", this.baseUrl);
    const raw = await readBody(req);
    if (req.method === "POST" && url.pathname.startsWith("/api/")) {
      const method = url.pathname.slice("/api/".length);
      const params = parseParams(req.headers["content-type"], raw);
      const call: ApiCall = { method, params, authorization: req.headers.authorization };
      const hold = method === "chat.postMessage" ? this.holds.get(params.channel ?? "") : undefined;
      if (hold && !(await this.waitInHold(call, hold, res))) return;
      this.calls.push(call);
      this.changed();
      if (method === "chat.postMessage" && this.rateLimitedChannels.has(params.channel ?? "")) {
        return res.writeHead(429, { "retry-after": "7" }).end();
      }
      return json(res, await this.answer(call));
    }
    if (req.method === "POST" && url.pathname.startsWith("/upload/")) {
      const fileId = url.pathname.slice("/upload/".length);
      const pending = this.pendingFiles.get(fileId);
      if (!pending) return res.writeHead(404).end("no such upload");
      this.uploads.push({ fileId, filename: pending.filename, bytes: await uploadedBytes(req.headers["content-type"], raw) });
      this.changed();
      return res.writeHead(200, { "content-type": "text/plain" }).end(`OK - ${raw.length}`);
    }
    if (req.method === "GET" && url.pathname.startsWith("/files-pri/")) {
      const id = /^\/files-pri\/T1-([^/]+)\//.exec(url.pathname)?.[1] ?? "";
      this.downloads.push({ id, authorization: req.headers.authorization });
      this.changed();
      const file = this.files.get(id);
      // Slack answers a request without the right token with its sign-in page, not an error.
      if (!file || req.headers.authorization !== `Bearer ${this.options.botToken}`) {
        return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<!DOCTYPE html><title>Slack</title>Sign in");
      }
      return res.writeHead(200, { "content-type": file.mimetype }).end(file.content);
    }
    if (req.method === "POST" && url.pathname.startsWith("/respond/")) {
      this.responses.push({ id: url.pathname.slice("/respond/".length), body: JSON.parse(raw.toString("utf8")) });
      this.changed();
      return res.writeHead(200, { "content-type": "text/plain" }).end("ok");
    }
    res.writeHead(404).end();
  }

  /** Resolves true when the hold is released, false when the caller hung up first. */
  private waitInHold(call: ApiCall, hold: Promise<void>, res: ServerResponse): Promise<boolean> {
    this.heldCalls.push(call);
    this.changed();
    return new Promise((resolve) => {
      const leave = (released: boolean) => {
        res.off("close", onClose);
        this.heldCalls.splice(this.heldCalls.indexOf(call), 1);
        if (!released) this.droppedCalls.push(call);
        this.changed();
        resolve(released);
      };
      const onClose = () => leave(false);
      res.once("close", onClose);
      void hold.then(() => {
        if (!res.writableEnded && !res.destroyed) leave(true);
      });
    });
  }

  private async answer(call: ApiCall): Promise<Record<string, unknown>> {
    const bearer = call.authorization?.replace(/^Bearer /, "");
    switch (call.method) {
      case "auth.test":
        if (this.options.botToken && bearer !== this.options.botToken) return { ok: false, error: "invalid_auth" };
        return { ok: true, url: "https://fake.slack.com/", team: "Fake", user: "campaign-bot", team_id: "T0FAKE", user_id: "U0BOT", bot_id: "B0BOT" };
      case "apps.connections.open":
        if (!bearer?.startsWith("xapp-") || (this.options.appToken && bearer !== this.options.appToken)) return { ok: false, error: "invalid_auth" };
        return { ok: true, url: `${this.baseUrl.replace(/^http/, "ws")}/socket?ticket=${randomUUID()}` };
      case "users.info": {
        if (this.usersInfoGate) await this.usersInfoGate;
        const id = call.params.user ?? "";
        if (this.users[id]?.missing) return { ok: false, error: "user_not_found" };
        return { ok: true, user: { id, name: id.toLowerCase(), deleted: false, is_bot: false, ...(this.users[id] ?? {}) } };
      }
      case "conversations.open": {
        // A direct message with one person: its channel id is D + the user id, as stable as Slack's.
        const user = call.params.users ?? "";
        if (user.includes(",")) return { ok: false, error: "not_implemented" };
        if (this.users[user]?.missing) return { ok: false, error: "user_not_found" };
        return { ok: true, channel: { id: `D${user}` } };
      }
      case "conversations.info": {
        const id = call.params.channel ?? "";
        const name = (this.options.channels ?? { C1: "marketing" })[id];
        if (name === undefined) return { ok: false, error: "channel_not_found" };
        return { ok: true, channel: { id, name, is_channel: true, is_archived: false } };
      }
      case "chat.postMessage": {
        if (this.channelsWithoutBot.has(call.params.channel ?? "")) return { ok: false, error: "not_in_channel" };
        // Slack's ts: seconds and a sequence, unique in a channel.
        this.lastTs = Math.max(this.lastTs + 1, Date.now() * 1000);
        const ts = `${Math.floor(this.lastTs / 1e6)}.${String(this.lastTs % 1e6).padStart(6, "0")}`;
        this.postedMessages.set(`${call.params.channel}/${ts}`, { text: call.params.text, blocks: call.params.blocks });
        return { ok: true, channel: call.params.channel, ts, message: { text: call.params.text } };
      }
      case "chat.update": {
        const key = `${call.params.channel}/${call.params.ts}`;
        if (!this.postedMessages.has(key)) return { ok: false, error: "message_not_found" };
        this.postedMessages.set(key, { text: call.params.text, blocks: call.params.blocks });
        return { ok: true, channel: call.params.channel, ts: call.params.ts, text: call.params.text };
      }
      case "views.open": {
        if (!call.params.trigger_id) return { ok: false, error: "invalid_trigger_id" };
        const view = JSON.parse(call.params.view ?? "{}") as Record<string, unknown>;
        return { ok: true, view: { id: `V${this.callsOf("views.open").length}`, ...view } };
      }
      case "views.publish": {
        // The App Home tab: a "home" view for one user.
        if (!call.params.user_id) return { ok: false, error: "invalid_arguments" };
        const view = JSON.parse(call.params.view ?? "{}") as Record<string, unknown>;
        if (view.type !== "home") return { ok: false, error: "invalid_arguments" };
        if (Array.isArray(view.blocks) && view.blocks.length > 100) return { ok: false, error: "invalid_blocks" };
        return { ok: true, view: { id: `VH${this.callsOf("views.publish").length}`, ...view } };
      }
      case "files.getUploadURLExternal": {
        const fileId = `F${this.pendingFiles.size + 1}`.padEnd(9, "0");
        this.pendingFiles.set(fileId, { filename: call.params.filename ?? "", length: Number(call.params.length) });
        return { ok: true, upload_url: `${this.baseUrl}/upload/${fileId}`, file_id: fileId };
      }
      case "files.completeUploadExternal": {
        if (this.channelsWithoutBot.has(call.params.channel_id ?? "")) return { ok: false, error: "not_in_channel" };
        const files = JSON.parse(call.params.files ?? "[]") as Array<{ id: string; title?: string }>;
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title, name: this.pendingFiles.get(f.id)?.filename })) };
      }
      default:
        return { ok: false, error: "unknown_method" };
    }
  }

  async close() {
    for (const ws of this.sockets) ws.terminate();
    this.wss.close();
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}

function parseParams(contentType: string | undefined, raw: Buffer): Record<string, string> {
  const text = raw.toString("utf8");
  if (contentType?.startsWith("application/json")) {
    const body = JSON.parse(text || "{}") as Record<string, unknown>;
    return Object.fromEntries(Object.entries(body).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)]));
  }
  return Object.fromEntries(new URLSearchParams(text));
}

/** The bytes of an upload: the one part of a multipart body, or the body itself. */
async function uploadedBytes(contentType: string | undefined, raw: Buffer): Promise<Buffer> {
  if (!contentType?.startsWith("multipart/form-data")) return raw;
  const form = await new Request("http://fake/upload", { method: "POST", headers: { "content-type": contentType }, body: raw }).formData();
  for (const [, value] of form) {
    return typeof value === "string" ? Buffer.from(value, "utf8") : Buffer.from(await value.arrayBuffer());
  }
  return Buffer.alloc(0);
}

function json(res: ServerResponse, body: unknown) {
  res.writeHead(200, { "content-type": "application/json; charset=utf-8" }).end(JSON.stringify(body));
}
