// `npm run discord:register [-- --guild <id>] [--print] [--clear]`: registers the slash commands
// built from the specs with Discord (globally, or to one guild), prints their JSON, or removes them.

import { parseArgs } from "node:util";
import { commands } from "../../../commands/index.ts";
import { ConfigError, loadDotEnv, readConfig } from "../../config.ts";
import { registerCommands } from "./register.ts";
import { buildRegistration } from "./registration.ts";

const USAGE = "Usage: npm run discord:register [-- --guild <guild id>] [--print] [--clear]";

async function main(): Promise<number> {
  let values: { guild?: string; print?: boolean; clear?: boolean; help?: boolean };
  try {
    ({ values } = parseArgs({ options: { guild: { type: "string" }, print: { type: "boolean" }, clear: { type: "boolean" }, help: { type: "boolean", short: "h" } }, strict: true }));
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(`${USAGE}\n  --guild <id>  register to one server only (appears at once; for testing)\n  --print       print the registration JSON instead of sending it\n  --clear       remove the bot's commands (globally, or from that server)\n`);
    return 0;
  }
  if (values.guild !== undefined && !/^\d{5,25}$/.test(values.guild)) {
    process.stderr.write(`--guild must be a numeric server id (got "${values.guild}").\n${USAGE}\n`);
    return 2;
  }
  if (values.print) {
    process.stdout.write(`${JSON.stringify(buildRegistration(commands, values.guild ? "guild" : "global"), null, 2)}\n`);
    return 0;
  }

  loadDotEnv();
  const config = readConfig();
  if (!config.DISCORD_TOKEN || !config.DISCORD_APPLICATION_ID) {
    process.stderr.write("Set DISCORD_TOKEN and DISCORD_APPLICATION_ID (README: Connect Discord).\n");
    return 2;
  }
  try {
    const registered = await registerCommands({
      token: config.DISCORD_TOKEN,
      applicationId: config.DISCORD_APPLICATION_ID,
      guildId: values.guild,
      apiUrl: config.DISCORD_API_URL,
      commands: values.clear ? [] : commands,
    });
    const where = values.guild ? `to server ${values.guild}` : "globally";
    if (values.clear) process.stdout.write(`Removed the bot's commands ${values.guild ? `from server ${values.guild}` : "globally"}.\n`);
    else process.stdout.write(`Registered ${registered.names.length} commands ${where}: ${registered.names.map((n) => `/${n}`).join(", ")}\n`);
    return 0;
  } catch (error) {
    // discord.js errors name the status and Discord's message, never the token.
    process.stderr.write(`Discord refused the registration: ${(error as Error).message}\n`);
    return 1;
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`${error instanceof ConfigError ? "" : "discord:register failed: "}${(error as Error).message}\n`);
    process.exit(2);
  },
);
