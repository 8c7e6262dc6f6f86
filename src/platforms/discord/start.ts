// Discord adapter entry point (the Discord issue builds it).

import type { AdapterOptions, RunningAdapter } from "../adapter.ts";

export async function startDiscord(_options: AdapterOptions): Promise<RunningAdapter> {
  throw new Error("The Discord adapter is not built yet in this version; unset DISCORD_* to use the shell.");
}
