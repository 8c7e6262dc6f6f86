// What `npm start` needs from a running chat adapter (Slack, Discord).

import type { Config } from "../config.ts";
import type { Core } from "../create-core.ts";
import type { ChannelPoster } from "../digest/delivery.ts";

export interface RunningAdapter {
  name: string;
  platform: "slack" | "discord";
  /** Posts scheduled digests into a channel of this platform. */
  poster?: ChannelPoster;
  /** Stop taking new commands, finish those in flight, then resolve. */
  stop(): Promise<void>;
}

export interface AdapterOptions {
  core: Core;
  config: Config;
}
