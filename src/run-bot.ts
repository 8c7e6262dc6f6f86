// The bot as a server runs it (`npm start` with a chat platform configured, `npm run serve`):
// the adapter of every chat platform configured (registry.ts), the shop webhooks on HOST:PORT
// (on Slack's HTTP server when it runs one, else on the bot's own once a shop is connected),
// their worker, and the
// digest scheduler (with the deliverable reminders) and the order alerts. Returns null while it runs; SIGTERM or SIGINT stop it cleanly.

import { chartOptionsFromConfig } from "./charts/index.ts";
import type { Config } from "./config.ts";
import type { Posters } from "./digest/delivery.ts";
import { createDigestRunner } from "../jobs/digest-runner.ts";
import { createReminderRunner } from "../jobs/reminder-runner.ts";
import { startDigestScheduler } from "../jobs/scheduler.ts";
import { createAlertRunner, startAlertScheduler } from "../jobs/alert-runner.ts";
import { createApprovalRunner } from "../jobs/approval-runner.ts";
import type { Logger } from "./log.ts";
import type { RunningAdapter } from "./platforms/chat-platform.ts";
import { chatPlatforms, type ChatPlatformName } from "./platforms/registry.ts";
import { startShopService } from "./shop/service.ts";
import { ShopWebhookServer } from "./shop/webhook-server.ts";
import { openCore } from "./startup.ts";

export async function runBot(config: Config, log: Logger): Promise<number | null> {
  const toStart = chatPlatforms.flatMap((platform) => (platform.adapter && platform.configured(config) ? [{ name: platform.name, adapter: platform.adapter }] : []));
  const core = await openCore(config, log);
  const shops = startShopService({ db: core.db, log });

  const running = new Map<ChatPlatformName, RunningAdapter>();
  let http: ShopWebhookServer | null = null;
  try {
    for (const { name, adapter } of toStart) running.set(name, await adapter.start({ core, config, httpRoutes: shops.routes }));
    if (![...running.values()].some((a) => a.servesRoutes)) {
      http = new ShopWebhookServer({ db: core.db, routes: shops.routes, host: config.HOST, port: config.PORT, log });
      await http.startIfShops();
      http.watch();
    }
  } catch (error) {
    log.fatal({ err: error }, "start-up failed");
    process.stderr.write(`${(error as Error).message}\n`);
    await Promise.allSettled([...running.values()].map((a) => a.stop()));
    await http?.stop();
    await shops.worker.stop();
    await core.close();
    return 2;
  }
  // Digests: into every platform configured, through its running adapter's own connection when it has one.
  const posters: Posters = {};
  for (const platform of chatPlatforms) {
    if (platform.configured(config)) posters[platform.name] = running.get(platform.name)?.poster ?? (await platform.poster(config, log));
  }
  // Submissions nobody decided in time: approved on the same ticks, claimed as digest periods are.
  const approvals = createApprovalRunner({ db: core.db, log, posters, leaseMs: config.DIGEST_LEASE_SECONDS * 1000 });
  const scheduler = startDigestScheduler(createDigestRunner({ db: core.db, log, posters, charts: chartOptionsFromConfig(config), chartProcess: core.chartProcess, leaseMs: config.DIGEST_LEASE_SECONDS * 1000, afterBigJob: () => core.memory.soon() }), log, {
    tickSeconds: config.DIGEST_TICK_SECONDS,
    reminders: createReminderRunner({ db: core.db, log, posters, leaseMs: config.DIGEST_LEASE_SECONDS * 1000 }),
    also: [(at) => approvals.runDue(at)],
  });
  // Order alerts of the campaigns (/campaign update alerts:), through the same posters.
  const alerts = startAlertScheduler(createAlertRunner({ db: core.db, log, posters }), log);
  log.info({ adapters: [...running.keys()], digests: Object.keys(posters), webhooks: http ? (http.url ?? "once a shop is connected") : "beside slack" }, "bot started");

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, "stopping: finishing commands in flight");
    // Adapters refuse new commands at once; the digest tick in progress finishes meanwhile.
    await Promise.allSettled([scheduler.stop(), alerts.stop(), ...[...running.values()].map((a) => a.stop()), http?.stop()]);
    await shops.worker.stop();
    await core.close();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGTERM", () => void shutdown("SIGTERM"));
  process.on("SIGINT", () => void shutdown("SIGINT"));
  return null; // keep running
}
