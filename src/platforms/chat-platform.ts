// What the registry (registry.ts) knows of each chat platform, and what `npm start` needs from a
// running adapter. Types only: each platform folder exports its entry from its index.ts.

import type { z } from "zod";
import type { BaseConfig } from "../base-config.ts";
import type { Core } from "../core/core.ts";
import type { ChannelPoster } from "../digest/delivery.ts";
import type { Logger } from "../log.ts";
import type { HttpRoute } from "./shared/http-server.ts";

/** A platform's own environment variables: zod fields added to the common ones, and a check across them. */
export interface PlatformSettings<Shape extends z.ZodRawShape> {
  shape: Shape;
  /** A message when the values do not fit together ("Slack needs both …"); undefined when they do. */
  check?(values: z.infer<z.ZodObject<Shape>>): string | undefined;
}

/** The configuration a platform's code sees: the common variables and its own. */
export type PlatformConfig<Shape extends z.ZodRawShape> = {} extends Shape ? BaseConfig : BaseConfig & z.infer<z.ZodObject<Shape>>;

export interface ChatPlatform<Name extends string = string, Shape extends z.ZodRawShape = {}> {
  /** Stored as the workspace's platform; the shell's --workspace starts with it (`slack:T123`). */
  name: Name;
  /** What the shell's --workspace calls a workspace id of this platform ("team id"); none: one workspace, named like the platform. */
  workspaceIdLabel?: string;
  /** Who the platform makes an admin, told to a member refused an admin command; none: only the first person who used the bot. */
  adminHint?: string;
  /** Its environment variables, checked at start with the others (none for the shell). */
  settings?: PlatformSettings<Shape>;
  /** Whether this configuration lets the process reach the platform. */
  configured(config: PlatformConfig<Shape>): boolean;
  /** Posts digests into the platform's channels, for a process without its adapter (`npm run jobs`). */
  poster(config: PlatformConfig<Shape>, log: Logger): Promise<ChannelPoster>;
  /** The adapter `npm start` runs when the platform is configured; none for the shell, which is the bot when no adapter is. */
  adapter?: {
    /** As people write it: "Slack". */
    label: string;
    /** The variables that connect it, for the notice when none is set ("SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET"). */
    credentials: string;
    start(options: AdapterOptions<PlatformConfig<Shape>>): Promise<RunningAdapter>;
  };
}

export interface AdapterOptions<Config extends BaseConfig = BaseConfig> {
  core: Core;
  config: Config;
  /** Routes to serve on the adapter's HTTP server (HOST:PORT) beside its own; ignored by adapters without one. */
  httpRoutes?: readonly HttpRoute[];
}

export interface RunningAdapter {
  /** Posts scheduled digests into a channel of this platform, over the adapter's own connection. */
  poster?: ChannelPoster;
  /** The adapter serves the httpRoutes it was given on HOST:PORT (else the bot starts its own server for them). */
  servesRoutes?: boolean;
  /** Stop taking new commands, finish those in flight, then resolve. */
  stop(): Promise<void>;
}
