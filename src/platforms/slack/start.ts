// Slack adapter entry point (the Slack issue builds it).

import type { AdapterOptions, RunningAdapter } from "../adapter.ts";

export async function startSlack(_options: AdapterOptions): Promise<RunningAdapter> {
  throw new Error("The Slack adapter is not built yet in this version; unset SLACK_* to use the shell.");
}
