// Answering Discord interactions: who is asking (the caller), a Reply as interaction messages
// (a reply, or the edit of a deferred one, and follow-ups), and an interaction answered through
// its webhook after a restart. Shared by the commands (interactions.ts) and the buttons.

import {
  AttachmentBuilder,
  InteractionWebhook,
  MessageFlags,
  PermissionFlagsBits,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type Client,
  type InteractionReplyOptions,
  type ModalSubmitInteraction,
} from "discord.js";
import type { Caller } from "../../core/dispatch.ts";
import type { Reply } from "../../core/reply.ts";
import { renderMessages, type DiscordMessage } from "./embeds.ts";
import { discordChannels, discordPeople } from "./people.ts";

/** A command, the modal it opened, or a click on a button: each answers the person the same ways. */
export type CommandInteraction = ChatInputCommandInteraction | ModalSubmitInteraction | ButtonInteraction;

export const STOPPING_REPLY = "The bot is restarting; please try again in a minute.";

/**
 * The member's role ids as the interaction carries them: a cached GuildMember's, or the raw
 * member's list (a creator role among them makes a creator: /settings creator-role:).
 */
export function memberRoleIds(member: CommandInteraction["member"]): string[] {
  if (!member) return [];
  return Array.isArray(member.roles) ? [...member.roles] : [...member.roles.cache.keys()];
}

/** Who is asking: the guild is the workspace; Manage Server or Administrator makes an admin. */
export function callerOf(interaction: CommandInteraction): Caller {
  const member = interaction.member;
  const nick = member && "displayName" in member ? member.displayName : (member?.nick ?? null);
  return {
    platform: "discord",
    workspaceId: interaction.guildId!,
    workspaceName: interaction.guild?.name,
    userId: interaction.user.id,
    userName: nick ?? interaction.user.displayName,
    platformAdmin: interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false,
    platformRoles: memberRoleIds(member),
    people: discordPeople(interaction),
    channels: discordChannels(interaction),
    channelId: interaction.channelId,
  };
}

export function messageOptions(message: DiscordMessage): InteractionReplyOptions {
  return {
    embeds: message.embeds,
    ...(message.components ? { components: message.components } : {}),
    files: message.files.map((f) => new AttachmentBuilder(typeof f.data === "string" ? Buffer.from(f.data, "utf8") : f.data, { name: f.name, description: f.title })),
    allowedMentions: { parse: [] },
    ...(message.ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
  };
}

/** Where a reply goes: the interaction, or (a command recovered after a restart) its webhook. */
export interface ReplyTarget {
  readonly deferred: boolean;
  reply(options: InteractionReplyOptions): Promise<unknown>;
  editReply(options: Omit<InteractionReplyOptions, "flags">): Promise<unknown>;
  deleteReply(): Promise<unknown>;
  followUp(options: InteractionReplyOptions): Promise<unknown>;
}

/** A deferred interaction answered through its token (valid 15 minutes), without the interaction. */
export function webhookTarget(client: Client, applicationId: string, token: string): ReplyTarget {
  const webhook = new InteractionWebhook(client as Client<true>, applicationId, token);
  return {
    deferred: true,
    reply: () => Promise.reject(new Error("a deferred interaction is answered by editing its reply")),
    editReply: (options) => webhook.editMessage("@original", options),
    deleteReply: () => webhook.deleteMessage("@original"),
    followUp: (options) => webhook.send(options),
  };
}

/** Sends a reply: directly, or (deferred) by editing the "thinking…" message. */
export async function sendReply(interaction: ReplyTarget, reply: Reply): Promise<void> {
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
