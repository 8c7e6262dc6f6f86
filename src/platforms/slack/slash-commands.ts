// One Bolt listener for every command. It turns Slack's payload into a caller and a command
// line for the core, and acknowledges within Slack's 3 seconds every time: with the
// reply when the bot is free and the work is quick; at once, then through the response URL,
// when the work is slow, runs late or has to wait for other commands. A command acknowledged
// that way is written to the inbox first (src/db/inbox.ts), so a restart runs or answers it.

import type { App, RespondArguments, SlashCommand } from "@slack/bolt";
import { UNKNOWN_CALLER, type Caller, type Dispatcher, type PreparedLine } from "../../core/dispatch.ts";
import { errorReply, type Reply, type ReplyFile } from "../../core/reply.ts";
import { InboxTicket, type Inbox, type InboxEntry, type InboxRow } from "../../db/inbox.ts";
import type { Sighting } from "../../db/acknowledgement-writes.ts";
import { actionPath, type CommandSpec } from "../../core/spec.ts";
import type { ChannelDirectory } from "../../core/channels.ts";
import type { AnyOption } from "../../core/options.ts";
import { noticeMessage } from "./blocks.ts";
import { deliverReply, slackErrorCode, type DeliveryTarget } from "./deliver.ts";
import type { InboxRecovery } from "../shared/inbox-recovery.ts";
import { privateFormView, type FormDeps } from "./private-form.ts";
import { openForm } from "./button-form.ts";
import { REPLY_DEADLINE_MS, settlesWithin } from "../shared/reply-deadline.ts";
import { sendDeliveries } from "../shared/deliveries.ts";


export interface SlashCommandDeps extends FormDeps {
  /** Uploads a file into a channel. */
  upload: (channelId: string, file: ReplyFile) => Promise<void>;
  quickDeadlineMs?: number;
  /** Where commands acknowledged "Working on it…" are kept until answered. */
  inbox: Inbox;
  /** Opens a modal (views.open) with a command's trigger_id. */
  openView: (triggerId: string, view: object) => Promise<void>;
  /** The team's channels (conversations.info), for channels named in options (alerts:). */
  channels?: ChannelDirectory;
  /** Told after a person's own command changed something (their Home tab is published again: app-home.ts). */
  afterChange?: (team: string, user: string) => void;
  /** Publishes a person's App Home tab (views.publish). */
  publishView: (userId: string, view: object) => Promise<void>;
  /** Who opened their Home tab since the adapter started (`team:user`): only their views are kept up to date (app-home.ts). */
  homeOpened: Set<string>;
}

/** Slack takes posts to a command's response URL for 30 minutes. */
export const RESPONSE_URL_WINDOW_MS = 30 * 60_000;
/** A recovered command older than this is answered "not done" rather than run, to answer within the window. */
export const RECOVERY_RUN_CUTOFF_MS = 25 * 60_000;

type Ack = (response?: string | RespondArguments) => Promise<void>;
type Respond = (message: string | RespondArguments) => Promise<unknown>;

export function registerSlashCommands(app: App, deps: SlashCommandDeps): void {
  // One listener for every command: Bolt runs each listener's matcher on every request, so one
  // per command would cost each acknowledgement a dozen matchers.
  app.command(/^\//, async ({ command, ack, context }) => {
    // The request's fingerprint on its way into the replay ledger (HTTP mode; http-receiver.ts).
    const sighting = context.sighting as Sighting | undefined;
    const spec = deps.names.specOf(command.command);
    if (!spec) {
      // A command the app's Slack configuration has but this version (or prefix) does not know.
      await ack(noticeMessage(`This bot does not know ${command.command}. ${deps.names.text("Type /help for its commands.")}`) as RespondArguments);
      return;
    }
    // Replies after the acknowledgement go on the adapter's kept-alive connections
    // (response-url.ts), not Bolt's respond(), a global fetch a post.
    const respond: Respond = (message) => deps.postToResponseUrl(command.response_url, typeof message === "string" ? { text: message } : message);
    await handleSlashCommand(spec, command, ack as Ack, respond, deps, sighting);
  });
}

/**
 * `sighting`: the request on its way into the replay ledger. Nothing here acts before the
 * ledger's answer, and a replay is only acknowledged (the receiver answers it as one); a command
 * acknowledged first has its inbox row written with the fingerprint, in one write.
 */
