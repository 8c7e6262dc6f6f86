// `npm run shell`: the bot in a terminal, on the same database and commands as Slack and Discord.

import path from "node:path";
import { createCore } from "../../app.ts";
import { ConfigError, databaseOptions, loadDotEnv, readConfig } from "../../config.ts";
import { DatabaseOpenError } from "../../db/client.ts";
import { MigrationError } from "../../db/migrate.ts";
import { createLogger } from "../../log.ts";
import { parseShellArgs, ShellUsageError } from "./args.ts";
import { runLines, runOnce } from "./session.ts";

export async function shellMain(argv: string[]): Promise<number> {
  let config;
  let args;
  try {
    loadDotEnv();
    config = readConfig();
    args = parseShellArgs(argv, config.OUT_DIR);
  } catch (error) {
    if (error instanceof ConfigError || error instanceof ShellUsageError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  const log = createLogger(config.LOG_LEVEL === "info" ? "warn" : config.LOG_LEVEL);
  let core;
  try {
    core = await createCore({ ...databaseOptions(config), log });
  } catch (error) {
    if (error instanceof MigrationError || error instanceof DatabaseOpenError) {
      process.stderr.write(`Database: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
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

if (import.meta.url === `file://${process.argv[1]}`) {
  shellMain(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error) => {
      process.stderr.write(`The shell stopped: ${(error as Error).message}\n`);
      process.exit(2);
    },
  );
}
