// When a digest is due, in its schedule's own time zone, and which days it covers. Daily:
// the previous calendar day; weekly: the seven days ending yesterday. Daylight-saving days
// still have exactly one 09:00 (luxon moves a time that does not exist forward, and takes the
// first of a time that happens twice).

import { DateTime } from "luxon";
import { addDays } from "./periods.ts";

export const WEEKDAYS = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"] as const;
export type Weekday = (typeof WEEKDAYS)[number];

export interface ScheduleTiming {
  frequency: "daily" | "weekly";
  /** 1 = Monday … 7 = Sunday (weekly only). */
  weekday: number | null;
  /** "HH:MM" in timeZone. */
  time: string;
  timeZone: string;
}

export interface DigestPeriod {
  from: string;
  to: string;
  /** The unique key of a run: "2026-11-22" or "2026-11-16..2026-11-22". */
  key: string;
  /** The period of the same length just before, to compare with. */
  previous: { from: string; to: string };
}

/** The timing of a stored schedule row. */
export const timingOf = (s: ScheduleTiming): ScheduleTiming => ({
  frequency: s.frequency,
  weekday: s.weekday,
  time: s.time,
  timeZone: s.timeZone,
});

/** "daily", "weekly" (Mondays) or a weekday name → frequency and weekday. */
export function readFrequency(text: string): { frequency: "daily" | "weekly"; weekday: number | null } | null {
  const t = text.toLowerCase();
  if (t === "daily") return { frequency: "daily", weekday: null };
  if (t === "weekly") return { frequency: "weekly", weekday: 1 };
  const index = WEEKDAYS.indexOf(t as Weekday);
  return index === -1 ? null : { frequency: "weekly", weekday: index + 1 };
}

export function describeTiming(t: ScheduleTiming): string {
  const day = t.frequency === "daily" ? "every day" : `every ${capitalise(WEEKDAYS[(t.weekday ?? 1) - 1]!)}`;
  return `${day} at ${t.time} ${t.timeZone}`;
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** The fire time of a schedule on a local calendar day. */
function fireTimeOn(t: ScheduleTiming, localDay: DateTime): DateTime {
  const [hour, minute] = t.time.split(":").map(Number) as [number, number];
  return DateTime.fromObject({ year: localDay.year, month: localDay.month, day: localDay.day, hour, minute }, { zone: t.timeZone });
}

/** The most recent moment at or before `now` when the schedule fired. */
export function latestOccurrence(t: ScheduleTiming, now: Date): DateTime {
  const local = DateTime.fromJSDate(now, { zone: t.timeZone }).startOf("day");
  for (let back = 0; back <= 8; back++) {
    const day = local.minus({ days: back });
    if (t.frequency === "weekly" && day.weekday !== t.weekday) continue;
    const fire = fireTimeOn(t, day);
    if (fire.toMillis() <= now.getTime()) return fire;
  }
  throw new Error("unreachable: a schedule fires at least weekly");
}

/** The next moment after `now` when the schedule fires. */
export function nextOccurrence(t: ScheduleTiming, now: Date): DateTime {
  const local = DateTime.fromJSDate(now, { zone: t.timeZone }).startOf("day");
  for (let ahead = 0; ahead <= 8; ahead++) {
    const day = local.plus({ days: ahead });
    if (t.frequency === "weekly" && day.weekday !== t.weekday) continue;
    const fire = fireTimeOn(t, day);
    if (fire.toMillis() > now.getTime()) return fire;
  }
  throw new Error("unreachable: a schedule fires at least weekly");
}

/** The days a digest that fires at `occurrence` covers. */
export function periodFor(frequency: "daily" | "weekly", occurrence: DateTime): DigestPeriod {
  const today = occurrence.toISODate()!;
  const to = addDays(today, -1);
  const length = frequency === "daily" ? 1 : 7;
  const from = addDays(to, -(length - 1));
  return {
    from,
    to,
    key: from === to ? from : `${from}..${to}`,
    previous: { from: addDays(from, -length), to: addDays(from, -1) },
  };
}

/** The period "so far" for /digest now: today, or the seven days ending today. */
export function periodSoFar(frequency: "daily" | "weekly", now: Date, timeZone: string): DigestPeriod {
  const tomorrow = DateTime.fromJSDate(now, { zone: timeZone }).plus({ days: 1 });
  return periodFor(frequency, tomorrow);
}
