// `npm start`: Slack and/or Discord when their tokens are set, plus the digest scheduler;
// with no tokens, the local shell.

import { ConfigError, discordConfigured, loadDotEnv, readConfig, slackConfigured } from "./config.ts";
import { shellMain } from "./platforms/shell/main.ts";

async function main(): Promise<number> {
  let config;
  try {
    loadDotEnv();
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (!slackConfigured(config) && !discordConfigured(config)) {
    process.stderr.write(
      "No Slack or Discord tokens set, so this is the local shell on " +
        `${config.DATABASE_URL}. To connect Slack set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; ` +
        "for Discord DISCORD_TOKEN and DISCORD_APPLICATION_ID (README: Connect Slack / Connect Discord).\n",
    );
    return shellMain(process.argv.slice(2));
  }
  process.stderr.write("Slack and Discord adapters are not built yet in this version; unset their tokens to use the shell.\n");
  return 2;
}

main().then(
  (code) => {
    if (code !== 0 || !process.stdin.isTTY) process.exit(code);
  },
  (error) => {
    process.stderr.write(`The bot stopped: ${(error as Error).message}\n`);
    process.exit(2);
  },
);
