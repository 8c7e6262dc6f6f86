// The payouts ledger (docs/payouts.md): per creator and campaign, what they earned in money (the
// report's own figures, src/db/report-queries.ts, so earnings and spend never disagree), what was
// paid (Payment rows) and what is owed. /payout list and a creator's /my earnings both read it.

import type { Campaign, Workspace } from "../generated/prisma/client.ts";
import type { Db } from "./client.ts";
import { campaignFigures } from "./report-queries.ts";
import { thresholdsOf } from "./tier-thresholds.ts";
import { earnedMinor } from "../domain/payouts.ts";
import { inRange, type DayRange } from "../domain/periods.ts";

export interface LastPayment {
  day: string;
  amount: number;
  ref: string;
}

export interface PayoutRow {
  /** null: a payment whose campaign is gone. */
  campaignId: number | null;
  campaignName: string | null;
  currency: string;
  creatorId: number;
  handle: string;
  handleKey: string;
  /** Enrolled in the campaign now (a creator taken out keeps their payments' row). */
  enrolled: boolean;
  /** Earned in money in the period (minor units): fees (cash fee and product), commission (and per order). */
  fees: number;
  commission: number;
  earned: number;
  /** Spend in kind in the period: not owed. */
  inKind: number;
  /** Paid in the period. */
  paid: number;
  /** Owed now, whatever the period: everything earned less everything paid. Negative: paid more than earned. */
  owed: number;
  /** The latest payment, whatever the period. */
  lastPayment: LastPayment | null;
  /** They have a refund in this campaign (a negative owed then says "after a refund"). */
  refunded: boolean;
}

export interface PayoutScope {
  campaignId?: number;
  creatorId?: number;
}

const ALL: DayRange = { from: null, to: null };

/**
 * One row per creator and campaign in the scope: every enrolment, and every campaign a creator
 * was paid for. Earned and paid are the period's; owed is always all-time. Sorted by campaign
 * name, then handle.
 */
export async function payoutRows(db: Db, workspace: Workspace, scope: PayoutScope, range: DayRange = ALL): Promise<PayoutRow[]> {
  const whole = range.from === null && range.to === null;
  const rows = await ledger(db, workspace, scope, ALL);
  if (whole) return rows;
  const owedBy = new Map(rows.map((r) => [keyOf(r.campaignId, r.creatorId), r.owed]));
  const inPeriod = await ledger(db, workspace, scope, range);
  return inPeriod.map((r) => ({ ...r, owed: owedBy.get(keyOf(r.campaignId, r.creatorId)) ?? r.owed }));
}

const keyOf = (campaignId: number | null, creatorId: number) => `${campaignId ?? "-"}:${creatorId}`;

async function ledger(db: Db, workspace: Workspace, scope: PayoutScope, range: DayRange): Promise<PayoutRow[]> {
  const workspaceId = workspace.id;
  const payments = await db.payment.findMany({
    where: { workspaceId, ...(scope.campaignId !== undefined ? { campaignId: scope.campaignId } : {}), ...(scope.creatorId !== undefined ? { creatorId: scope.creatorId } : {}) },
    select: { creatorId: true, campaignId: true, amount: true, currency: true, day: true, ref: true, creator: { select: { handle: true, handleKey: true } } },
    orderBy: [{ day: "asc" }, { id: "asc" }],
  });
  const campaigns = await campaignsOf(db, workspaceId, scope, payments);
  const thresholds = thresholdsOf(workspace);
  const rows = new Map<string, PayoutRow>();
  // One campaign at a time: a command's transaction holds one connection.
  for (const campaign of campaigns) {
    const figures = await campaignFigures(db, campaign, range, thresholds, { lists: false });
    for (const c of figures.creators) {
      if (scope.creatorId !== undefined && c.creatorId !== scope.creatorId) continue;
      const money = earnedMinor(c.earned);
      rows.set(keyOf(campaign.id, c.creatorId), {
        campaignId: campaign.id,
        campaignName: campaign.name,
        currency: campaign.currency,
        creatorId: c.creatorId,
        handle: c.handle,
        handleKey: c.handleKey,
        enrolled: true,
        fees: money.fees,
        commission: money.commission,
        earned: money.earned,
        inKind: money.inKind,
        paid: 0,
        owed: 0,
        lastPayment: null,
        refunded: false,
      });
    }
  }
  const names = new Map(campaigns.map((c) => [c.id, c.name]));
  const paidAll = new Map<string, number>();
  for (const p of payments) {
    const key = keyOf(p.campaignId, p.creatorId);
    let row = rows.get(key);
    if (!row) {
      row = {
        campaignId: p.campaignId,
        campaignName: p.campaignId === null ? null : (names.get(p.campaignId) ?? null),
        currency: p.currency,
        creatorId: p.creatorId,
        handle: p.creator.handle,
        handleKey: p.creator.handleKey,
        enrolled: false,
        fees: 0,
        commission: 0,
        earned: 0,
        inKind: 0,
        paid: 0,
        owed: 0,
        lastPayment: null,
        refunded: false,
      };
      rows.set(key, row);
    }
    if (inRange(p.day, range)) row.paid += p.amount;
    paidAll.set(key, (paidAll.get(key) ?? 0) + p.amount);
    row.lastPayment = { day: p.day, amount: p.amount, ref: p.ref };
  }
  const refunds = await db.redemption.groupBy({
    by: ["campaignId", "creatorId"],
    where: { workspaceId, refundOfId: { not: null }, campaignId: { in: campaigns.map((c) => c.id) }, ...(scope.creatorId !== undefined ? { creatorId: scope.creatorId } : {}) },
  });
  for (const r of refunds) {
    const row = rows.get(keyOf(r.campaignId, r.creatorId));
    if (row) row.refunded = true;
  }
  for (const [key, row] of rows) row.owed = row.earned - (paidAll.get(key) ?? 0);
  return [...rows.values()].sort(
    (a, b) => compare(a.campaignName ?? "", b.campaignName ?? "") || (a.campaignId ?? 0) - (b.campaignId ?? 0) || compare(a.handleKey, b.handleKey),
  );
}

const compare = (a: string, b: string) => {
  const [x, y] = [a.toLowerCase(), b.toLowerCase()];
  return x < y ? -1 : x > y ? 1 : 0;
};

/** The campaigns the scope covers: the one asked for, or those with an enrolment or a payment in the scope. */
async function campaignsOf(db: Db, workspaceId: number, scope: PayoutScope, payments: Array<{ campaignId: number | null }>): Promise<Campaign[]> {
  if (scope.campaignId !== undefined) return db.campaign.findMany({ where: { workspaceId, id: scope.campaignId } });
  const paidFor = payments.map((p) => p.campaignId).filter((id): id is number => id !== null);
  return db.campaign.findMany({
    where: {
      workspaceId,
      OR: [{ enrolments: { some: scope.creatorId !== undefined ? { creatorId: scope.creatorId } : {} } }, { id: { in: paidFor } }],
    },
    orderBy: { id: "asc" },
  });
}
