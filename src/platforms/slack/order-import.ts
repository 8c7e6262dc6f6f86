// Importing an orders file from Slack (a slash command cannot carry a file): the message
// shortcut "Import orders" on a message that carries a CSV file, or the file shared with the
// bot in a direct message. Either way the bot downloads the file from Slack with its own token
// (url_private_download, Authorization: Bearer; scope files:read) and runs `/code import` with its
// text through the dispatcher, as the person who asked (same admin check, same reply, same
// activity record). The shortcut's answer goes through its response URL; the direct message's
// into the direct message.

import type { App, MessageShortcut } from "@slack/bolt";
import type { Caller } from "../../core/dispatch.ts";
import type { FileInput } from "../../core/options.ts";
import { errorReply, type Reply } from "../../core/reply.ts";
import { MAX_IMPORT_BYTES } from "../../shop/order-import.ts";
import { deliverReply, slackErrorCode, type DeliveryTarget } from "./deliver.ts";
import type { FormDeps } from "./private-form.ts";

/** The message shortcut's callback id (slack/manifest.json). */
export const IMPORT_ORDERS_CALLBACK = "import_orders";

/** A file as Slack describes it in a message or an event. */
export interface SlackFile {
  id?: string;
  name?: string;
  title?: string;
  filetype?: string;
  mimetype?: string;
  size?: number;
  url_private_download?: string;
  url_private?: string;
}

export interface OrderImportDeps extends FormDeps {
  /** GETs a file's private URL with the bot token (only Slack's hosts). */
  download(url: string): Promise<Response>;
  /** Hosts the bot downloads files from: Slack's (files.slack.com), and the configured API's (tests). */
  fileHosts: readonly string[];
  /** Posts a Block Kit message (a reply rendered for a response URL) into a channel: the direct message. */
  postMessage(channel: string, message: { text?: string; blocks?: unknown[] }): Promise<void>;
}

export function registerOrderImport(app: App, deps: OrderImportDeps): void {
  app.shortcut<MessageShortcut>({ callback_id: IMPORT_ORDERS_CALLBACK, type: "message_action" }, async ({ ack, body }) => {
    await ack();
    const team = body.team?.id ?? body.user.team_id;
    const respond = (message: unknown) => deps.postToResponseUrl(body.response_url, message);
    if (!team || !body.user?.id) {
      deps.log.warn("slack import shortcut without its team or user");
      return;
    }
    const files = Array.isArray(body.message?.files) ? (body.message.files as SlackFile[]) : [];
    const target = targetOf(respond, deps, team);
    // Answered after the acknowledgement: a download and an import can take longer than Slack's 3 seconds.
    void deps.inFlight.run(() => importFrom(files, { team, teamDomain: body.team?.domain, user: body.user.id, userName: body.user.name, channel: body.channel?.id ?? null }, target, deps));
  });

  app.event("message", async ({ event, body }) => {
    const message = event as { subtype?: string; channel_type?: string; channel?: string; user?: string; files?: SlackFile[]; bot_id?: string };
    if (message.channel_type !== "im" || message.subtype !== "file_share" || !message.channel || !message.user || message.bot_id) return;
    const team = (body as { team_id?: string }).team_id;
    if (!team) return;
    const channel = message.channel;
    const target = targetOf((reply) => deps.postMessage(channel, reply as { text?: string; blocks?: unknown[] }), deps, team);
    void deps.inFlight.run(() => importFrom(message.files ?? [], { team, user: message.user!, channel }, target, deps));
  });
}

function targetOf(respond: (message: unknown) => Promise<unknown>, deps: OrderImportDeps, team: string): DeliveryTarget {
  return {
    respond: async (message) => {
      await respond(message);
    },
    upload: async () => {
      throw Object.assign(new Error("no upload from an import"), { data: { error: "channel_not_found" } });
    },
    onProblem: (problem, error) => deps.log.warn({ problem, error: slackErrorCode(error), team }, "slack delivery"),
  };
}

interface Asker {
  team: string;
  teamDomain?: string;
  user: string;
  userName?: string;
  channel: string | null;
}

