// `npm start`: the adapter of every chat platform configured (registry.ts), plus the digest
// scheduler; with none configured, the local shell. Containers should run `node --import tsx
// src/main.ts` directly: npm does not pass SIGTERM on to the bot.

import { redactUrl } from "./db/client.ts";
import { createLogger } from "./log.ts";
import { loadConfiguration, openCore, runEntryPoint } from "./startup.ts";
import { chartOptionsFromConfig } from "./charts/index.ts";
import type { Posters } from "./digest/delivery.ts";
import { createDigestRunner } from "../jobs/digest-runner.ts";
import { startDigestScheduler } from "../jobs/scheduler.ts";
import type { RunningAdapter } from "./platforms/chat-platform.ts";
import { chatPlatforms, type ChatPlatformName } from "./platforms/registry.ts";
import { shellMain } from "./platforms/shell/main.ts";

async function main(): Promise<number | null> {
  const config = loadConfiguration();
  const toStart = chatPlatforms.flatMap((platform) => (platform.adapter && platform.configured(config) ? [{ name: platform.name, adapter: platform.adapter }] : []));
  if (toStart.length === 0) {
    process.stderr.write(shellNotice(redactUrl(config.DATABASE_URL)));
    return shellMain(process.argv.slice(2));
  }

  const log = createLogger(config.LOG_LEVEL);
  const core = await openCore(config, log);

  const running = new Map<ChatPlatformName, RunningAdapter>();
  try {
    for (const { name, adapter } of toStart) running.set(name, await adapter.start({ core, config }));
  } catch (error) {
    log.fatal({ err: error }, "start-up failed");
    process.stderr.write(`${(error as Error).message}\n`);
    await Promise.allSettled([...running.values()].map((a) => a.stop()));
    await core.close();
    return 2;
  }
  // Digests: into every platform configured, through its running adapter's own connection when it has one.
  const posters: Posters = {};
  for (const platform of chatPlatforms) {
    if (platform.configured(config)) posters[platform.name] = running.get(platform.name)?.poster ?? (await platform.poster(config, log));
  }
  const scheduler = startDigestScheduler(createDigestRunner({ db: core.db, log, posters, charts: chartOptionsFromConfig(config), leaseMs: config.DIGEST_LEASE_SECONDS * 1000, afterBigJob: () => core.memory.soon() }), log, {
    tickSeconds: config.DIGEST_TICK_SECONDS,
  });
  log.info({ adapters: [...running.keys()], digests: Object.keys(posters) }, "bot started");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: finishing commands in flight");
    // Adapters refuse new commands at once; the digest tick in progress finishes meanwhile.
    await Promise.allSettled([scheduler.stop(), ...[...running.values()].map((a) => a.stop())]);
    await core.close();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  return null; // keep running
}

/** Why this is the shell, and how to connect each platform that has an adapter. */
function shellNotice(database: string): string {
  const adapters = chatPlatforms.flatMap((platform) => (platform.adapter ? [platform.adapter] : []));
  const how = adapters.map((a, i) => (i === 0 ? `To connect ${a.label} set ${a.credentials}` : `for ${a.label} ${a.credentials}`)).join("; ");
  const sections = adapters.map((a) => `Connect ${a.label}`).join(" / ");
  return `No ${adapters.map((a) => a.label).join(" or ")} tokens set, so this is the local shell on ${database}. ${how} (README: ${sections}).\n`;
}

runEntryPoint("The bot", main);
