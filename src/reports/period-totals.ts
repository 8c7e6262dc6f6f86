// The period totals that /report and the digest both lead with, each with its change against
// the period before beside it: counts and money in percent of what they were, rates (engagement
// rate, CTR) in percentage points.

import type { NumberWriter } from "../core/format.ts";
import type { Field } from "../core/reply.ts";
import { change, pointChange, ratesOf, type Figures } from "../domain/metrics.ts";
import { unitsToMinor } from "../domain/spend.ts";


/** " (+0.4 pp)": one decimal, two when one would read 0.0; nothing when either rate is n/a. */
function points(pp: number | null, numbers: NumberWriter): string {
  if (pp === null) return "";
  const digits = Math.abs(pp) >= 0.05 ? 1 : 2;
  if (Number(pp.toFixed(digits)) === 0) return ` (${numbers.decimal(0, 1)} pp)`;
  return ` (${pp > 0 ? "+" : ""}${numbers.decimal(pp, digits)} pp)`;
}

export function totalsFields(current: Figures, previous: Figures | null, currency: string, numbers: NumberWriter): Field[] {
  const rates = ratesOf(current);
  const before = previous ? ratesOf(previous) : null;
  const money = (minor: number) => numbers.money(Math.round(minor), currency);
  const signed = (fraction: number | null) => (fraction === null ? "" : ` (${numbers.signedPercent(fraction)})`);
  const d = (now: number | null, then: number | null | undefined) => (previous ? signed(change(now, then ?? null)) : "");
  const pp = (now: number | null, then: number | null | undefined) => (previous ? points(pointChange(now, then ?? null), numbers) : "");
  return [
    { label: "Posts", value: `${numbers.count(current.posts)}${d(current.posts, previous?.posts)}` },
    { label: "Views", value: `${numbers.count(current.views)}${d(current.views, previous?.views)}` },
    { label: "Engagements", value: `${numbers.count(rates.engagements)}${d(rates.engagements, before?.engagements)}` },
    { label: "Engagement rate", value: `${numbers.percent(rates.engagementRate)}${pp(rates.engagementRate, before?.engagementRate)}` },
    { label: "Clicks", value: `${numbers.count(current.clicks)}${d(current.clicks, previous?.clicks)}, CTR ${numbers.percent(rates.ctr)}${pp(rates.ctr, before?.ctr)}` },
    { label: "Orders", value: `${numbers.count(current.orders)}${d(current.orders, previous?.orders)}` },
    { label: "Revenue", value: `${money(current.revenue)}${d(current.revenue, previous?.revenue)}` },
    { label: "Spend", value: `${money(unitsToMinor(current.spendUnits))}${d(current.spendUnits, previous?.spendUnits)}` },
    { label: "CPA", value: `${rates.cpa === null ? "n/a" : money(rates.cpa)}${d(rates.cpa, before?.cpa)}` },
    { label: "ROAS", value: `${rates.roas === null ? "n/a" : numbers.decimal(rates.roas, 2)}${d(rates.roas, before?.roas)}` },
  ];
}
