// Each creator's orders split among their waves (issue 23): an order is paid at the terms of the
// wave in force on its day (src/domain/waves.ts), so commission and per-order amounts count once
// however many waves a creator is in. Only creators in two waves or more are read again, from
// each day a later wave began.

import type { DayRange } from "../domain/periods.ts";
import { orderStartDays } from "../domain/waves.ts";

export interface Sales {
  orders: number;
  revenue: number;
}

/** An enrolment as the split needs it. */
export interface WaveRow {
  id: number;
  creatorId: number;
  wave: number;
  waveStartedAt: Date | null;
}

/** Orders and revenue of some creators over some days, by creator. */
export type SalesReader = (days: DayRange, creatorIds: number[]) => Promise<Map<number, Sales>>;

const NONE: Sales = { orders: 0, revenue: 0 };

/** Orders and revenue of the range by enrolment, from each creator's total over the range (`totals`). */
export async function salesByWave(waves: readonly WaveRow[], totals: ReadonlyMap<number, Sales>, range: DayRange, timeZone: string, read: SalesReader): Promise<Map<number, Sales>> {
  const byCreator = new Map<number, WaveRow[]>();
  for (const w of waves) {
    const own = byCreator.get(w.creatorId);
    if (own) own.push(w);
    else byCreator.set(w.creatorId, [w]);
  }
  const out = new Map<number, Sales>();
  const split: Array<{ creatorId: number; ids: number[]; starts: Array<string | null> }> = [];
  const creatorsFrom = new Map<string, number[]>();
  for (const [creatorId, own] of byCreator) {
    if (own.length === 1) {
      out.set(own[0]!.id, totals.get(creatorId) ?? NONE);
      continue;
    }
    const sorted = [...own].sort((a, b) => a.wave - b.wave);
    const starts = orderStartDays(sorted, timeZone);
    split.push({ creatorId, ids: sorted.map((w) => w.id), starts });
    for (const day of new Set(starts)) if (day !== null) creatorsFrom.set(day, [...(creatorsFrom.get(day) ?? []), creatorId]);
  }
  // From each day a later wave began to the end of the range (one read at a time: a command's transaction holds one connection).
  const from = new Map<string, Map<number, Sales>>();
  for (const [day, creatorIds] of creatorsFrom) {
    if (range.to !== null && day > range.to) from.set(day, new Map());
    else from.set(day, await read({ from: range.from !== null && range.from > day ? range.from : day, to: range.to }, creatorIds));
  }
  for (const { creatorId, ids, starts } of split) {
    const since = (day: string | null) => (day === null ? (totals.get(creatorId) ?? NONE) : (from.get(day)?.get(creatorId) ?? NONE));
    ids.forEach((id, i) => {
      const own = since(starts[i] ?? null);
      const next = i + 1 < ids.length ? since(starts[i + 1] ?? null) : NONE;
      out.set(id, { orders: own.orders - next.orders, revenue: own.revenue - next.revenue });
    });
  }
  return out;
}