export async function handleSlashCommand(spec: CommandSpec, payload: SlashCommand, ack: Ack, respond: Respond, deps: SlashCommandDeps, sighting?: Sighting): Promise<void> {
  const replay = async () => {
    if (!sighting || (await sighting.first)) return false;
    await ack();
    return true;
  };
  if (deps.isStopping()) {
    await ack(noticeMessage("The bot is restarting; please run the command again in a minute.") as RespondArguments);
    return;
  }
  if (!payload.user_id || !payload.team_id) {
    // Never run as anyone: a missing user would match any member (the workspace's first, an admin).
    await ack(noticeMessage(UNKNOWN_CALLER) as RespondArguments);
    return;
  }
  let text = slackUnescape(slackUnwrap(payload.text ?? "", channelOptionNames(deps.core.dispatcher.commands))).trim();
  // "/cb-help cb-creator": help for a command named as Slack knows it.
  if (spec.name === "help") text = text.replace(/^\S+/, (word) => deps.names.unprefixed(word));
  const line = `/${spec.name}${text ? ` ${text}` : ""}`;
  // Other commands are being run (from Slack or elsewhere): this one would wait its turn.
  const busy = deps.inFlight.size > 0 || deps.core.dispatcher.running > 0;

  // A command a form completes, sent without its required options (a bare /creator add): the
  // button forms' modal asks them, and its submission runs the line as this person.
  const missing = deps.core.dispatcher.formForLine(line);
  if (missing) {
    if (await replay()) return;
    // Acknowledged without a message (the form is the answer); Slack's trigger_id lasts 3 seconds.
    await ack();
    const clicker = { team: payload.team_id, teamDomain: payload.team_domain, user: payload.user_id, userName: payload.user_name || payload.user_id, channel: payload.channel_id || null, responseUrl: payload.response_url };
    const title = deps.names.text(actionPath(missing.command, missing.action));
    await openForm({ command: missing.line, ask: missing.options.map((o) => o.key), then: "reply" }, title, payload.trigger_id, clicker, deps, false);
    return;
  }

  // A command with options not typed in a channel (a secret): asked in a form instead.
  const ask = deps.core.dispatcher.askForLine(line);
  if (ask) {
    if (await replay()) return;
    await askInForm(ask, payload, ack, respond, deps);
    return;
  }

  await deps.inFlight.run(async () => {
    // Help and mistakes in how a command is written need no database: answered at once, always.
    const prepared = deps.core.dispatcher.prepareLine(line);
    if ("status" in prepared) {
      if (await replay()) return;
      await deliverReply(prepared, deliveryTarget(payload, respond, deps, ack), deps.names);
      return;
    }

    if (prepared.action.slow || busy) {
      // Slow work, or work that would wait for the commands ahead of it before its reply could
      // go in the acknowledgement: acknowledged now, saying so, and answered through the
      // response URL. The request is finished with here: what waits its turn holds the command
      // and the caller, not Bolt's request, response and listener arguments (in a burst a
      // thousand commands can be waiting, and the garbage collector walks whatever they hold).
      // Kept before it is promised, written with its fingerprint (not for a replay).
      const ticket = new InboxTicket();
      const kept = record(ticket, payload, prepared.line, "before", deps, sighting);
      if (await replay()) return;
      if ((await kept) === "replay") {
        // The database found its fingerprint (another replica ran it) after this process's
        // memory had let it through (the database was slow to answer): a replay all the same.
        await ack();
        return;
      }
      await ack(workingOn(prepared.action.slow ? deps.names.text(actionPath(prepared.command, prepared.action)) : "it") as RespondArguments);
      answerLater(prepared, callerFields(payload), respond, deps, ticket);
      return;
    }
    // Answered in the acknowledgement if the work is quick.
    if (await replay()) return;
    const ticket = new InboxTicket();
    const work = runCommand(prepared, callerFields(payload), deps, ticket);
    const first = await settlesWithin(work, deps.quickDeadlineMs ?? REPLY_DEADLINE_MS);
    if (!first.settled) {
      // Kept while it runs (its transaction writes its done mark, whichever is first).
      await record(ticket, payload, prepared.line, "during", deps);
      await ack(workingOn("it") as RespondArguments);
      await answer(await work, ticket, deliveryTarget(payload, respond, deps), deps);
      return;
    }
    await deliverReply(first.value, deliveryTarget(payload, respond, deps, ack), deps.names);
  });
}

