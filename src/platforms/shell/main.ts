// `npm run shell`: the bot in a terminal, on the same database and commands as Slack and Discord.

import path from "node:path";
import { createLogger } from "../../log.ts";
import { loadConfiguration, openCore, runEntryPoint, StartupError } from "../../startup.ts";
import { parseShellArgs, ShellUsageError } from "./args.ts";
import { runLines, runOnce } from "./session.ts";

export async function shellMain(argv: string[]): Promise<number> {
  const config = loadConfiguration();
  let args;
  try {
    args = parseShellArgs(argv, config.OUT_DIR);
  } catch (error) {
    if (error instanceof ShellUsageError) throw new StartupError(error.message);
    throw error;
  }
  const core = await openCore(config, createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL));
  try {
    if (args.line !== null) return await runOnce(core.dispatcher, args, args.line, { output: process.stdout });
    return await runLines(core.dispatcher, args, {
      input: process.stdin,
      output: process.stdout,
      interactive: Boolean(process.stdin.isTTY && process.stdout.isTTY),
      historyFile: path.join("data", ".shell_history"),
    });
  } finally {
    await core.close();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) runEntryPoint("The shell", () => shellMain(process.argv.slice(2)));
