// Exactly-once digests: a period of a schedule is claimed by inserting its unique
// (schedule, period) row with a lease before anything is posted. Whoever inserts it posts it;
// a claim whose lease ran out (its process died) is taken over by one runner only.

import type { DigestRunStatus } from "../generated/prisma/enums.ts";
import type { Db } from "./client.ts";
import { isUniqueViolation } from "./errors.ts";

export type ClaimResult =
  | { claimed: true; runId: number; takeover: boolean }
  | { claimed: false; status: DigestRunStatus; error: string | null };

export async function claimRun(db: Db, scheduleId: number, period: string, runner: string, now: Date, leaseMs: number): Promise<ClaimResult> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  try {
    const run = await db.digestRun.create({ data: { scheduleId, period, status: "claimed", claimedBy: runner, leaseUntil } });
    return { claimed: true, runId: run.id, takeover: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  // Taken by someone: take over only a claim whose lease expired; the conditional update lets
  // exactly one of several runners win.
  const taken = await db.digestRun.updateMany({
    where: { scheduleId, period, status: "claimed", leaseUntil: { lt: now } },
    data: { claimedBy: runner, leaseUntil, attempts: { increment: 1 } },
  });
  const run = await db.digestRun.findUniqueOrThrow({ where: { scheduleId_period: { scheduleId, period } } });
  if (taken.count === 1) return { claimed: true, runId: run.id, takeover: true };
  return { claimed: false, status: run.status, error: run.error };
}

/** Keeps a claim alive while a slow delivery retries. */
export async function extendLease(db: Db, runId: number, runner: string, until: Date): Promise<boolean> {
  const r = await db.digestRun.updateMany({ where: { id: runId, claimedBy: runner, status: "claimed" }, data: { leaseUntil: until } });
  return r.count === 1;
}

export async function finishRun(db: Db, runId: number, status: Exclude<DigestRunStatus, "claimed">, now: Date, error: string | null = null): Promise<void> {
  await db.digestRun.update({ where: { id: runId }, data: { status, error, finishedAt: now } });
}
