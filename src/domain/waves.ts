// Waves of a campaign (issue 23, docs/reminders.md "Waves"): a creator has one enrolment per wave
// they are in, each with its own terms, due date, posts and fee. These are the rules that say
// which wave a post belongs to and which wave's terms an order is paid at.

import { DateTime } from "luxon";

/** One of a creator's enrolments in a campaign, as the rules need it. */
export interface WaveSpan {
  wave: number;
  /** When the wave began for a creator already in an earlier one (Enrolment.waveStartedAt); null for their first. */
  waveStartedAt: Date | null;
}

/** The day a wave began in the workspace's zone, or null. */
export const startDayOf = (span: WaveSpan, timeZone: string): string | null =>
  span.waveStartedAt ? DateTime.fromJSDate(span.waveStartedAt, { zone: timeZone }).toISODate() : null;

/**
 * The first day each wave's orders count from, in wave order: the first wave from the start (null),
 * each later one from the day it began (never before the wave before it). An order is paid at the
 * terms of the wave in force on its day, so each order is counted once whatever the waves.
 */
export function orderStartDays(spans: readonly WaveSpan[], timeZone: string): Array<string | null> {
  const sorted = [...spans].sort((a, b) => a.wave - b.wave);
  const days: Array<string | null> = [];
  let previous: string | null = null;
  sorted.forEach((span, i) => {
    if (i === 0) {
      days.push(null);
      return;
    }
    const own = startDayOf(span, timeZone);
    const day: string | null = own === null ? previous : previous === null || own > previous ? own : previous;
    days.push(day);
    previous = day;
  });
  return days;
}

/** A wave a new post could belong to: its number, the day it began, and whether it has a post already. */
export interface PostWaveCandidate {
  wave: number;
  startDay: string | null;
  delivered: boolean;
}

export type PostWave = { wave: number } | { ask: number[] };

/**
 * Which wave a post of `postedDay` is for: only waves begun by that day can be (else the first);
 * of those, the one not delivered yet (no post) when there is one; when every one is delivered, the
 * latest (another post for the wave in force). Two or more not delivered are two readings (an
 * overdue post for the earlier wave, or the next one's): asked, never guessed.
 */
export function waveForPost(candidates: readonly PostWaveCandidate[], postedDay: string): PostWave {
  const sorted = [...candidates].sort((a, b) => a.wave - b.wave);
  const begun = sorted.filter((c, i) => i === 0 || c.startDay === null || c.startDay <= postedDay);
  const open = begun.filter((c) => !c.delivered);
  if (open.length === 1) return { wave: open[0]!.wave };
  if (open.length > 1) return { ask: open.map((c) => c.wave) };
  return { wave: begun.at(-1)!.wave };
}

/** "wave 1", "waves 1 and 2", "waves 1, 2 and 3". */
export const wavesInWords = (waves: readonly number[]) =>
  waves.length <= 1 ? `wave ${waves.join("")}` : `waves ${waves.slice(0, -1).join(", ")} and ${waves.at(-1)}`;
