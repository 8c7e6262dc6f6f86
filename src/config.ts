// Every environment variable the bot reads, checked once at start with zod: the common ones
// (src/base-config.ts) and those of each chat platform in the registry (its `settings`). A
// missing or malformed value is one clear line, not a stack trace.

import { existsSync } from "node:fs";
import { z } from "zod";
import { baseConfigSchema, type BaseConfig } from "./base-config.ts";
import type { ChatPlatform } from "./platforms/chat-platform.ts";
import { chatPlatforms } from "./platforms/registry.ts";

type ShapeOf<P> = P extends ChatPlatform<string, infer Shape> ? Shape : never;
type Intersection<U> = (U extends unknown ? (u: U) => void : never) extends (i: infer I) => void ? I : never;
/** Every platform's variables, side by side. */
type PlatformsShape = Intersection<ShapeOf<(typeof chatPlatforms)[number]>>;

const platformShapes = Object.assign({}, ...chatPlatforms.map((p) => ("settings" in p && p.settings ? p.settings.shape : {}))) as PlatformsShape;

export const configSchema = baseConfigSchema.extend(platformShapes);

export type Config = BaseConfig & z.infer<z.ZodObject<PlatformsShape>>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(`Configuration: ${issue.path.join(".")} ${issue.message}`);
  }
  const config = result.data as Config;
  const unknown = config.ADMINS.find((entry) => !chatPlatforms.some((p) => entry.startsWith(`${p.name}:`)));
  if (unknown) throw new ConfigError(`Configuration: ADMINS names "${unknown}", but its platform is none of ${chatPlatforms.map((p) => p.name).join(", ")}`);
  for (const platform of chatPlatforms) {
    const settings = "settings" in platform ? (platform.settings as { check?(values: Config): string | undefined } | undefined) : undefined;
    const problem = settings?.check?.(config);
    if (problem) throw new ConfigError(`Configuration: ${problem}`);
  }
  return config;
}

/** What createCore needs to open the database this configuration names. */
export const databaseOptions = (c: BaseConfig) => ({ databaseUrl: c.DATABASE_URL, poolSize: c.DATABASE_POOL_SIZE, statementTimeoutMs: c.DATABASE_STATEMENT_TIMEOUT_MS });

/** Reads ./.env into process.env when there is one (variables already set win). */
export function loadDotEnv(file = ".env"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
