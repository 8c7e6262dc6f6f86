// Turns Discord interactions into dispatcher calls and Replies into interaction responses:
// slash commands (typed options → option keys), autocomplete, DMs, slow work deferred. A
// deferred command is written to the inbox first (src/db/inbox.ts), so a restart runs or answers it.

import {
  ApplicationCommandOptionType,
  type Client,
  MessageFlags,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type ModalSubmitInteraction,
} from "discord.js";
import type { Core } from "../../core/core.ts";
import type { Caller } from "../../core/dispatch.ts";
import type { AnyOption } from "../../core/options.ts";
import type { Reply } from "../../core/reply.ts";
import { MAX_SUGGESTIONS, suggestCampaigns, suggestCreators, type WorkspaceRef } from "../../db/autocomplete.ts";
import { InboxTicket, type Inbox, type InboxEntry, type InboxRow } from "../../db/inbox.ts";
import { InFlight } from "../shared/in-flight.ts";
import { startInboxRecovery, type InboxRecovery, type RecoveryLoop } from "../shared/inbox-recovery.ts";
import { REPLY_DEADLINE_MS, settlesWithin } from "../shared/reply-deadline.ts";
import { sendDeliveries } from "../shared/deliveries.ts";
import type { ChannelPoster } from "../../digest/delivery.ts";
import { attachmentRef, downloadAttachments } from "./attachments.ts";
import { isKnownGuild, UNKNOWN_GUILD_REPLY } from "./known-guild.ts";
import { PendingForms, privateFormModal, PRIVATE_FORM_PREFIX, submittedValues } from "./private-form.ts";
import { BUTTON_FORM_PREFIX, BUTTON_PREFIX } from "./buttons.ts";
import { createButtonClicks } from "./button-clicks.ts";
import { callerOf, sendReply, STOPPING_REPLY, webhookTarget, type ReplyTarget } from "./replies.ts";

export { callerOf, sendReply, STOPPING_REPLY, webhookTarget, type ReplyTarget } from "./replies.ts";

export const DM_REPLY =
  "I work inside a server: each server keeps its own creators and campaigns. Use my slash commands in a server channel where I am installed (ask a server admin to add me).";

/** The subcommand's name ("" for a command without subcommands) and its typed options. */
function invocation(data: readonly CommandInteractionOption[]): { action: string; options: readonly CommandInteractionOption[] } {
  const sub = data[0];
  if (sub?.type === ApplicationCommandOptionType.Subcommand) return { action: sub.name, options: sub.options ?? [] };
  return { action: "", options: data };
}

/** A mention the text grammar's person parser reads, <@id>: the name is the directory's (people.ts). */
const mention = (option: CommandInteractionOption) => `<@${option.value}>`;

/** Typed values keyed by the spec's option keys, as dispatch expects. */
export function rawValues(specOptions: readonly AnyOption[], options: readonly CommandInteractionOption[]): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const option of options) {
    const spec = specOptions.find((o) => o.name === option.name);
    // An option the specs no longer have (stale registration): dispatch names it as unknown.
    raw[spec?.key ?? option.name] =
      option.type === ApplicationCommandOptionType.User
        ? mention(option)
        : option.type === ApplicationCommandOptionType.Role
          ? `<@&${option.value}>`
          : option.type === ApplicationCommandOptionType.Attachment ? (attachmentRef(option) ?? option.value) : option.value;
  }
  return raw;
}





export interface InteractionHandler {
  handle(interaction: Interaction): Promise<void>;
  /** Runs or answers what a process that died had deferred, now and every `everyMs` (counted in flight). */
  startRecovery(client: Client, everyMs: number): void;
  /** Refuse new work and wait for what is running. */
  drain(): Promise<void>;
}

export interface InteractionHandlerOptions {
  /** Where deferred commands are kept until answered. */
  inbox: Inbox;
  /** Hosts besides Discord's CDN that attachments may be downloaded from (the configured API's). */
  attachmentHosts?: readonly string[];
  /** Sends a command's messages elsewhere (a review channel, a direct message). */
  poster?: ChannelPoster;
}