/** Opens the form for what a command asks privately, or says why the command cannot run. */
async function askInForm(ask: NonNullable<ReturnType<Dispatcher["askForLine"]>>, payload: SlashCommand, ack: Ack, respond: Respond, deps: SlashCommandDeps): Promise<void> {
  if ("status" in ask) {
    await deliverReply(ask, deliveryTarget(payload, respond, deps, ack), deps.names);
    return;
  }
  const view = privateFormView(ask, { line: ask.line, channel: payload.channel_id || null, responseUrl: payload.response_url }, deps.names);
  if (!view) {
    await ack(noticeMessage("This command is too long to carry into a form; shorten its other options.") as RespondArguments);
    return;
  }
  // Acknowledged without a message (the form is the answer); Slack's trigger_id lasts 3 seconds.
  await ack();
  try {
    await deps.openView(payload.trigger_id, view);
  } catch (error) {
    deps.log.warn({ error: slackErrorCode(error), command: payload.command, team: payload.team_id }, "slack views.open failed");
    await respond({ ...noticeMessage("The form could not be opened (Slack refused it or it took too long); nothing was run. Please run the command again."), replace_original: false } as RespondArguments).catch(() => undefined);
  }
}

/** The acknowledgement of a command answered later through the response URL. */
const workingOn = (what: string) => noticeMessage(`Working on ${what}…`);

/** What a command's run and reply need of Slack's payload. */
type CallerFields = Pick<SlashCommand, "command" | "team_id" | "team_domain" | "user_id" | "user_name" | "channel_id">;

const callerFields = ({ command, team_id, team_domain, user_id, user_name, channel_id }: SlashCommand): CallerFields => ({ command, team_id, team_domain, user_id, user_name, channel_id });

/**
 * Runs an acknowledged command and answers through the response URL, counted in flight until
 * then. Its own function, so that nothing it keeps refers to the request (a closure keeps its
 * whole scope).
 */
function answerLater(prepared: PreparedLine, fields: CallerFields, respond: Respond, deps: SlashCommandDeps, ticket: InboxTicket): void {
  const work = async () => {
    await answer(await runCommand(prepared, fields, deps, ticket), ticket, deliveryTarget(fields, respond, deps), deps);
  };
  deps.inFlight.run(work).catch((error: unknown) => deps.log.error({ err: error, command: fields.command, team: fields.team_id }, "slack reply failed"));
}

/** Where a reply goes: the acknowledgement when `ack` is given (the command is not acknowledged yet), else the response URL. */
function deliveryTarget(fields: CallerFields, respond: Respond, deps: SlashCommandDeps, ack?: Ack): DeliveryTarget {
  return {
    ack: ack ? (message) => ack(message as RespondArguments) : undefined,
    respond: (message) => respond(message as RespondArguments),
    upload: async (file) => {
      if (!fields.channel_id) throw Object.assign(new Error("no channel"), { data: { error: "channel_not_found" } });
      await deps.upload(fields.channel_id, file);
    },
    onProblem: (problem, error) => deps.log.warn({ problem, error: slackErrorCode(error), command: fields.command, team: fields.team_id }, "slack delivery"),
  };
}

/**
 * Writes an acknowledged command's inbox row; when that fails, the command still runs, unkept.
 * "replay": not written, because the database had `sighting`'s fingerprint already.
 */
async function record(ticket: InboxTicket, payload: CallerFields & Pick<SlashCommand, "response_url">, line: string, when: "before" | "during", deps: SlashCommandDeps, sighting?: Sighting): Promise<"kept" | "replay" | "unkept"> {
  if (!payload.response_url) return "unkept"; // Nowhere to answer after a restart.
  try {
    return (await deps.inbox.record(ticket, slackEntry(payload, line, payload.response_url), when, sighting)) ? "kept" : "replay";
  } catch (error) {
    deps.log.warn({ err: error, command: payload.command, team: payload.team_id }, "could not keep the acknowledged command in the inbox");
    return "unkept";
  }
}

function slackEntry(fields: CallerFields, line: string, responseUrl: string): InboxEntry {
  return {
    platform: "slack",
    workspaceExternalId: fields.team_id,
    workspaceName: fields.team_domain || null,
    userExternalId: fields.user_id,
    userName: fields.user_name || fields.user_id,
    platformAdmin: null,
    platformRoles: null,
    channelId: fields.channel_id || null,
    line,
    command: null,
    action: null,
    options: null,
    replyTo: responseUrl,
    applicationId: null,
  };
}

/** Delivers an acknowledged command's reply (unless another run answers it), then lets its inbox row go. */
async function answer(reply: Reply, ticket: InboxTicket, target: DeliveryTarget, deps: SlashCommandDeps): Promise<void> {
  if (!ticket.alreadyDone) await deliverReply(reply, target, deps.names);
  deps.inbox.finish(ticket, (error) => deps.log.warn({ err: error }, "could not clear an answered command from the inbox"));
}

/**
 * The commands a process that died had acknowledged and not answered: run and answered
 * through their response URLs (or told "not done" when too old).
 */
