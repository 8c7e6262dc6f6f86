// A workspace's advice thresholds (/settings min-orders: min-views: grace-hours:), as the domain's advice rules read them.

import type { AdviceRules } from "../domain/advice.ts";
import type { Workspace } from "../generated/prisma/client.ts";

export const adviceRulesOf = (w: Workspace, now: Date): AdviceRules => ({ minOrders: w.adviceMinOrders, minViews: w.adviceMinViews, graceHours: w.adviceGraceHours, now });