/** Discord takes answers through an interaction's token for 15 minutes. */
export const INTERACTION_TOKEN_WINDOW_MS = 15 * 60_000;
/** A recovered command older than this is answered "not done" rather than run, to answer within the window. */
export const RECOVERY_RUN_CUTOFF_MS = 13 * 60_000;

export function createInteractionHandler(core: Core, { inbox, attachmentHosts = [], poster }: InteractionHandlerOptions): InteractionHandler {
  const { dispatcher, log } = core;
  const elsewhere = (reply: Reply, caller: Caller, clickedMessage?: string | null) =>
    sendDeliveries(reply, poster, { platform: "discord", workspaceExternalId: caller.workspaceId }, log, { db: core.db, clickedMessage });
  /** Runs a command once its attachments (file options) are downloaded; one that cannot be is answered why. */
  const runTyped = async (caller: Caller, command: string, action: string, raw: Record<string, unknown>, ticket: InboxTicket): Promise<Reply> => {
    const ready = await downloadAttachments(raw, attachmentHosts);
    if (!ready.ok) return ready.reply;
    const reply = await dispatcher.runTyped(caller, command, action, ready.raw, ticket);
    return ticket.alreadyDone ? reply : elsewhere(reply, caller);
  };
  const inFlight = new InFlight();
  // Inbox sweeps are waited for at stop, but are not commands: they do not make the bot busy.
  const sweeps = new InFlight();
  const forms = new PendingForms(core.db, dispatcher);
  let stopping = false;

  /** Writes a deferred command's inbox row; when that fails, the command still runs, unkept. */
  async function record(ticket: InboxTicket, entry: InboxEntry, when: "before" | "during") {
    try {
      await inbox.record(ticket, entry, when);
    } catch (error) {
      log.warn({ err: error, guild: entry.workspaceExternalId }, "could not keep the deferred command in the inbox");
    }
  }

  /** Answers a command (unless another run does), then lets its inbox row go. */
  async function answer(target: ReplyTarget, reply: Reply, ticket: InboxTicket) {
    if (!ticket.alreadyDone) await sendReply(target, reply);
    inbox.finish(ticket, (error) => log.warn({ err: error }, "could not clear an answered command from the inbox"));
  }

  async function command(interaction: ChatInputCommandInteraction) {
    if (!interaction.inGuild()) {
      await interaction.reply({ content: DM_REPLY, flags: MessageFlags.Ephemeral });
      return;
    }
    if (stopping) {
      await interaction.reply({ content: STOPPING_REPLY, flags: MessageFlags.Ephemeral });
      return;
    }
    if (!(await isKnownGuild(interaction.client, interaction.guildId))) {
      // A server the bot is not in: no workspace is made for it, nothing runs.
      await interaction.reply({ content: UNKNOWN_GUILD_REPLY, flags: MessageFlags.Ephemeral });
      return;
    }
    const { action, options } = invocation(interaction.options.data);
    const found = dispatcher.describe(interaction.commandName, action);
    const raw = rawValues(found ? Object.values(found.action.options as Record<string, AnyOption>) : [], options);
    // A command with options not typed in a channel (a secret): a modal asks for them.
    const ask = dispatcher.askForTyped(interaction.commandName, action, raw);
    if (ask && "status" in ask) {
      await sendReply(interaction, ask);
      return;
    }
    if (ask) {
      const customId = await forms.add({ commandName: interaction.commandName, actionName: action, raw, ask, kind: "private", userId: interaction.user.id, guildId: interaction.guildId });
      await interaction.showModal(privateFormModal(customId, ask));
      return;
    }
    // A command a form completes, sent with none of its required options (registered optional for
    // this: registration.ts): the modal asks them, as the first response (nothing deferred before).
    const missing = dispatcher.formForTyped(interaction.commandName, action, raw);
    if (missing) {
      const customId = await forms.add({ commandName: interaction.commandName, actionName: action, raw, ask: missing, kind: "command", userId: interaction.user.id, guildId: interaction.guildId });
      await interaction.showModal(privateFormModal(customId, missing));
      return;
    }
    const caller = callerOf(interaction);
    const ticket = new InboxTicket();
    const entry = () => discordEntry(interaction, caller, action, raw);
    let work: Promise<Reply>;
    // Other commands are being run (this one is counted in flight too): it would wait its turn, so
    // it is deferred at once, as Slack's "Working on it…" is.
    const busy = inFlight.size > 1 || dispatcher.running > 0;
    if (found?.action.slow || busy) {
      // Kept before it is promised.
      await record(ticket, entry(), "before");
      work = runTyped(caller, interaction.commandName, action, raw, ticket);
      await interaction.deferReply();
    } else {
      work = runTyped(caller, interaction.commandName, action, raw, ticket);
      const first = await settlesWithin(work, REPLY_DEADLINE_MS);
      if (!first.settled) {
        // Kept while it runs (its transaction writes its done mark, whichever is first).
        await record(ticket, entry(), "during");
        await interaction.deferReply();
      }
    }
    await answer(interaction, await work, ticket);
  }

  /** Deferred commands a process that died did not answer: run and answered (or told "not done" when too old). */
  function recovery(client: Client): InboxRecovery {
    const target = (row: InboxRow) => webhookTarget(client, row.applicationId ?? client.application?.id ?? "", row.replyTo);
    return {
      platform: "discord",
      answerWindowMs: INTERACTION_TOKEN_WINDOW_MS,
      runCutoffMs: RECOVERY_RUN_CUTOFF_MS,
      run: async (row, ticket) => {
        const raw = JSON.parse(row.options ?? "{}") as Record<string, unknown>;
        const reply = await runTyped(callerOfRow(row), row.command ?? "", row.action ?? "", raw, ticket);
        if (!ticket.alreadyDone) await sendReply(target(row), reply);
      },
      answer: (row, reply) => sendReply(target(row), reply),
    };
  }
  let recovering: RecoveryLoop | null = null;

  async function submitted(interaction: ModalSubmitInteraction) {
    if (stopping) {
      await interaction.reply({ content: STOPPING_REPLY, flags: MessageFlags.Ephemeral });
      return;
    }
    const form = interaction.inGuild() ? await forms.take(interaction) : "unknown";
    if (form === "expired") {
      await interaction.reply({ content: "This form has expired (a form waits 15 minutes); nothing was run. Please run the command again.", flags: MessageFlags.Ephemeral });
      return;
    }
    if (form === "unknown") {
      await interaction.reply({ content: "This form was already sent, or is not yours; nothing was run. Please run the command again.", flags: MessageFlags.Ephemeral });
      return;
    }
    // Not kept in the inbox: its row would hold the secret. A restart mid-run loses the answer (the
    // run's transaction either stored the shop or nothing), and the person runs the command again.
    const caller = callerOf(interaction);
    const work = dispatcher.runTyped(caller, form.commandName, form.actionName, submittedValues(form, interaction)).then((reply) => elsewhere(reply, caller));
    const first = await settlesWithin(work, REPLY_DEADLINE_MS);
    if (form.kind === "command") {
      // Answered as the typed command is (its refusals and mistakes privately, as always).
      if (!first.settled) await interaction.deferReply();
      await sendReply(interaction, await work);
      return;
    }
    if (!first.settled) await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    // What a private form runs is answered to its sender only.
    await sendReply(interaction, { ...(await work), visibility: "ephemeral" });
  }

  const clicks = createButtonClicks({ dispatcher, log, isStopping: () => stopping, elsewhere });

  async function autocomplete(interaction: AutocompleteInteraction) {
    if (!interaction.guildId || stopping || !(await isKnownGuild(interaction.client, interaction.guildId))) {
      await interaction.respond([]);
      return;
    }
    const focused = interaction.options.getFocused(true);
    const found = dispatcher.describe(interaction.commandName, interaction.options.getSubcommand(false) ?? "");
    const option = found ? Object.values(found.action.options as Record<string, AnyOption>).find((o) => o.name === focused.name) : undefined;
    const workspace: WorkspaceRef = { platform: "discord", externalId: interaction.guildId };
    const typed = String(focused.value);
    let names: string[] = [];
    if (option?.config.autocomplete === "creator") names = (await suggestCreators(core.db, workspace, typed, MAX_SUGGESTIONS)).map((h) => `@${h}`);
    if (option?.config.autocomplete === "campaign") names = await suggestCampaigns(core.db, workspace, typed, MAX_SUGGESTIONS);
    await interaction.respond(names.map((name) => ({ name: name.slice(0, 100), value: name.slice(0, 100) })));
  }

  async function guarded(interaction: Interaction) {
    try {
      if (interaction.isChatInputCommand()) await command(interaction);
      else if (interaction.isAutocomplete()) await autocomplete(interaction);
      else if (interaction.isModalSubmit() && interaction.customId.startsWith(PRIVATE_FORM_PREFIX)) await submitted(interaction);
      else if (interaction.isButton() && interaction.customId.startsWith(BUTTON_PREFIX)) await clicks.clicked(interaction);
      else if (interaction.isModalSubmit() && interaction.customId.startsWith(BUTTON_FORM_PREFIX)) await clicks.submitted(interaction);
    } catch (error) {
      log.error({ err: error, interaction: interaction.id, guild: interaction.guildId }, "discord interaction failed");
      if ((interaction.isChatInputCommand() || interaction.isModalSubmit() || interaction.isButton()) && !interaction.replied) {
        const content = "Something went wrong answering this command; the bot's operators can find the details in the logs.";
        const send = interaction.deferred ? interaction.followUp({ content, flags: MessageFlags.Ephemeral }) : interaction.reply({ content, flags: MessageFlags.Ephemeral });
        await send.catch(() => undefined);
      }
    }
  }

  return {
    handle: (interaction) => inFlight.run(() => guarded(interaction)),
    startRecovery(client, everyMs) {
      recovering = startInboxRecovery(inbox, recovery(client), log, { everyMs, track: (work) => sweeps.run(work) });
    },
    async drain() {
      stopping = true;
      await recovering?.stop();
      await inFlight.idle();
      await sweeps.idle();
      await inbox.idle();
    },
  };
}

