// Structured logs (pino) on standard error, so the shell's standard output stays the reply.
// Secrets never reach a log line: tokens and signatures are redacted by path.

import pino, { type Logger } from "pino";

export type { Logger };

export function createLogger(level = process.env.LOG_LEVEL ?? "info"): Logger {
  return pino(
    {
      level,
      base: { app: "campaign-bot" },
      redact: {
        paths: ["token", "*.token", "botToken", "signingSecret", "appToken", "headers.authorization", "headers['x-slack-signature']", "*.password"],
        censor: "[redacted]",
      },
    },
    pino.destination({ fd: 2, sync: true }),
  );
}

/** A logger that drops everything, for tests. */
export const silentLogger = (): Logger => pino({ level: "silent" });
