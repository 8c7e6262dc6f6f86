// The bot's core, ready for any door: the migrated database and the command dispatcher.

import { commands } from "../commands/index.ts";
import type { Core } from "./core/core.ts";
import { createDispatcher } from "./core/dispatch.ts";
import { ChartProcess } from "./charts/chart-process.ts";
import { MemoryRelease } from "./core/memory-release.ts";
import type { CommandSpec, Services } from "./core/spec.ts";
import { DEFAULT_POOL_SIZE, openDatabase, providerOf } from "./db/client.ts";
import { normaliseStoredHandles } from "./db/stored-handles.ts";
import type { Logger } from "./log.ts";
import { chatPlatformNamed } from "./platforms/registry.ts";

export type { Core } from "./core/core.ts";

export interface CoreOptions {
  databaseUrl: string;
  log: Logger;
  now?: () => Date;
  commands?: readonly CommandSpec[];
  services?: Services;
  /** PostgreSQL only (DATABASE_POOL_SIZE, DATABASE_STATEMENT_TIMEOUT_MS). */
  poolSize?: number;
  statementTimeoutMs?: number;
  /** People the operator names admins (ADMINS), as `platform:user id`. */
  admins?: readonly string[];
}

export async function createCore(options: CoreOptions): Promise<Core> {
  const db = await openDatabase(options.databaseUrl, {
    poolSize: options.poolSize,
    statementTimeoutMs: options.statementTimeoutMs,
    onConnectionError: (error) => options.log.warn({ err: error }, "database connection lost; the pool reconnects on the next query"),
    onMigrated: (report) => {
      if (report.applied.length > 0) options.log.info({ applied: report.applied }, "database migrated");
    },
  });
  // Handles stored before they were normalised; two that become one are reported, never merged.
  const handles = await normaliseStoredHandles(db, providerOf(options.databaseUrl));
  if (handles.creators + handles.accounts > 0) options.log.info({ creators: handles.creators, accounts: handles.accounts }, "stored handles normalised (NFKC, no invisible characters)");
  for (const c of handles.collisions) {
    options.log.warn({ workspace: c.workspaceId, handle: c.handle, sameAs: c.sameAs, answersTo: c.answersTo }, "two creators have the same handle once normalised; both kept (/creator list flags them)");
  }
  // SQLite runs one transaction at a time; PostgreSQL as many as the pool has connections.
  const concurrency = providerOf(options.databaseUrl) === "sqlite" ? 1 : (options.poolSize ?? DEFAULT_POOL_SIZE);
  const memory = new MemoryRelease();
  const chartProcess = new ChartProcess();
  const dispatcher = createDispatcher({
    db,
    commands: options.commands ?? commands,
    log: options.log,
    now: options.now,
    services: options.services,
    chartProcess,
    concurrency,
    afterSlowWork: () => memory.soon(),
    adminHint: (platform) => chatPlatformNamed(platform)?.adminHint,
    namedAdmins: new Set(options.admins ?? []),
  });
  return {
    db,
    dispatcher,
    log: options.log,
    memory,
    chartProcess,
    close: async () => {
      memory.stop();
      chartProcess.close();
      await db.$disconnect();
    },
  };
}
