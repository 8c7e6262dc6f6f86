// What the registry (registry.ts) knows of each chat platform, and what `npm start` needs from a
// running adapter. Types only: each platform folder exports its entry from its index.ts.

import type { Config } from "../config.ts";
import type { Core } from "../core/core.ts";
import type { ChannelPoster } from "../digest/delivery.ts";
import type { Logger } from "../log.ts";

export interface ChatPlatform<Name extends string = string> {
  /** Stored as the workspace's platform; the shell's --workspace starts with it (`slack:T123`). */
  name: Name;
  /** What the shell's --workspace calls a workspace id of this platform ("team id"); none: one workspace, named like the platform. */
  workspaceIdLabel?: string;
  /** Who the platform makes an admin, told to a member refused an admin command; none: only the first person who used the bot. */
  adminHint?: string;
  /** Whether this configuration lets the process reach the platform. */
  configured(config: Config): boolean;
  /** Posts digests into the platform's channels, for a process without its adapter (`npm run jobs`). */
  poster(config: Config, log: Logger): Promise<ChannelPoster>;
  /** The adapter `npm start` runs when the platform is configured; none for the shell, which is the bot when no adapter is. */
  adapter?: {
    /** As people write it: "Slack". */
    label: string;
    /** The variables that connect it, for the notice when none is set ("SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET"). */
    credentials: string;
    start(options: AdapterOptions): Promise<RunningAdapter>;
  };
}

export interface AdapterOptions {
  core: Core;
  config: Config;
}

export interface RunningAdapter {
  /** Posts scheduled digests into a channel of this platform, over the adapter's own connection. */
  poster?: ChannelPoster;
  /** Stop taking new commands, finish those in flight, then resolve. */
  stop(): Promise<void>;
}
