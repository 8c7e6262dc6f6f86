// The digest posters this process can use: one for each chat platform configured (the shell's
// local workspaces always, as files).

import type { Config } from "../src/config.ts";
import type { Posters } from "../src/digest/delivery.ts";
import type { Logger } from "../src/log.ts";
import { chatPlatforms } from "../src/platforms/registry.ts";

export async function postersFor(config: Config, log: Logger): Promise<Posters> {
  const posters: Posters = {};
  for (const platform of chatPlatforms) if (platform.configured(config)) posters[platform.name] = await platform.poster(config, log);
  return posters;
}