export function slashCommandRecovery(deps: SlashCommandDeps): InboxRecovery {
  const target = (row: InboxRow, fields: CallerFields) =>
    deliveryTarget(fields, (message) => deps.postToResponseUrl(row.replyTo, message), deps);
  return {
    platform: "slack",
    answerWindowMs: RESPONSE_URL_WINDOW_MS,
    runCutoffMs: RECOVERY_RUN_CUTOFF_MS,
    run: async (row, ticket) => {
      const fields = rowFields(row);
      const prepared = deps.core.dispatcher.prepareLine(row.line);
      const reply = "status" in prepared ? prepared : await runCommand(prepared, fields, deps, ticket);
      if (!ticket.alreadyDone) await deliverReply(reply, target(row, fields), deps.names);
    },
    answer: (row, reply) => deliverReply(reply, target(row, rowFields(row)), deps.names),
  };
}

const rowFields = (row: InboxRow): CallerFields => ({
  command: row.line.split(" ")[0]!,
  team_id: row.workspaceExternalId,
  team_domain: row.workspaceName ?? "",
  user_id: row.userExternalId,
  user_name: row.userName,
  channel_id: row.channelId ?? "",
});

async function runCommand(prepared: PreparedLine, payload: CallerFields, deps: SlashCommandDeps, ticket?: InboxTicket): Promise<Reply> {
  try {
    const me = await deps.people.find(payload.team_id, payload.user_id).catch(() => null);
    const caller: Caller = {
      platform: "slack",
      workspaceId: payload.team_id,
      workspaceName: payload.team_domain || undefined,
      userId: payload.user_id,
      // When Slack could not be asked: the payload's user name, and no admin rights.
      userName: me?.name ?? (payload.user_name || payload.user_id),
      platformAdmin: me?.admin ?? false,
      people: deps.people.directory(payload.team_id),
      channels: deps.channels,
      channelId: payload.channel_id || null,
    };
    const reply = await deps.core.dispatcher.runPrepared(caller, prepared, ticket);
    // What their Home tab shows may have changed (src/platforms/slack/app-home.ts).
    if (prepared.action.mutates && reply.status === "ok") deps.afterChange?.(payload.team_id, payload.user_id);
    // A recovered command another run answered sends nothing more.
    if (ticket?.alreadyDone) return reply;
    return await sendDeliveries(reply, deps.poster, { platform: "slack", workspaceExternalId: payload.team_id }, deps.log, { db: deps.core.db });
  } catch (error) {
    deps.log.error({ err: error, team: payload.team_id }, "slack command failed");
    return errorReply("Something went wrong. Nothing was saved; the bot's operators can find the details in the logs.", "internal");
  }
}

/**
 * With escaping on (the manifest's should_escape), Slack sends what it recognised in the text
 * as markup: user mentions stay (<@U…>, looked up by id), channels, links, e-mail addresses and
 * special mentions go back to what was typed (<#C1|general> → #general, <mailto:a@b.co|a@b.co>
 * → a@b.co, <https://x.co|x.co> → x.co, <!here> → @here), except a channel given as the value
 * of a channel option (`alerts:<#C1|general>` → `alerts:<#C1>`), looked up by id.
 */
export const slackUnwrap = (text: string, channelOptions: ReadonlySet<string> = new Set()) =>
  text.replace(/(?:([\w-]+):)?<([#!]?)([^<>@][^<>|]*)(?:\|([^<>]*))?>/g, (_whole, option: string | undefined, sigil: string, target: string, label: string | undefined) => {
    const before = option === undefined ? "" : `${option}:`;
    if (sigil === "#" && option !== undefined && channelOptions.has(option.toLowerCase())) return `${before}<#${target}>`;
    if (sigil === "#") return `${before}#${label ?? target}`;
    if (sigil === "!") return before + (label ?? `@${target}`);
    return before + (label ?? target.replace(/^mailto:/, ""));
  });

const channelOptionCache = new WeakMap<readonly CommandSpec[], ReadonlySet<string>>();

/** The names of every channel option (alerts), whose mentions the grammar reads by id. */
export function channelOptionNames(commands: readonly CommandSpec[]): ReadonlySet<string> {
  let names = channelOptionCache.get(commands);
  if (!names) {
    names = new Set(commands.flatMap((c) => c.actions.flatMap((a) => Object.values(a.options as Record<string, AnyOption>).filter((o) => o.kind === "channel").map((o) => o.name))));
    channelOptionCache.set(commands, names);
  }
  return names;
}

/** Slack sends `&`, `<` and `>` in command text as HTML entities; the grammar reads what was typed. */
export const slackUnescape = (text: string) => text.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