/** What the inbox keeps of a deferred command: the caller, the typed options, and its token. */
function discordEntry(interaction: ChatInputCommandInteraction, caller: Caller, action: string, raw: Record<string, unknown>): InboxEntry {
  const shown = [`/${interaction.commandName}${action ? ` ${action}` : ""}`, ...Object.entries(raw).map(([k, v]) => `${k}:${JSON.stringify(v)}`)].join(" ");
  return {
    platform: "discord",
    workspaceExternalId: caller.workspaceId,
    workspaceName: caller.workspaceName ?? null,
    userExternalId: caller.userId,
    userName: caller.userName,
    platformAdmin: caller.platformAdmin ?? false,
    platformRoles: (caller.platformRoles ?? []).join(" "),
    channelId: caller.channelId ?? null,
    line: shown,
    command: interaction.commandName,
    action,
    options: JSON.stringify(raw),
    replyTo: interaction.token,
    applicationId: interaction.applicationId,
  };
}

function callerOfRow(row: InboxRow): Caller {
  return {
    platform: "discord",
    workspaceId: row.workspaceExternalId,
    workspaceName: row.workspaceName ?? undefined,
    userId: row.userExternalId,
    userName: row.userName,
    platformAdmin: row.platformAdmin ?? false,
    platformRoles: (row.platformRoles ?? "").split(" ").filter(Boolean),
    channelId: row.channelId,
  };
}
