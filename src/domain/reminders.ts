// Deliverable reminders (issue 23): when each one is due. An enrolled creator with a due date and
// no post gets a reminder `remindDays` before it, one on the day, and their owner a "ghosted?"
// note `ghostDays` after; each at 09:00 in the workspace's time zone. Pure: the jobs claim and
// send them (jobs/reminder-runner.ts).

import { DateTime } from "luxon";

export type ReminderStage = "before" | "due" | "ghost";

/** When in the day reminders go, in the workspace's time zone. */
export const REMINDER_TIME = { hour: 9, minute: 0 } as const;
export const DEFAULT_REMIND_DAYS = 2;
export const DEFAULT_GHOST_DAYS = 7;
/** The most days before (remind-days:) and after (ghost-days:) a due date a campaign can set. */
export const MAX_REMIND_DAYS = 30;
export const MAX_GHOST_DAYS = 90;

export interface ReminderPlan {
  dueDate: string;
  /** null: no reminders before and on the day (remind-days:off). */
  remindDays: number | null;
  /** null: no "ghosted?" note (ghost-days:off). */
  ghostDays: number | null;
  timeZone: string;
  /** When the enrolment was made: a "ghosted?" note whose moment came before it is not sent. */
  since: Date;
}

export interface DueReminder {
  stage: ReminderStage;
  /** The claim's key: the stage and the due date it is for ("before:2026-12-10"). */
  occasion: string;
}

const at09 = (day: string, zone: string) => DateTime.fromISO(day, { zone }).set({ ...REMINDER_TIME });

/**
 * The reminder due at `at`, if any: the latest stage whose moment has passed and whose time is
 * not over. "before" lasts until the due day's reminder, "due" until the end of the due day;
 * a stage missed while the bot was down is not sent late, except the "ghosted?" note.
 */
export function reminderDueAt(plan: ReminderPlan, at: Date): DueReminder | null {
  const now = DateTime.fromJSDate(at, { zone: plan.timeZone });
  const due = at09(plan.dueDate, plan.timeZone);
  if (!due.isValid) return null;
  const occasion = (stage: ReminderStage) => ({ stage, occasion: `${stage}:${plan.dueDate}` });
  if (plan.ghostDays !== null) {
    const ghost = due.plus({ days: plan.ghostDays });
    if (now >= ghost) return ghost.toMillis() >= plan.since.getTime() ? occasion("ghost") : null;
  }
  if (plan.remindDays === null) return null;
  if (now >= due) return now.toISODate() === plan.dueDate ? occasion("due") : null;
  if (plan.remindDays > 0 && now >= due.minus({ days: plan.remindDays })) return occasion("before");
  return null;
}

/** The due dates worth looking at on `today`: from the oldest a "ghosted?" note can be for to the furthest a reminder can be for. */
export function dueDateWindow(today: string): { from: string; to: string } {
  const day = DateTime.fromISO(today, { zone: "UTC" });
  return { from: day.minus({ days: MAX_GHOST_DAYS + 1 }).toISODate()!, to: day.plus({ days: MAX_REMIND_DAYS }).toISODate()! };
}

/** "in 2 days", "tomorrow", "today", "yesterday", "7 days ago": the due date from `today`. */
export function dueInWords(dueDate: string, today: string): string {
  const days = Math.round(DateTime.fromISO(dueDate, { zone: "UTC" }).diff(DateTime.fromISO(today, { zone: "UTC" }), "days").days);
  if (days === 0) return "today";
  if (days === 1) return "tomorrow";
  if (days === -1) return "yesterday";
  return days > 0 ? `in ${days} days` : `${-days} days ago`;
}

/** The next stage still to come after `at`, and its day: for /reminders. */
export function nextReminder(plan: Omit<ReminderPlan, "since">, at: Date): { stage: ReminderStage; day: string } | null {
  const due = at09(plan.dueDate, plan.timeZone);
  if (!due.isValid) return null;
  const stages: Array<[ReminderStage, DateTime]> = [];
  if (plan.remindDays !== null && plan.remindDays > 0) stages.push(["before", due.minus({ days: plan.remindDays })]);
  if (plan.remindDays !== null) stages.push(["due", due]);
  if (plan.ghostDays !== null) stages.push(["ghost", due.plus({ days: plan.ghostDays })]);
  const next = stages.find(([, moment]) => moment.toMillis() > at.getTime());
  return next ? { stage: next[0], day: next[1].toISODate()! } : null;
}
