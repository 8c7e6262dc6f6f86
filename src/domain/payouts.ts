// What is owed to creators (docs/payouts.md): per creator and campaign, what they earned in money
// by spend's rules (src/domain/spend.ts: cash fee and product once they have posted, commission and
// per order on their orders after refunds), rounded half up to the cent once, less what was paid.
// Sums are per currency: amounts in two currencies are never added.

import { SPEND_SCALE, unitsToMinor, type Earned } from "./spend.ts";

export const PAYOUT_STATUSES = ["owed", "paid", "all"] as const;
export type PayoutStatus = (typeof PAYOUT_STATUSES)[number];

/** Earned money of one creator in one campaign, in minor units; the parts add up to `earned`. */
export interface EarnedMinor {
  /** Fee and product paid in money, once they have posted (whole minor units already). */
  fees: number;
  /** Commission and per order, after refunds: `earned - fees`, so the parts add up when shown. */
  commission: number;
  /** fees + commission, rounded half up once. */
  earned: number;
  /** Spend in kind (product seeding), never owed. */
  inKind: number;
}

export function earnedMinor(e: Earned): EarnedMinor {
  const fees = Math.round(e.feesUnits / SPEND_SCALE);
  const total = unitsToMinor(e.feesUnits + e.commissionUnits);
  return { fees, commission: total - fees, earned: total, inKind: unitsToMinor(e.inKindUnits) };
}

export interface LedgerLine {
  currency: string;
  earned: number;
  paid: number;
  owed: number;
}

/** Who a status shows: `owed` anything not settled (owed above or below zero), `paid` anyone paid, `all` everyone. */
export function showsUnder(status: PayoutStatus, line: Pick<LedgerLine, "paid" | "owed">): boolean {
  if (status === "owed") return line.owed !== 0;
  if (status === "paid") return line.paid !== 0;
  return true;
}

export interface CurrencyTotal {
  currency: string;
  earned: number;
  paid: number;
  owed: number;
}

/** Totals per currency, in alphabetical order of the currency code. */
export function totalsByCurrency(lines: readonly LedgerLine[]): CurrencyTotal[] {
  const by = new Map<string, CurrencyTotal>();
  for (const l of lines) {
    const t = by.get(l.currency) ?? { currency: l.currency, earned: 0, paid: 0, owed: 0 };
    t.earned += l.earned;
    t.paid += l.paid;
    t.owed += l.owed;
    by.set(l.currency, t);
  }
  return [...by.values()].sort((a, b) => (a.currency < b.currency ? -1 : a.currency > b.currency ? 1 : 0));
}
