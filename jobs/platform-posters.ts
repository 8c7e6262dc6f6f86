// The digest posters this process can use: files for local workspaces always; Slack and
// Discord when they are configured.

import type { Config } from "../src/config.ts";
import type { Posters } from "../src/digest/delivery.ts";
import type { Logger } from "../src/log.ts";
import { localPoster } from "./posters.ts";

export async function postersFor(config: Config, _log: Logger): Promise<Posters> {
  return { local: localPoster(config.OUT_DIR) };
}
