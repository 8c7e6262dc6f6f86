// `npm run serve`: the bot without a shell, as a server or container runs it: the chat platforms
// that are configured (none is fine), the shop webhooks on HOST:PORT and the digest scheduler.
// Run `node --import tsx src/serve.ts` directly under a process manager, so SIGTERM reaches it.

import { createLogger } from "./log.ts";
import { runBot } from "./run-bot.ts";
import { loadConfiguration, runEntryPoint } from "./startup.ts";

runEntryPoint("The bot", async () => {
  const config = loadConfiguration();
  return runBot(config, createLogger(config.LOG_LEVEL));
});
