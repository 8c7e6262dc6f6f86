// Bolt's and the Slack SDK's own log lines, sent to our pino logger. Their debug output carries
// request bodies, socket payloads and response URLs, so it is never passed on.

import { LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { Logger } from "../../log.ts";

const describe = (parts: unknown[]) =>
  parts
    .map((part) => (part instanceof Error ? part.message : typeof part === "string" ? part : safeJson(part)))
    .join(" ")
    .slice(0, 2000);

function safeJson(value: unknown): string {
  try {
    return JSON.stringify(value);
  } catch {
    return String(value);
  }
}

export function boltLogger(log: Logger): BoltLogger {
  let name = "slack";
  const child = () => log.child({ component: name });
  return {
    debug() {},
    info: (...msg: unknown[]) => child().info(describe(msg)),
    warn: (...msg: unknown[]) => child().warn(describe(msg)),
    error: (...msg: unknown[]) => child().error(describe(msg)),
    // Never lower than info, whatever Bolt asks: see above.
    setLevel() {},
    getLevel: () => LogLevel.INFO,
    setName(value: string) {
      name = `slack:${value}`;
    },
  };
}
