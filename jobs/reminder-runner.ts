// Sends the deliverable reminders due at a moment (issue 23): for every enrolled creator with a
// due date and no post (in their current wave), not paused or ghosted, in an open campaign, the
// stage due now (src/domain/reminders.ts) is claimed once (src/db/reminder-claims.ts) and sent
// privately: to the creator when linked to a person of the workspace (/creator link), else to
// their owner, else into the campaign's digest channel (src/db/reminder-destination.ts). Reminders asked for with /campaign remind are queued by
// the command and sent here too. Runs beside the digests, on the same tick (jobs/scheduler.ts).

import { DateTime } from "luxon";
import { startDayOf } from "../src/domain/waves.ts";
import type { Database } from "../src/db/client.ts";
import { claimQueuedReminder, claimReminder, extendReminderLease, finishReminder } from "../src/db/reminder-claims.ts";
import { DeliveryError, type Posters } from "../src/digest/delivery.ts";
import { dueDateWindow, reminderDueAt, type ReminderStage } from "../src/domain/reminders.ts";
import type { Logger } from "../src/log.ts";
import { REMINDER_CREATOR_INCLUDE, reminderDestination } from "../src/db/reminder-destination.ts";
import { reminderMessage } from "../src/reports/reminder-message.ts";
import type { Campaign, Creator, CreatorLink, Enrolment, Member, Workspace } from "../src/generated/prisma/client.ts";
import { defaultRunnerId } from "./digest-runner.ts";

export type ReminderOutcomeStatus = "sent" | "already sent" | "claimed by another runner" | "undeliverable" | "failed";

export interface ReminderOutcome {
  workspace: string;
  handle: string;
  campaign: string;
  occasion: string;
  status: ReminderOutcomeStatus;
  /** Where it went ("dm:U123", "channel:C1"), or why not. */
  detail?: string;
}

export interface ReminderRunnerOptions {
  db: Database;
  log: Logger;
  posters: Posters;
  runnerId?: string;
  leaseMs?: number;
  retryDelaysMs?: number[];
  sleep?: (ms: number) => Promise<void>;
}

type EnrolmentRow = Enrolment & { workspace: Workspace; campaign: Campaign; creator: Creator & { owner: Member | null; link: (CreatorLink & { member: Member }) | null } };

