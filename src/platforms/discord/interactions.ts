// Turns Discord interactions into dispatcher calls and Replies into interaction responses:
// slash commands (typed options → option keys), autocomplete, DMs, slow work deferred.

import {
  ApplicationCommandOptionType,
  AttachmentBuilder,
  MessageFlags,
  PermissionFlagsBits,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type InteractionReplyOptions,
} from "discord.js";
import type { Core } from "../../core/core.ts";
import type { Caller } from "../../core/dispatch.ts";
import type { AnyOption } from "../../core/options.ts";
import type { Reply } from "../../core/reply.ts";
import { MAX_SUGGESTIONS, suggestCampaigns, suggestCreators, type WorkspaceRef } from "../../db/autocomplete.ts";
import { InFlight } from "../shared/in-flight.ts";
import { REPLY_DEADLINE_MS, settlesWithin } from "../shared/reply-deadline.ts";
import { renderMessages, type DiscordMessage } from "./embeds.ts";
import { isKnownGuild, UNKNOWN_GUILD_REPLY } from "./known-guild.ts";

export const DM_REPLY =
  "I work inside a server: each server keeps its own creators and campaigns. Use my slash commands in a server channel where I am installed (ask a server admin to add me).";
export const STOPPING_REPLY = "The bot is restarting; please try again in a minute.";

/** Who is asking: the guild is the workspace; Manage Server or Administrator makes an admin. */
export function callerOf(interaction: ChatInputCommandInteraction): Caller {
  const member = interaction.member;
  const nick = member && "displayName" in member ? member.displayName : (member?.nick ?? null);
  return {
    platform: "discord",
    workspaceId: interaction.guildId!,
    workspaceName: interaction.guild?.name,
    userId: interaction.user.id,
    userName: nick ?? interaction.user.displayName,
    platformAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    channelId: interaction.channelId,
  };
}

/** The subcommand's name ("" for a command without subcommands) and its typed options. */
function invocation(data: readonly CommandInteractionOption[]): { action: string; options: readonly CommandInteractionOption[] } {
  const sub = data[0];
  if (sub?.type === ApplicationCommandOptionType.Subcommand) return { action: sub.name, options: sub.options ?? [] };
  return { action: "", options: data };
}

/** A mention the text grammar's person parser reads: <@id|name>. */
function mention(option: CommandInteractionOption): string {
  const member = option.member && "displayName" in option.member ? option.member.displayName : null;
  const name = (member ?? option.user?.displayName ?? "").replace(/[|>]/g, "").trim();
  return name ? `<@${option.value}|${name}>` : `<@${option.value}>`;
}

/** Typed values keyed by the spec's option keys, as dispatch expects. */
export function rawValues(specOptions: readonly AnyOption[], options: readonly CommandInteractionOption[]): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const option of options) {
    const spec = specOptions.find((o) => o.name === option.name);
    // An option the specs no longer have (stale registration): dispatch names it as unknown.
    raw[spec?.key ?? option.name] = option.type === ApplicationCommandOptionType.User ? mention(option) : option.value;
  }
  return raw;
}

function messageOptions(message: DiscordMessage): InteractionReplyOptions {
  return {
    embeds: message.embeds,
    files: message.files.map((f) => new AttachmentBuilder(typeof f.data === "string" ? Buffer.from(f.data, "utf8") : f.data, { name: f.name, description: f.title })),
    allowedMentions: { parse: [] },
    ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** Sends a reply: directly, or (deferred) by editing the "thinking…" message. */
export async function sendReply(interaction: ChatInputCommandInteraction, reply: Reply): Promise<void> {
  const [first, ...rest] = renderMessages(reply);
  if (!interaction.deferred) {
    await interaction.reply(messageOptions(first!));
  } else if (first!.ephemeral) {
    // A deferred reply is public; an ephemeral answer replaces it as an ephemeral follow-up.
    await interaction.deleteReply();
    await interaction.followUp(messageOptions(first!));
  } else {
    const { flags: _flags, ...options } = messageOptions(first!);
    await interaction.editReply(options);
  }
  for (const message of rest) await interaction.followUp(messageOptions(message));
}

export interface InteractionHandler {
  handle(interaction: Interaction): Promise<void>;
  /** Refuse new work and wait for what is running. */
  drain(): Promise<void>;
}

export function createInteractionHandler(core: Core): InteractionHandler {
  const { dispatcher, log } = core;
  const inFlight = new InFlight();
  let stopping = false;

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
    const work = dispatcher.runTyped(callerOf(interaction), interaction.commandName, action, raw);
    if (found?.action.slow) {
      await interaction.deferReply();
    } else {
      const first = await settlesWithin(work, REPLY_DEADLINE_MS);
      if (!first.settled) await interaction.deferReply();
    }
    await sendReply(interaction, await work);
  }

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
    } catch (error) {
      log.error({ err: error, interaction: interaction.id, guild: interaction.guildId }, "discord interaction failed");
      if (interaction.isChatInputCommand() && !interaction.replied) {
        const content = "Something went wrong answering this command; the bot's operators can find the details in the logs.";
        const send = interaction.deferred ? interaction.followUp({ content, flags: MessageFlags.Ephemeral }) : interaction.reply({ content, flags: MessageFlags.Ephemeral });
        await send.catch(() => undefined);
      }
    }
  }

  return {
    handle: (interaction) => inFlight.run(() => guarded(interaction)),
    async drain() {
      stopping = true;
      await inFlight.idle();
    },
  };
}
