// What /payout list and a creator's /my earnings share: totals one per currency, the note on an
// owed below zero, and the earnings section itself, all from the rows of src/db/payouts.ts, so the
// two views agree to the cent.

import type { NumberWriter } from "../core/format.ts";
import type { ReplyBuilder } from "../core/reply.ts";
import type { PayoutRow } from "../db/payouts.ts";
import { totalsByCurrency } from "../domain/payouts.ts";

type Part = "fees" | "commission" | "earned" | "inKind" | "paid" | "owed";

/** One amount per currency, "€80.00 · $336.51": never two currencies in one sum. */
export function currencyTotals(rows: readonly PayoutRow[], numbers: NumberWriter, part: Part): string {
  const totals = totalsByCurrency(rows.map((r) => ({ currency: r.currency, earned: r[part], paid: 0, owed: 0 })));
  return totals.length === 0 ? "nothing" : totals.map((t) => numbers.money(t.earned, t.currency)).join(" · ");
}

/** Why a row's owed is below zero: of `@kate` for the team, or of "you" in a creator's own view (`who` null). */
export function overpaidNote(row: PayoutRow, numbers: NumberWriter, who: string | null): string {
  const owed = `owed ${numbers.money(row.owed, row.currency)}`;
  const after = row.refunded ? " after a refund" : "";
  const where = row.campaignName ? ` in "${row.campaignName}"` : "";
  if (who === null) return `${row.campaignName ? `"${row.campaignName}"` : "A campaign gone"}: ${owed}, you were paid more than you earned${after}; it comes off what you earn next.`;
  return `${who}${where}: ${owed}, paid more than earned${after}; it comes off what they earn next.`;
}

/** What was given in kind (product seeding), which is never owed; null when nothing was. */
export function inKindNote(rows: readonly PayoutRow[], numbers: NumberWriter): string | null {
  return rows.some((r) => r.inKind !== 0) ? `Not owed: ${currencyTotals(rows.filter((r) => r.inKind !== 0), numbers, "inKind")} given in kind (product seeding).` : null;
}

/**
 * A creator's earnings (their own rows only): per campaign, fees and commission earned and paid in
 * the period, owed now; then the totals per currency. `period`: the label of a period other than
 * the whole time, whose earned and paid are the period's while owed stays all-time.
 */
export function earningsSection(r: ReplyBuilder, rows: readonly PayoutRow[], numbers: NumberWriter, period: string | null): void {
  r.heading(period ? `Earnings, ${period}` : "Earnings");
  if (rows.length === 0) {
    r.text("Nothing earned yet: you are not in a campaign.");
    return;
  }
  const money = (minor: number, currency: string) => numbers.money(minor, currency);
  r.table(
    ["campaign", { header: "fees earned", align: "right" }, { header: "commission earned", align: "right" }, { header: "paid", align: "right" }, { header: "owed now", align: "right" }],
    rows.map((row) => [row.campaignName ?? "(campaign gone)", money(row.fees, row.currency), money(row.commission, row.currency), money(row.paid, row.currency), money(row.owed, row.currency)]),
  );
  r.fields([
    { label: "Fees earned", value: currencyTotals(rows, numbers, "fees") },
    { label: "Commission earned", value: currencyTotals(rows, numbers, "commission") },
    { label: period ? "Paid" : "Paid so far", value: currencyTotals(rows, numbers, "paid") },
    { label: "Owed now", value: currencyTotals(rows, numbers, "owed") },
  ]);
  for (const row of rows.filter((x) => x.owed < 0)) r.note(overpaidNote(row, numbers, null));
  const inKind = inKindNote(rows, numbers);
  if (inKind) r.note(inKind);
  if (period) r.note("Owed now is for all time, whatever the period.");
  r.note("Fees count from your first post in a campaign; commission and per-order amounts after refunds.");
}
