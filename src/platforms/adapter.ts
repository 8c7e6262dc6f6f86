// What `npm start` needs from a running chat adapter (Slack, Discord).

import type { Config } from "../config.ts";
import type { Core } from "../app.ts";

export interface RunningAdapter {
  name: string;
  /** Stop taking new commands, finish those in flight, then resolve. */
  stop(): Promise<void>;
}

export interface AdapterOptions {
  core: Core;
  config: Config;
}
