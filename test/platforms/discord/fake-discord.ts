// A fake Discord for tests: REST and gateway (WebSocket) on 127.0.0.1, enough for the real
// discord.js client to log in, receive interactions and answer them. Records every request.

import http, { type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { WebSocketServer, type WebSocket } from "ws";

export interface FakeGuild {
  id: string;
  name: string;
}

export interface FakeUser {
  id: string;
  username: string;
  globalName?: string;
  /** Their nickname in the guild. */
  nick?: string;
}

export interface RecordedFile {
  field: string;
  name: string;
  contentType: string;
  data: Buffer;
}

export interface RecordedRequest {
  method: string;
  /** The path as sent (URL-encoded), without the query. */
  path: string;
  query: URLSearchParams;
  authorization: string | undefined;
  /** The JSON body, or the multipart form's payload_json. */
  json: any;
  files: RecordedFile[];
}

/** A typed option as Discord sends it (name, type, value; subcommands carry options). */
export interface InteractionOption {
  name: string;
  type: number;
  value?: string | number | boolean;
  focused?: boolean;
  options?: InteractionOption[];
}

export interface InteractionInput {
  guild?: FakeGuild | null;
  user: FakeUser;
  /** Manage Server (32) through the guild's "Managers" role. */
  manageServer?: boolean;
  /** Administrator (8) through the guild's "Owners" role. */
  administrator?: boolean;
  command: string;
  options?: InteractionOption[];
  /** More role ids the member carries (FakeDiscord.creatorsRole). */
  roles?: string[];
  /** USER option values: their users and guild members. */
  resolvedUsers?: FakeUser[];
  /** ATTACHMENT option values (made with `attach`). */
  resolvedAttachments?: FakeAttachment[];
}

/** A file uploaded with a slash command, served by the fake at its URL as the CDN serves it. */
export interface FakeAttachment {
  id: string;
  filename: string;
  size: number;
  url: string;
}

export interface SentInteraction {
  id: string;
  token: string;
}

const EPOCH = 1_420_070_400_000n;
let increment = 0n;
/** A real-looking snowflake (time in the high bits), so discord.js computes sane dates. */
export function snowflake(): string {
  increment = (increment + 1n) % 4096n;
  return (((BigInt(Date.now()) - EPOCH) << 22n) | increment).toString();
}

const MANAGE_GUILD = "32";
const ADMINISTRATOR = "8";

export class FakeDiscord {
  readonly applicationId = snowflake();
  readonly botUser: FakeUser = { id: snowflake(), username: "campaign-bot" };
  readonly requests: RecordedRequest[] = [];
  /** Close codes of gateway connections, in order. */
  readonly closeCodes: number[] = [];
  identifies = 0;
  /** The next PUT of commands fails with this status and message (to test the CLI's errors). */
  failNextPut: { status: number; message: string } | null = null;
  /** Channels whose messages Discord refuses: 403 Missing Permissions, or 429 rate limited. */
  readonly refusingChannels = new Map<string, "forbidden" | "rate-limited">();
  /** Messages posted into a server's channel, message id → channel id: an edit (PATCH) of any other answers Unknown Message. */
  readonly postedMessages = new Map<string, string>();
  /** Users whose DMs are closed to the bot: a message into their DM channel answers 50007. */
  readonly closedDms = new Set<string>();
  /** DM channels opened with POST /users/@me/channels: channel id → the user's id. */
  readonly dmChannels = new Map<string, string>();

  private readonly server: http.Server;
  private readonly wss: WebSocketServer;
  private readonly sockets = new Set<WebSocket>();
  private sequence = 0;
  private readonly waiters: Array<{ test: (r: RecordedRequest) => boolean; resolve: (r: RecordedRequest) => void }> = [];
  private readonly identifyWaiters: Array<() => void> = [];
  private readonly channelIds = new Map<string, string>();
  /** The DM channel the bot opened with a user (POST /users/@me/channels), or "" when none. */
  dmChannelOf(userId: string): string {
    return [...this.dmChannels].find(([, user]) => user === userId)?.[0] ?? "";
  }

  /** Messages the bot posted into a channel (a guild's, or a DM channel). */
  messagesIn(channelId: string): RecordedRequest[] {
    return this.requests.filter((r) => r.method === "POST" && r.path === `/api/v10/channels/${channelId}/messages`);
  }

  private port = 0;
  private readonly attachments = new Map<string, Buffer>();

  /** An attachment for a slash command's file option; its content is served at its URL. */
  attach(filename: string, content: string | Buffer): FakeAttachment {
    const id = snowflake();
    const data = Buffer.from(content);
    this.attachments.set(id, data);
    return { id, filename, size: data.length, url: `http://127.0.0.1:${this.port}/attachments/${id}/${encodeURIComponent(filename)}` };
  }

  private constructor(readonly guilds: FakeGuild[]) {
    this.server = http.createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        res.writeHead(500, { "content-type": "application/json" });
        res.end(JSON.stringify({ message: String(error), code: 0 }));
      });
    });
    this.wss = new WebSocketServer({ server: this.server, path: "/gateway" });
    this.wss.on("connection", (socket) => this.onConnection(socket));
  }

  static async start(guilds: FakeGuild[] = []): Promise<FakeDiscord> {
    const fake = new FakeDiscord(guilds);
    await new Promise<void>((resolve) => fake.server.listen(0, "127.0.0.1", resolve));
    fake.port = (fake.server.address() as AddressInfo).port;
    return fake;
  }

  /** What DISCORD_API_URL / discord.js `rest.api` should be. */
  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api`;
  }

  get connections(): number {
    return this.sockets.size;
  }

  static guild(name: string): FakeGuild {
    return { id: snowflake(), name };
  }

  /** The id of the guild's "Creators" role (no permissions), for /settings creator-role: and members carrying it. */
  static creatorsRole(guild: FakeGuild): string {
    return creatorsRole(guild);
  }

  static user(username: string): FakeUser {
    return { id: snowflake(), username };
  }

  channelOf(guild: FakeGuild): string {
    let id = this.channelIds.get(guild.id);
    if (!id) this.channelIds.set(guild.id, (id = snowflake()));
    return id;
  }

  /** Channels of a server besides the one commands come from: id → its server and name. */
  private readonly otherChannels = new Map<string, { guildId: string; name: string }>();

  /** Adds a text channel called `name` to `guild` (where no command is typed); returns its id. */
  addChannel(guild: FakeGuild, name: string): string {
    const id = snowflake();
    this.otherChannels.set(id, { guildId: guild.id, name });
    return id;
  }

  /** Resolves once a gateway client has identified (the bot is logged in). */
  waitForIdentify(): Promise<void> {
    if (this.identifies > 0) return Promise.resolve();
    return new Promise((resolve) => this.identifyWaiters.push(resolve));
  }

  /** The first recorded request (past or future) that passes the test. */
  waitForRequest(test: (r: RecordedRequest) => boolean): Promise<RecordedRequest> {
    const found = this.requests.find(test);
    if (found) return Promise.resolve(found);
    return new Promise((resolve) => this.waiters.push({ test, resolve }));
  }

  /** The interaction callback (reply, defer or autocomplete answer) for an interaction. */
  callbackOf(interaction: SentInteraction): Promise<RecordedRequest> {
    return this.waitForRequest((r) => r.method === "POST" && r.path === `/api/v10/interactions/${interaction.id}/${interaction.token}/callback`);
  }

  /** An edit of the original reply of an interaction. */
  editOf(interaction: SentInteraction): Promise<RecordedRequest> {
    return this.waitForRequest((r) => r.method === "PATCH" && decodeURIComponent(r.path) === `/api/v10/webhooks/${this.applicationId}/${interaction.token}/messages/@original`);
  }

  /** Follow-up messages of an interaction, so far. */
  followUpsOf(interaction: SentInteraction): RecordedRequest[] {
    return this.requests.filter((r) => r.method === "POST" && r.path === `/api/v10/webhooks/${this.applicationId}/${interaction.token}`);
  }

  followUpOf(interaction: SentInteraction, index = 0): Promise<RecordedRequest> {
    let seen = 0;
    return this.waitForRequest((r) => r.method === "POST" && r.path === `/api/v10/webhooks/${this.applicationId}/${interaction.token}` && seen++ === index);
  }

  /** Dispatches a slash command (type 2) and returns its id and token. */
  slash(input: InteractionInput): SentInteraction {
    return this.dispatchInteraction(2, input);
  }

  /** Dispatches an autocomplete request (type 4); one option should have focused: true. */
  autocomplete(input: InteractionInput): SentInteraction {
    return this.dispatchInteraction(4, input);
  }

  /** Dispatches a modal submission (type 5): `fields` by text input custom id, each in a label (type 18) as Discord sends them. */
  modalSubmit(input: Omit<InteractionInput, "command" | "options"> & { customId: string; fields: Record<string, string> }): SentInteraction {
    const components = Object.entries(input.fields).map(([customId, value]) => ({ type: 18, id: 1, component: { type: 4, id: 2, custom_id: customId, value } }));
    return this.dispatchInteraction(5, { ...input, command: "" }, { custom_id: input.customId, components });
  }

  /**
   * Dispatches a click on a button (type 3, component type 2) with the custom id the bot gave it,
   * on `message` (a message the bot sent: its components at least).
   */
  click(input: Omit<InteractionInput, "command" | "options"> & { customId: string; message?: Record<string, unknown> }): SentInteraction {
    return this.dispatchInteraction(3, { ...input, command: "" }, { custom_id: input.customId, component_type: 2 }, input.message ?? {});
  }

  /** A modal submission (as modalSubmit) opened by a button on `message`. */
  modalSubmitFromMessage(input: Omit<InteractionInput, "command" | "options"> & { customId: string; fields: Record<string, string>; message: Record<string, unknown> }): SentInteraction {
    const components = Object.entries(input.fields).map(([customId, value]) => ({ type: 18, id: 1, component: { type: 4, id: 2, custom_id: customId, value } }));
    return this.dispatchInteraction(5, { ...input, command: "" }, { custom_id: input.customId, components }, input.message);
  }

  private dispatchInteraction(type: number, input: InteractionInput, modalData?: Record<string, unknown>, message?: Record<string, unknown>): SentInteraction {
    const id = snowflake();
    const token = `token-${id}`;
    const guild = input.guild ?? null;
    const user = userObject(input.user);
    const roles: string[] = [];
    let permissions = 0n;
    if (guild && input.manageServer) {
      roles.push(managersRole(guild));
      permissions |= 32n;
    }
    if (guild && input.administrator) {
      roles.push(ownersRole(guild));
      permissions |= 8n;
    }
    if (guild) roles.push(...(input.roles ?? []));
    const resolved = input.resolvedUsers?.length
      ? {
          users: Object.fromEntries(input.resolvedUsers.map((u) => [u.id, userObject(u)])),
          ...(guild
            ? { members: Object.fromEntries(input.resolvedUsers.map((u) => [u.id, { roles: [], joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, permissions: "0", nick: u.nick ?? null }])) }
            : {}),
        }
      : undefined;
    const attachments = input.resolvedAttachments?.length
      ? { attachments: Object.fromEntries(input.resolvedAttachments.map((a) => [a.id, { id: a.id, filename: a.filename, size: a.size, url: a.url, proxy_url: a.url, content_type: "text/csv; charset=utf-8" }])) }
      : undefined;
    const channelId = guild ? this.channelOf(guild) : snowflake();
    const payload = {
      id,
      token,
      type,
      version: 1,
      application_id: this.applicationId,
      app_permissions: "2248473465835073",
      locale: "en-US",
      entitlements: [],
      authorizing_integration_owners: guild ? { "0": guild.id } : { "1": input.user.id },
      context: guild ? 0 : 1,
      attachment_size_limit: 10_485_760,
      ...(guild
        ? {
            guild_id: guild.id,
            guild_locale: "en-US",
            guild: { id: guild.id, locale: "en-US", features: [] },
            channel_id: channelId,
            channel: { id: channelId, type: 0, guild_id: guild.id, name: "general", position: 0, permission_overwrites: [], nsfw: false, parent_id: null },
            member: { user, roles, permissions: permissions.toString(), joined_at: new Date().toISOString(), deaf: false, mute: false, flags: 0, nick: null, avatar: null, premium_since: null, pending: false },
          }
        : {
            user,
            channel_id: channelId,
            channel: { id: channelId, type: 1, flags: 0, last_message_id: null, recipients: [user] },
          }),
      data: modalData ?? { id: snowflake(), name: input.command, type: 1, options: input.options ?? [], ...(resolved || attachments ? { resolved: { ...resolved, ...attachments } } : {}) },
      ...(message ? { message: { ...this.message({}), ...message, channel_id: channelId } } : {}),
    };
    this.dispatch("INTERACTION_CREATE", payload);
    return { id, token };
  }

  /** Sends a gateway dispatch (op 0) to every connected client. */
  dispatch(event: string, data: unknown): void {
    const frame = JSON.stringify({ op: 0, t: event, s: ++this.sequence, d: data });
    for (const socket of this.sockets) socket.send(frame);
  }

  async close(): Promise<void> {
    for (const socket of this.sockets) socket.terminate();
    await new Promise<void>((resolve) => this.wss.close(() => resolve()));
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private onConnection(socket: WebSocket) {
    this.sockets.add(socket);
    socket.on("close", (code) => {
      this.sockets.delete(socket);
      this.closeCodes.push(code);
    });
    socket.send(JSON.stringify({ op: 10, s: null, t: null, d: { heartbeat_interval: 41_250 } }));
    socket.on("message", (raw) => {
      const frame = JSON.parse(String(raw)) as { op: number; d: any };
      if (frame.op === 1) socket.send(JSON.stringify({ op: 11, s: null, t: null, d: null }));
      if (frame.op === 2) this.onIdentify(socket);
    });
  }

  private onIdentify(socket: WebSocket) {
    const send = (t: string, d: unknown) => socket.send(JSON.stringify({ op: 0, t, s: ++this.sequence, d }));
    send("READY", {
      v: 10,
      user: { ...userObject(this.botUser), bot: true },
      guilds: this.guilds.map((g) => ({ id: g.id, unavailable: true })),
      session_id: `session-${snowflake()}`,
      resume_gateway_url: `ws://127.0.0.1:${this.port}/gateway`,
      shard: [0, 1],
      application: { id: this.applicationId, flags: 0 },
    });
    for (const guild of this.guilds) send("GUILD_CREATE", this.guildObject(guild));
    this.identifies++;
    for (const resolve of this.identifyWaiters.splice(0)) resolve();
  }

  private guildObject(guild: FakeGuild) {
    const role = (id: string, name: string, permissions: string, position: number) => ({
      id,
      name,
      permissions,
      position,
      color: 0,
      hoist: false,
      managed: false,
      mentionable: false,
      flags: 0,
      icon: null,
      unicode_emoji: null,
    });
    const channelId = this.channelOf(guild);
    return {
      id: guild.id,
      name: guild.name,
      icon: null,
      owner_id: snowflake(),
      roles: [role(guild.id, "@everyone", "0", 0), role(managersRole(guild), "Managers", MANAGE_GUILD, 1), role(ownersRole(guild), "Owners", ADMINISTRATOR, 2), role(creatorsRole(guild), "Creators", "0", 3)],
      emojis: [],
      stickers: [],
      features: [],
      member_count: 3,
      members: [],
      channels: [{ id: channelId, type: 0, name: "general", position: 0, permission_overwrites: [], guild_id: guild.id, nsfw: false, parent_id: null }],
      threads: [],
      presences: [],
      voice_states: [],
      stage_instances: [],
      guild_scheduled_events: [],
      soundboard_sounds: [],
      joined_at: new Date().toISOString(),
      large: false,
      unavailable: false,
      afk_timeout: 300,
      afk_channel_id: null,
      system_channel_id: null,
      verification_level: 0,
      default_message_notifications: 0,
      explicit_content_filter: 0,
      mfa_level: 0,
      system_channel_flags: 0,
      premium_tier: 0,
      preferred_locale: "en-US",
      nsfw_level: 0,
      premium_progress_bar_enabled: false,
    };
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const file = /^\/attachments\/(\d+)\//.exec(url.pathname);
    if (req.method === "GET" && file) {
      const data = this.attachments.get(file[1]!);
      res.writeHead(data ? 200 : 404, { "content-type": "text/csv; charset=utf-8" });
      res.end(data ?? "");
      return;
    }
    const body = await readBody(req);
    const record: RecordedRequest = {
      method: req.method ?? "GET",
      path: url.pathname,
      query: url.searchParams,
      authorization: req.headers.authorization,
      json: undefined,
      files: [],
    };
    const type = req.headers["content-type"] ?? "";
    if (type.startsWith("multipart/form-data")) {
      const form = await new Request("http://127.0.0.1/", { method: "POST", headers: { "content-type": type }, body }).formData();
      for (const [field, value] of form.entries()) {
        if (typeof value === "string") {
          if (field === "payload_json") record.json = JSON.parse(value);
        } else {
          record.files.push({ field, name: value.name, contentType: value.type, data: Buffer.from(await value.arrayBuffer()) });
        }
      }
    } else if (body.length > 0) {
      record.json = JSON.parse(body.toString("utf8"));
    }
    const answer = this.answer(record, decodeURIComponent(url.pathname));
    this.requests.push(record);
    for (const waiter of [...this.waiters]) {
      if (waiter.test(record)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(record);
      }
    }
    if (answer.body === undefined) {
      res.writeHead(answer.status);
      res.end();
    } else {
      res.writeHead(answer.status, { "content-type": "application/json", ...answer.headers });
      res.end(JSON.stringify(answer.body));
    }
  }

  private answer(r: RecordedRequest, path: string): { status: number; body?: unknown; headers?: Record<string, string> } {
    const app = this.applicationId;
    if (r.method === "GET" && path === "/api/v10/gateway/bot") {
      return {
        status: 200,
        body: {
          url: `ws://127.0.0.1:${this.port}/gateway`,
          shards: 1,
          session_start_limit: { total: 1000, remaining: 999, reset_after: 14_400_000, max_concurrency: 1 },
        },
      };
    }
    if (r.method === "POST" && /^\/api\/v10\/interactions\/\d+\/[^/]+\/callback$/.test(path)) {
      if (r.query.get("with_response") === "true") {
        const id = path.split("/")[4]!;
        return { status: 200, body: { interaction: { id, type: 2 }, resource: { type: r.json?.type, message: this.message(r.json?.data ?? {}) } } };
      }
      return { status: 204 };
    }
    if (path === `/api/v10/webhooks/${app}/${path.split("/")[5]}/messages/@original`) {
      if (r.method === "PATCH") return { status: 200, body: this.message(r.json ?? {}) };
      if (r.method === "DELETE") return { status: 204 };
      if (r.method === "GET") return { status: 200, body: this.message({}) };
    }
    if (r.method === "POST" && new RegExp(`^/api/v10/webhooks/${app}/[^/]+$`).test(path)) {
      return { status: 200, body: this.message(r.json ?? {}) };
    }
    if (r.method === "PUT" && (path === `/api/v10/applications/${app}/commands` || new RegExp(`^/api/v10/applications/${app}/guilds/\\d+/commands$`).test(path))) {
      if (this.failNextPut) {
        const { status, message } = this.failNextPut;
        this.failNextPut = null;
        return { status, body: { message, code: 50035 } };
      }
      const guildId = path.split("/")[6];
      const commands = (r.json as any[]).map((c) => ({ ...c, id: snowflake(), application_id: app, version: snowflake(), ...(guildId ? { guild_id: guildId } : {}) }));
      return { status: 200, body: commands };
    }
    const guildPath = /^\/api\/v10\/guilds\/(\d+)$/.exec(path);
    if (r.method === "GET" && guildPath) {
      // Discord answers a bot asking about a server it is not in with Missing Access.
      const guild = this.guilds.find((g) => g.id === guildPath[1]);
      return guild ? { status: 200, body: this.guildObject(guild) } : { status: 403, body: { message: "Missing Access", code: 50001 } };
    }
    if (r.method === "POST" && path === "/api/v10/users/@me/channels") {
      const recipient = String(r.json?.recipient_id ?? "");
      let id = [...this.dmChannels].find(([, user]) => user === recipient)?.[0];
      if (!id) this.dmChannels.set((id = snowflake()), recipient);
      return { status: 200, body: { id, type: 1, recipients: [{ id: recipient, username: recipient, discriminator: "0" }] } };
    }
    const dm = /^\/api\/v10\/channels\/(\d+)\/messages$/.exec(path);
    if (r.method === "POST" && dm && this.dmChannels.has(dm[1]!)) {
      if (this.closedDms.has(this.dmChannels.get(dm[1]!)!)) return { status: 403, body: { message: "Cannot send messages to this user", code: 50007 } };
      return { status: 200, body: this.message(r.json ?? {}) };
    }
    const edited = /^\/api\/v10\/channels\/(\d+)\/messages\/(\d+)$/.exec(path);
    if (r.method === "PATCH" && edited) {
      if (this.postedMessages.get(edited[2]!) !== edited[1]) return { status: 404, body: { message: "Unknown Message", code: 10008 } };
      return { status: 200, body: { ...this.message(r.json ?? {}), id: edited[2], channel_id: edited[1] } };
    }
    const channel = /^\/api\/v10\/channels\/(\d+)(\/messages)?$/.exec(path);
    if (channel) {
      const other = this.otherChannels.get(channel[1]!);
      const guild = this.guilds.find((g) => this.channelIds.get(g.id) === channel[1] || other?.guildId === g.id);
      if (!guild) return { status: 404, body: { message: "Unknown Channel", code: 10003 } };
      if (r.method === "GET" && !channel[2]) return { status: 200, body: { id: channel[1], type: 0, guild_id: guild.id, name: other?.name ?? "general", position: 0, permission_overwrites: [] } };
      if (r.method === "POST" && channel[2]) {
        const refusal = this.refusingChannels.get(channel[1]!);
        if (refusal === "forbidden") return { status: 403, body: { message: "Missing Permissions", code: 50013 } };
        if (refusal === "rate-limited") return { status: 429, headers: { "retry-after": "3", "x-ratelimit-scope": "user" }, body: { message: "You are being rate limited.", retry_after: 2.5, global: false } };
        const posted = { ...this.message(r.json ?? {}), channel_id: channel[1] };
        this.postedMessages.set(posted.id, channel[1]!);
        return { status: 200, body: posted };
      }
    }
    return { status: 404, body: { message: "404: Not Found", code: 0 } };
  }

  private message(data: { content?: string; embeds?: unknown[]; flags?: number; components?: unknown[] }) {
    return {
      id: snowflake(),
      channel_id: snowflake(),
      type: 20,
      content: data.content ?? "",
      embeds: data.embeds ?? [],
      attachments: [],
      author: { ...userObject(this.botUser), bot: true },
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      flags: data.flags ?? 0,
      components: data.components ?? [],
      webhook_id: this.applicationId,
      application_id: this.applicationId,
    };
  }
}

const managersRole = (guild: FakeGuild) => `${BigInt(guild.id) + 1n}`;
const ownersRole = (guild: FakeGuild) => `${BigInt(guild.id) + 2n}`;
const creatorsRole = (guild: FakeGuild) => `${BigInt(guild.id) + 3n}`;

function userObject(user: FakeUser) {
  return { id: user.id, username: user.username, global_name: user.globalName ?? null, discriminator: "0", avatar: null };
}

function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks)));
    req.on("error", reject);
  });
}
