// Slack in the registry of chat platforms (../registry.ts). The adapter and the digest poster
// are loaded when first used, so the shell and the other platforms do not load Bolt.

import type { ChatPlatform } from "../chat-platform.ts";
import { slackSettings } from "./settings.ts";

export const slackPlatform: ChatPlatform<"slack", typeof slackSettings.shape> = {
  name: "slack",
  settings: slackSettings,
  workspaceIdLabel: "team id",
  adminHint: "Workspace admins and owners of this Slack team are admins, as are people an admin named with /settings admin:@person or the bot's ADMINS setting.",
  configured: (config) => Boolean(config.SLACK_BOT_TOKEN && config.SLACK_SIGNING_SECRET),
  poster: async (config, log) => (await import("./poster.ts")).createSlackPoster(config, log),
  adapter: {
    label: "Slack",
    credentials: "SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET",
    start: async (options) => (await import("./start.ts")).startSlack(options),
  },
};
