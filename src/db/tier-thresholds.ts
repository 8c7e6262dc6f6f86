// A workspace's tier thresholds (followers that make a nano, micro, macro or mega creator), as the domain's tier rules read them.

import type { Workspace } from "../generated/prisma/client.ts";
import type { TierThresholds } from "../domain/tiers.ts";

export const thresholdsOf = (w: Workspace): TierThresholds => ({ nano: w.tierNano, micro: w.tierMicro, macro: w.tierMacro, mega: w.tierMega });
