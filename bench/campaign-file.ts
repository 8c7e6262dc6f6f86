// The generated campaign in a database of its own, for the parts that run bots on it (latency,
// ack-cpu, memory), and a copy of an SQLite database for a compared build (--compare).

import { copyFileSync, existsSync } from "node:fs";
import { createCore } from "../src/create-core.ts";
import { silentLogger } from "../src/log.ts";
import { generateCampaign, type CampaignSize, type GeneratedCampaign } from "./generate.ts";

/** Migrates the database at `databaseUrl`, generates the campaign in it, and closes it again. */
export async function generateCampaignIn(databaseUrl: string, size: CampaignSize, progress: (message: string) => void): Promise<GeneratedCampaign> {
  const core = await createCore({ databaseUrl, log: silentLogger() });
  try {
    return await generateCampaign(core, { ...size, onProgress: (m) => progress(`generate: ${m}`) });
  } finally {
    await core.close();
  }
}

/** Copies an SQLite file with its write-ahead log and index, where they are. */
export function copySqliteFile(file: string, copy: string): void {
  for (const suffix of ["", "-wal", "-shm"]) if (existsSync(file + suffix)) copyFileSync(file + suffix, copy + suffix);
}
