// The digest posters this process can use: files for local workspaces always; Slack and
// Discord when they are configured.

import { discordConfigured, slackConfigured, type Config } from "../src/config.ts";
import type { Posters } from "../src/digest/delivery.ts";
import type { Logger } from "../src/log.ts";
import { createDiscordPoster } from "../src/platforms/discord/poster.ts";
import { createSlackPoster } from "../src/platforms/slack/poster.ts";
import { localPoster } from "./posters.ts";

export async function postersFor(config: Config, log: Logger): Promise<Posters> {
  const posters: Posters = { local: localPoster(config.OUT_DIR) };
  if (slackConfigured(config)) posters.slack = createSlackPoster(config, log);
  if (discordConfigured(config)) posters.discord = createDiscordPoster(config, log);
  return posters;
}
