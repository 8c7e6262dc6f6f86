// `npm start`: the bot (run-bot.ts) when a chat platform is configured; with none, the local
// shell, which also serves the shop webhooks when a shop is connected. Containers should run
// `node --import tsx src/main.ts` (or src/serve.ts) directly: npm does not pass SIGTERM on.

import { redactUrl } from "./db/client.ts";
import { createLogger } from "./log.ts";
import { chatPlatforms } from "./platforms/registry.ts";
import { shellMain } from "./platforms/shell/main.ts";
import { runBot } from "./run-bot.ts";
import { loadConfiguration, runEntryPoint } from "./startup.ts";

async function main(): Promise<number | null> {
  const config = loadConfiguration();
  const configured = chatPlatforms.some((platform) => platform.adapter && platform.configured(config));
  if (!configured) {
    process.stderr.write(shellNotice(redactUrl(config.DATABASE_URL)));
    return shellMain(process.argv.slice(2), { serveShopWebhooks: true });
  }
  return runBot(config, createLogger(config.LOG_LEVEL));
}

/** Why this is the shell, and how to connect each platform that has an adapter. */
function shellNotice(database: string): string {
  const adapters = chatPlatforms.flatMap((platform) => (platform.adapter ? [platform.adapter] : []));
  const how = adapters.map((a, i) => (i === 0 ? `To connect ${a.label} set ${a.credentials}` : `for ${a.label} ${a.credentials}`)).join("; ");
  const sections = adapters.map((a) => `Connect ${a.label}`).join(" / ");
  return `No ${adapters.map((a) => a.label).join(" or ")} tokens set, so this is the local shell on ${database}. ${how} (README: ${sections}).\n`;
}

runEntryPoint("The bot", main);
