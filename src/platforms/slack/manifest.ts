// The Slack app manifest, generated from the command specs: one slash command per top-level
// command (behind SLACK_COMMAND_PREFIX when set) with its description and usage hint, the bot
// scopes, and Socket Mode unless a public request URL is given.

import { usageLine, type CommandSpec } from "../../core/spec.ts";
import { SlackCommandNames } from "./command-names.ts";

// channels:read and groups:read: a channel named in an option (alerts:#orders) is looked up with conversations.info.
// files:read and im:history: an orders file shared with the bot in a direct message, or under the Import orders shortcut, is downloaded.
export const BOT_SCOPES = ["commands", "chat:write", "files:write", "users:read", "im:write", "channels:read", "groups:read", "files:read", "im:history"] as const;

/** The message shortcut that imports a message's orders file (src/platforms/slack/order-import.ts). */
export const IMPORT_ORDERS_SHORTCUT = { name: "Import orders", type: "message", callback_id: "import_orders", description: "Count the orders of the CSV file in this message, as /code import does" } as const;

export interface ManifestOptions {
  /** The public `https://…/slack/events` URL for HTTP mode; without it the manifest turns Socket Mode on. */
  requestUrl?: string;
  /** SLACK_COMMAND_PREFIX: `cb-` names the commands /cb-report and so on. */
  commandPrefix?: string;
}

export function slackManifest(commands: readonly CommandSpec[], options: ManifestOptions = {}) {
  const url = options.requestUrl;
  // Refuses a name Slack would refuse (one of its own commands, too long) before Slack does.
  const names = new SlackCommandNames(commands, options.commandPrefix);
  return {
    _metadata: { major_version: 1, minor_version: 1 },
    display_information: {
      name: "Campaign Bot",
      description: "Creators, campaigns, posts, discount codes and reports for micro-influencer programmes.",
      background_color: "#1d3557",
    },
    features: {
      bot_user: { display_name: "campaign-bot", always_online: true },
      slash_commands: commands.map((command) => ({
        command: names.slashName(command),
        ...(url ? { url } : {}),
        description: command.description.slice(0, 2000),
        usage_hint: names.text(usageHint(command)).slice(0, 1000),
        // Mentions arrive as <@U…>: the id is looked up with users.info (src/platforms/slack/people.ts).
        should_escape: true,
      })),
      shortcuts: [{ ...IMPORT_ORDERS_SHORTCUT }],
      // The Home tab shows each person's /home (src/platforms/slack/app-home.ts); people share
      // orders files with the bot in a direct message (the Messages tab).
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
    },
    oauth_config: { scopes: { bot: [...BOT_SCOPES] } },
    settings: {
      // app_home_opened: publish the person's Home tab when they open it; message.im: files shared in a DM.
      event_subscriptions: { ...(url ? { request_url: url } : {}), bot_events: ["app_home_opened", "message.im"] },
      interactivity: url ? { is_enabled: true, request_url: url } : { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: !url,
      token_rotation_enabled: false,
    },
  };
}

/** What Slack shows after the command name while typing: the options, or the subcommands. */
export function usageHint(command: CommandSpec): string {
  if (command.actions.length === 1 && command.actions[0]!.name === "") {
    // A command without options (/home) still says so: Slack shows the hint while typing.
    return usageLine(command, command.actions[0]!).slice(command.name.length + 1).trim() || "(no options)";
  }
  return `${command.actions.map((a) => a.name).join(" | ")} … (/${command.name} help for usage)`;
}

/** The manifest as committed in slack/manifest.json. */
export const manifestJson = (commands: readonly CommandSpec[], options?: ManifestOptions) => `${JSON.stringify(slackManifest(commands, options), null, 2)}\n`;
