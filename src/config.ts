// Every environment variable the bot reads, checked once at start with zod. A missing or
// malformed value is one clear line, not a stack trace.

import { existsSync } from "node:fs";
import { z } from "zod";
import { DEFAULT_DATABASE_URL, DEFAULT_POOL_SIZE, DEFAULT_STATEMENT_TIMEOUT_MS } from "./db/client.ts";

const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** Slack's command names are lower case, without spaces or slashes; a leading mark would read as formatting. */
export const SLACK_COMMAND_PREFIX_PATTERN = /^[a-z0-9][a-z0-9_-]*$/;

export const configSchema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .default(DEFAULT_DATABASE_URL)
    .refine((v) => v.startsWith("file:") || /^postgres(ql)?:\/\//.test(v), "must start with file: (SQLite) or postgresql://"),
  /** PostgreSQL: connections each bot process keeps open at most (replicas × this ≤ the server's max_connections). */
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(1000).default(DEFAULT_POOL_SIZE),
  /** PostgreSQL: a statement running longer is cancelled and the command answers "try again"; 0 = no limit. */
  DATABASE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).default(DEFAULT_STATEMENT_TIMEOUT_MS),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  /** Where the shell writes chart PNGs and digests. */
  OUT_DIR: z.string().default("./data/out"),
  SLACK_BOT_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xoxb-"), "must start with xoxb-"),
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_APP_TOKEN: optionalText.refine((v) => v === undefined || v.startsWith("xapp-"), "must start with xapp-"),
  SLACK_API_URL: optionalText.refine((v) => v === undefined || /^https?:\/\//.test(v), "must be an http(s) URL"),
  /** Put before every command's name in Slack: cb- gives /cb-report (the Slack app's manifest must say the same). */
  SLACK_COMMAND_PREFIX: optionalText.refine(
    (v) => v === undefined || SLACK_COMMAND_PREFIX_PATTERN.test(v),
    "may hold only lowercase letters, digits, - and _, starting with a letter or digit (e.g. cb-)",
  ),
  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText.refine((v) => v === undefined || /^\d{5,25}$/.test(v), "must be a numeric application id"),
  DISCORD_API_URL: optionalText.refine((v) => v === undefined || /\/api$/.test(v), "must end in /api"),
  HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  QUICKCHART_URL: optionalText,
  /** How often the digest scheduler looks for due digests (a divisor of 60). */
  DIGEST_TICK_SECONDS: z.coerce
    .number()
    .int()
    .refine((n) => n >= 1 && n <= 60 && 60 % n === 0, "must divide 60 (1, 2, 5, 10, 15, 20, 30 or 60)")
    .default(60),
  /** How long a claimed digest period is kept before another replica may take it over. */
  DIGEST_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  CHARTS: z.enum(["local", "quickchart"]).default("local"),
});

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const issue = result.error.issues[0]!;
    throw new ConfigError(`Configuration: ${issue.path.join(".")} ${issue.message}`);
  }
  const config = result.data;
  if (Boolean(config.SLACK_BOT_TOKEN) !== Boolean(config.SLACK_SIGNING_SECRET)) {
    throw new ConfigError("Configuration: Slack needs both SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET");
  }
  if (Boolean(config.DISCORD_TOKEN) !== Boolean(config.DISCORD_APPLICATION_ID)) {
    throw new ConfigError("Configuration: Discord needs both DISCORD_TOKEN and DISCORD_APPLICATION_ID");
  }
  return config;
}

/** What createCore needs to open the database this configuration names. */
export const databaseOptions = (c: Config) => ({ databaseUrl: c.DATABASE_URL, poolSize: c.DATABASE_POOL_SIZE, statementTimeoutMs: c.DATABASE_STATEMENT_TIMEOUT_MS });

/** Reads ./.env into process.env when there is one (variables already set win). */
export function loadDotEnv(file = ".env"): void {
  if (existsSync(file)) process.loadEnvFile(file);
}
