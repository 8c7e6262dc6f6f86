// Exactly-once reminders, claimed as digest periods are (digest-claims.ts): a reminder is claimed
// by inserting its unique (enrolment, occasion) row with a lease before it is sent; whoever
// inserts it sends it, and a claim whose lease ran out (its process died) is taken over by one
// runner only. A reminder asked for with /campaign remind is written `queued` by the command and
// claimed from that state.

import type { ReminderStatus } from "../generated/prisma/enums.ts";
import type { Db } from "./client.ts";
import { isUniqueViolation } from "./errors.ts";

export type ReminderClaim = { claimed: true; runId: number; takeover: boolean } | { claimed: false; status: ReminderStatus };

export async function claimReminder(
  db: Db,
  key: { workspaceId: number; enrolmentId: number; occasion: string },
  runner: string,
  now: Date,
  leaseMs: number,
): Promise<ReminderClaim> {
  const leaseUntil = new Date(now.getTime() + leaseMs);
  try {
    const run = await db.reminderRun.create({ data: { ...key, status: "claimed", claimedBy: runner, leaseUntil, attempts: 1 } });
    return { claimed: true, runId: run.id, takeover: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
  }
  const where = { enrolmentId_occasion: { enrolmentId: key.enrolmentId, occasion: key.occasion } };
  const run = await db.reminderRun.findUniqueOrThrow({ where });
  return (await takeOver(db, run.id, runner, now, leaseUntil)) ? { claimed: true, runId: run.id, takeover: run.status === "claimed" } : { claimed: false, status: run.status };
}

/** Claims a reminder queued by /campaign remind (or one whose claim's lease ran out): true when this runner got it. */
export async function claimQueuedReminder(db: Db, runId: number, runner: string, now: Date, leaseMs: number): Promise<boolean> {
  return takeOver(db, runId, runner, now, new Date(now.getTime() + leaseMs));
}

/** The conditional update lets exactly one of several runners win. */
async function takeOver(db: Db, runId: number, runner: string, now: Date, leaseUntil: Date): Promise<boolean> {
  const taken = await db.reminderRun.updateMany({
    where: { id: runId, OR: [{ status: "queued" }, { status: "claimed", leaseUntil: { lt: now } }] },
    data: { status: "claimed", claimedBy: runner, leaseUntil, attempts: { increment: 1 } },
  });
  return taken.count === 1;
}

/** Keeps a claim alive while a slow delivery retries. */
export async function extendReminderLease(db: Db, runId: number, runner: string, until: Date): Promise<boolean> {
  const r = await db.reminderRun.updateMany({ where: { id: runId, claimedBy: runner, status: "claimed" }, data: { leaseUntil: until } });
  return r.count === 1;
}

export async function finishReminder(
  db: Db,
  runId: number,
  outcome: { status: Exclude<ReminderStatus, "claimed" | "queued">; sentTo?: string | null; error?: string | null },
  now: Date,
): Promise<void> {
  await db.reminderRun.update({ where: { id: runId }, data: { status: outcome.status, sentTo: outcome.sentTo ?? null, error: outcome.error ?? null, finishedAt: now } });
}
