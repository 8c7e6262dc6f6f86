// `npm run shell`: the bot in a terminal, on the same database and commands as Slack and Discord.

import path from "node:path";
import { createLogger } from "../../log.ts";
import { loadConfiguration, openCore, runEntryPoint, StartupError } from "../../startup.ts";
import { parseShellArgs, ShellUsageError } from "./args.ts";
import { chartOptionsFromConfig } from "../../charts/index.ts";
import { startShellDigests } from "./digests.ts";
import { runLines, runOnce } from "./session.ts";
import { ShellWebhooks } from "./webhooks.ts";

export interface ShellOptions {
  /** `npm start` without chat tokens: serve the shop webhooks on HOST:PORT beside the shell once a shop is connected. */
  serveShopWebhooks?: boolean;
}

export async function shellMain(argv: string[], options: ShellOptions = {}): Promise<number> {
  const config = loadConfiguration();
  let args;
  try {
    args = parseShellArgs(argv, config.OUT_DIR);
  } catch (error) {
    if (error instanceof ShellUsageError) throw new StartupError(error.message);
    throw error;
  }
  const log = createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL);
  const core = await openCore(config, log);
  const webhooks = options.serveShopWebhooks && args.line === null ? new ShellWebhooks(core, config, log) : null;
  try {
    if (args.line !== null) return await runOnce(core.dispatcher, args, args.line, { output: process.stdout });
    await webhooks?.startIfShops();
    const interactive = Boolean(process.stdin.isTTY && process.stdout.isTTY);
    return await runLines(core.dispatcher, args, {
      input: process.stdin,
      output: process.stdout,
      interactive,
      historyFile: path.join("data", ".shell_history"),
      afterLine: webhooks ? () => webhooks.startIfShops() : undefined,
      // While the prompt is open, local digest schedules run and print here (a pipe of lines ends at once: none).
      background: interactive
        ? (print) =>
            startShellDigests({
              core,
              out: args.out,
              charts: chartOptionsFromConfig(config),
              print,
              tickSeconds: config.DIGEST_TICK_SECONDS,
              leaseMs: config.DIGEST_LEASE_SECONDS * 1000,
            })
        : undefined,
    });
  } finally {
    await webhooks?.stop();
    await core.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) runEntryPoint("The shell", () => shellMain(process.argv.slice(2)));