const isCsv = (f: SlackFile) => f.filetype === "csv" || /\.csv$/i.test(f.name ?? "") || f.mimetype === "text/csv";

async function importFrom(files: SlackFile[], who: Asker, target: DeliveryTarget, deps: OrderImportDeps): Promise<void> {
  let reply: Reply;
  try {
    reply = await importReply(files, who, deps);
  } catch (error) {
    deps.log.error({ err: { message: (error as Error).message }, team: who.team }, "slack order import failed");
    reply = errorReply("Something went wrong. Nothing was imported; the bot's operators can find the details in the logs.", "internal");
  }
  await deliverReply(reply, target, deps.names).catch((error: unknown) => deps.log.warn({ error: slackErrorCode(error), team: who.team }, "slack import reply not delivered"));
}

async function importReply(files: SlackFile[], who: Asker, deps: OrderImportDeps): Promise<Reply> {
  if (deps.isStopping()) return errorReply("The bot is restarting; nothing was imported. Please try again in a minute.", "restarting");
  const csv = files.filter(isCsv);
  if (files.length === 0) return errorReply("This message carries no file. Use Import orders on a message with the orders export (a CSV file) attached.", "invalid_option");
  if (csv.length === 0) {
    const names = files.map((f) => f.name ?? f.title ?? "a file").join(", ");
    return errorReply(`Import orders reads a CSV file (Shopify's or WooCommerce's order export, or code,order,revenue,date); ${names} is not one. Export the orders as CSV and share that file.`, "invalid_option");
  }
  if (csv.length > 1) return errorReply(`This message carries ${csv.length} CSV files; share one orders file at a time.`, "invalid_option");
  const file = csv[0]!;
  const name = file.name ?? file.title ?? "orders.csv";
  const downloaded = await download(file, name, deps);
  if ("status" in downloaded) return downloaded;
  const me = await deps.people.find(who.team, who.user).catch(() => null);
  const caller: Caller = {
    platform: "slack",
    workspaceId: who.team,
    workspaceName: who.teamDomain || undefined,
    userId: who.user,
    userName: me?.name ?? who.userName ?? who.user,
    platformAdmin: me?.admin ?? false,
    people: deps.people.directory(who.team),
    channelId: who.channel,
  };
  return deps.core.dispatcher.runTyped(caller, "code", "import", { file: downloaded });
}

/** The file's text, downloaded with the bot's token from Slack's own hosts, or why it could not be. */
async function download(file: SlackFile, name: string, deps: OrderImportDeps): Promise<FileInput | Reply> {
  const tooLarge = (bytes: number) => errorReply(`${name} is ${(bytes / 1024 / 1024).toFixed(1)} MB; the bot imports files up to 10 MB. Export a shorter period, or split the file.`, "invalid_option");
  if ((file.size ?? 0) > MAX_IMPORT_BYTES) return tooLarge(file.size!);
  const address = file.url_private_download ?? file.url_private;
  let url: URL | null = null;
  try {
    url = address ? new URL(address) : null;
  } catch {
    url = null;
  }
  // The bot's token goes only to Slack.
  if (!url || !((url.protocol === "https:" && url.hostname === "files.slack.com") || deps.fileHosts.includes(url.host))) {
    return errorReply(`${name} has no address on Slack the bot can download it from; nothing was imported.`, "invalid_option");
  }
  let response: Response;
  try {
    response = await deps.download(url.toString());
  } catch {
    return errorReply(`Could not download ${name} from Slack just now; nothing was imported. Please try again.`, "platform_unavailable");
  }
  // Without files:read Slack answers with its sign-in page instead of the file.
  if (!response.ok || (response.headers.get("content-type") ?? "").startsWith("text/html")) {
    return errorReply(`Slack did not let the bot download ${name} (HTTP ${response.status}); nothing was imported. The app needs the files:read scope: reinstall it from slack/manifest.json.`, "platform_unavailable");
  }
  const bytes = Buffer.from(await response.arrayBuffer());
  if (bytes.length > MAX_IMPORT_BYTES) return tooLarge(bytes.length);
  return { source: "content", name, text: bytes.toString("utf8") };
}
