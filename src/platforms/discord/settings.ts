// Discord's environment variables, added to the bot's configuration by its registry entry
// (index.ts) and checked with every other variable at start (src/config.ts).

import { optionalText } from "../../base-config.ts";
import type { PlatformConfig, PlatformSettings } from "../chat-platform.ts";

const shape = {
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.refine((v) => v === undefined || /^\d{5,25}$/.test(v), "must be a numeric application id"),
  DISCORD_API_URL: optionalText.refine((v) => v === undefined || /\/api$/.test(v), "must end in /api"),
};

export const discordSettings: PlatformSettings<typeof shape> = {
  shape,
  check: (v) =>
    Boolean(v.DISCORD_TOKEN) !== Boolean(v.DISCORD_APPLICATION_ID) ? "Discord needs both DISCORD_TOKEN and DISCORD_APPLICATION_ID" : undefined,
};

/** What the Discord adapter and poster read: the common variables and Discord's own. */
export type DiscordConfig = PlatformConfig<typeof shape>;
