// Start-up steps every entry point shares (npm start, the shell, npm run jobs): configuration
// and the migrated database, each failing with one clear line and exit status 2, never a stack.

import { createCore, type Core } from "./create-core.ts";
import { chartOptionsFromConfig } from "./charts/index.ts";
import { ConfigError, databaseOptions, loadDotEnv, readConfig, type Config } from "./config.ts";
import { DatabaseOpenError } from "./db/client.ts";
import { MigrationError } from "./db/migrate.ts";
import type { Logger } from "./log.ts";

/** A problem a person can fix (a variable, the database), told in one line. */
export class StartupError extends Error {
  override name = "StartupError";
}

export function loadConfiguration(): Config {
  try {
    loadDotEnv();
    return readConfig();
  } catch (error) {
    if (error instanceof ConfigError) throw new StartupError(error.message);
    throw error;
  }
}

export async function openCore(config: Config, log: Logger): Promise<Core> {
  try {
    return await createCore({ ...databaseOptions(config), log, services: { charts: chartOptionsFromConfig(config), publicUrl: config.PUBLIC_URL }, admins: config.ADMINS });
  } catch (error) {
    if (error instanceof MigrationError || error instanceof DatabaseOpenError) throw new StartupError(`Database: ${error.message}`);
    throw error;
  }
}

/**
 * Runs an entry point: its exit status ends the process; null keeps it running (a server).
 * Start-up problems print their one line; anything else says what stopped.
 */
export function runEntryPoint(what: string, main: () => Promise<number | null>): void {
  main().then(
    (code) => {
      if (code !== null) process.exit(code);
    },
    (error) => {
      process.stderr.write(error instanceof StartupError ? `${error.message}\n` : `${what} stopped: ${(error as Error).message}\n`);
      process.exit(2);
    },
  );
}
