// The period totals that /report and the digest both lead with, each with its change against
// the period before.

import { formatCount, formatMoney, formatPercent } from "../core/format.ts";
import type { Field } from "../core/reply.ts";
import { change, ratesOf, type Figures } from "../domain/metrics.ts";
import { unitsToMinor } from "../domain/spend.ts";

const signed = (fraction: number | null) => (fraction === null ? "" : ` (${fraction >= 0 ? "+" : ""}${(fraction * 100).toFixed(0)}%)`);

export function totalsFields(current: Figures, previous: Figures | null, currency: string): Field[] {
  const rates = ratesOf(current);
  const before = previous ? ratesOf(previous) : null;
  const money = (minor: number) => formatMoney(Math.round(minor), currency);
  const d = (now: number | null, then: number | null | undefined) => (previous ? signed(change(now, then ?? null)) : "");
  return [
    { label: "Posts", value: `${formatCount(current.posts)}${d(current.posts, previous?.posts)}` },
    { label: "Views", value: `${formatCount(current.views)}${d(current.views, previous?.views)}` },
    { label: "Engagements", value: `${formatCount(rates.engagements)}${d(rates.engagements, before?.engagements)}` },
    { label: "Engagement rate", value: `${formatPercent(rates.engagementRate)}${d(rates.engagementRate, before?.engagementRate)}` },
    { label: "Clicks", value: `${formatCount(current.clicks)}, CTR ${formatPercent(rates.ctr)}${d(current.clicks, previous?.clicks)}` },
    { label: "Orders", value: `${formatCount(current.orders)}${d(current.orders, previous?.orders)}` },
    { label: "Revenue", value: `${money(current.revenue)}${d(current.revenue, previous?.revenue)}` },
    { label: "Spend", value: `${money(unitsToMinor(current.spendUnits))}${d(current.spendUnits, previous?.spendUnits)}` },
    { label: "CPA", value: `${rates.cpa === null ? "n/a" : money(rates.cpa)}${d(rates.cpa, before?.cpa)}` },
    { label: "ROAS", value: `${rates.roas === null ? "n/a" : rates.roas.toFixed(2)}${d(rates.roas, before?.roas)}` },
  ];
}
