// `npm run -s slack:manifest [-- --url https://bot.example.com/slack/events]`: prints the Slack app
// manifest generated from the command specs (Socket Mode without --url, HTTP mode with it), its
// commands named with SLACK_COMMAND_PREFIX when that is set (in the environment or .env).

import { parseArgs } from "node:util";
import { commands } from "../../../commands/index.ts";
import { configSchema, loadDotEnv } from "../../config.ts";
import { manifestJson } from "./manifest.ts";

try {
  const { values } = parseArgs({ options: { url: { type: "string" } }, allowPositionals: false });
  if (values.url !== undefined && !/^https:\/\/\S+$/.test(values.url)) {
    process.stderr.write("--url must be the public https:// address of /slack/events, e.g. https://bot.example.com/slack/events\n");
    process.exit(2);
  }
  loadDotEnv();
  const prefix = configSchema.shape.SLACK_COMMAND_PREFIX.safeParse(process.env.SLACK_COMMAND_PREFIX);
  if (!prefix.success) {
    process.stderr.write(`Configuration: SLACK_COMMAND_PREFIX ${prefix.error.issues[0]!.message}\n`);
    process.exit(2);
  }
  process.stdout.write(manifestJson(commands, { requestUrl: values.url, commandPrefix: prefix.data }));
} catch (error) {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(2);
}