export function createReminderRunner(options: ReminderRunnerOptions) {
  const runnerId = options.runnerId ?? defaultRunnerId();
  const leaseMs = options.leaseMs ?? 5 * 60_000;
  const retryDelays = options.retryDelaysMs ?? [2_000, 10_000, 30_000];
  const sleep = options.sleep ?? ((ms: number) => new Promise((resolve) => setTimeout(resolve, ms)));
  const { db, log } = options;
  const platforms = () => Object.keys(options.posters);

  const include = { workspace: true, campaign: true, creator: { include: REMINDER_CREATOR_INCLUDE } } as const;

  async function send(e: EnrolmentRow, stage: ReminderStage | "now", runId: number, at: Date): Promise<Pick<ReminderOutcome, "status" | "detail">> {
    const destination = await reminderDestination(db, e, stage === "ghost");
    if (!destination) {
      const reason = `@${e.creator.handle} has no owner and "${e.campaign.name}" no digest channel: /creator update @${e.creator.handle} owner:@someone`;
      await finishReminder(db, runId, { status: "skipped", error: reason }, new Date());
      return { status: "undeliverable", detail: reason };
    }
    const poster = options.posters[e.workspace.platform];
    if (!poster) throw new Error(`no ${e.workspace.platform} connection in this process`);
    const today = DateTime.fromJSDate(at, { zone: e.workspace.timeZone }).toISODate()!;
    // A creator in two waves: its buttons name this one, so I posted it never has to ask which.
    const waves = e.wave > 1 ? 2 : await db.enrolment.count({ where: { campaignId: e.campaignId, creatorId: e.creatorId } });
    const message = reminderMessage({
      stage,
      audience: destination.kind === "channel" ? "channel" : destination.audience,
      handle: e.creator.handle,
      campaign: e.campaign.name,
      dueDate: e.dueDate!,
      today,
      wave: waves > 1 ? e.wave : undefined,
    });
    const slug = `reminder-${runId}`;
    const base = { platform: e.workspace.platform, workspaceExternalId: e.workspace.externalId, slug };
    let sentTo: string;
    if (destination.kind === "person") {
      if (!poster.sendPrivately) throw new DeliveryError(`${e.workspace.platform} cannot send privately`, { permanent: true });
      await deliverWithRetries(() => poster.sendPrivately!({ ...base, userId: destination.userId }, message), runId);
      sentTo = `dm:${destination.userId}`;
    } else {
      await deliverWithRetries(() => poster.post({ ...base, channelId: destination.channelId }, message), runId);
      sentTo = `channel:${destination.channelId}`;
    }
    await finishReminder(db, runId, { status: "sent", sentTo }, new Date());
    return { status: "sent", detail: sentTo };
  }

  async function deliverWithRetries(deliver: () => Promise<unknown>, runId: number): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        await deliver();
        return;
      } catch (error) {
        const permanent = error instanceof DeliveryError && error.options.permanent;
        if (permanent || attempt >= retryDelays.length) throw error;
        const wait = Math.max(retryDelays[attempt]!, error instanceof DeliveryError ? (error.options.retryAfterMs ?? 0) : 0);
        log.warn({ err: error, attempt: attempt + 1, waitMs: wait }, "reminder delivery failed, retrying");
        await extendReminderLease(db, runId, runnerId, new Date(Date.now() + wait + leaseMs));
        await sleep(wait);
      }
    }
  }

  async function sendClaimed(e: EnrolmentRow, stage: ReminderStage | "now", occasion: string, runId: number, at: Date): Promise<ReminderOutcome> {
    const base = { workspace: `${e.workspace.platform}:${e.workspace.externalId}`, handle: e.creator.handle, campaign: e.campaign.name, occasion };
    try {
      return { ...base, ...(await send(e, stage, runId, at)) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      await finishReminder(db, runId, { status: "failed", error: reason.slice(0, 500) }, new Date());
      log.error({ err: error, enrolmentId: e.id, occasion }, "reminder failed");
      return { ...base, status: "failed", detail: reason };
    }
  }

  /** The scheduled stages due at `at`. */
  async function runScheduled(at: Date): Promise<ReminderOutcome[]> {
    const window = dueDateWindow(DateTime.fromJSDate(at, { zone: "UTC" }).toISODate()!);
    const where = {
      dueDate: { gte: window.from, lte: window.to },
      pausedAt: null,
      ghostedAt: null,
      campaign: { status: "active" as const },
      workspace: { platform: { in: platforms() } },
      creator: { status: { in: ["active" as const, "prospect" as const] } },
    };
    // Without posts at all, read in the database; a creator in a later wave (rare) counts only
    // posts since it began, so only theirs are read with their latest post.
    const [firstWave, laterWaves] = await Promise.all([
      db.enrolment.findMany({ where: { ...where, waveStartedAt: null, posts: { none: {} } }, include, orderBy: { id: "asc" } }),
      db.enrolment.findMany({
        where: { ...where, waveStartedAt: { not: null } },
        include: { ...include, posts: { select: { postedDay: true }, orderBy: { postedDay: "desc" }, take: 1 } },
        orderBy: { id: "asc" },
      }),
    ]);
    // A post of the wave's first day counts for it, whatever its hour (posted: a day is noon of it).
    const startDay = (e: (typeof laterWaves)[number]) => startDayOf(e, e.workspace.timeZone)!;
    const enrolments = [...firstWave, ...laterWaves.filter((e) => !e.posts[0] || e.posts[0].postedDay < startDay(e))];
    // Reminders already finished are not claimed again: one read instead of a refused insert each.
    const finished = new Set(
      (
        await db.reminderRun.findMany({
          where: { status: { not: "claimed" }, enrolment: { dueDate: { gte: window.from, lte: window.to } } },
          select: { enrolmentId: true, occasion: true },
        })
      ).map((r) => `${r.enrolmentId} ${r.occasion}`),
    );
    const outcomes: ReminderOutcome[] = [];
    for (const e of enrolments) {
      const due = reminderDueAt(
        { dueDate: e.dueDate!, remindDays: e.campaign.remindDays, ghostDays: e.campaign.ghostDays, timeZone: e.workspace.timeZone, since: e.waveStartedAt ?? e.createdAt },
        at,
      );
      if (!due) continue;
      const base = { workspace: `${e.workspace.platform}:${e.workspace.externalId}`, handle: e.creator.handle, campaign: e.campaign.name, occasion: due.occasion };
      if (finished.has(`${e.id} ${due.occasion}`)) {
        outcomes.push({ ...base, status: "already sent" });
        continue;
      }
      try {
        const claim = await claimReminder(db, { workspaceId: e.workspaceId, enrolmentId: e.id, occasion: due.occasion }, runnerId, at, leaseMs);
        if (!claim.claimed) {
          outcomes.push({ ...base, status: claim.status === "claimed" ? "claimed by another runner" : "already sent" });
          continue;
        }
        outcomes.push(await sendClaimed(e, due.stage, due.occasion, claim.runId, at));
      } catch (error) {
        log.error({ err: error, enrolmentId: e.id }, "reminder could not run");
      }
    }
    return outcomes;
  }

  /** Reminders asked for with /campaign remind, and asked-for ones whose process died while sending. */
  async function runQueued(at: Date): Promise<ReminderOutcome[]> {
    const queued = await db.reminderRun.findMany({
      where: {
        occasion: { startsWith: "now:" },
        OR: [{ status: "queued" }, { status: "claimed", leaseUntil: { lt: at } }],
        enrolment: { workspace: { platform: { in: platforms() } } },
      },
      include: { enrolment: { include } },
      orderBy: { id: "asc" },
    });
    const outcomes: ReminderOutcome[] = [];
    for (const run of queued) {
      if (!(await claimQueuedReminder(db, run.id, runnerId, at, leaseMs))) continue;
      outcomes.push(await sendClaimed(run.enrolment, "now", run.occasion, run.id, at));
    }
    return outcomes;
  }

  return {
    runnerId,
    /** Sends every reminder due at `at` on the platforms this process can post to. */
    async runDue(at: Date): Promise<ReminderOutcome[]> {
      return [...(await runQueued(at)), ...(await runScheduled(at))];
    },
  };
}

export type ReminderRunner = ReturnType<typeof createReminderRunner>;

export function describeReminder(o: ReminderOutcome): string {
  return `${o.status.padEnd(16)} reminder ${o.occasion} @${o.handle} "${o.campaign}" (${o.workspace})${o.detail ? `: ${o.detail}` : ""}`;
}
