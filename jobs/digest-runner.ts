// Runs the digests that are due at a moment: finds active schedules (from the database, so new
// and removed ones need no restart), claims each due period once, builds the digest, delivers it
// with retries and back-off, and records the outcome. One schedule's failure never blocks others.

import { hostname } from "node:os";
import { randomBytes } from "node:crypto";
import type { ChartDrawer, RenderOptions } from "../src/charts/index.ts";
import type { Database } from "../src/db/client.ts";
import { claimRun, extendLease, finishRun } from "../src/db/digest-claims.ts";
import { buildCampaignDigest } from "../src/digest/build.ts";
import { DeliveryError, type Posters } from "../src/digest/delivery.ts";
import { latestOccurrence, periodFor, timingOf, type DigestPeriod } from "../src/domain/digest-schedule.ts";
import type { Logger } from "../src/log.ts";
import type { Campaign, DigestSchedule, Workspace } from "../src/generated/prisma/client.ts";

export type OutcomeStatus = "posted" | "already posted" | "skipped empty" | "failed" | "claimed by another runner";

export interface DigestOutcome {
  scheduleId: number;
  workspace: string;
  subject: string;
  period: string;
  status: OutcomeStatus;
  detail?: string;
}

export interface RunnerOptions {
  db: Database;
  log: Logger;
  posters: Posters;
  charts: RenderOptions;
  /** Draws the local charts: the Core's chart process. */
  chartProcess: ChartDrawer;
  /** Identifies this process in claims. */
  runnerId?: string;
  /** How long a claim is kept before another runner may take it over. */
  leaseMs?: number;
  /** Waits between delivery attempts: one retry per entry. */
  retryDelaysMs?: number[];
  sleep?: (ms: number) => Promise<void>;
  concurrency?: number;
  /** Told after the digests of a schedule were built: what they read can go back to the system. */
  afterBigJob?: () => void;
}

export const defaultRunnerId = () => `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`;

type ScheduleRow = DigestSchedule & { workspace: Workspace; campaign: Campaign | null };

