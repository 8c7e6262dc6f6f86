// `npm start`: Slack and/or Discord when their tokens are set, plus the digest scheduler;
// with no tokens, the local shell. Containers should run `node --import tsx src/main.ts`
// directly: npm does not pass SIGTERM on to the bot.

import { discordConfigured, slackConfigured } from "./config.ts";
import { redactUrl } from "./db/client.ts";
import { createLogger } from "./log.ts";
import { loadConfiguration, openCore, runEntryPoint } from "./startup.ts";
import { chartOptionsFromConfig } from "./charts/index.ts";
import type { Posters } from "./digest/delivery.ts";
import { createDigestRunner } from "../jobs/digest-runner.ts";
import { localPoster } from "../jobs/posters.ts";
import { startDigestScheduler } from "../jobs/scheduler.ts";
import type { RunningAdapter } from "./platforms/adapter.ts";
import { startDiscord } from "./platforms/discord/start.ts";
import { shellMain } from "./platforms/shell/main.ts";
import { startSlack } from "./platforms/slack/start.ts";

async function main(): Promise<number | null> {
  const config = loadConfiguration();
  if (!slackConfigured(config) && !discordConfigured(config)) {
    process.stderr.write(
      `No Slack or Discord tokens set, so this is the local shell on ${redactUrl(config.DATABASE_URL)}. ` +
        "To connect Slack set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET; for Discord DISCORD_TOKEN and " +
        "DISCORD_APPLICATION_ID (README: Connect Slack / Connect Discord).\n",
    );
    return shellMain(process.argv.slice(2));
  }

  const log = createLogger(config.LOG_LEVEL);
  const core = await openCore(config, log);

  const running: RunningAdapter[] = [];
  try {
    if (slackConfigured(config)) running.push(await startSlack({ core, config }));
    if (discordConfigured(config)) running.push(await startDiscord({ core, config }));
  } catch (error) {
    log.fatal({ err: error }, "start-up failed");
    process.stderr.write(`${(error as Error).message}\n`);
    await Promise.allSettled(running.map((a) => a.stop()));
    await core.close();
    return 2;
  }
  // Digests: local workspaces get files; Slack and Discord post through their adapters.
  const posters: Posters = { local: localPoster(config.OUT_DIR) };
  for (const adapter of running) if (adapter.poster) posters[adapter.platform] = adapter.poster;
  const scheduler = startDigestScheduler(createDigestRunner({ db: core.db, log, posters, charts: chartOptionsFromConfig(config), leaseMs: config.DIGEST_LEASE_SECONDS * 1000, afterBigJob: () => core.memory.soon() }), log, {
    tickSeconds: config.DIGEST_TICK_SECONDS,
  });
  log.info({ adapters: running.map((a) => a.name), digests: Object.keys(posters) }, "bot started");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: finishing commands in flight");
    // Adapters refuse new commands at once; the digest tick in progress finishes meanwhile.
    await Promise.allSettled([scheduler.stop(), ...running.map((a) => a.stop())]);
    await core.close();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  return null; // keep running
}

runEntryPoint("The bot", main);
