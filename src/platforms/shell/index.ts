// The shell's workspaces in the registry of chat platforms (../registry.ts): stored as platform
// "local", one workspace also named "local", digests written as files. It has no adapter: the
// shell is what `npm start` runs when no chat platform is configured. This module must not
// import the shell's own entry (main.ts, args.ts): those read the registry.

import type { ChatPlatform } from "../chat-platform.ts";
import { localPoster } from "./poster.ts";

export const localPlatform: ChatPlatform<"local"> = {
  name: "local",
  configured: () => true,
  poster: async (config) => localPoster(config.OUT_DIR),
};
