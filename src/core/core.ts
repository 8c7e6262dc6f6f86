// What createCore (src/create-core.ts) makes, as every door sees it: the adapters, the shell, the
// jobs and the bench. A module of its own, below the chat platforms: createCore lists the
// platforms (for their admin hints), and the platforms take the Core.

import type { ChartProcess } from "../charts/chart-process.ts";
import type { Database } from "../db/client.ts";
import type { Logger } from "../log.ts";
import type { Dispatcher } from "./dispatch.ts";
import type { MemoryRelease } from "./memory-release.ts";

export interface Core {
  db: Database;
  dispatcher: Dispatcher;
  log: Logger;
  /** A full garbage collection soon after big jobs (digests, reports), where Node allows it. */
  memory: MemoryRelease;
  /** Draws local charts (digests) in a child process shared by charts in a row; close() kills it. */
  chartProcess: ChartProcess;
  close(): Promise<void>;
}