export function createDigestRunner(options: RunnerOptions) {
  const runnerId = options.runnerId ?? defaultRunnerId();
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const retryDelays = options.retryDelaysMs ?? [2_000, 10_000, 30_000];
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const { db, log } = options;

  async function runOne(schedule: ScheduleRow, at: Date): Promise<DigestOutcome | null> {
    const occurrence = latestOccurrence(timingOf(schedule), at);
    // A schedule made at 10:00 does not fire for 09:00 of the same day.
    if (occurrence.toMillis() < schedule.createdAt.getTime()) return null;
    const period = periodFor(schedule.frequency, occurrence);
    const base = {
      scheduleId: schedule.id,
      workspace: `${schedule.workspace.platform}:${schedule.workspace.externalId}`,
      subject: schedule.campaign ? `"${schedule.campaign.name}"` : "all campaigns",
      period: period.key,
    };
    const claim = await claimRun(db, schedule.id, period.key, runnerId, at, leaseMs);
    if (!claim.claimed) {
      const status: OutcomeStatus =
        claim.status === "sent" ? "already posted" : claim.status === "skipped" ? "skipped empty" : claim.status === "failed" ? "failed" : "claimed by another runner";
      return { ...base, status, detail: claim.error ?? undefined };
    }
    const heartbeat = keepLease(claim.runId);
    try {
      const outcome = await buildAndDeliver(schedule, period, at, claim.runId);
      return { ...base, ...outcome };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await finishRun(db, claim.runId, "failed", new Date(), reason.slice(0, 500));
      log.error({ err: error, scheduleId: schedule.id, period: period.key }, "digest failed");
      return { ...base, status: "failed", detail: reason };
    } finally {
      clearInterval(heartbeat);
    }
  }

  /**
   * Renews the claim's lease while this process works on it, so a build or post slower than
   * the lease is not taken over (and posted a second time) by another runner; the lease runs
   * out only when this process is gone.
   */
  function keepLease(runId: number): NodeJS.Timeout {
    const timer = setInterval(() => {
      extendLease(db, runId, runnerId, new Date(Date.now() + leaseMs)).then(
        (kept) => {
          if (!kept) log.warn({ runId }, "digest claim was taken over by another runner");
        },
        (error: unknown) => log.warn({ err: error, runId }, "digest lease could not be renewed"),
      );
    }, Math.max(leaseMs / 3, 250));
    timer.unref();
    return timer;
  }

  async function buildAndDeliver(schedule: ScheduleRow, period: DigestPeriod, at: Date, runId: number): Promise<Pick<DigestOutcome, "status" | "detail">> {
    const campaigns = schedule.campaign
      ? [schedule.campaign]
      : await db.campaign.findMany({ where: { workspaceId: schedule.workspaceId, status: "active" }, orderBy: { nameKey: "asc" } });
    const digests = [];
    for (const campaign of campaigns) {
      digests.push(
        await buildCampaignDigest({ db, workspace: schedule.workspace, campaign, period, frequency: schedule.frequency, charts: options.charts, chartProcess: options.chartProcess, now: at }),
      );
    }
    // What reading the campaigns and drawing the charts left behind goes back to the system soon.
    options.afterBigJob?.();
    if (digests.length === 0 || (schedule.skipEmpty && digests.every((d) => d.empty))) {
      await finishRun(db, runId, "skipped", new Date());
      return { status: "skipped empty" };
    }
    const poster = options.posters[schedule.workspace.platform];
    if (!poster) throw new Error(`no ${schedule.workspace.platform} connection in this process`);
    const target = {
      platform: schedule.workspace.platform,
      workspaceExternalId: schedule.workspace.externalId,
      channelId: schedule.channelId,
      slug: `schedule-${schedule.id}-${period.key.replace("..", "_")}`,
    };
    for (const [i, digest] of digests.entries()) {
      await deliverWithRetries(() => poster.post({ ...target, slug: digests.length > 1 ? `${target.slug}-${i + 1}` : target.slug }, digest.reply), runId);
    }
    await finishRun(db, runId, "sent", new Date());
    return { status: "posted", detail: `${digests.length} digest${digests.length === 1 ? "" : "s"} to ${schedule.channelId}` };
  }

  async function deliverWithRetries(send: () => Promise<unknown>, runId: number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await send();
        return;
      } catch (error) {
        const permanent = error instanceof DeliveryError && error.options.permanent;
        if (permanent || attempt >= retryDelays.length) throw error;
        const wait = Math.max(retryDelays[attempt]!, error instanceof DeliveryError ? (error.options.retryAfterMs ?? 0) : 0);
        log.warn({ err: error, attempt: attempt + 1, waitMs: wait }, "digest delivery failed, retrying");
        await extendLease(db, runId, runnerId, new Date(Date.now() + wait + leaseMs));
        await sleep(wait);
      }
    }
  }

  return {
    runnerId,
    /** Runs every digest due at `at` on the platforms this process can post to. */
    async runDue(at: Date): Promise<DigestOutcome[]> {
      const platforms = Object.keys(options.posters);
      const schedules = await db.digestSchedule.findMany({
        where: { active: true, workspace: { platform: { in: platforms } } },
        include: { workspace: true, campaign: true },
        orderBy: { id: "asc" },
      });
      const outcomes: DigestOutcome[] = [];
      const queue = [...schedules];
      const workers = Array.from({ length: Math.min(options.concurrency ?? 4, queue.length) }, async () => {
        for (let s = queue.shift(); s; s = queue.shift()) {
          try {
            const outcome = await runOne(s, at);
            if (outcome) outcomes.push(outcome);
          } catch (error) {
            log.error({ err: error, scheduleId: s.id }, "digest schedule could not run");
          }
        }
      });
      await Promise.all(workers);
      return outcomes.sort((a, b) => a.scheduleId - b.scheduleId);
    },
  };
}

export type DigestRunner = ReturnType<typeof createDigestRunner>;

export function describeOutcome(o: DigestOutcome): string {
  return `${o.status.padEnd(16)} #${o.scheduleId} ${o.subject} ${o.period} (${o.workspace})${o.detail ? `: ${o.detail}` : ""}`;
}
