// Slack's environment variables, added to the bot's configuration by its registry entry
// (index.ts) and checked with every other variable at start (src/config.ts).

import { optionalText } from "../../base-config.ts";
import type { PlatformConfig, PlatformSettings } from "../chat-platform.ts";

/** Slack's command names are lower case, without spaces or slashes; a leading mark would read as formatting. */
export const SLACK_COMMAND_PREFIX_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

const shape = {
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xoxb-"), "must start with xoxb-"),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xapp-"), "must start with xapp-"),
  SLACK_API_URL: optionalText.refine((v) => v === undefined || /^https?:\/\//.test(v), "must be an http(s) URL"),
  /** Put before every command's name in Slack: cb- gives /cb-report (the Slack app's manifest must say the same). */
  SLACK_COMMAND_PREFIX: optionalText.refine(
    (v) => v === undefined || SLACK_COMMAND_PREFIX_PATTERN.test(v),
    "may hold only lowercase letters, digits, - and _, starting with a letter or digit (e.g. cb-)",
  ),
};

export const slackSettings: PlatformSettings<typeof shape> = {
  shape,
  check: (v) =>
    Boolean(v.SLACK_BOT_TOKEN) !== Boolean(v.SLACK_SIGNING_SECRET) ? "Slack needs both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET" : undefined,
};

/** What the Slack adapter and poster read: the common variables and Slack's own. */
export type SlackConfig = PlatformConfig<typeof shape>;
