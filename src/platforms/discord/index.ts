// Discord in the registry of chat platforms (../registry.ts). The adapter and the digest poster
// are loaded when first used, so the shell and the other platforms do not load discord.js.

import type { ChatPlatform } from "../chat-platform.ts";
import { discordSettings } from "./settings.ts";

export const discordPlatform: ChatPlatform<"discord", typeof discordSettings.shape> = {
  name: "discord",
  settings: discordSettings,
  workspaceIdLabel: "guild id",
  adminHint: "Members with Manage Server or Administrator are admins, as are people an admin named with /settings admin:@person or the bot's ADMINS setting.",
  configured: (config) => Boolean(config.DISCORD_TOKEN && config.DISCORD_APPLICATION_ID),
  poster: async (config, log) => (await import("./poster.ts")).createDiscordPoster(config, log),
  adapter: {
    label: "Discord",
    credentials: "DISCORD_TOKEN and DISCORD_APPLICATION_ID",
    start: async (options) => (await import("./start.ts")).startDiscord(options),
  },
};
