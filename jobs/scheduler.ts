// The digest scheduler of the long-running bot: node-cron ticks every minute (DIGEST_TICK_SECONDS)
// and runs what is due: the digests, then the deliverable reminders (jobs/reminder-runner.ts). The
// first tick runs at start, so the latest period missed while the bot was down is caught up once.

import cron from "node-cron";
import type { Logger } from "../src/log.ts";
import { describeOutcome, type DigestRunner } from "./digest-runner.ts";
import { describeReminder, type ReminderRunner } from "./reminder-runner.ts";

export interface DigestScheduler {
  /** Resolves when the tick in progress (if any) has finished. */
  stop(): Promise<void>;
}

export interface SchedulerOptions {
  tickSeconds?: number;
  now?: () => Date;
  /** Deliverable reminders, run after the digests on each tick. */
  reminders?: ReminderRunner;
  /** More work due on each tick, after the digests (the automatic approval of submissions). */
  also?: ReadonlyArray<(at: Date) => Promise<unknown>>;
}

export function startDigestScheduler(runner: DigestRunner, log: Logger, options: SchedulerOptions = {}): DigestScheduler {
  const now = options.now ?? (() => new Date());
  const tickSeconds = options.tickSeconds ?? 60;
  let running: Promise<void> | null = null;
  let stopped = false;
  const tick = () => {
    if (running || stopped) return; // a slow tick is not overlapped by the next one
    const at = now();
    running = runner
      .runDue(at)
      .then((outcomes) => {
        for (const o of outcomes) if (o.status !== "already posted") log.info({ scheduleId: o.scheduleId, period: o.period, status: o.status, detail: o.detail }, describeOutcome(o));
      })
      .catch((error) => log.error({ err: error }, "digest tick failed"))
      .then(() => options.reminders?.runDue(at))
      .then((outcomes = []) => {
        for (const o of outcomes) if (o.status !== "already sent") log.info({ occasion: o.occasion, status: o.status, detail: o.detail }, describeReminder(o));
      })
      .catch((error) => log.error({ err: error }, "reminder tick failed"))
      .then(async () => {
        for (const work of options.also ?? []) await work(at).catch((error: unknown) => log.error({ err: error }, "scheduled work failed"));
      })
      .finally(() => {
        running = null;
      });
  };
  const task = cron.schedule(tickSeconds === 60 ? "* * * * *" : `*/${tickSeconds} * * * * *`, tick);
  tick();
  return {
    async stop() {
      stopped = true;
      await task.stop();
      await running;
    },
  };
}
