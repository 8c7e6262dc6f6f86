// The environment variables every process reads whatever chat platforms it speaks (the
// database, logs, files, the HTTP server, charts, digests), as a zod schema. Each chat
// platform adds its own variables beside these (`settings` in its registry entry), and
// src/config.ts checks them all at once.

import { z } from "zod";
import { DEFAULT_DATABASE_URL, DEFAULT_POOL_SIZE, DEFAULT_STATEMENT_TIMEOUT_MS } from "./db/client.ts";

/** An optional variable: unset and empty are the same. */
export const optionalText = z
  .string()
  .trim()
  .transform((v) => (v === "" ? undefined : v))
  .optional();

/** ADMINS: "slack:U123,discord:456" → ["slack:U123", "discord:456"] (platform names are checked in src/config.ts). */
export const adminList = z
  .string()
  .default("")
  .transform((text, ctx) => {
    const entries = text.split(/[\s,]+/).filter(Boolean);
    const bad = entries.find((entry) => !/^[a-z][a-z0-9-]*:[A-Za-z0-9_.-]+$/.test(entry));
    if (bad !== undefined) {
      ctx.addIssue({ code: "custom", message: `must list people as platform:user id, like slack:U123,discord:456 (got "${bad}")` });
      return z.NEVER;
    }
    return [...new Set(entries)];
  });

export const baseConfigSchema = z.object({
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
  HOST: z.string().default("0.0.0.0"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  /** The bot's public web address (https://bot.example.com), which shops send their webhooks to; /shop connect shows it. */
  PUBLIC_URL: optionalText.refine((v) => v === undefined || /^https?:\/\/[^\s/]+/.test(v), "must be a web address like https://bot.example.com"),
  QUICKCHART_URL: optionalText,
  /** How often the digest scheduler looks for due digests (a divisor of 60). */
  DIGEST_TICK_SECONDS: z.coerce
    .number()
    .int()
    .refine((n) => n >= 1 && n <= 60 && 60 % n === 0, "must divide 60 (1, 2, 5, 10, 15, 20, 30 or 60)")
    .default(60),
  /** How long a claimed digest period is kept before another replica may take it over. */
  DIGEST_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(300),
  /** How long an acknowledged command's inbox row stays its process's before a starting process may run it (its process died). */
  INBOX_LEASE_SECONDS: z.coerce.number().int().min(5).max(3600).default(60),
  CHARTS: z.enum(["local", "quickchart"]).default("local"),
  /** People who are admins of the bot beside each platform's own (docs/roles.md). */
  ADMINS: adminList,
});

/** What every process knows from its environment, before any chat platform's own variables. */
export type BaseConfig = z.infer<typeof baseConfigSchema>;
