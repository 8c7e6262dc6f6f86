// The period totals that /report and the digest both lead with, each with its change against
// the period before beside it: counts and money in percent of what they were, rates (engagement
// rate, CTR) in percentage points.

import { formatCount, formatMoney, formatPercent } from "../core/format.ts";
import type { Field } from "../core/reply.ts";
import { change, pointChange, ratesOf, type Figures } from "../domain/metrics.ts";
import { unitsToMinor } from "../domain/spend.ts";

const signed = (fraction: number | null) => (fraction === null ? "" : ` (${fraction >= 0 ? "+" : ""}${(fraction * 100).toFixed(0)}%)`);

/** " (+0.4 pp)": one decimal, two when one would read 0.0; nothing when either rate is n/a. */
function points(pp: number | null): string {
  if (pp === null) return "";
  const text = Math.abs(pp) >= 0.05 ? pp.toFixed(1) : pp.toFixed(2);
  if (Number(text) === 0) return " (0.0 pp)";
  return ` (${pp > 0 ? "+" : ""}${text} pp)`;
}

export function totalsFields(current: Figures, previous: Figures | null, currency: string): Field[] {
  const rates = ratesOf(current);
  const before = previous ? ratesOf(previous) : null;
  const money = (minor: number) => formatMoney(Math.round(minor), currency);
  const d = (now: number | null, then: number | null | undefined) => (previous ? signed(change(now, then ?? null)) : "");
  const pp = (now: number | null, then: number | null | undefined) => (previous ? points(pointChange(now, then ?? null)) : "");
  return [
    { label: "Posts", value: `${formatCount(current.posts)}${d(current.posts, previous?.posts)}` },
    { label: "Views", value: `${formatCount(current.views)}${d(current.views, previous?.views)}` },
    { label: "Engagements", value: `${formatCount(rates.engagements)}${d(rates.engagements, before?.engagements)}` },
    { label: "Engagement rate", value: `${formatPercent(rates.engagementRate)}${pp(rates.engagementRate, before?.engagementRate)}` },
    { label: "Clicks", value: `${formatCount(current.clicks)}${d(current.clicks, previous?.clicks)}, CTR ${formatPercent(rates.ctr)}${pp(rates.ctr, before?.ctr)}` },
    { label: "Orders", value: `${formatCount(current.orders)}${d(current.orders, previous?.orders)}` },
    { label: "Revenue", value: `${money(current.revenue)}${d(current.revenue, previous?.revenue)}` },
    { label: "Spend", value: `${money(unitsToMinor(current.spendUnits))}${d(current.spendUnits, previous?.spendUnits)}` },
    { label: "CPA", value: `${rates.cpa === null ? "n/a" : money(rates.cpa)}${d(rates.cpa, before?.cpa)}` },
    { label: "ROAS", value: `${rates.roas === null ? "n/a" : rates.roas.toFixed(2)}${d(rates.roas, before?.roas)}` },
  ];
}
