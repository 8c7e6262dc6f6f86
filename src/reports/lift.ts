// The report's "Lift vs baseline" line (docs/reports.md "Lift"): the shop's total sales a day
// during the campaign against its total sales a day before it (the baseline). Never the codes'
// sales against the shop's: without total sales during the campaign, lift reads n/a and says how
// to record them.

import type { NumberWriter } from "../core/format.ts";
import type { Field } from "../core/reply.ts";
import { lift } from "../domain/metrics.ts";
import { daysBetween } from "../domain/periods.ts";

export interface LiftInputs {
  campaignName: string;
  baseline: { orders: number | null; revenue: number | null; days: number | null };
  /** The campaign days of the report's period (to its end, or yesterday while it runs); null: none. */
  days: { from: string; to: string } | null;
  /** The shop's recorded totals on those days; `days` is how many of them have a record. */
  shop: { days: number; orders: number; revenue: number };
}


export function liftFields(input: LiftInputs, numbers: NumberWriter): Field[] {
  const { baseline, days, shop } = input;
  const hasBaseline = baseline.days !== null && baseline.days > 0;
  // Nothing to say about lift until one side of it is known.
  if (!hasBaseline && shop.days === 0) return [];
  const label = "Lift vs baseline";
  const quoted = `"${input.campaignName}"`;
  if (!hasBaseline) return [{ label, value: `n/a: no baseline yet; record the sales before the campaign with /campaign baseline ${quoted} orders:<n> revenue:<money> days:<n>` }];
  if (days === null) return [{ label, value: "n/a: the campaign has no whole day in this period yet" }];
  if (shop.days === 0) {
    return [{ label, value: `n/a: the shop's total sales during the campaign are not recorded; record each day with /campaign sales ${quoted} <date> orders:<n> revenue:<money>` }];
  }
  const signedPercent = (x: number | null) => (x === null ? "n/a" : numbers.signedPercent(x));
  const o = lift(shop.orders, shop.days, baseline.orders, baseline.days);
  const v = lift(shop.revenue, shop.days, baseline.revenue, baseline.days);
  const span = daysBetween(days.from, days.to);
  const coverage = shop.days === span ? `${numbers.count(span)} day${span === 1 ? "" : "s"}` : `${numbers.count(shop.days)} of ${numbers.count(span)} days recorded`;
  return [{ label, value: `orders ${signedPercent(o)}, revenue ${signedPercent(v)} a day (shop's total sales, ${coverage}, ${days.from}..${days.to})` }];
}
