// Report periods: `7d`, `30d`, `all`, or `2026-12-01..2026-12-14`, as ranges of calendar days in
// the workspace's time zone, each with the period of the same length before it.

import { DateTime } from "luxon";
import type { Parsed } from "./parsed.ts";

export type PeriodSpec = { kind: "all" } | { kind: "last"; days: number } | { kind: "range"; from: string; to: string };

export function parsePeriod(raw: string): Parsed<PeriodSpec> {
  const text = raw.trim().toLowerCase();
  if (text === "all") return { ok: true, value: { kind: "all" } };
  const last = /^(\d{1,3})d$/.exec(text);
  if (last) {
    const days = Number(last[1]);
    if (days < 1 || days > 366) return { ok: false, reason: `"${raw}" must be between 1d and 366d` };
    return { ok: true, value: { kind: "last", days } };
  }
  const range = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/.exec(text);
  if (range) {
    const [from, to] = [range[1]!, range[2]!];
    if (!DateTime.fromISO(from).isValid || !DateTime.fromISO(to).isValid) return { ok: false, reason: `"${raw}" has a date that does not exist` };
    if (to < from) return { ok: false, reason: `"${raw}" ends before it starts` };
    return { ok: true, value: { kind: "range", from, to } };
  }
  return { ok: false, reason: `"${raw}" is not a period` };
}

/** Inclusive days; null bounds mean "from the beginning" / "until now". */
export interface DayRange {
  from: string | null;
  to: string | null;
}

export interface Period extends DayRange {
  label: string;
  /** Number of days covered, for daily averages (lift). */
  days: number;
  /** The period of the same length just before; null for "all". */
  previous: DayRange | null;
}

export const addDays = (day: string, n: number) => DateTime.fromISO(day, { zone: "utc" }).plus({ days: n }).toISODate()!;
export const daysBetween = (from: string, to: string) => Math.round(DateTime.fromISO(to, { zone: "utc" }).diff(DateTime.fromISO(from, { zone: "utc" }), "days").days) + 1;

/**
 * Resolves a spec against today (in the workspace's zone). For "all", `firstDay` (the campaign's
 * start or first activity) gives the number of days.
 */
export function resolvePeriod(spec: PeriodSpec, today: string, firstDay: string | null): Period {
  if (spec.kind === "last") {
    const from = addDays(today, -(spec.days - 1));
    return { from, to: today, days: spec.days, label: `last ${spec.days} days (${from}..${today})`, previous: { from: addDays(from, -spec.days), to: addDays(from, -1) } };
  }
  if (spec.kind === "range") {
    const days = daysBetween(spec.from, spec.to);
    return { from: spec.from, to: spec.to, days, label: `${spec.from}..${spec.to}`, previous: { from: addDays(spec.from, -days), to: addDays(spec.from, -1) } };
  }
  const start = firstDay && firstDay <= today ? firstDay : today;
  return { from: null, to: null, days: daysBetween(start, today), label: "whole campaign", previous: null };
}

export const inRange = (day: string, range: DayRange) => (range.from === null || day >= range.from) && (range.to === null || day <= range.to);

/**
 * The days a campaign ran, for daily averages (lift): from its start (or, without a start date,
 * its first post or order) to its end, or to yesterday while it runs (today is not over). An order
 * dated before the start does not move it. null: not one whole day yet.
 */
export function campaignDays(campaign: { startDate: string | null; endDate: string | null }, firstActivity: string | null, today: string): { from: string; to: string } | null {
  const from = campaign.startDate ?? firstActivity;
  if (from === null) return null;
  const yesterday = addDays(today, -1);
  const to = campaign.endDate !== null && campaign.endDate < yesterday ? campaign.endDate : yesterday;
  return to < from ? null : { from, to };
}

/** The days two ranges share; null when none. */
export function overlap(a: { from: string; to: string }, b: DayRange): { from: string; to: string } | null {
  const from = b.from !== null && b.from > a.from ? b.from : a.from;
  const to = b.to !== null && b.to < a.to ? b.to : a.to;
  return to < from ? null : { from, to };
}
