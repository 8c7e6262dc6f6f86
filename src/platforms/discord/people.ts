// Discord's people (src/core/people.ts) for one interaction: a person named in a USER option is
// among the members the interaction resolved (their server nickname, else their display name,
// and their permissions); anyone else is fetched from the guild. Admin status is Manage Server
// (Administrator includes it), read from each interaction, so it follows Discord at once.

import { PermissionFlagsBits, PermissionsBitField, type ButtonInteraction, type ChatInputCommandInteraction, type ModalSubmitInteraction, type GuildMember, type User } from "discord.js";
import type { PeopleDirectory, PlatformPerson } from "../../core/people.ts";
import type { ChannelDirectory } from "../../core/channels.ts";

/** The name Discord shows in the server: nickname, else display (global) name, else user name. */
function nameOf(user: Pick<User, "username" | "globalName"> | null | undefined, nick: string | null | undefined, id: string): string {
  return [nick, user?.globalName, user?.username, id].find((n) => typeof n === "string" && n.trim() !== "")!.trim();
}

const manageServer = (permissions: PermissionsBitField | string | null | undefined) =>
  permissions ? new PermissionsBitField(typeof permissions === "string" ? BigInt(permissions) : permissions.bitfield).has(PermissionFlagsBits.ManageGuild) : false;

/** `interaction`: a slash command, or a modal or button (which resolve no USER option: members are fetched). */
export function discordPeople(interaction: ChatInputCommandInteraction | ModalSubmitInteraction | ButtonInteraction): PeopleDirectory {
  return {
    async find(userId) {
      const resolved = interaction.isChatInputCommand() ? interaction.options.resolved : null;
      const member = resolved?.members?.get(userId);
      const user = resolved?.users?.get(userId) ?? null;
      if (member && user) {
        if ("guild" in member) return personOfMember(member as GuildMember);
        return { id: userId, name: nameOf(user, member.nick, userId), admin: manageServer(member.permissions) };
      }
      if (!interaction.guild) return null;
      try {
        return personOfMember(await interaction.guild.members.fetch(userId));
      } catch (error) {
        // Unknown Member / Unknown User: nobody by that id in this server.
        if ([10007, 10013].includes((error as { code?: number }).code ?? 0)) return null;
        throw error;
      }
    },
  };
}

function personOfMember(member: GuildMember): PlatformPerson {
  return { id: member.id, name: nameOf(member.user, member.nickname, member.id), admin: member.permissions.has(PermissionFlagsBits.ManageGuild) };
}

/** The server's channels, for a channel named in an option (alerts:#orders, typed as a mention): only one of this server. */
export function discordChannels(interaction: ChatInputCommandInteraction | ModalSubmitInteraction | ButtonInteraction): ChannelDirectory {
  return {
    async find(channelId) {
      if (!interaction.guild) return null;
      try {
        const channel = await interaction.guild.channels.fetch(channelId);
        return channel && channel.guildId === interaction.guildId ? { id: channel.id, name: channel.name } : null;
      } catch (error) {
        // Unknown Channel, one the bot cannot see, or one of another server (discord.js refuses it as GuildChannelUnowned).
        const code = (error as { code?: number | string }).code ?? 0;
        if (code === 10003 || code === 50001 || code === "GuildChannelUnowned") return null;
        throw error;
      }
    },
  };
}
