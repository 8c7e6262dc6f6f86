// Every chat platform the bot speaks, in one list: `npm start` starts the adapters of those
// configured, digests go through their posters, the shell's --workspace and the admin hints read
// it, and the platform name type comes from it. Adding a platform is a folder exporting its entry
// (see chat-platform.ts) and a line here.

import type { ChatPlatform } from "./chat-platform.ts";
import { discordPlatform } from "./discord/index.ts";
import { localPlatform } from "./shell/index.ts";
import { slackPlatform } from "./slack/index.ts";

/** In the order the shell's usage and `npm start`'s notice name them. */
export const chatPlatforms = [localPlatform, slackPlatform, discordPlatform] as const;

/** "local" | "slack" | "discord": what a workspace's platform column holds. */
export type ChatPlatformName = (typeof chatPlatforms)[number]["name"];

/** The entry of a platform name as stored (undefined for a name no entry has). */
export function chatPlatformNamed(name: string): ChatPlatform<ChatPlatformName> | undefined {
  return chatPlatforms.find((platform) => platform.name === name);
}
