// Whom to scale and whom to review or pause (docs/reports.md): the best by ROAS (or CPA) in sales and
// sign-up campaigns, by engagement rate otherwise; below-benchmark creators and the worst CPA.

import { ratesOf, type Figures, type Rates } from "./metrics.ts";
import { benchmarkBand, type Tier } from "./tiers.ts";

export interface Performer {
  handle: string;
  tier: Tier;
  figures: Figures;
}

export interface Advice {
  handle: string;
  reasons: string[];
}

export interface Recommendations {
  /** What ranks creators in this campaign. */
  rankedBy: "roas" | "cpa" | "engagement rate";
  scale: Advice[];
  review: Advice[];
}

const salesLike = (objective: string) => objective === "sales" || objective === "signups";

/** Sort key: higher is better; null sorts last. */
function rankValue(objective: string, rates: Rates): number | null {
  if (!salesLike(objective)) return rates.engagementRate;
  if (rates.roas !== null) return rates.roas;
  return rates.cpa === null ? null : -rates.cpa;
}

export function recommend(
  objective: string,
  performers: Performer[],
  describe: { money: (minor: number) => string; percent: (rate: number | null, decimals?: number) => string },
  top = 3,
): Recommendations {
  /** A rate shown beside the bound it is under: more decimals while rounding would show it equal ("1.96%, below 2.0%", not "2.0%, below 2.0%"). */
  const under = (rate: number, bound: number) => {
    let decimals: number | undefined;
    for (let d = 1; d < 4 && Number((rate * 100).toFixed(d)) >= bound * 100; d++) decimals = d + 1;
    return describe.percent(rate, decimals);
  };
  const rows = performers.filter((p) => p.figures.posts > 0 || p.figures.orders > 0).map((p) => ({ ...p, rates: ratesOf(p.figures) }));
  const anySpend = rows.some((r) => r.rates.roas !== null);
  const rankedBy: Recommendations["rankedBy"] = salesLike(objective) ? (anySpend ? "roas" : "cpa") : "engagement rate";

  const scored = rows
    .map((r) => ({ ...r, score: rankValue(objective, r.rates) }))
    .filter((r): r is typeof r & { score: number } => r.score !== null)
    .sort((a, b) => b.score - a.score || a.handle.localeCompare(b.handle));

  const scale: Advice[] = [];
  for (const r of scored) {
    if (scale.length >= top) break;
    const band = benchmarkBand(r.tier);
    // Only creators whose posts are live are scaled: orders before any post are likely a leaked code.
    if (r.figures.posts === 0) continue;
    if (salesLike(objective)) {
      if (r.rates.roas !== null && r.rates.roas < 1) continue; // losing money is not scaled
      if (r.figures.orders === 0) continue;
      scale.push({
        handle: r.handle,
        reasons: [r.rates.roas !== null ? `ROAS ${r.rates.roas.toFixed(2)}` : null, r.rates.cpa !== null ? `CPA ${describe.money(r.rates.cpa)}` : null, `${r.figures.orders} orders`].filter(
          (x): x is string => x !== null,
        ),
      });
    } else if (r.rates.engagementRate !== null && r.rates.engagementRate >= band.low) {
      scale.push({ handle: r.handle, reasons: [`engagement rate ${describe.percent(r.rates.engagementRate)} (${r.tier} benchmark ${describe.percent(band.low)}–${describe.percent(band.high)})`] });
    }
  }

  const review = new Map<string, string[]>();
  const add = (handle: string, reason: string) => review.set(handle, [...(review.get(handle) ?? []), reason]);
  for (const r of rows) {
    const band = benchmarkBand(r.tier);
    if (r.figures.posts > 0 && r.rates.engagementRate !== null && r.rates.engagementRate < band.low) {
      add(r.handle, `engagement rate ${under(r.rates.engagementRate, band.low)}, below the ${r.tier} benchmark of ${describe.percent(band.low)}–${describe.percent(band.high)}`);
    }
    if (salesLike(objective) && r.figures.spendUnits > 0 && r.figures.orders === 0) add(r.handle, `no orders yet`);
  }
  if (salesLike(objective)) {
    const withCpa = rows.filter((r) => r.rates.cpa !== null).sort((a, b) => b.rates.cpa! - a.rates.cpa!);
    const worst = withCpa[0];
    if (worst && withCpa.length >= 2 && !scale.some((s) => s.handle === worst.handle)) add(worst.handle, `worst CPA, ${describe.money(worst.rates.cpa!)}`);
  }
  const scaled = new Set(scale.map((s) => s.handle));
  return {
    rankedBy,
    scale,
    review: [...review.entries()].filter(([h]) => !scaled.has(h)).map(([handle, reasons]) => ({ handle, reasons })),
  };
}
