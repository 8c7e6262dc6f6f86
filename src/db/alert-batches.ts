// At most one alert message per campaign and minute, posted once: the minute's batch is claimed
// by inserting its unique (campaign, minute) row with a lease, in the transaction that hands it
// every alert still waiting (OrderAlert.batchId), as digest periods are claimed
// (digest-claims.ts). A batch whose process died (its lease ran out) is taken over by one
// runner only, with the same alerts.

import type { Db, Database } from "./client.ts";
import { isUniqueViolation } from "./errors.ts";

/** YYYY-MM-DDTHH:MM in UTC: the minute a batch belongs to. */
export const minuteOf = (at: Date) => at.toISOString().slice(0, 16);

/** Campaigns with an alerts channel and alerts waiting, on the given platforms. */
export async function campaignsWithWaitingAlerts(db: Db, platforms: string[]): Promise<number[]> {
  const rows = await db.orderAlert.findMany({
    where: { batchId: null, campaign: { alertsChannelId: { not: null }, workspace: { platform: { in: platforms } } } },
    distinct: ["campaignId"],
    select: { campaignId: true },
  });
  return rows.map((r) => r.campaignId);
}

/**
 * Claims the campaign's batch of this minute with every alert waiting; null when this minute's
 * batch exists already (posted, or being posted by another runner) or nothing is waiting.
 */
export async function claimBatch(db: Database, campaignId: number, runner: string, now: Date, leaseMs: number): Promise<number | null> {
  try {
    return await db.$transaction(async (tx) => {
      const last = await tx.orderAlert.findFirst({ where: { campaignId, batchId: null }, orderBy: { id: "desc" }, select: { id: true } });
      if (!last) return null;
      const batch = await tx.alertBatch.create({ data: { campaignId, minute: minuteOf(now), status: "claimed", claimedBy: runner, leaseUntil: new Date(now.getTime() + leaseMs) } });
      await tx.orderAlert.updateMany({ where: { campaignId, batchId: null, id: { lte: last.id } }, data: { batchId: batch.id } });
      return batch.id;
    });
  } catch (error) {
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}

/** Batches whose runner's lease ran out (it died mid-post), on the given platforms. */
export async function expiredBatches(db: Db, platforms: string[], now: Date): Promise<number[]> {
  const rows = await db.alertBatch.findMany({
    where: { status: "claimed", leaseUntil: { lt: now }, campaign: { workspace: { platform: { in: platforms } } } },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.id);
}

/** Takes over an expired batch; false when another runner took it first. */
export async function takeOverBatch(db: Db, batchId: number, runner: string, now: Date, leaseMs: number): Promise<boolean> {
  const taken = await db.alertBatch.updateMany({
    where: { id: batchId, status: "claimed", leaseUntil: { lt: now } },
    data: { claimedBy: runner, leaseUntil: new Date(now.getTime() + leaseMs), attempts: { increment: 1 } },
  });
  return taken.count === 1;
}

/** Keeps the batch for a later try (a rate limit, Slack unreachable): another tick takes it over once `until` passes. */
export async function postponeBatch(db: Db, batchId: number, runner: string, until: Date, error: string): Promise<void> {
  await db.alertBatch.updateMany({ where: { id: batchId, claimedBy: runner, status: "claimed" }, data: { leaseUntil: until, error } });
}

export async function finishBatch(db: Db, batchId: number, status: "sent" | "failed", now: Date, error: string | null = null): Promise<void> {
  await db.alertBatch.update({ where: { id: batchId }, data: { status, error, finishedAt: now } });
}
