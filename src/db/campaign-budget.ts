// Committed and spent money of a campaign, aggregated in the database (docs/reports.md "How reports
// add up"): fixed costs count as spent once the creator has a post that counts (live, and approved
// where the campaign asks for approval: src/domain/approval.ts), committed until then.

import type { Db } from "./client.ts";
import { fixedCostUnits, unitsToMinor, variableCostUnits } from "../domain/spend.ts";

export interface CampaignBudget {
  committed: number;
  spent: number;
}

export async function campaignBudget(db: Db, campaignId: number): Promise<CampaignBudget> {
  const [enrolments, posted, sales] = await Promise.all([
    db.enrolment.findMany({ where: { campaignId }, select: { creatorId: true, fee: true, productCost: true, commissionBps: true, perOrder: true } }),
    db.post.groupBy({ by: ["creatorId"], where: { campaignId, counts: true } }),
    db.salesDay.groupBy({ by: ["creatorId"], where: { campaignId }, _sum: { revenue: true, orders: true } }),
  ]);
  const hasPosted = new Set(posted.map((p) => p.creatorId));
  const salesBy = new Map(sales.map((s) => [s.creatorId, s._sum]));
  let committed = 0;
  let spent = 0;
  for (const e of enrolments) {
    if (hasPosted.has(e.creatorId)) spent += fixedCostUnits(e);
    else committed += fixedCostUnits(e);
    const s = salesBy.get(e.creatorId);
    spent += variableCostUnits(e, s?.revenue ?? 0, s?.orders ?? 0);
  }
  return { committed: unitsToMinor(committed), spent: unitsToMinor(spent) };
}
