// Committed and spent money of a campaign, aggregated in the database (docs/reports.md "How reports
// add up"): each enrolment's (wave's) fixed costs count as spent once it has a post that counts
// (live, and approved where the campaign asks for approval: src/domain/approval.ts), committed
// until then; commissions are spent with the orders, at the terms of the wave in force on their day.

import type { Db } from "./client.ts";
import { fixedCostUnits, unitsToMinor, variableCostUnits } from "../domain/spend.ts";
import { salesByWave, type Sales, type SalesReader } from "./wave-sales.ts";

export interface CampaignBudget {
  committed: number;
  spent: number;
}

export async function campaignBudget(db: Db, campaignId: number): Promise<CampaignBudget> {
  const [enrolments, posted, sales, workspace] = await Promise.all([
    db.enrolment.findMany({
      where: { campaignId },
      select: { id: true, creatorId: true, wave: true, waveStartedAt: true, fee: true, productCost: true, commissionBps: true, perOrder: true },
    }),
    db.post.groupBy({ by: ["enrolmentId"], where: { campaignId, counts: true } }),
    db.salesDay.groupBy({ by: ["creatorId"], where: { campaignId }, _sum: { revenue: true, orders: true } }),
    db.workspace.findFirstOrThrow({ where: { campaigns: { some: { id: campaignId } } }, select: { timeZone: true } }),
  ]);
  const hasPosted = new Set(posted.map((p) => p.enrolmentId));
  const totals = new Map<number, Sales>(sales.map((s) => [s.creatorId, { orders: s._sum.orders ?? 0, revenue: s._sum.revenue ?? 0 }]));
  const salesSince: SalesReader = async (days, creatorIds) => {
    const rows = await db.salesDay.groupBy({
      by: ["creatorId"],
      where: { campaignId, creatorId: { in: creatorIds }, day: { ...(days.from !== null ? { gte: days.from } : {}), ...(days.to !== null ? { lte: days.to } : {}) } },
      _sum: { revenue: true, orders: true },
    });
    return new Map(rows.map((s) => [s.creatorId, { orders: s._sum.orders ?? 0, revenue: s._sum.revenue ?? 0 }]));
  };
  const byWave = await salesByWave(enrolments, totals, { from: null, to: null }, workspace.timeZone, salesSince);
  let committed = 0;
  let spent = 0;
  for (const e of enrolments) {
    if (hasPosted.has(e.id)) spent += fixedCostUnits(e);
    else committed += fixedCostUnits(e);
    const s = byWave.get(e.id);
    spent += variableCostUnits(e, s?.revenue ?? 0, s?.orders ?? 0);
  }
  return { committed: unitsToMinor(committed), spent: unitsToMinor(spent) };
}
