// Posts the campaigns' order alerts (src/shop/order-alerts.ts queues them): each tick, every
// campaign with alerts waiting gets one message with all of them, at most one a minute (the
// minute's batch is claimed in the database, src/db/alert-batches.ts, so two replicas never
// both post it), through the platform's poster into the campaign's alerts channel. A batch
// whose post failed for a while (rate limit, platform unreachable) is tried again on a later
// tick; one the platform refuses for good (channel gone, bot not in it) is marked failed and logged.

import type { Database } from "../src/db/client.ts";
import { campaignsWithWaitingAlerts, claimBatch, expiredBatches, finishBatch, postponeBatch, takeOverBatch } from "../src/db/alert-batches.ts";
import { DeliveryError, type Posters } from "../src/digest/delivery.ts";
import { reply, type Reply } from "../src/core/reply.ts";
import type { Logger } from "../src/log.ts";
import { defaultRunnerId } from "./digest-runner.ts";

export interface AlertRunnerOptions {
  db: Database;
  log: Logger;
  posters: Posters;
  runnerId?: string;
  /** How long a claimed batch is this runner's before another may take it over. */
  leaseMs?: number;
  /** How long a batch whose post failed waits before it is tried again. */
  retryMs?: number;
  /** Tries before a batch is given up as failed. */
  maxAttempts?: number;
}

export type AlertOutcome = {
  batchId: number;
  campaignId: number;
  status: "posted" | "retry later" | "failed";
  alerts: number;
  detail?: string;
  /** For the job runner's lines: the campaign's name, `platform:workspace`, and the channel. */
  campaign: string;
  workspace: string;
  channel: string | null;
};

/** One line of `npm run jobs -- --once` for an alert message. */
export function describeAlert(o: AlertOutcome): string {
  const what = `${o.alerts} ${o.alerts === 1 ? "alert" : "alerts"}`;
  return `${o.status.padEnd(16)} order alerts "${o.campaign}" (${o.workspace}): ${o.detail ?? `${what} to ${o.channel}`}`;
}

export function createAlertRunner(options: AlertRunnerOptions) {
  const runnerId = options.runnerId ?? defaultRunnerId();
  const leaseMs = options.leaseMs ?? 2 * 60_000;
  const retryMs = options.retryMs ?? 60_000;
  const maxAttempts = options.maxAttempts ?? 10;
  const { db, log, posters } = options;

  async function post(batchId: number, at: Date): Promise<AlertOutcome> {
    const batch = await db.alertBatch.findUniqueOrThrow({
      where: { id: batchId },
      include: { alerts: { orderBy: { id: "asc" } }, campaign: { include: { workspace: true } } },
    });
    const { campaign, alerts } = batch;
    const base = { batchId, campaignId: campaign.id, alerts: alerts.length, campaign: campaign.name, workspace: `${campaign.workspace.platform}:${campaign.workspace.externalId}`, channel: campaign.alertsChannelId };
    // Turned off after the batch was claimed, or nothing in it (its runner died before handing it any).
    if (!campaign.alertsChannelId || alerts.length === 0) {
      await finishBatch(db, batchId, "sent", at, alerts.length === 0 ? null : "alerts turned off");
      return { ...base, status: "posted", detail: "nothing to post" };
    }
    const poster = posters[campaign.workspace.platform];
    if (!poster) throw new Error(`no ${campaign.workspace.platform} connection in this process`);
    try {
      await poster.post(
        { platform: campaign.workspace.platform, workspaceExternalId: campaign.workspace.externalId, channelId: campaign.alertsChannelId, slug: `alerts-${campaign.id}-${batch.minute.replace(/:/g, "")}` },
        alertMessage(campaign.name, alerts),
      );
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      const permanent = error instanceof DeliveryError && error.options.permanent;
      if (permanent || batch.attempts >= maxAttempts) {
        await finishBatch(db, batchId, "failed", at, reason.slice(0, 500));
        log.error({ err: error, campaignId: campaign.id, batchId }, "order alerts not posted");
        return { ...base, status: "failed", detail: reason };
      }
      const wait = Math.max(retryMs, error instanceof DeliveryError ? (error.options.retryAfterMs ?? 0) : 0);
      await postponeBatch(db, batchId, runnerId, new Date(at.getTime() + wait), reason.slice(0, 500));
      log.warn({ err: error, campaignId: campaign.id, batchId, waitMs: wait }, "order alerts not posted yet; trying again later");
      return { ...base, status: "retry later", detail: reason };
    }
    await finishBatch(db, batchId, "sent", at);
    return { ...base, status: "posted" };
  }

  return {
    runnerId,
    /** Posts what is waiting at `at`: batches left by a runner that died or failed for a while, then this minute's. */
    async runDue(at: Date): Promise<AlertOutcome[]> {
      const platforms = Object.keys(posters);
      const outcomes: AlertOutcome[] = [];
      const attempt = async (batchId: number) => {
        try {
          outcomes.push(await post(batchId, at));
        } catch (error) {
          log.error({ err: error, batchId }, "order alerts could not be posted");
        }
      };
      for (const batchId of await expiredBatches(db, platforms, at)) {
        if (await takeOverBatch(db, batchId, runnerId, at, leaseMs)) await attempt(batchId);
      }
      for (const campaignId of await campaignsWithWaitingAlerts(db, platforms)) {
        const batchId = await claimBatch(db, campaignId, runnerId, at, leaseMs);
        if (batchId !== null) await attempt(batchId);
      }
      return outcomes;
    },
  };
}

export type AlertRunner = ReturnType<typeof createAlertRunner>;

/** One message: the campaign, then each order and spike alert in the order they came. */
export function alertMessage(campaignName: string, alerts: ReadonlyArray<{ kind: string; text: string }>): Reply {
  const orders = alerts.filter((a) => a.kind === "order").length;
  const built = reply(`${orders === 0 ? "Order alert" : orders === 1 ? "New order" : `${orders} new orders`} for "${campaignName}"`, "channel");
  for (const spike of alerts.filter((a) => a.kind === "spike")) built.text(`⚠️ ${spike.text}`);
  return built.list(alerts.filter((a) => a.kind === "order").map((a) => a.text)).build();
}

/** Ticks the runner every `everyMs` (and at once) until stopped; a slow tick is not overlapped. */
export function startAlertScheduler(runner: AlertRunner, log: Logger, options: { everyMs?: number; now?: () => Date } = {}) {
  const now = options.now ?? (() => new Date());
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return;
    running = runner
      .runDue(now())
      .then((outcomes) => {
        for (const o of outcomes) if (o.status !== "posted") log.info(o, "order alerts");
      })
      .catch((error: unknown) => log.error({ err: error }, "order alerts tick failed"))
      .finally(() => {
        running = null;
      });
  };
  const timer = setInterval(tick, options.everyMs ?? 15_000);
  timer.unref();
  tick();
  return {
    async stop() {
      stopped = true;
      clearInterval(timer);
      await running;
    },
  };
}
